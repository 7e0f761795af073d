"""Dot voting and the tally ticker; imports its `/live` socket handlers (create_app attaches them)."""


def init_app(app):
    from . import events  # noqa: F401  (collects the handlers)
