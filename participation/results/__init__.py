"""Results of a session: rankings, dot splits, who took part, exports, the public page."""


def init_app(app):
    from . import live, numbers, routes
    app.register_blueprint(routes.bp)
    numbers.init_app(app)  # the `decimal` filter: numbers in the reader's locale
    live.install()  # `representation:update` while residents join
