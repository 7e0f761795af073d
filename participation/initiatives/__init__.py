"""The municipality's existing initiatives and projects, linked to the plan's measures."""


def init_app(app):
    from . import routes, services
    app.register_blueprint(routes.bp)
    app.add_template_global(services.initiatives_of_measure, "initiatives_of_measure")
