"""The per-session tally ticker. Votes never broadcast counts themselves: they mark the
session dirty, and one ticker per session and process sends the changed counts a few times
a second. The ticker runs only while this process has sockets in that session, and ends
after a short idle grace, so an empty session costs nothing.

Works under eventlet, gevent and threading: it uses socketio.start_background_task and
socketio.sleep, and threading.Lock (monkey-patched into a green lock where needed).
"""
import logging
import threading

from flask import current_app

from .. import realtime
from ..extensions import db, socketio

log = logging.getLogger(__name__)

INTERVAL = 0.25          # seconds between ticks
FULL_CHECK_EVERY = 8     # ticks: also catch writes made by other server processes
IDLE_TICKS = 20          # ticks without local sockets before the ticker ends

_lock = threading.Lock()
_dirty: set[int] = set()
_tickers: dict[int, "Ticker"] = {}


class Ticker:
    def __init__(self, app, workshop_id: int):
        self.app = app
        self.workshop_id = workshop_id
        self.counts: dict[str, int] = {}
        self.participants: dict | None = None
        self.stopped = False

    def baseline(self) -> None:
        self.counts, self.participants = _read(self.workshop_id)

    def tick(self, full: bool) -> None:
        with _lock:
            dirty = self.workshop_id in _dirty
            _dirty.discard(self.workshop_id)
        if not (dirty or full):
            return
        counts, participants = _read(self.workshop_id)
        changed = {key: value for key, value in counts.items() if self.counts.get(key, 0) != value}
        # An idea that left the wall (hidden, merged) is dropped by its own event.
        self.counts = counts
        if changed or participants != self.participants:
            self.participants = participants
            realtime.broadcast("tally:update", {"counts": changed, "participants": participants},
                               realtime.session_room(self.workshop_id))

    def run(self) -> None:
        ticks = idle = 0
        while not self.stopped:
            socketio.sleep(INTERVAL)
            ticks += 1
            try:
                with self.app.app_context():
                    try:
                        self.tick(full=ticks % FULL_CHECK_EVERY == 0)
                    finally:
                        db.session.remove()
            except Exception:
                log.exception("tally tick for workshop %s failed", self.workshop_id)
            with _lock:
                if realtime.local_client_count(self.workshop_id) > 0:
                    idle = 0
                    continue
                idle += 1
                if idle >= IDLE_TICKS and self.workshop_id not in _dirty:
                    if _tickers.get(self.workshop_id) is self:
                        del _tickers[self.workshop_id]
                    return


def _read(workshop_id: int) -> tuple[dict, dict]:
    from ..ideas import services as idea_services
    from ..workshops import services as workshop_services
    counts = {str(key): value for key, value in idea_services.dot_counts(workshop_id).items()}
    return counts, workshop_services.participant_counts(workshop_id)


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
