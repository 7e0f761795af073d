"""Flood throttling for `/live` events, keyed by the person, not by the socket or address.

A hall shares one IP address, so limiting per address would throttle everybody at once; a
limit per socket would let one phone escape it by opening more tabs or reconnecting. The
key is therefore the participant (residents), the account (facilitators, logged-in
projectors) or, for a projector by screen key, its socket.

Token bucket: `LIVE_EVENT_BURST` events at once (default 40), refilled at
`LIVE_EVENTS_PER_SECOND` (default 10). A refused event gets the ack `rate_limited`; the
client waits and resends with the same client id. Buckets live in the process; several
processes each keep their own (a client talks to one process at a time).
"""
import os
import threading
import time

from flask import current_app, has_app_context

# App config wins; else the environment; else these defaults.
DEFAULT_RATE = float(os.environ.get("LIVE_EVENTS_PER_SECOND", "10"))
DEFAULT_BURST = float(os.environ.get("LIVE_EVENT_BURST", "40"))


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
