"""Privacy (DSGVO): erase a session's participant data, automatic erasure after the
retention period, and a facilitator's export and deletion of their own account."""


def init_app(app):
    import os  # at init: only init reads the environment
    # Shown on the privacy notice: the municipality's data protection contact.
    app.config.setdefault("PRIVACY_CONTACT", os.environ.get("PRIVACY_CONTACT") or None)
    from . import retention, routes  # at init: the blueprint and the erasure thread
    app.register_blueprint(routes.bp)
    retention.init_app(app)
