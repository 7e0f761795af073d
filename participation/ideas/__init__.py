"""Ideas, moderation and clusters; registers its `/live` socket handlers and its parts of
the session's payloads (receivers.py)."""


def init_app(app):
    # Imported at init, not at module level: importing the package (for its models) must
    # not load handlers. events and translation_events register the socket handlers.
    from . import events, receivers, translation_events  # noqa: F401
    from ..realtime import register_handlers  # at init: the handlers are registered now
    register_handlers()
    receivers.connect()
