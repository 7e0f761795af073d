"""Who took part, live: the facilitators' console (and the projector, when the session shows
it there) gets `representation:update` while residents join, so the hall can react while
people are still there. Contract: docs/realtime.md.

Joins are noticed through the ORM (a Participant row committed), so every way of joining
(join form, helper's paper cards, kiosk tablet) is covered without touching those paths. The
update is coalesced per session: the first join after a quiet spell goes out after SETTLE
seconds, later ones at most once per MIN_INTERVAL, never once per join. The counts are read
once per update and the sentences are built in each staff language; every socket listens in
the room of its own language.
"""
import logging
import threading
import time

from flask import current_app, has_app_context
from flask_babel import force_locale
from flask_socketio import join_room
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, object_session

from .. import live
from ..extensions import db, socketio
from ..i18n import STAFF_LANGUAGES, page_language
from ..ideas.models import Idea
from ..voting.models import Dot
from ..workshops.models import Participant, Workshop
from .representation import participation_counts, representation

log = logging.getLogger(__name__)

EVENT = "representation:update"
SETTLE = 0.2         # seconds: joins arriving together go out as one update
MIN_INTERVAL = 1.0   # seconds: at most one update per session in this interval
STALE_AFTER = 5.0    # seconds past its due time: a pending update that never went out
FACILITATORS, SCREENS = "f", "s"
_INFO_KEY = "representation_changed"

_lock = threading.Lock()
# Keyed by (app, session id): one server has one app, but a process that creates several
# apps (the tests) must not let one app's pending update swallow another's joins.
_due: dict[tuple, float] = {}    # -> when its pending update goes out
_last: dict[tuple, float] = {}   # -> when its last update went out
_turned_off: set[int] = set()  # sessions whose projector option was just turned off


def room(workshop_id: int, audience: str, locale: str) -> str:
    return f"w:{workshop_id}:{audience}:rep:{locale}"


def live_locale() -> str:
    """The staff language of the connecting socket (German unless it asked for English)."""
    code = page_language()
    return code if code in STAFF_LANGUAGES else STAFF_LANGUAGES[0]


def payload(workshop, counts: dict | None = None) -> dict:
    data = representation(workshop, counts)
    data["on_projector"] = bool(workshop.show_representation_on_projector)
    return data


def join_rooms(client) -> None:
    """On connect: facilitators and projectors listen in their language's room."""
    if client.role == live.ROLE_FACILITATOR:
        join_room(room(client.workshop_id, FACILITATORS, live_locale()))
    elif client.role == live.ROLE_PROJECTOR:
        join_room(room(client.workshop_id, SCREENS, live_locale()))


def for_snapshot(workshop, role: str) -> dict | None:
    """The comparison for a connecting facilitator, or projector when the session shows it."""
    if role == live.ROLE_FACILITATOR or (
            role == live.ROLE_PROJECTOR and workshop.show_representation_on_projector):
        with force_locale(live_locale()):
            return payload(workshop)
    return None


def push(workshop_id: int) -> None:
    """Send the current comparison to the session's facilitators (and screens)."""
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        return
    counts = participation_counts(workshop_id)
    with _lock:
        hide = workshop_id in _turned_off
        _turned_off.discard(workshop_id)
    for locale in STAFF_LANGUAGES:
        with force_locale(locale):
            data = payload(workshop, counts)
        live.broadcast(EVENT, data, room(workshop_id, FACILITATORS, locale))
        # Screens get it while the option is on, and `on_projector: false` once when it was
        # turned off (hide the panel); never for an option that was never on.
        if data["on_projector"]:
            live.broadcast(EVENT, data, room(workshop_id, SCREENS, locale))
        elif hide:
            live.broadcast(EVENT, {"workshop_id": workshop_id, "on_projector": False},
                           room(workshop_id, SCREENS, locale))


def pending_key(app, workshop_id: int) -> tuple:
    return id(app), workshop_id


def schedule(app, workshop_id: int) -> None:
    """Coalesce: at most one pending update per session."""
    now = time.monotonic()
    key = pending_key(app, workshop_id)
    with _lock:
        # A pending update blocks new ones, unless its task is long overdue (lost with an
        # app or a green thread that ended): then this join schedules a fresh one.
        if key in _due and now - _due[key] < STALE_AFTER:
            return
        due = max(now + SETTLE, _last.get(key, 0.0) + MIN_INTERVAL)
        _due[key] = due
    socketio.start_background_task(_send_when_due, app, workshop_id, due)


def cancel_pending(app) -> None:
    """The app ends (a test's app, a server shutting down): its pending updates go nowhere,
    so their tasks end quietly instead of writing to a database that is gone."""
    with _lock:
        for table in (_due, _last):
            for key in [key for key in table if key[0] == id(app)]:
                del table[key]


def _send_when_due(app, workshop_id: int, due: float) -> None:
    socketio.sleep(max(0.0, due - time.monotonic()))
    key = pending_key(app, workshop_id)
    with _lock:  # a join committed from now on schedules the next update
        if _due.get(key) != due:
            return  # cancelled (its app ended), or a lost task's successor took over
        del _due[key]
        _last[key] = time.monotonic()
    try:
        with app.app_context():
            try:
                push(workshop_id)
            finally:
                db.session.remove()
    except Exception:
        log.exception("representation update for workshop %s failed", workshop_id)


def _someone_may_listen(workshop_id: int) -> bool:
    """Sockets of the session in this process, or a message queue to other processes."""
    return (live.local_client_count(workshop_id) > 0
            or bool(current_app.config.get("SOCKETIO_MESSAGE_QUEUE")))


# --- noticing joins and the projector option --------------------------------------------

def _mark(target, workshop_id) -> None:
    session = object_session(target)
    if session is not None and workshop_id is not None:
        session.info.setdefault(_INFO_KEY, set()).add(workshop_id)


def _participant_inserted(mapper, connection, target) -> None:
    _mark(target, target.workshop_id)


def _workshop_updated(mapper, connection, target) -> None:
    history = inspect(target).attrs.show_representation_on_projector.history
    if history.has_changes():
        if not target.show_representation_on_projector and any(history.deleted):
            with _lock:
                _turned_off.add(target.id)
        _mark(target, target.id)


def _after_commit(session) -> None:
    changed = session.info.pop(_INFO_KEY, None)
    if not changed or not has_app_context():
        return
    try:
        app = current_app._get_current_object()
        for workshop_id in changed:
            if _someone_may_listen(workshop_id):
                schedule(app, workshop_id)
    except Exception:  # never let a broadcast problem break the write that was committed
        log.exception("scheduling a representation update failed")


def _after_rollback(session, *_args) -> None:
    session.info.pop(_INFO_KEY, None)


_installed = False


def install() -> None:
    """Register the ORM listeners once per process (create_app may run many times)."""
    global _installed
    if _installed:
        return
    event.listen(Participant, "after_insert", _participant_inserted)
    # A participant counts once they did something (issue 13): ideas and dots change it.
    event.listen(Idea, "after_insert", _participant_inserted)
    event.listen(Dot, "after_insert", _participant_inserted)
    event.listen(Workshop, "after_update", _workshop_updated)
    event.listen(Session, "after_commit", _after_commit)
    event.listen(Session, "after_soft_rollback", _after_rollback)
    _installed = True
