"""Assist's answer to the phone page's config signal: the hall's shared tablet adds
"Fertig – nächste Person" and the idle return."""
from ..workshops import signals as workshop_signals
from .routes import kiosk_config


def on_live_page_config(workshop, participant=None, **_):
    return kiosk_config(workshop, participant) if participant is not None else None


def connect() -> None:
    """Called by assist.init_app (connecting twice is harmless)."""
    workshop_signals.live_page_config_requested.connect(on_live_page_config)
