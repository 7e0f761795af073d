"""The municipality's existing initiatives and projects, linked to the plan's measures."""


def init_app(app):
    from . import routes, services  # at init: importing the package must not load its routes
    app.register_blueprint(routes.bp)
    app.add_template_global(services.initiatives_of_measure, "initiatives_of_measure")
