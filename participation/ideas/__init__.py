"""Ideas, moderation and clusters; registers its `/live` socket handlers."""


def init_app(app):
    from . import events, translation_events  # noqa: F401  (registers the handlers)
    from ..realtime import register_handlers
    register_handlers()
