"""Results of a session: rankings, dot splits, who took part, exports, the public page."""


def init_app(app):
    # Imported at init: the blueprint, the ORM listeners and the signal receivers.
    from . import live, receivers, routes
    app.register_blueprint(routes.bp)
    live.install()  # `representation:update` while residents join
    receivers.connect()
