"""Municipalities, the Kommunalprofil and the five-stage process."""


def init_app(app):
    from . import routes
    app.register_blueprint(routes.bp)
