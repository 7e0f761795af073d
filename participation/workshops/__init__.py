"""Live sessions: set-up, join by code and QR, residents, the session's socket handlers."""


def init_app(app):
    from . import events, flow, routes  # noqa: F401  (events registers the socket handlers)
    flow.register_events()
    from ..realtime import register_handlers
    register_handlers()
    app.register_blueprint(routes.bp)
    from .language_forms import init_templates
    init_templates(app)
