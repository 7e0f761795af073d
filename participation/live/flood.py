"""Flood throttling for `/live` events, keyed by the person, not by the socket or address.

A hall shares one IP address, so limiting per address would throttle everybody at once; a
limit per socket would let one phone escape it by opening more tabs or reconnecting. The
key is therefore the participant (residents), the account (facilitators, logged-in
projectors) or, for a projector by screen key, its socket.

Token bucket: `LIVE_EVENT_BURST` events at once (default 40), refilled at
`LIVE_EVENTS_PER_SECOND` (default 10). A refused event gets the ack `rate_limited`; the
client waits and resends with the same client id. Buckets live in the process; several
processes each keep their own (a client talks to one process at a time).

The check runs in a gate in front of python-socketio's event dispatch (`install_gate`):
a refused event costs a dict lookup and one ack packet, not a green thread, a Flask request
context and a session decode. A socket that keeps sending while refused (more than
`LIVE_FLOOD_DISCONNECT_AFTER` refusals, default 60, within `LIVE_FLOOD_WINDOW` seconds,
default 5) is disconnected. The person may reconnect; the bucket is the person's, so it is
still empty and refills at the normal rate.
"""
import logging
import os
import threading
import time

from flask import current_app, has_app_context
from socketio import packet

log = logging.getLogger(__name__)

# App config wins; else the environment; else these defaults.
DEFAULT_RATE = float(os.environ.get("LIVE_EVENTS_PER_SECOND", "10"))
DEFAULT_BURST = float(os.environ.get("LIVE_EVENT_BURST", "40"))
DEFAULT_DISCONNECT_AFTER = int(os.environ.get("LIVE_FLOOD_DISCONNECT_AFTER", "60"))
DEFAULT_WINDOW = float(os.environ.get("LIVE_FLOOD_WINDOW", "5"))


class Throttle:
    def __init__(self, max_keys: int = 200_000):
        self._buckets: dict[str, list[float]] = {}  # key -> [tokens, last refill time]
        self._lock = threading.Lock()
        self.max_keys = max_keys

    def allow(self, key: str, rate: float = DEFAULT_RATE, burst: float = DEFAULT_BURST,
              now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) >= self.max_keys:
                    self._prune(now, rate, burst)
                bucket = self._buckets[key] = [burst, now]
            tokens = min(burst, bucket[0] + (now - bucket[1]) * rate)
            bucket[1] = now
            if tokens < 1:
                bucket[0] = tokens
                return False
            bucket[0] = tokens - 1
            return True

    def _prune(self, now: float, rate: float, burst: float) -> None:
        """Forget buckets that have refilled completely: they would start full anyway."""
        full_after = burst / rate if rate > 0 else float("inf")
        for key in [k for k, (_, stamp) in self._buckets.items() if now - stamp >= full_after]:
            del self._buckets[key]

    def reset(self) -> None:
        with self._lock:
            self._buckets.clear()


_fallback = Throttle()


def throttle_of_app() -> Throttle:
    """One throttle per app (a test run creates many apps, each with its own database)."""
    if not has_app_context():
        return _fallback
    throttle = current_app.extensions.get("live_throttle")
    if throttle is None:
        throttle = current_app.extensions["live_throttle"] = Throttle()
    return throttle


def key_for(client) -> str:
    if client.participant_id is not None:
        return f"p:{client.participant_id}"
    if client.user_id is not None:
        return f"u:{client.user_id}"
    return f"s:{client.sid}"


def allow(client) -> bool:
    """May this client's person send one more event now?"""
    rate, burst = DEFAULT_RATE, DEFAULT_BURST
    if has_app_context():
        config = current_app.config
        rate = float(config.get("LIVE_EVENTS_PER_SECOND", DEFAULT_RATE))
        burst = float(config.get("LIVE_EVENT_BURST", DEFAULT_BURST))
    return throttle_of_app().allow(key_for(client), rate, burst)


# --- the gate in front of event dispatch ---------------------------------------------------

class Strikes:
    """Refusals per socket within a window; says when a socket has to be cut off."""

    def __init__(self):
        self._by_sid: dict[str, list[float]] = {}  # sid -> [refusals, window start]

    def add(self, sid: str, limit: int, window: float, now: float | None = None) -> bool:
        """Count one refusal; True exactly once, when the socket goes over the limit."""
        now = time.monotonic() if now is None else now
        entry = self._by_sid.get(sid)
        if entry is None or now - entry[1] > window:
            entry = self._by_sid[sid] = [0, now]
        entry[0] += 1
        return entry[0] == limit + 1

    def forget(self, sid: str) -> None:
        self._by_sid.pop(sid, None)


strikes = Strikes()


def install_gate(app, server, clients: dict, namespace: str, refusal) -> None:
    """Check the bucket before python-socketio spawns a handler for an event.

    `clients` maps a socket id to its registered client (filled at connect), `refusal(client)`
    gives the `rate_limited` ack. Events of unknown sockets and other namespaces pass through
    unchanged: the normal handler path answers them."""
    dispatch = server._handle_event  # python-socketio 5.x: (eio_sid, namespace, id, data)
    throttle = app.extensions.setdefault("live_throttle", Throttle())
    config = app.config

    def gate(eio_sid, ns, ack_id, data):
        if ns == namespace:
            sid = server.manager.sid_from_eio_sid(eio_sid, ns)
            client = clients.get(sid) if sid is not None else None
            if client is not None and not throttle.allow(
                    key_for(client),
                    float(config.get("LIVE_EVENTS_PER_SECOND", DEFAULT_RATE)),
                    float(config.get("LIVE_EVENT_BURST", DEFAULT_BURST))):
                if ack_id is not None:
                    server._send_packet(eio_sid, server.packet_class(
                        packet.ACK, namespace=ns, id=ack_id, data=[refusal(client)]))
                if strikes.add(sid, int(config.get("LIVE_FLOOD_DISCONNECT_AFTER",
                                                   DEFAULT_DISCONNECT_AFTER)),
                               float(config.get("LIVE_FLOOD_WINDOW", DEFAULT_WINDOW))):
                    cut_off(server, sid, eio_sid, ns)
                return
        return dispatch(eio_sid, ns, ack_id, data)

    server._handle_event = gate


def cut_off(server, sid: str, eio_sid: str, namespace: str) -> None:
    """Disconnect a flooding socket: leave the namespace now (its handler unregisters it),
    then close the transport in the background so its queued frames are never read. The
    close waits a moment: handlers already started for the socket still find its environ
    and ack normally (python-socketio drops it on close; Flask-SocketIO would ack `'', 400`)."""
    log.warning("socket %s disconnected for flooding", sid)
    try:
        server.disconnect(sid, namespace=namespace)
    except Exception:
        log.exception("disconnecting flooding socket %s failed", sid)
    if eio_sid in getattr(server.eio, "sockets", {}):
        server.start_background_task(_close_transport, server, eio_sid)


def _close_transport(server, eio_sid: str, grace: float = 1.0) -> None:
    server.sleep(grace)
    try:
        server.eio.disconnect(eio_sid)
    except Exception:
        log.exception("closing the transport of a flooding socket failed")
