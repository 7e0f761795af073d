"""Caps on open sockets (finding 12): per participant (a few tabs and a reconnect are
normal, a hundred are a script) and per address (a whole hall shares one address, so this
one is generous). Counted per server process; both are configurable."""
from flask import current_app
from flask_babel import lazy_gettext as _l

from ..errors import DomainError
from .clients import all_clients


def check(client) -> None:
    """Raise when this new socket would exceed a cap. Call before registering it."""
    per_participant = int(current_app.config["MAX_SOCKETS_PER_PARTICIPANT"])
    per_address = int(current_app.config["MAX_SOCKETS_PER_ADDRESS"])
    clients = all_clients()
    if client.participant_id is not None and sum(
            1 for c in clients if c.participant_id == client.participant_id) >= per_participant:
        raise DomainError("too_many_connections", _l(
            "Diese Seite ist schon zu oft geöffnet. Bitte schließen Sie andere Tabs."))
    if client.address and sum(1 for c in clients if c.address == client.address) >= per_address:
        raise DomainError("too_many_connections", _l(
            "Zu viele Verbindungen von dieser Adresse. Bitte versuchen Sie es gleich noch einmal."))
