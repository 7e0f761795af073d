"""Results of a session: rankings, dot splits, who took part, exports, the public page."""


def init_app(app):
    from . import routes
    app.register_blueprint(routes.bp)
