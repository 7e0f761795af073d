"""Results of a session: rankings, dot splits, who took part, exports, the public page."""


def init_app(app):
    from . import live, routes
    app.register_blueprint(routes.bp)
    live.install()  # `representation:update` while residents join
