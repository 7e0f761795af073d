"""`/live` handlers for the session itself: connect (authentication, rooms, snapshot),
disconnect, sync, and the facilitator's session controls. Contract: docs/realtime.md."""
import logging

from flask import g, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, emit, join_room

from .. import live
from ..accounts.permissions import Permission, can, require_facilitator
from ..errors import DomainError
from ..live import caps
from ..live import (ROLE_FACILITATOR, ROLE_PARTICIPANT, ROLE_PROJECTOR,
                    LiveClient, get_bool, get_choice, get_int, live_event)
from . import cookies, flow, services, signals
from .snapshot import snapshot

log = logging.getLogger(__name__)
FACILITATOR_ONLY = (ROLE_FACILITATOR,)


def _refuse(code: str, message) -> ConnectionRefusedError:
    return ConnectionRefusedError(str(message), {"error": code, "message": str(message)})


def authenticate(sid: str, auth) -> LiveClient:
    """Who is this socket? Raises a DomainError when it may not join."""
    if not isinstance(auth, dict) or auth.get("role") not in live.ROLES:
        raise DomainError("invalid", _l("Die Verbindungsdaten sind ungültig."))
    workshop_id = get_int(auth, "workshop")
    role = auth["role"]
    try:
        workshop = services.get_workshop(workshop_id)
    except DomainError:
        raise DomainError("not_found", _l("Diese Werkstatt gibt es nicht."))
    client = LiveClient(sid=sid, role=role, workshop_id=workshop.id,
                        municipality_id=workshop.municipality_id,
                        address=request.remote_addr or "")
    # Load the person from this handshake's cookie, never from a user cached on `g` (an
    # app context may be shared, e.g. in tests).
    g.pop("_login_user", None)
    user = current_user if current_user and current_user.is_authenticated else None
    if role == ROLE_PARTICIPANT:
        participant = services.participant_by_token(
            workshop.id, cookies.token_from(request.cookies, workshop.id))
        if participant is None:
            raise DomainError("not_authenticated", _l("Bitte treten Sie der Werkstatt erst bei."))
        client.participant_id = participant.id
    elif role == ROLE_FACILITATOR:
        if user is None:
            raise DomainError("not_authenticated", _l("Bitte melden Sie sich an."))
        if not can(user, Permission.RUN_WORKSHOPS, workshop.municipality_id):
            raise DomainError("forbidden", _l("Dafür fehlt Ihnen die Berechtigung."))
        client.user_id = user.id
    else:
        screen = auth.get("screen")
        by_key = isinstance(screen, str) and cookies.workshop_for_screen_key(screen) == workshop.id
        if not by_key and not (user and can(user, Permission.VIEW, workshop.municipality_id)):
            raise DomainError("not_authenticated" if user is None else "forbidden",
                              _l("Dafür fehlt Ihnen die Berechtigung."))
        client.user_id = user.id if user else None
    caps.check(client)
    return client


@live.raw_handler("connect")
def on_connect(auth=None):
    """Any client opening `/live`. Joins its rooms and gets `session:snapshot` alone."""
    try:
        client = authenticate(request.sid, auth)
        join_room(live.session_room(client.workshop_id))
        if client.role == ROLE_FACILITATOR:
            join_room(live.facilitator_room(client.workshop_id))
        elif client.role == ROLE_PROJECTOR:
            join_room(live.screen_room(client.workshop_id))
        else:
            join_room(live.participant_room(client.participant_id))
            join_room(live.phone_room(client.workshop_id, live.phone_shard(request.sid)))
        live.register_client(client)
        # Results join their rooms; voting starts the tally ticker (its baseline before
        # the snapshot).
        signals.client_connecting.send(client)
        emit("session:snapshot", snapshot(client.workshop_id, client.role, client.participant_id))
    except DomainError as error:
        live.unregister_client(request.sid)
        raise _refuse(error.code, error.message)
    except ConnectionRefusedError:
        raise
    except Exception:
        log.exception("socket connect failed")
        live.unregister_client(request.sid)
        raise _refuse("internal", _l("Ein Fehler ist aufgetreten. Bitte versuchen Sie es erneut."))


@live.raw_handler("disconnect")
def on_disconnect(*_reason):
    """A socket left: forget it (the ticker ends once nobody is left in the session)."""
    live.unregister_client(request.sid)


@live_event("session:sync")
def on_sync(client, payload):
    """Anyone: the full snapshot again, in the ack."""
    return {"ok": True, "snapshot": snapshot(client.workshop_id, client.role, client.participant_id)}


def _workshop_ack(workshop):
    return {"ok": True, "workshop": services.workshop_dict(workshop)}


@live_event("session:open", roles=FACILITATOR_ONLY)
def on_open(client, payload):
    """Facilitator opens the session; everyone gets `session:updated`."""
    require_facilitator(client)
    return _workshop_ack(services.open_workshop(client.workshop_id, client.user_id))


@live_event("session:close", roles=FACILITATOR_ONLY)
def on_close(client, payload):
    """Facilitator closes the session; everyone gets `session:updated`."""
    require_facilitator(client)
    return _workshop_ack(services.close_workshop(client.workshop_id, client.user_id))


@live_event("phase:set", roles=FACILITATOR_ONLY, allowed={"phase"})
def on_phase(client, payload):
    """Facilitator moves to a phase; everyone gets `session:updated` (with starting points)."""
    require_facilitator(client)
    phase = get_choice(payload, "phase", services.PHASES)
    return _workshop_ack(services.set_phase(client.workshop_id, phase, client.user_id))


@live_event("submissions:lock", roles=FACILITATOR_ONLY, allowed={"locked"})
def on_lock(client, payload):
    """Facilitator locks or unlocks submissions; everyone gets `session:updated`."""
    require_facilitator(client)
    locked = get_bool(payload, "locked")
    return _workshop_ack(services.lock_submissions(client.workshop_id, locked, client.user_id))


@live_event("timer:start", roles=FACILITATOR_ONLY, allowed={"seconds"})
def on_timer_start(client, payload):
    """Facilitator starts the phase timer; the deadline is stored as an absolute time."""
    require_facilitator(client)
    seconds = get_int(payload, "seconds", minimum=1, maximum=services.MAX_TIMER_SECONDS)
    return _workshop_ack(services.start_timer(client.workshop_id, seconds, client.user_id))


@live_event("timer:stop", roles=FACILITATOR_ONLY)
def on_timer_stop(client, payload):
    """Facilitator stops the timer; everyone gets `session:updated`."""
    require_facilitator(client)
    return _workshop_ack(services.stop_timer(client.workshop_id, client.user_id))


@live_event("flow:step", roles=FACILITATOR_ONLY, allowed={"step"})
def on_step(client, payload):
    """Facilitator: collect, open dotting, close dotting (done) for the current phase."""
    require_facilitator(client)
    step = get_choice(payload, "step", flow.STEPS)
    return _workshop_ack(services.set_step(client.workshop_id, step, client.user_id))


@live_event("flow:hide_counts", roles=FACILITATOR_ONLY, allowed={"hidden"})
def on_hide_counts(client, payload):
    """Facilitator: hide the counts from phones and projector while dotting is open."""
    require_facilitator(client)
    hidden = get_bool(payload, "hidden")
    return _workshop_ack(services.set_hide_counts(client.workshop_id, hidden, client.user_id))


@live_event("display:set", roles=FACILITATOR_ONLY, allowed={"mode", "seconds", "top_n"})
def on_display(client, payload):
    """Facilitator: the projector's view (mode), page pace (seconds) and top N."""
    require_facilitator(client)
    mode = get_choice(payload, "mode", flow.DISPLAY_MODES, required=False)
    seconds = get_int(payload, "seconds", minimum=flow.MIN_SECONDS, maximum=flow.MAX_SECONDS,
                      required=False)
    top_n = get_int(payload, "top_n", minimum=1, maximum=flow.MAX_TOP_N, required=False)
    return _workshop_ack(services.set_display(client.workshop_id, client.user_id, mode=mode,
                                              seconds=seconds, top_n=top_n))
