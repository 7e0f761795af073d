"""Ideas, moderation and clusters; imports its `/live` socket handlers (create_app attaches
them) and connects its parts of the session's payloads (receivers.py)."""


def init_app(app):
    # Imported at init, not at module level: importing the package (for its models) must
    # not load handlers. events and translation_events collect the socket handlers.
    from . import events, receivers, translation_events  # noqa: F401
    receivers.connect()
