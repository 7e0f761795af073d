"""The send budget (issue 16): phones get tallies at most every phones / LIVE_TALLY_BUDGET
seconds and never more often than every 250 ms, while the projector and the facilitator's
console get each change at once; every stream numbers its frames (`seq`) so a client can
notice a missed one, and the snapshot says where the stream stands."""
import time

from participation.voting import tally
from tests.socket.conftest import cid, emit, events


def test_interval_is_phones_over_budget_never_below_a_quarter_second():
    assert tally.phone_interval(30) == 0.25
    assert tally.phone_interval(300) == 0.25          # 1,200 frames a second, not 10,000
    assert tally.phone_interval(1500) == 0.5
    assert tally.phone_interval(6000) == 2.0
    assert tally.phone_interval(2000, budget=1000) == 2.0
    assert tally.phone_interval(10**7) == tally.MAX_PHONE_INTERVAL


class Watch:
    """(time seen, payload) of each socket's tally:update frames from now on."""

    def __init__(self, *sockets):
        self.sockets = sockets
        self.skip = [len(events(s, "tally:update")) for s in sockets]
        self.seen = [[] for _ in sockets]

    def poll(self, seconds=0.0):
        end = time.monotonic() + seconds
        while True:
            for socket, skip, got in zip(self.sockets, self.skip, self.seen):
                frames = events(socket, "tally:update")[skip:]
                got.extend((time.monotonic(), frame) for frame in frames[len(got):])
            if time.monotonic() >= end:
                return self.seen
            time.sleep(0.01)


def arrivals(sockets, seconds):
    return Watch(*sockets).poll(seconds)


def test_phones_get_budgeted_tallies_the_projector_every_change(app, live):
    app.config["LIVE_TALLY_BUDGET"] = 8  # 4 phones: one tally every 0.5 s
    workshop = live.workshop(dots_per_participant=10, max_dots_per_idea=5)
    voters = [live.resident(workshop) for _ in range(3)]
    phone = live.resident(workshop)
    projector = live.facilitator(workshop)  # a console: the screens' stream
    ideas = [emit(voters[0], "idea:submit", {"client_id": cid(), "text": f"Idee {n}"})["idea"]["id"]
             for n in range(3)]
    Watch(phone, projector).poll(0.8)  # let the join and idea tallies pass
    snapshot_seq = emit(phone, "session:sync", {})["snapshot"]["tally_seq"]
    watch = Watch(phone, projector)

    placed = 0
    started = time.monotonic()
    for _round in range(5):
        for n, voter in enumerate(voters):
            assert emit(voter, "dot:add", {"client_id": cid(), "idea_id": ideas[n]})["ok"]
            placed += 1
            watch.poll()
        watch.poll(0.25)
    phone_frames, screen_frames = watch.poll(1.2)
    elapsed = time.monotonic() - started

    def total(frames):
        counts = {}
        for _, frame in frames:
            counts.update(frame["counts"])
        return sum(counts.values())

    # Both end at the true counts.
    assert total(phone_frames) == placed == total(screen_frames)
    # The console saw the changes as they came, the phone in budgeted steps.
    assert len(screen_frames) >= 5
    assert len(phone_frames) <= 1 + elapsed / 0.5 + 1
    assert len(phone_frames) < len(screen_frames)
    gaps = [b[0] - a[0] for a, b in zip(phone_frames, phone_frames[1:])]
    assert all(gap >= 0.4 for gap in gaps), gaps
    # Each stream numbers its frames without a gap; the phone's continues its snapshot's.
    phone_seqs = [frame["seq"] for _, frame in phone_frames]
    assert phone_seqs == list(range(snapshot_seq + 1, snapshot_seq + 1 + len(phone_seqs)))
    screen_seqs = [frame["seq"] for _, frame in screen_frames]
    assert screen_seqs == list(range(screen_seqs[0], screen_seqs[0] + len(screen_seqs)))


def test_a_join_reaches_the_phones_and_the_console(live):
    workshop = live.workshop()
    phone = live.resident(workshop)
    console = live.facilitator(workshop)
    watch = Watch(phone, console)
    live.resident(workshop)
    deadline = time.monotonic() + 5
    totals = []
    while time.monotonic() < deadline:
        totals = [frames[-1][1]["participants"]["total"] if frames else None
                  for frames in watch.poll(0.05)]
        if totals == [2, 2]:
            break
    assert totals == [2, 2]


def test_me_updated_goes_to_the_other_tabs_not_the_one_that_placed_the_dot(live):
    """The ack carries `me`; the sending socket needs no second copy (one frame less per
    dot), the resident's other tab still learns the new budget."""
    from participation.live import NAMESPACE
    workshop = live.workshop()
    http = live.app.test_client()
    assert http.post(f"/j/{workshop.join_code}", data={"channel": "onsite"}).status_code == 303
    tab, other_tab = (live.connect(http, workshop.id, "participant") for _ in range(2))
    idea = emit(tab, "idea:submit", {"client_id": cid(), "text": "Mehr Bänke"})["idea"]["id"]
    tab.get_received(NAMESPACE)
    ack = emit(tab, "dot:add", {"client_id": cid(), "idea_id": idea})
    assert ack["ok"] and ack["me"]["dots_left"] == 4
    time.sleep(0.2)
    assert events(other_tab, "me:updated")[-1]["dots_left"] == 4
    assert events(tab, "me:updated") == []
    # Alone (no other tab): still correct, nothing extra.
    other_tab.disconnect(namespace=NAMESPACE)
    assert emit(tab, "dot:add", {"client_id": cid(), "idea_id": idea})["me"]["dots_left"] == 3
    assert events(tab, "me:updated") == []
