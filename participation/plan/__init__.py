"""The Werkstattplan: measures, their origin in the hall, exports, the Zwischenbilanz, and the
programme overview across municipalities."""


def init_app(app):
    from . import export_routes, programme_routes, routes  # noqa: F401  (attach their routes)
    app.register_blueprint(routes.bp)
    from ..municipalities import stage_facts as stepper  # at init: registers the facts
    from .stage_facts import facts  # at init, as above
    stepper.register(facts)  # measures and progress entries move the stepper
