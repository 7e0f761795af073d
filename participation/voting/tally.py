"""The per-session tally ticker. Votes never broadcast counts themselves: they mark the
session dirty, and one ticker per session and process sends the changed counts: to the
projectors and facilitators up to 20 times a second, to everyone (the phones) at an interval
that grows with the number of connected sockets (30 ms in a hall, 0.2 s for 2,000). The
first change after a quiet spell goes out at once. The ticker runs only while this process has sockets in that session, and ends
after a short idle grace, so an empty session costs nothing.

Works under eventlet, gevent and threading: it uses socketio.start_background_task and
socketio.sleep, and threading.Lock (monkey-patched into a green lock where needed).
"""
import logging
import threading
import time

from flask import current_app

from .. import realtime
from ..extensions import db, socketio

log = logging.getLogger(__name__)

INTERVAL = 0.25          # seconds: the unit of IDLE_TICKS
FULL_CHECK_EVERY = 8     # INTERVALs: also catch writes made by other server processes
IDLE_TICKS = 20          # INTERVALs without local sockets before the ticker ends
POLL = 0.02              # seconds between looks at the dirty flag
SCREEN_INTERVAL = 0.05   # at most 20 tallies a second to projectors and facilitators


def phone_interval(clients: int) -> float:
    """Seconds between tallies to everyone. A broadcast costs time per connected socket
    (profile: the send loop, not the query), so a big session gets fewer, larger tallies:
    about 30 ms in a hall, 0.2 s with 2,000 phones, at most 0.5 s."""
    return min(0.5, max(0.03, clients * 0.0001))


_lock = threading.Lock()
_dirty: set[int] = set()
_tickers: dict[int, "Ticker"] = {}


class Ticker:
    def __init__(self, app, workshop_id: int):
        self.app = app
        self.workshop_id = workshop_id
        self.counts: dict[str, int] = {}
        self.participants: dict | None = None
        self.screen_counts: dict[str, int] = {}
        self.fresh = False  # participants read after the last change this process saw
        self.stopped = False

    def baseline(self) -> None:
        self.counts, self.participants = _read(self.workshop_id)
        self.fresh = True
        self.screen_counts = dict(self.counts)

    def tick(self, everyone: bool) -> None:
        """Read the counts once; send what changed to everyone (phones included), or only to
        the projectors and facilitators, who get tallies more often: the wall is what the
        hall looks at, and those rooms are small. Counts are absolute, so a client that gets
        both sends is right either way."""
        counts, participants = _read(self.workshop_id)
        if everyone:
            self.fresh = not pending_dirty(self.workshop_id)
            changed = _changed(self.counts, counts)
            # An idea that left the wall (hidden, merged) is dropped by its own event.
            self.counts, self.screen_counts = counts, dict(counts)
            if changed or participants != self.participants:
                self.participants = participants
                realtime.broadcast("tally:update", {"counts": changed, "participants": participants},
                                   realtime.session_room(self.workshop_id))
            return
        changed = _changed(self.screen_counts, counts)
        self.screen_counts = counts
        if changed:
            payload = {"counts": changed, "participants": participants}
            realtime.broadcast("tally:update", payload, realtime.screen_room(self.workshop_id))
            realtime.broadcast("tally:update", payload, realtime.facilitator_room(self.workshop_id))

    def run(self) -> None:
        """Leading edge: the first change after a quiet spell goes out at the next look
        (POLL); later ones wait for their audience's interval, so a burst of votes costs
        one broadcast per interval, never one per vote."""
        started = last_full = time.monotonic()
        last_all = last_screen = idle_since = 0.0
        pending_all = pending_screen = False
        while not self.stopped:
            socketio.sleep(POLL)
            now = time.monotonic()
            with _lock:
                if self.workshop_id in _dirty:
                    _dirty.discard(self.workshop_id)
                    pending_all = pending_screen = True
                    self.fresh = False
            if now - last_full >= FULL_CHECK_EVERY * INTERVAL:
                last_full = now
                pending_all = pending_screen = True
            clients = realtime.local_client_count(self.workshop_id)
            due_all = pending_all and now - last_all >= phone_interval(clients)
            due_screen = pending_screen and now - last_screen >= SCREEN_INTERVAL
            if due_all or due_screen:
                try:
                    with self.app.app_context():
                        try:
                            self.tick(everyone=due_all)
                        finally:
                            db.session.remove()
                except Exception:
                    log.exception("tally tick for workshop %s failed", self.workshop_id)
                last_screen = now
                pending_screen = False
                if due_all:
                    last_all, pending_all = now, False
            with _lock:
                if clients > 0 or now - started < INTERVAL:
                    idle_since = 0.0
                    continue
                idle_since = idle_since or now
                if now - idle_since >= IDLE_TICKS * INTERVAL and self.workshop_id not in _dirty:
                    if _tickers.get(self.workshop_id) is self:
                        del _tickers[self.workshop_id]
                    return


def _changed(sent: dict, counts: dict) -> dict:
    return {key: value for key, value in counts.items() if sent.get(key, 0) != value}


def _read(workshop_id: int) -> tuple[dict, dict]:
    from ..ideas import services as idea_services
    from ..workshops import services as workshop_services
    counts = {str(key): value for key, value in idea_services.dot_counts(workshop_id).items()}
    return counts, workshop_services.participant_counts(workshop_id)


def pending_dirty(workshop_id: int) -> bool:
    with _lock:
        return workshop_id in _dirty


def mark_dirty(workshop_id: int) -> None:
    with _lock:
        _dirty.add(workshop_id)


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


def cached_participants(workshop_id: int) -> dict | None:
    """The participant counts this process's ticker last read (at most one tick old; the
    next tally:update carries any change), or None. Counting every participant of a big
    session for each of 2,000 reconnecting phones was a quarter of the snapshot's cost."""
    with _lock:
        ticker = _tickers.get(workshop_id)
        if ticker is None or not ticker.fresh or workshop_id in _dirty or not ticker.participants:
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
