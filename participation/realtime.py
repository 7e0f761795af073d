"""Socket.IO set-up for the `/live` namespace: rooms, broadcast helpers, the registry of
connected sockets, the event decorator (roles, rate limit, errors) and payload validation.

The contract every client relies on is docs/realtime.md.
"""
import functools
import json
import logging
import re
import threading
import zlib
from dataclasses import dataclass

from flask import has_request_context, request
from flask_babel import lazy_gettext as _l

from . import live_throttle
from .errors import DomainError, ValidationError
from .extensions import db, socketio

log = logging.getLogger(__name__)

NAMESPACE = "/live"
# A socket message larger than this is refused (bytes).
MAX_MESSAGE_BYTES = 16 * 1024
CLIENT_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")

ROLE_PARTICIPANT = "participant"
ROLE_FACILITATOR = "facilitator"
ROLE_PROJECTOR = "projector"
ROLES = (ROLE_PARTICIPANT, ROLE_FACILITATOR, ROLE_PROJECTOR)


# --- rooms -------------------------------------------------------------------------------

def session_room(workshop_id: int) -> str:
    return f"w:{workshop_id}"


def facilitator_room(workshop_id: int) -> str:
    return f"w:{workshop_id}:f"


def screen_room(workshop_id: int) -> str:
    return f"w:{workshop_id}:s"


def participant_room(participant_id: int) -> str:
    return f"p:{participant_id}"


PHONE_SHARDS = 8


def phone_shard(sid: str) -> int:
    return zlib.crc32(sid.encode()) % PHONE_SHARDS


def phone_room(workshop_id: int, shard: int) -> str:
    """One of the PHONE_SHARDS rooms of a session's residents (tallies go out per shard)."""
    return f"w:{workshop_id}:p{shard}"


def others_may_listen(room: str, sid=None) -> bool:
    """Is any socket but `sid` in the room? Always yes with a message queue (other
    processes' sockets are not known here)."""
    server = socketio.server
    if server is None or getattr(server.manager, "channel", None) is not None:
        return True
    members = server.manager.rooms.get(NAMESPACE, {}).get(room) or {}
    return any(member != sid for member in members)


def broadcast(event: str, payload: dict, room: str, skip_sid=None) -> None:
    """Send to a room. Works anywhere (handler, HTTP route, background task)."""
    try:
        socketio.emit(event, payload, to=room, namespace=NAMESPACE, skip_sid=skip_sid)
    except Exception:  # a broadcast failure must never undo a committed write
        log.exception("broadcast of %s to %s failed", event, room)


# --- connected sockets -------------------------------------------------------------------

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
    live_throttle.strikes.forget(sid)
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


def local_sids_of_participant(participant_id: int | None) -> list[str]:
    if participant_id is None:
        return []
    with _registry_lock:
        return [sid for sid, client in _clients.items() if client.participant_id == participant_id]


def local_client_count(workshop_id: int) -> int:
    return _local_counts.get(workshop_id, 0)


def local_screen_count(workshop_id: int) -> int:
    return len(_local_screens.get(workshop_id, ()))


# --- payload validation ------------------------------------------------------------------

def _invalid(what: str):
    return ValidationError("invalid", _l("Die Anfrage ist ungültig (%(what)s).", what=what))


def check_payload(payload, allowed: set[str]) -> dict:
    """A dict, of bounded size, with only known keys (`client_id` is always allowed)."""
    if payload is None:
        payload = {}
    if not isinstance(payload, dict):
        raise _invalid("payload")
    try:
        size = len(json.dumps(payload, ensure_ascii=False).encode())
    except (TypeError, ValueError):
        raise _invalid("payload")
    if size > MAX_MESSAGE_BYTES:
        raise DomainError("too_large", _l("Die Nachricht ist zu groß."))
    unknown = set(payload) - allowed - {"client_id"}
    if unknown:
        raise _invalid(sorted(unknown)[0][:40])
    return payload


def get_int(payload: dict, key: str, *, minimum: int = 1, maximum: int = 2**31 - 1,
            required: bool = True, nullable: bool = False):
    value = payload.get(key)
    if value is None:
        if nullable and key in payload:
            return None
        if not required:
            return None
        raise _invalid(key)
    # bool is a subclass of int: refuse it explicitly.
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise _invalid(key)
    return value


def get_str(payload: dict, key: str, *, max_length: int, required: bool = True):
    value = payload.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or len(value) > max_length:
        raise _invalid(key)
    return value


def get_bool(payload: dict, key: str) -> bool:
    value = payload.get(key)
    if not isinstance(value, bool):
        raise _invalid(key)
    return value


def get_choice(payload: dict, key: str, choices, *, required: bool = True):
    value = payload.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or value not in choices:
        raise _invalid(key)
    return value


def get_int_list(payload: dict, key: str, *, max_items: int = 50, required: bool = True):
    value = payload.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list) or len(value) > max_items:
        raise _invalid(key)
    return [get_int({"v": item}, "v") for item in value]


def get_client_id(payload: dict, *, required: bool = True):
    value = payload.get("client_id")
    if value is None and not required:
        return None
    if not isinstance(value, str) or not CLIENT_ID_PATTERN.match(value):
        raise _invalid("client_id")
    return value


# --- the event decorator -----------------------------------------------------------------

def live_event(name: str, roles=ROLES, allowed: set[str] = frozenset()):
    """Register a `/live` handler. The wrapped function gets (client, payload) and returns an
    ack dict; this wrapper checks the role and the payload envelope, turns domain errors into
    `{"ok": false, ...}` acks and never lets an exception escape. The rate limit (per
    participant, not per socket or IP) is checked before this, by the gate that
    init_socketio puts in front of the dispatch (live_throttle.install_gate)."""

    def decorator(func):
        @functools.wraps(func)
        def handler(payload=None, *extra):
            try:
                client = current_client()
                if client is None:
                    return DomainError("not_authenticated",
                                       _l("Bitte verbinden Sie sich neu.")).to_ack()
                from . import live_revocation
                if client.role not in roles or not live_revocation.still_allowed(client):
                    if client.role in roles:  # access ended while the socket was open
                        live_revocation.drop(client)
                    return DomainError("forbidden",
                                       _l("Dafür fehlt Ihnen die Berechtigung.")).to_ack()
                payload = check_payload(payload, set(allowed))
                ack = func(client, payload)
                return ack if ack is not None else {"ok": True}
            except DomainError as error:
                db.session.rollback()
                return error.to_ack()
            except Exception:
                log.exception("socket event %s failed", name)
                try:
                    db.session.rollback()
                except Exception:
                    log.exception("rollback failed")
                return {"ok": False, "error": "internal",
                        "message": str(_l("Ein Fehler ist aufgetreten. Bitte versuchen Sie es erneut."))}

        _handlers[name] = handler
        return handler

    return decorator


# Handlers are collected here and attached to the Socket.IO server of each app in
# register_handlers(): create_app may run many times (tests), and each init_app makes a new
# server that would otherwise miss handlers registered after the first one.
_handlers: dict = {}


def raw_handler(name: str):
    """Collect a handler that is not an acked event (connect, disconnect)."""
    def decorator(func):
        _handlers[name] = func
        return func
    return decorator


def register_handlers() -> None:
    for name, handler in _handlers.items():
        socketio.on_event(name, handler, namespace=NAMESPACE)


# --- set-up --------------------------------------------------------------------------------

def allowed_origins(app):
    """Who may open a socket: None means the page's own origin only (the engine's default);
    with SOCKETIO_ALLOWED_ORIGINS, a check that allows the own origin, PUBLIC_URL and exactly
    the listed origins. Never "*" (the engine would then accept every origin)."""
    extra = {o.strip().rstrip("/") for o in (app.config.get("SOCKETIO_ALLOWED_ORIGINS") or [])
             if o.strip() not in ("*", "")}
    if not extra:
        return None
    if app.config.get("PUBLIC_URL"):
        extra.add(app.config["PUBLIC_URL"].rstrip("/"))

    def is_allowed(origin, environ=None):
        if origin in extra:
            return True
        host = (environ or {}).get("HTTP_HOST")
        return bool(host) and origin == f"{(environ or {}).get('wsgi.url_scheme', 'http')}://{host}"

    return is_allowed


def init_socketio(app):
    socketio.init_app(
        app,
        async_mode=app.config["ASYNC_MODE"],
        message_queue=app.config.get("SOCKETIO_MESSAGE_QUEUE"),
        cors_allowed_origins=allowed_origins(app),
        max_http_buffer_size=MAX_MESSAGE_BYTES,
        manage_session=False,
        # Always given: Flask-SocketIO keeps options between init_app calls.
        transports=["websocket"] if app.config.get("WEBSOCKET_ONLY") else ["polling", "websocket"],
    )

    def refusal(client):
        if client.refusal is None:
            with app.app_context():
                client.refusal = rate_limited_error().to_ack()
        return client.refusal

    live_throttle.install_gate(app, socketio.server, _clients, NAMESPACE, refusal)
    from . import live_frames, live_revocation
    live_revocation.install()
    live_frames.install(socketio.server)
    from . import live_origin
    live_origin.install(app, socketio.server.eio)
