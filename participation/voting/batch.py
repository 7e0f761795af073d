"""Grouped dot writes: many dots, one commit, and still "acknowledged means committed".

Profile (py-spy on the server during the benchmark's city scenario, and cProfile of the
service): placing a dot one transaction at a time cost about a dozen queries and one
commit each; the commit (an fsync with SQLite's synchronous=FULL) alone was about a third
of the time, and SQLite never yields to other green threads while it runs, so at 200
dots/s the process spent most of each second blocked in commits.

Under eventlet and gevent, `add_dot` therefore hands the write to one writer green thread
per process. The writer takes every dot waiting at that moment, checks each one with the
same rules as before inside one transaction (later dots see the earlier ones), commits
once, and only then wakes the waiting handlers, which ack. A crash before the commit
loses only unacknowledged dots, which the phones resend with the same client_id.

In threading mode (the tests' test client) the same code runs in the caller's session,
one dot per transaction.
"""
import logging
import threading

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from .. import realtime
from ..errors import DomainError
from ..extensions import db, socketio
from ..ideas import services as idea_services
from ..ideas.models import Idea, IdeaStatus
from ..workshops import services as workshop_services
from ..workshops.models import Participant
from . import tally
from .models import Dot

log = logging.getLogger(__name__)

MAX_BATCH = 200          # dots in one transaction
WAIT_SECONDS = 30        # a handler gives up waiting for the writer after this


def place(requests) -> list:
    """Place dots inside one transaction and commit once. `requests` are
    (workshop_id, participant_id, idea_id, client_id); returns, per request, a result dict
    {"me", "dots", "repeat", "participant_id"} or the DomainError it broke."""
    from . import services
    out, locked = [], set()
    sqlite = db.session.get_bind().dialect.name == "sqlite"
    for workshop_id, participant_id, idea_id, client_id in requests:
        try:
            out.append(_place_one(services, workshop_id, participant_id, idea_id, client_id,
                                  locked, sqlite))
        except DomainError as error:
            out.append(error)
    db.session.commit()
    return out


def _place_one(services, workshop_id, participant_id, idea_id, client_id, locked, sqlite):
    # The lock first: on SQLite the batch's first write takes the database's write lock
    # before anything is read, so no read snapshot can go stale; on PostgreSQL the row lock
    # serialises one participant's tabs across processes.
    if sqlite and locked:
        participant = db.session.get(Participant, participant_id)
        if participant is None:
            raise DomainError("not_authenticated", _l("Bitte treten Sie der Werkstatt neu bei."))
    else:
        participant = services.lock_participant(participant_id)
    locked.add(participant_id)
    existing = db.session.scalar(db.select(Dot).where(Dot.workshop_id == workshop_id,
                                                      Dot.client_id == client_id))
    workshop = workshop_services.get_workshop(workshop_id)
    if existing is not None:
        services._own(existing, participant_id)
        return {"repeat": True, "participant_id": participant_id, "idea_id": existing.idea_id,
                "workshop_id": workshop_id}
    workshop_services.require_open(workshop, participant_id, "dots")
    idea = idea_services.get_idea(workshop_id, idea_id)
    if idea.status != IdeaStatus.VISIBLE.value:
        raise idea_services.IdeaNotFound()
    if idea.phase != workshop.phase:
        raise DomainError("wrong_phase", _l("Punkte gibt es nur für Ideen der aktuellen Phase."))
    mine = services.my_dots(workshop, participant_id)
    if sum(mine.values()) >= workshop.dots_per_participant:
        raise DomainError("budget_exhausted", _l("Sie haben alle Ihre Punkte vergeben."))
    if mine.get(idea.id, 0) >= workshop.max_dots_per_idea:
        raise DomainError("idea_limit_reached", _l(
            "Mehr als %(n)s Punkte pro Idee gehen nicht.", n=workshop.max_dots_per_idea))
    db.session.add(Dot(workshop_id=workshop_id, idea_id=idea.id, participant_id=participant_id,
                       phase=workshop.phase, age_band=participant.age_band,
                       channel=participant.channel, client_id=client_id))
    count = db.session.scalar(update(Idea).where(Idea.id == idea.id)
                              .values(dot_count=Idea.dot_count + 1).returning(Idea.dot_count)
                              .execution_options(synchronize_session=False))
    mine[idea.id] = mine.get(idea.id, 0) + 1
    me = {"participant_id": participant_id,
          "dots_left": max(0, workshop.dots_per_participant - sum(mine.values())),
          "my_dots": {str(key): value for key, value in mine.items()}}
    return {"me": me, "dots": count, "repeat": False, "participant_id": participant_id,
            "workshop_id": workshop_id}


def place_each(requests) -> list:
    """The slow path, when a grouped transaction failed as a whole (a client_id taken by
    someone else in another process): each dot alone, each with its own commit."""
    out = []
    for request in requests:
        try:
            out.extend(place([request]))
        except IntegrityError:
            db.session.rollback()
            out.append(DomainError("invalid", _l("Diese Kennung ist schon vergeben.")))
    return out


def finish(result) -> dict:
    """After the commit: the ack's fields, the tally mark and the participant's `me:updated`."""
    from . import services
    tally.mark_dirty(result["workshop_id"])
    if result["repeat"]:
        workshop = workshop_services.get_workshop(result["workshop_id"])
        return services._result(workshop, result["participant_id"], result["idea_id"], True)
    realtime.broadcast("me:updated", result["me"], realtime.participant_room(result["participant_id"]))
    return {"me": result["me"], "dots": result["dots"], "repeat": False}


def add_dot(workshop_id: int, participant_id: int, idea_id, client_id: str) -> dict:
    request = (workshop_id, participant_id, idea_id, client_id)
    if current_app.config.get("ASYNC_MODE") not in ("eventlet", "gevent"):
        try:
            (result,) = place([request])
        except IntegrityError:
            db.session.rollback()
            (result,) = place_each([request])
        if isinstance(result, DomainError):
            raise result
        return finish(result)
    result = _writer(current_app._get_current_object()).submit(request)
    if isinstance(result, Exception):
        raise result
    return result


class _Slot:
    __slots__ = ("request", "result", "done")

    def __init__(self, request):
        self.request = request
        self.result = None
        self.done = threading.Event()


class Writer:
    """One per process and app: takes the waiting dots, places them, commits once."""

    def __init__(self, app):
        self.app = app
        self.pending: list[_Slot] = []
        self.wake = threading.Event()
        socketio.start_background_task(self.run)

    def submit(self, request):
        slot = _Slot(request)
        self.pending.append(slot)
        self.wake.set()
        if not slot.done.wait(WAIT_SECONDS):
            return DomainError("internal", _l("Ein Fehler ist aufgetreten. Bitte versuchen Sie es erneut."))
        return slot.result

    def run(self):
        while True:
            self.wake.wait()
            self.wake.clear()
            while self.pending:
                batch, self.pending = self.pending[:MAX_BATCH], self.pending[MAX_BATCH:]
                self._write(batch)
                socketio.sleep(0)  # let handlers run (and queue more) between batches

    def _write(self, batch):
        requests = [slot.request for slot in batch]
        with self.app.app_context():
            try:
                try:
                    results = place(requests)
                except IntegrityError:
                    db.session.rollback()
                    results = place_each(requests)
                results = [r if isinstance(r, DomainError) else finish(r) for r in results]
            except Exception as error:  # noqa: BLE001  every waiting handler must hear back
                log.exception("grouped dot write of %s dots failed", len(batch))
                db.session.rollback()
                results = [error] * len(batch)
            finally:
                db.session.remove()
        for slot, result in zip(batch, results):
            slot.result = result
            slot.done.set()


_writers: dict[int, Writer] = {}
_writers_lock = threading.Lock()


def _writer(app) -> Writer:
    with _writers_lock:
        writer = _writers.get(id(app))
        if writer is None:
            writer = _writers[id(app)] = Writer(app)
        return writer
