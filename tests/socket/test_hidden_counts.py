"""Issue 12's closing note: while the facilitator hides the counts, they were hidden only
in the pages; tally:update, the snapshot, idea events and the dot ack still carried them
to every phone and projector (readable in the browser's dev tools). Now no count reaches
a phone or a projector while hidden; the facilitator gets them live; when hiding ends,
phones and projectors get the full counts. Each test fails on the code before."""
import time

from participation.workshops import cookies

from .conftest import cid, emit, events
from .test_hall_flow import dot, plain_workshop


def counts_seen(socket) -> dict:
    """The counts of every tally:update so far, merged (later frames win)."""
    merged = {}
    for frame in events(socket, "tally:update"):
        merged.update(frame.get("counts") or {})
    return merged


def wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def projector(live, workshop):
    return live.projector(workshop, screen=cookies.screen_key(workshop.id))


def received(socket, name, since=0) -> list:
    """The `name` events of this socket, from its `since`-th received event on."""
    events(socket, name)  # gathers everything received so far
    return [item["args"][0] for item in socket._seen[since:] if item["name"] == name]


def mark(socket) -> int:
    events(socket, "tally:update")
    return len(socket._seen)


def idea_payloads(socket, since=0) -> list[dict]:
    return [e["idea"] for name in ("idea:created", "idea:updated")
            for e in received(socket, name, since)]


def assert_no_count(socket, since=0):
    """Nothing this socket received (since the counts were hidden) carries a dot count."""
    for frame in received(socket, "tally:update", since):
        assert not frame.get("counts"), frame
        assert "participants" in frame
    for snapshot in received(socket, "session:snapshot", since):
        assert all(idea["dots"] is None for idea in snapshot["ideas"]), snapshot["ideas"]
    for idea in idea_payloads(socket, since):
        assert idea["dots"] is None, idea


def test_hidden_counts_reach_no_phone_or_projector_and_come_back_when_shown(live):
    workshop = plain_workshop(live, dots_per_participant=3, max_dots_per_idea=3)
    facilitator = live.facilitator(workshop)
    alice, bert = live.resident(workshop), live.resident(workshop)
    a = emit(alice, "idea:submit", {"client_id": cid(), "text": "Mehr Bänke am Markt"})["idea"]["id"]
    b = emit(bert, "idea:submit", {"client_id": cid(), "text": "Ein Bürgerbus"})["idea"]["id"]
    assert emit(facilitator, "flow:hide_counts", {"hidden": True})["ok"]
    assert emit(facilitator, "flow:step", {"step": "dot"})["workshop"]["flow"]["counts_hidden"]
    hidden_from = {id(s): mark(s) for s in (alice, bert)}
    # The phone and the projector that watch connect while the counts are hidden.
    phone, wall = live.resident(workshop), projector(live, workshop)

    acks = [dot(alice, a), dot(alice, a), dot(bert, a), dot(bert, b)]
    for ack in acks:
        assert ack["ok"] and ack["dots"] is None, ack  # not the idea's total ...
    assert acks[1]["me"]["my_dots"] == {str(a): 2} and acks[1]["me"]["dots_left"] == 1  # ... but me
    # A facilitator's edit sends idea:updated to everyone.
    assert emit(facilitator, "idea:edit", {"idea_id": a, "text": "Mehr Bänke am Marktplatz"})["ok"]

    # The facilitator sees the counts live.
    assert wait_for(lambda: counts_seen(facilitator) == {str(a): 3, str(b): 1}), \
        events(facilitator, "tally:update")
    assert any(i["dots"] == 3 for i in events(live.facilitator(workshop), "session:snapshot")[0]["ideas"])
    time.sleep(0.6)  # several tick and shard intervals
    # A phone and a projector reconnecting in the meantime get no counts either.
    late_phone, late_projector = live.resident(workshop), projector(live, workshop)
    watchers = (phone, wall, alice, bert, late_phone, late_projector)
    assert idea_payloads(phone), "the phone got no idea:updated"
    for socket in watchers:
        assert_no_count(socket, hidden_from.get(id(socket), 0))
    assert all(s["dots"] is None for s in events(late_phone, "session:snapshot")[0]["ideas"])

    # The facilitator shows them: every phone and projector gets the true counts.
    assert emit(facilitator, "flow:hide_counts", {"hidden": False})["ok"]
    for socket in watchers:
        assert wait_for(lambda: counts_seen(socket) == {str(a): 3, str(b): 1}), \
            events(socket, "tally:update")
    after = dot(bert, a)
    assert after["ok"] and after["dots"] == 4
    assert wait_for(lambda: counts_seen(wall).get(str(a)) == 4)
    fresh = live.resident(workshop)
    assert {i["id"]: i["dots"] for i in events(fresh, "session:snapshot")[0]["ideas"]} == {a: 4, b: 1}


def test_counts_come_back_when_dotting_ends(live):
    workshop = plain_workshop(live)
    facilitator = live.facilitator(workshop)
    resident = live.resident(workshop)
    idea = emit(resident, "idea:submit", {"client_id": cid(), "text": "Ein Dorfladen"})["idea"]["id"]
    assert emit(facilitator, "flow:hide_counts", {"hidden": True})["ok"]
    assert emit(facilitator, "flow:step", {"step": "dot"})["ok"]
    phone, wall = live.resident(workshop), projector(live, workshop)
    assert dot(resident, idea)["dots"] is None
    assert wait_for(lambda: counts_seen(facilitator) == {str(idea): 1})
    time.sleep(0.5)
    for socket in (phone, wall):
        assert_no_count(socket)
    # The step moves on: dotting is over, the counts are shown again.
    assert emit(facilitator, "flow:step", {"step": "done"})["ok"]
    for socket in (phone, wall, resident):
        assert wait_for(lambda: counts_seen(socket) == {str(idea): 1}), events(socket, "tally:update")
