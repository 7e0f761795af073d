"""Dot voting and the tally ticker; imports its `/live` socket handlers (create_app attaches
them) and connects its answers to the signals of workshops and ideas (receivers.py)."""


def init_app(app):
    # Imported at init, not at module level: importing the package (for its models) must
    # not load handlers. events collects the socket handlers.
    from . import events, receivers  # noqa: F401
    receivers.connect()
