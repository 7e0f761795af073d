"""Ideas, moderation and clusters; imports its `/live` socket handlers (create_app attaches them)."""


def init_app(app):
    from . import events, translation_events  # noqa: F401  (collects the handlers)
