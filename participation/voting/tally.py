"""The per-session tally ticker. Votes never broadcast counts themselves: they mark the
session dirty, and one ticker per session and process sends the changed counts:

- to the projectors and facilitators at once (up to 20 times a second): the wall is what
  the hall watches;
- to the phones within a send budget: at most LIVE_TALLY_BUDGET frames a second for the
  session's phones in this process, so the interval is phones / budget seconds, never
  below 250 ms and never above 5 s. The phones' page moves its
  counters smoothly in between (static/js/live/tally_easing.js).

While the facilitator hides the counts (workshops.flow.counts_hidden), the projectors and
phones get no counts, only the participant figures; the facilitators get everything. The
ticker keeps that flag (workshops' `counts_visibility` signal, and a read at the baseline
and every FULL_CHECK for changes made in another process), so a tick costs no query more;
when hiding ends, each of their streams sends the full counts once.

The first change after a quiet spell goes out at once. Each stream carries `seq`, one more
per tally:update a socket gets, so a client can notice a missed one (docs/realtime.md).
Tallies go to this process's own sockets only (`ignore_queue`): with several processes
each ticker serves its own sockets and reads the counts from the database, every
SCREEN_INTERVAL when a message queue is set (a dot in another process marks nothing here).
Participant counts are read again only after a join (or every FULL_CHECK), not per tick.

The ticker runs only while this process has sockets in that session, and ends after a
short idle grace, so an empty session costs nothing. Works under eventlet, gevent and
threading: socketio.start_background_task and socketio.sleep, and threading.Lock
(monkey-patched into a green lock where needed).
"""
import logging
import threading
import time

from flask import current_app

from .. import live
from ..extensions import db, socketio
from ..ideas import services as idea_services
from ..workshops import services as workshop_services
from .tally_stream import Stream as _Stream

log = logging.getLogger(__name__)

INTERVAL = 0.25          # seconds: the unit of IDLE_TICKS
FULL_CHECK_EVERY = 8     # INTERVALs: also catch writes made by other server processes
IDLE_TICKS = 20          # INTERVALs without local sockets before the ticker ends
POLL = 0.02              # seconds between looks at the dirty flag
SCREEN_INTERVAL = 0.05   # at most 20 tallies a second to projectors and facilitators
DEFAULT_BUDGET = 3000    # tally frames a second to one session's phones (per process)
MIN_PHONE_INTERVAL = 0.25
MAX_PHONE_INTERVAL = 5.0
PHONE_SHARDS = live.PHONE_SHARDS


def phone_interval(phones: int, budget: float = DEFAULT_BUDGET) -> float:
    """Seconds between tallies to the phones: phones / budget, within [minimum, 5 s].
    A broadcast costs time per socket (the send loop, not the query): 300 phones get one
    every 250 ms (1,200 frames/s), 2,000 phones one every 0.67 s (3,000 frames/s)."""
    if budget <= 0:
        return MAX_PHONE_INTERVAL
    return min(MAX_PHONE_INTERVAL, max(MIN_PHONE_INTERVAL, phones / budget))


_lock = threading.Lock()
_dirty: set[int] = set()
_joined: set[int] = set()   # sessions whose participant counts changed
_tickers: dict[int, "Ticker"] = {}


class Ticker:
    def __init__(self, app, workshop_id: int):
        self.app = app
        self.workshop_id = workshop_id
        self.participants: dict | None = None
        self.screens = _Stream({}, None)  # facilitators: every count, hidden or not
        self.walls = _Stream({}, None)    # projectors: no counts while they are hidden
        # The phones in PHONE_SHARDS rooms, each its own stream sent at its own moment: one
        # broadcast to thousands of sockets would queue every ack and the projector's
        # frame behind it; eight smaller ones let them through in between.
        self.phones = [_Stream({}, None) for _ in range(PHONE_SHARDS)]
        self.fresh = False    # participants read after the last join this process saw
        self.stopped = False
        self.last_counts: dict | None = None  # the counts as last read
        self.hidden = False   # counts hidden from projectors and phones (counts_visibility)

    def baseline(self) -> None:
        counts = _dot_counts(self.workshop_id)
        self.participants = _participant_counts(self.workshop_id)
        self.hidden = _counts_hidden(self.workshop_id)
        for stream in (self.screens, self.walls, *self.phones):
            stream.counts, stream.participants = dict(counts), self.participants
        if self.hidden:  # their snapshots carry no counts either
            for stream in (self.walls, *self.phones):
                stream.counts = None
        self.fresh = True

    def read_participants(self) -> None:
        with _lock:
            _joined.discard(self.workshop_id)
        self.participants = _participant_counts(self.workshop_id)
        with _lock:
            self.fresh = self.workshop_id not in _joined

    def tick(self, screens: bool, shard: int | None, read: bool = True) -> None:
        """Read the counts (unless nothing can have changed since the last read: `read`
        false); send what changed to the projectors and facilitators and/or to one shard
        of the phones."""
        if read or self.last_counts is None:
            self.last_counts = _dot_counts(self.workshop_id)
        counts, hidden = self.last_counts, self.hidden
        if screens:
            payload = self.screens.payload(counts, self.participants)
            if payload:
                _send(payload, live.facilitator_room(self.workshop_id))
            payload = self.walls.payload(counts, self.participants, hidden)
            if payload:
                _send(payload, live.screen_room(self.workshop_id))
        if shard is not None:
            payload = self.phones[shard].payload(dict(counts), self.participants, hidden)
            if payload:
                _send(payload, live.phone_room(self.workshop_id, shard))

    def due_shard(self, now: float, interval: float) -> int | None:
        """The phone shard to send now: pending, its interval over, waiting longest.
        At most one per look (POLL), so the shards spread over the interval."""
        due = [(stream.last, n) for n, stream in enumerate(self.phones)
               if stream.pending and now - stream.last >= interval]
        return min(due)[1] if due else None

    def run(self) -> None:
        """Leading edge: the first change after a quiet spell goes out at the next look
        (POLL); later ones wait for their audience's interval, so a burst of votes costs
        one broadcast per interval, never one per vote."""
        started = last_full = last_read = last_hidden = time.monotonic()
        idle_since = 0.0
        shared = bool(self.app.config.get("SOCKETIO_MESSAGE_QUEUE"))
        budget = float(self.app.config.get("LIVE_TALLY_BUDGET", DEFAULT_BUDGET))
        streams = (self.screens, self.walls, *self.phones)
        stale = True
        while not self.stopped:
            socketio.sleep(POLL)
            now = time.monotonic()
            with _lock:
                changed = self.workshop_id in _dirty
                _dirty.discard(self.workshop_id)
                joined = self.workshop_id in _joined
            full = now - last_full >= FULL_CHECK_EVERY * INTERVAL
            if changed or full or (shared and now - last_read >= SCREEN_INTERVAL):
                last_read = now
                stale = True  # the next tick reads the counts; later shards reuse them
                for stream in streams:
                    stream.pending = True
            clients = live.local_client_count(self.workshop_id)
            phones = clients - live.local_screen_count(self.workshop_id)
            shard = self.due_shard(now, phone_interval(phones, budget))
            screens = ((self.screens.pending or self.walls.pending)
                       and now - self.screens.last >= SCREEN_INTERVAL)
            if screens or shard is not None or joined or full:
                try:
                    with self.app.app_context():
                        try:
                            # Hiding set in another process reaches this one only
                            # here (its signal stays there); at most every FULL_CHECK.
                            if now - last_hidden >= FULL_CHECK_EVERY * INTERVAL:
                                last_hidden = now
                                self.hidden = _counts_hidden(self.workshop_id)
                            if joined or full:
                                last_full = now
                                self.read_participants()
                            if screens or shard is not None:
                                self.tick(screens, shard, read=stale)
                                stale = False
                        finally:
                            db.session.remove()
                except Exception:
                    log.exception("tally tick for workshop %s failed", self.workshop_id)
                for stream in (self.screens if screens else None,
                               self.walls if screens else None,
                               self.phones[shard] if shard is not None else None):
                    if stream is not None:
                        stream.last, stream.pending = now, False
            with _lock:
                if clients > 0 or now - started < INTERVAL:
                    idle_since = 0.0
                    continue
                idle_since = idle_since or now
                if now - idle_since >= IDLE_TICKS * INTERVAL and self.workshop_id not in _dirty:
                    if _tickers.get(self.workshop_id) is self:
                        del _tickers[self.workshop_id]
                    return


def _send(payload: dict, room: str) -> None:
    """To this process's own sockets in the room: every process runs its own ticker."""
    try:
        socketio.emit("tally:update", payload, to=room, namespace=live.NAMESPACE,
                      ignore_queue=True)
    except Exception:  # a failed send must never stop the ticker
        log.exception("tally to %s failed", room)


def _dot_counts(workshop_id: int) -> dict[str, int]:
    return {str(key): value for key, value in idea_services.dot_counts(workshop_id).items()}


def _participant_counts(workshop_id: int) -> dict:
    return workshop_services.participant_counts(workshop_id)


def _counts_hidden(workshop_id: int) -> bool:
    return workshop_services.counts_hidden(workshop_services.get_workshop(workshop_id))


def set_hidden(workshop_id: int, hidden: bool) -> None:
    """The facilitator hid or showed the counts, or the step moved on (workshops'
    `counts_visibility`): the next tick sends accordingly; showing them again sends every
    count to the projectors and phones (their streams forgot what they knew)."""
    with _lock:
        ticker = _tickers.get(workshop_id)
        if ticker is not None and ticker.hidden != hidden:
            ticker.hidden = hidden
            _dirty.add(workshop_id)


def pending_dirty(workshop_id: int) -> bool:
    with _lock:
        return workshop_id in _dirty


def mark_dirty(workshop_id: int, joined: bool = False) -> None:
    """Counts changed (a dot); `joined`: the participant counts changed (a join)."""
    with _lock:
        _dirty.add(workshop_id)
        if joined:
            _joined.add(workshop_id)


def ensure_ticker(workshop_id: int) -> None:
    """Start the session's ticker if it is not running. Call inside an app context, before
    the snapshot is built: the baseline is read now, so no later change is missed."""
    with _lock:
        if workshop_id in _tickers:
            return
        ticker = Ticker(current_app._get_current_object(), workshop_id)
        _tickers[workshop_id] = ticker
    try:
        ticker.baseline()
    except Exception:
        log.exception("tally baseline for workshop %s failed", workshop_id)
    socketio.start_background_task(ticker.run)


def current_seq(workshop_id: int, role: str, sid: str | None) -> int:
    """The `seq` of the last tally:update this process sent to that socket's stream (0 for
    none): a connecting client expects seq + 1 next (the snapshot's `tally_seq`)."""
    with _lock:
        ticker = _tickers.get(workshop_id)
    if ticker is None:
        return 0
    if role == live.ROLE_PROJECTOR:
        return ticker.walls.seq
    if role != live.ROLE_PARTICIPANT:
        return ticker.screens.seq
    return ticker.phones[live.phone_shard(sid)].seq if sid else 0


def cached_participants(workshop_id: int) -> dict | None:
    """The participant counts this process's ticker last read (at most one tick old; the
    next tally:update carries any change), or None. Counting every participant of a big
    session for each of 2,000 reconnecting phones was a quarter of the snapshot's cost."""
    with _lock:
        ticker = _tickers.get(workshop_id)
        if ticker is None or not ticker.fresh or workshop_id in _joined or not ticker.participants:
            return None  # a join (or a vote) may not be counted yet: ask the database
        return dict(ticker.participants)


def running_tickers() -> list[int]:
    with _lock:
        return sorted(_tickers)


def stop_all() -> None:
    """For tests and shutdown: end every ticker at its next tick."""
    with _lock:
        for ticker in _tickers.values():
            ticker.stopped = True
        _tickers.clear()
        _dirty.clear()
        _joined.clear()
