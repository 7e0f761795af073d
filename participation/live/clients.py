"""The registry of this process's connected `/live` sockets (filled at connect)."""
import threading
from dataclasses import dataclass

from flask import has_request_context, request
from flask_babel import lazy_gettext as _l

from ..errors import DomainError
from . import flood
from .rooms import ROLE_PARTICIPANT


@dataclass
class LiveClient:
    sid: str
    role: str
    workshop_id: int
    municipality_id: int
    participant_id: int | None = None
    user_id: int | None = None
    address: str = ""  # the client's address, for the per-address socket cap only
    # The `rate_limited` ack in this socket's language, made at connect: the flood gate
    # answers without a request context.
    refusal: dict | None = None


_clients: dict[str, LiveClient] = {}
_local_counts: dict[int, int] = {}
_local_screens: dict[int, set[str]] = {}  # projector and facilitator sockets per session
_registry_lock = threading.Lock()


def rate_limited_error() -> DomainError:
    return DomainError("rate_limited", _l("Zu viele Anfragen. Bitte warten Sie einen Moment."))


def register_client(client: LiveClient) -> None:
    if client.refusal is None and has_request_context():
        client.refusal = rate_limited_error().to_ack()
    with _registry_lock:
        _clients[client.sid] = client
        _local_counts[client.workshop_id] = _local_counts.get(client.workshop_id, 0) + 1
        if client.role != ROLE_PARTICIPANT:
            _local_screens.setdefault(client.workshop_id, set()).add(client.sid)


def unregister_client(sid: str) -> LiveClient | None:
    flood.strikes.forget(sid)
    with _registry_lock:
        client = _clients.pop(sid, None)
        if client is not None:
            left = _local_counts.get(client.workshop_id, 1) - 1
            if left > 0:
                _local_counts[client.workshop_id] = left
            else:
                _local_counts.pop(client.workshop_id, None)
            screens = _local_screens.get(client.workshop_id)
            if screens is not None:
                screens.discard(sid)
                if not screens:
                    del _local_screens[client.workshop_id]
        return client


def current_client() -> LiveClient | None:
    return _clients.get(getattr(request, "sid", None))


def all_clients() -> list[LiveClient]:
    """A copy of the registry (for the socket caps and access checks)."""
    with _registry_lock:
        return list(_clients.values())


def local_sids_of_participant(participant_id: int | None) -> list[str]:
    if participant_id is None:
        return []
    with _registry_lock:
        return [sid for sid, client in _clients.items() if client.participant_id == participant_id]


def local_client_count(workshop_id: int) -> int:
    return _local_counts.get(workshop_id, 0)


def local_screen_count(workshop_id: int) -> int:
    return len(_local_screens.get(workshop_id, ()))
