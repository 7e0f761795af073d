"""The per-session ticker runs while someone is connected and ends when nobody is."""
import time

from participation.live import NAMESPACE
from participation.voting import tally


def test_ticker_starts_with_the_first_socket_and_ends_after_the_last(live, monkeypatch):
    monkeypatch.setattr(tally, "IDLE_TICKS", 2)
    workshop = live.workshop()
    resident = live.resident(workshop)
    assert workshop.id in tally.running_tickers()
    second = live.resident(workshop)
    assert tally.running_tickers().count(workshop.id) == 1
    resident.disconnect(namespace=NAMESPACE)
    second.disconnect(namespace=NAMESPACE)
    deadline = time.monotonic() + 10
    while workshop.id in tally.running_tickers() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workshop.id not in tally.running_tickers()
