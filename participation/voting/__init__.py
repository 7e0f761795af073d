"""Dot voting and the tally ticker; registers its `/live` socket handlers and its answers
to the signals of workshops and ideas (receivers.py)."""


def init_app(app):
    # Imported at init, not at module level: importing the package (for its models) must
    # not load handlers. events registers the socket handlers.
    from . import events, receivers  # noqa: F401
    from ..realtime import register_handlers  # at init: the handlers are registered now
    register_handlers()
    receivers.connect()
