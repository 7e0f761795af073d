"""Live sessions: set-up, join by code and QR, residents, the session's socket handlers."""


def init_app(app):
    from . import events, flow, routes  # noqa: F401  (events collects the socket handlers)
    flow.register_events()
    app.register_blueprint(routes.bp)
    from .language_forms import init_templates
    init_templates(app)
