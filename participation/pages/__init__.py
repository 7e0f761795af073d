"""Public pages: start page, privacy notice, accessibility statement, help."""


def init_app(app):
    from . import routes  # at init: importing the package must not load its routes
    app.register_blueprint(routes.bp)
