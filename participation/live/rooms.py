"""The `/live` namespace, its roles and rooms, and broadcast.

The contract every client relies on is docs/realtime.md.
"""
import logging
import zlib

from ..extensions import socketio

log = logging.getLogger(__name__)

NAMESPACE = "/live"

ROLE_PARTICIPANT = "participant"
ROLE_FACILITATOR = "facilitator"
ROLE_PROJECTOR = "projector"
ROLES = (ROLE_PARTICIPANT, ROLE_FACILITATOR, ROLE_PROJECTOR)


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
