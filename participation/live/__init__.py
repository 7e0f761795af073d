"""The `/live` Socket.IO layer (contract: docs/realtime.md).

- rooms: the namespace, roles, rooms and broadcast;
- clients: the registry of this process's sockets;
- payload: message checks; handlers: the event decorator and handler registry;
- flood (rate limit), caps (sockets per person and address), revocation (access ended),
  frames (malformed packets), origin (foreign pages), cookie_session (the socket's session);
- setup: init_live(app).

Features import from here: `from ..live import broadcast, live_event, get_int, ...`.
"""
from .clients import (LiveClient, current_client, local_client_count, local_screen_count,
                      local_sids_of_participant, rate_limited_error, register_client,
                      unregister_client)
from .handlers import live_event, raw_handler, register_handlers
from .payload import (CLIENT_ID_PATTERN, MAX_MESSAGE_BYTES, check_payload, get_bool, get_choice,
                      get_client_id, get_int, get_int_list, get_str)
from .rooms import (NAMESPACE, PHONE_SHARDS, ROLE_FACILITATOR, ROLE_PARTICIPANT, ROLE_PROJECTOR,
                    ROLES, broadcast, facilitator_room, others_may_listen, participant_room,
                    phone_room, phone_shard, screen_room, session_room)
from .setup import allowed_origins, init_live

__all__ = [
    "CLIENT_ID_PATTERN", "MAX_MESSAGE_BYTES", "NAMESPACE", "PHONE_SHARDS", "ROLES",
    "ROLE_FACILITATOR", "ROLE_PARTICIPANT", "ROLE_PROJECTOR", "LiveClient", "allowed_origins",
    "broadcast", "check_payload", "current_client", "facilitator_room", "get_bool",
    "get_choice", "get_client_id", "get_int", "get_int_list", "get_str", "init_live",
    "live_event", "local_client_count", "local_screen_count", "local_sids_of_participant",
    "others_may_listen", "participant_room", "phone_room", "phone_shard", "raw_handler",
    "rate_limited_error", "register_client", "register_handlers", "screen_room",
    "session_room", "unregister_client",
]
