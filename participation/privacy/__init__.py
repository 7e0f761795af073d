"""Privacy (DSGVO): erase a session's participant data, automatic erasure after the
retention period, and a facilitator's export and deletion of their own account."""


def init_app(app):
    from . import retention, routes
    app.register_blueprint(routes.bp)
    retention.init_app(app)
