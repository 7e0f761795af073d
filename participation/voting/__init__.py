"""Dot voting and the tally ticker; registers its `/live` socket handlers."""


def init_app(app):
    from . import events  # noqa: F401  (registers the handlers)
    from ..realtime import register_handlers
    register_handlers()
