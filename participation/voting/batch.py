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
one dot per transaction (`write_now`).

The rules of one dot are in rules.py; this module never imports services.py.
"""
import logging
import threading

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError, OperationalError

from .. import live
from ..errors import DomainError
from ..extensions import db, socketio
from ..ideas import queries as idea_queries
from ..workshops import queries as workshop_queries
from ..workshops import services as workshop_services
from . import queries, rules, signals, tally
from .models import Dot

log = logging.getLogger(__name__)

MAX_BATCH = 200          # dots in one transaction
WAIT_SECONDS = 30        # a handler gives up waiting for the writer after this


def place(requests) -> list:
    """Place dots inside one transaction and commit once. `requests` are
    (workshop_id, participant_id, idea_id, client_id); returns, per request, a result dict
    or the DomainError it broke. The rules are those of one dot at a time, checked in
    order against the state so far (earlier dots of the batch count); the database work
    is a handful of queries per batch, not per dot."""
    out = []
    state = _BatchState(requests)
    for request in requests:
        try:
            out.append(state.place_one(*request))
        except DomainError as error:
            out.append(error)
    state.write(out)
    db.session.commit()
    return out


_STATEMENTS: dict = {}


def _statements() -> dict:
    """The batch's queries, built once per process with bound parameters: building the
    SQL expressions again for every batch was a third of a single dot's CPU (cProfile)."""
    if not _STATEMENTS:
        _STATEMENTS.update(
            existing=db.select(Dot).where(
                Dot.workshop_id.in_(bindparam("workshops", expanding=True)),
                Dot.client_id.in_(bindparam("client_ids", expanding=True))))
    return _STATEMENTS


class _BatchState:
    def __init__(self, requests):
        pids = sorted({r[1] for r in requests if isinstance(r[1], int)})
        # The lock first: on SQLite the batch's first statement takes the database's write
        # lock, so no read snapshot can go stale; on PostgreSQL the participants' rows are
        # locked in id order (no deadlock between processes), which serialises one
        # participant's tabs and phones across processes.
        if pids:
            workshop_queries.take_sqlite_write_lock(pids[0])
        statements = _statements()
        self.participants = workshop_queries.lock_participants(pids)
        keys = {(r[0], r[3]) for r in requests}
        workshop_ids = sorted({r[0] for r in requests if isinstance(r[0], int)})
        client_ids = sorted({r[3] for r in requests})
        self.existing = {(d.workshop_id, d.client_id): d for d in db.session.scalars(
            statements["existing"], {"workshops": workshop_ids, "client_ids": client_ids})
            if (d.workshop_id, d.client_id) in keys}
        self.ideas = idea_queries.ideas_by_id(r[2] for r in requests)
        self.mine = {}       # participant -> {idea: active dots of the current phase}
        self.new = []        # (request index, Dot) to insert
        self.placed = {}     # (workshop, client_id) -> idea of a dot placed in this batch

    def _my_dots(self, workshop, participant_id):
        if participant_id not in self.mine:
            pids = [pid for pid, p in self.participants.items()
                    if pid not in self.mine and p.workshop_id == workshop.id]
            self.mine.update(queries.dots_of(workshop, pids))
        return self.mine[participant_id]

    def place_one(self, workshop_id, participant_id, idea_id, client_id):
        participant = self.participants.get(participant_id)
        if participant is None:
            raise rules.participant_gone()
        key = (workshop_id, client_id)
        existing = self.existing.get(key)
        if existing is not None:
            rules.own(existing, participant_id)
            return {"repeat": True, "participant_id": participant_id,
                    "idea_id": existing.idea_id, "workshop_id": workshop_id}
        if key in self.placed:
            owner, placed_idea = self.placed[key]
            if owner != participant_id:
                raise rules.id_taken()
            return {"repeat": True, "participant_id": participant_id, "idea_id": placed_idea,
                    "workshop_id": workshop_id}
        workshop = workshop_services.get_workshop(workshop_id)
        workshop_services.require_open(workshop, participant_id, "dots")
        signals.dot_checking.send(workshop, participant=participant)  # integrity: tickets
        idea = idea_queries.require_dottable(
            self.ideas.get(idea_id) if isinstance(idea_id, int) else None, workshop_id)
        mine = self._my_dots(workshop, participant_id)
        rules.check_new_dot(workshop, idea, mine)
        mine[idea.id] = mine.get(idea.id, 0) + 1
        self.placed[key] = (participant_id, idea.id)
        dot = Dot(workshop_id=workshop_id, idea_id=idea.id, participant_id=participant_id,
                  phase=workshop.phase, age_band=participant.age_band,
                  channel=participant.channel, client_id=client_id)
        me = rules.me_payload(workshop, participant_id, mine)
        result = {"me": me, "dots": None, "repeat": False, "participant_id": participant_id,
                  "workshop_id": workshop_id, "idea_id": idea.id,
                  "hidden": workshop_services.counts_hidden(workshop)}
        self.new.append((result, dot))
        return result

    def write(self, out):
        """Insert the new dots and raise each idea's count once; every dot's ack gets the
        count as it stood right after that dot."""
        if not self.new:
            return
        db.session.add_all([dot for _, dot in self.new])
        db.session.flush()
        per_idea = {}
        for result, _ in self.new:
            per_idea.setdefault(result["idea_id"], []).append(result)
        # In id order: two processes' batches never wait for each other's ideas in a circle.
        for idea_id, results in sorted(per_idea.items()):
            total = idea_queries.add_dots(idea_id, len(results))
            for n, result in enumerate(results):
                result["dots"] = total - len(results) + n + 1


def place_each(requests) -> list:
    """The slow path, when a grouped transaction failed as a whole (a client_id taken by
    someone else in another process): each dot alone, each with its own commit."""
    out = []
    for request in requests:
        try:
            out.extend(place([request]))
        except IntegrityError:
            db.session.rollback()
            out.append(rules.id_taken())
    return out


def finish(result, sid=None) -> dict:
    """After the commit: the ack's fields, the tally mark and `me:updated` to the
    participant's other sockets (the sending socket `sid` has `me` in its ack; with no
    other socket in this process and no message queue, nothing is sent at all)."""
    tally.mark_dirty(result["workshop_id"])
    if result["repeat"]:
        workshop = workshop_services.get_workshop(result["workshop_id"])
        hidden = workshop_services.counts_hidden(workshop)
        return {"me": rules.me_dict(workshop, result["participant_id"]),
                "dots": None if hidden else idea_queries.dot_count(result["idea_id"]),
                "repeat": True}
    room = live.participant_room(result["participant_id"])
    if live.others_may_listen(room, sid):
        live.broadcast("me:updated", result["me"], room, skip_sid=sid)
    # While the counts are hidden the ack carries the resident's own `me`, not the total.
    return {"me": result["me"], "dots": None if result["hidden"] else result["dots"],
            "repeat": False}


def write_now(request) -> dict | Exception:
    """One dot in the caller's own transaction (threading mode): the result of `finish`,
    or the DomainError it broke."""
    try:
        (result,) = place([request[:4]])
    except IntegrityError:
        db.session.rollback()
        (result,) = place_each([request[:4]])
    if isinstance(result, DomainError):
        return result
    return finish(result, request[4])


def write_grouped(request) -> dict | Exception:
    """Hand the dot to this process's writer green thread and wait for its commit."""
    return _writer(current_app._get_current_object()).submit(request)


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
        requests = [slot.request[:4] for slot in batch]
        with self.app.app_context():
            try:
                try:
                    results = place(requests)
                except (IntegrityError, OperationalError):
                    # A client_id taken in another process, or PostgreSQL's deadlock
                    # detector chose this batch: nothing of it was committed; each dot alone.
                    db.session.rollback()
                    results = place_each(requests)
                results = [r if isinstance(r, DomainError) else finish(r, slot.request[4])
                           for r, slot in zip(results, batch)]
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
