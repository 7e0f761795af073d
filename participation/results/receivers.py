"""Results' answers to the session's signals (workshops.signals): the live comparison's
rooms and its part of the snapshot, and the public results link of a closed session."""
from flask import url_for

from ..workshops import signals as workshop_signals
from . import live, services


def on_client_connecting(client, **_):
    live.join_rooms(client)


def on_snapshot(workshop, role, **_):
    representation = live.for_snapshot(workshop, role)
    # Facilitators; projectors when the session shows it.
    return {"representation": representation} if representation is not None else None


def on_closed_page(workshop, **_):
    # Link the public results only when residents may read them (published and closed).
    if workshop.join_code and services.public_results_available(workshop):
        return {"results_url": url_for("results.public", code=workshop.join_code)}
    return None


def connect() -> None:
    """Called by results.init_app (connecting twice is harmless)."""
    workshop_signals.client_connecting.connect(on_client_connecting)
    workshop_signals.snapshot_requested.connect(on_snapshot)
    workshop_signals.closed_page_requested.connect(on_closed_page)
