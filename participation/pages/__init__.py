"""Public pages: start page, privacy notice, accessibility statement, help."""


def init_app(app):
    from . import routes
    app.register_blueprint(routes.bp)
