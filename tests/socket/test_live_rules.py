"""Each rule of the live session, through the Socket.IO test client (docs/realtime.md)."""
import threading

from participation.extensions import db
from participation.ideas.models import Idea, ModerationAction
from participation.live import NAMESPACE
from participation.voting.models import Dot

from .conftest import cid, emit, events


def submit(socket, text="Busse fahren abends nicht"):
    ack = emit(socket, "idea:submit", {"client_id": cid(), "text": text})
    assert ack["ok"], ack
    return ack["idea"]


def dot(socket, idea_id, event="dot:add", client_id=None):
    return emit(socket, event, {"client_id": client_id or cid(), "idea_id": idea_id})


def active_dots(idea_id):
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count()).select_from(Dot).where(
        Dot.idea_id == idea_id, Dot.removed_at.is_(None)))


def test_snapshot_on_connect_shows_session_and_my_budget(live):
    workshop = live.workshop()
    resident = live.resident(workshop)
    snapshot = events(resident, "session:snapshot")[0]
    assert snapshot["workshop"]["question"] == "Was stört Sie heute in unserem Ort?"
    assert snapshot["me"]["dots_left"] == 5
    assert snapshot["participants"]["onsite"] == 1
    assert snapshot["workshop"]["join_url"].endswith("/j/" + workshop.join_code)


def test_idea_text_is_trimmed_and_limited(live):
    workshop = live.workshop()
    resident = live.resident(workshop)
    assert submit(resident, "   Mehr Bänke   ")["text"] == "Mehr Bänke"
    assert emit(resident, "idea:submit", {"client_id": cid(), "text": "   "})["error"] == "text_empty"
    too_long = emit(resident, "idea:submit", {"client_id": cid(), "text": "x" * 281})
    assert too_long["error"] == "text_too_long" and too_long["message"]
    assert emit(resident, "idea:submit", {"client_id": cid(), "text": "  " + "y" * 280 + " "})["ok"]


def test_dot_budget_per_phase(live):
    workshop = live.workshop(dots_per_participant=3, max_dots_per_idea=3)
    resident = live.resident(workshop)
    ideas = [submit(resident, f"Idee {n}")["id"] for n in range(4)]
    for idea_id in ideas[:3]:
        ack = dot(resident, idea_id)
        assert ack["ok"], ack
    assert ack["me"]["dots_left"] == 0
    refused = dot(resident, ideas[3])
    assert refused["error"] == "budget_exhausted"
    assert active_dots(ideas[3]) == 0
    # A new phase brings a new budget.
    facilitator = live.facilitator(workshop)
    assert emit(facilitator, "phase:set", {"phase": "utopie"})["ok"]
    utopia = submit(resident, "Ein Bürgerbus")["id"]
    assert dot(resident, utopia)["me"]["dots_left"] == 2
    # Dots of the old phase cannot go on ideas of another phase.
    assert dot(resident, ideas[3])["error"] == "wrong_phase"


def test_per_idea_limit_and_take_back(live):
    workshop = live.workshop(dots_per_participant=5, max_dots_per_idea=2)
    resident = live.resident(workshop)
    idea = submit(resident)["id"]
    assert dot(resident, idea)["ok"] and dot(resident, idea)["dots"] == 2
    assert dot(resident, idea)["error"] == "idea_limit_reached"
    back = dot(resident, idea, "dot:remove")
    assert back["ok"] and back["dots"] == 1 and back["me"]["dots_left"] == 4
    assert dot(resident, idea, "dot:remove")["me"]["dots_left"] == 5
    assert dot(resident, idea, "dot:remove")["error"] == "no_dot_to_remove"
    assert active_dots(idea) == 0
    # The resident's own sockets (other tabs) learn the new budget.
    assert events(resident, "me:updated")[-1]["dots_left"] == 5


def test_idempotent_repeat_of_idea_and_dot(live):
    workshop = live.workshop()
    resident = live.resident(workshop)
    idea_id = cid()
    first = emit(resident, "idea:submit", {"client_id": idea_id, "text": "Ein Café"})
    again = emit(resident, "idea:submit", {"client_id": idea_id, "text": "Ein Café"})
    assert again["repeat"] and again["idea"]["id"] == first["idea"]["id"]
    dot_id = cid()
    assert dot(resident, first["idea"]["id"], client_id=dot_id)["dots"] == 1
    repeat = dot(resident, first["idea"]["id"], client_id=dot_id)
    assert repeat["ok"] and repeat["repeat"] and repeat["dots"] == 1 and repeat["me"]["dots_left"] == 4
    take_back = cid()
    assert dot(resident, first["idea"]["id"], "dot:remove", take_back)["dots"] == 0
    assert dot(resident, first["idea"]["id"], "dot:remove", take_back)["repeat"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Idea)) == 1
    # Another resident cannot reuse somebody's id.
    other = live.resident(workshop)
    assert emit(other, "idea:submit", {"client_id": idea_id, "text": "x"})["error"] == "invalid"


def _fire_together(sockets, event, payloads):
    barrier = threading.Barrier(len(sockets))
    acks = [None] * len(sockets)

    def fire(index):
        barrier.wait()
        acks[index] = emit(sockets[index], event, payloads[index])

    threads = [threading.Thread(target=fire, args=(i,)) for i in range(len(sockets))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return acks


def test_concurrent_identical_votes_from_two_tabs_count_once(live, app):
    workshop = live.workshop(dots_per_participant=5, max_dots_per_idea=5)
    http = app.test_client()
    assert http.post(f"/j/{workshop.join_code}", data={"channel": "onsite"}).status_code == 303
    tabs = [live.connect(http, workshop.id, "participant") for _ in range(4)]
    idea = submit(tabs[0])["id"]
    for _round in range(5):
        same = cid()
        acks = _fire_together(tabs, "dot:add", [{"client_id": same, "idea_id": idea}] * len(tabs))
        assert all(ack and ack["ok"] for ack in acks), acks
        assert sum(1 for ack in acks if not ack.get("repeat")) == 1
    assert active_dots(idea) == 5


def test_concurrent_different_votes_never_exceed_the_budget(live, app):
    workshop = live.workshop(dots_per_participant=3, max_dots_per_idea=3)
    http = app.test_client()
    assert http.post(f"/j/{workshop.join_code}", data={"channel": "onsite"}).status_code == 303
    tabs = [live.connect(http, workshop.id, "participant") for _ in range(6)]
    idea = submit(tabs[0])["id"]
    acks = _fire_together(tabs, "dot:add", [{"client_id": cid(), "idea_id": idea} for _ in tabs])
    assert sum(1 for ack in acks if ack["ok"]) == 3
    assert {ack["error"] for ack in acks if not ack["ok"]} <= {"budget_exhausted", "idea_limit_reached"}
    assert active_dots(idea) == 3


def test_merge_moves_dots_and_refunds_above_the_idea_limit(live):
    workshop = live.workshop(dots_per_participant=5, max_dots_per_idea=2)
    alice, bob = live.resident(workshop), live.resident(workshop)
    keep = submit(alice, "Mehr Busse am Abend")["id"]
    duplicate = submit(bob, "Abends mehr Busse")["id"]
    for _ in range(2):
        assert dot(alice, keep)["ok"] and dot(alice, duplicate)["ok"]
    assert dot(bob, duplicate)["ok"]
    facilitator = live.facilitator(workshop)
    ack = emit(facilitator, "idea:merge", {"keep_id": keep, "merge_ids": [duplicate]})
    assert ack["ok"] and ack["idea"]["id"] == keep
    # Alice had 2 + 2: she keeps 2 on the kept idea, 2 come back. Bob's dot moved.
    assert ack["idea"]["dots"] == 3 and active_dots(keep) == 3
    me = events(alice, "me:updated")[-1]
    assert me["dots_left"] == 3 and me["my_dots"] == {str(keep): 2}
    removed = events(bob, "idea:removed")
    assert removed[-1] == {"idea_id": duplicate, "reason": "merged", "merged_into": keep}
    assert dot(alice, keep)["error"] == "idea_limit_reached"
    entry = db.session.scalar(db.select(ModerationAction).where(ModerationAction.action == "merge"))
    assert entry.user_id == live.world["facilitator"].id and entry.idea_id == keep
    # Undo puts the moved dots back.
    assert emit(facilitator, "moderation:undo", {"action_id": entry.id})["ok"]
    assert active_dots(duplicate) == 1 and active_dots(keep) == 2


def test_hide_and_restore(live):
    workshop = live.workshop()
    author, other = live.resident(workshop), live.resident(workshop)
    idea = submit(author, "Unpassender Text")["id"]
    assert dot(other, idea)["me"]["dots_left"] == 4
    facilitator = live.facilitator(workshop)
    projector = live.projector(workshop, screen=_screen_key(live.app, workshop.id))
    hidden = emit(facilitator, "idea:hide", {"idea_id": idea})
    assert hidden["ok"] and hidden["idea"]["status"] == "hidden"
    for socket in (author, other, projector):
        assert events(socket, "idea:removed")[-1]["reason"] == "hidden"
    # The other resident gets the dot back while the idea is hidden, and cannot dot it.
    assert events(other, "me:updated")[-1]["dots_left"] == 5
    assert dot(other, idea)["error"] == "idea_not_found"
    late = live.resident(workshop)
    assert idea not in [i["id"] for i in events(late, "session:snapshot")[0]["ideas"]]
    mine = [i for i in emit(author, "session:sync")["snapshot"]["ideas"] if i["id"] == idea]
    assert mine[0]["status"] == "hidden" and mine[0]["mine"]
    assert emit(facilitator, "idea:restore", {"idea_id": idea})["idea"]["status"] == "visible"
    assert events(late, "idea:updated")[-1]["idea"]["id"] == idea
    assert db.session.scalar(db.select(db.func.count()).select_from(ModerationAction).where(
        ModerationAction.action.in_(["hide", "restore"]))) == 2


def test_pre_moderation_shows_ideas_after_approval(live):
    workshop = live.workshop(moderation_mode="pre")
    author, other = live.resident(workshop), live.resident(workshop)
    facilitator = live.facilitator(workshop)
    idea = submit(author, "Ein Treffpunkt für Jugendliche")
    assert idea["status"] == "pending" and idea["mine"]
    assert events(facilitator, "idea:created")[-1]["idea"]["id"] == idea["id"]
    assert not events(other, "idea:created")
    assert dot(other, idea["id"])["error"] == "idea_not_found"
    assert emit(facilitator, "idea:approve", {"idea_id": idea["id"]})["idea"]["status"] == "visible"
    assert events(other, "idea:updated")[-1]["idea"]["status"] == "visible"
    assert dot(other, idea["id"])["ok"]


def test_phase_lock_and_timer(live):
    workshop = live.workshop()
    resident = live.resident(workshop)
    facilitator = live.facilitator(workshop)
    locked = emit(facilitator, "submissions:lock", {"locked": True})
    assert locked["ok"] and locked["workshop"]["submissions_locked"]
    assert events(resident, "session:updated")[-1]["workshop"]["submissions_locked"]
    refused = emit(resident, "idea:submit", {"client_id": cid(), "text": "Zu spät"})
    assert refused["error"] == "submissions_locked"
    timer = emit(facilitator, "timer:start", {"seconds": 300})["workshop"]
    assert timer["phase_deadline"] > timer["server_time"]
    assert emit(facilitator, "timer:start", {"seconds": 0})["error"] == "invalid"
    # A new phase opens submissions again and clears the timer.
    phase = emit(facilitator, "phase:set", {"phase": "utopie"})["workshop"]
    assert not phase["submissions_locked"] and phase["phase_deadline"] is None
    assert submit(resident, "Jetzt wieder")["phase"] == "utopie"
    assert emit(facilitator, "session:close")["workshop"]["status"] == "closed"
    assert emit(resident, "idea:submit", {"client_id": cid(), "text": "x"})["error"] == "session_not_open"


def test_starting_points_are_top_ideas_of_the_previous_phase(live):
    workshop = live.workshop()
    resident = live.resident(workshop)
    low, top = submit(resident, "Kaum Ärzte")["id"], submit(resident, "Keine Busse")["id"]
    dot(resident, top)
    dot(resident, top)
    dot(resident, low)
    facilitator = live.facilitator(workshop)
    update = emit(facilitator, "phase:set", {"phase": "utopie"})
    assert update["ok"]
    points = events(resident, "session:updated")[-1]["starting_points"]
    assert [p["id"] for p in points] == [top, low]


def _screen_key(app, workshop_id):
    from participation.workshops.cookies import screen_key
    with app.test_request_context():
        return screen_key(workshop_id)


def test_role_refusal(live, app):
    workshop = live.workshop()
    # No cookie: no participant socket.
    assert not live.connect(app.test_client(), workshop.id, "participant").is_connected(NAMESPACE)
    # A cookie of another session does not count.
    second = live.workshop(title="Zweite Werkstatt")
    http = app.test_client()
    http.post(f"/j/{second.join_code}", data={"channel": "onsite"})
    assert not live.connect(http, workshop.id, "participant").is_connected(NAMESPACE)
    # A resident cannot claim to be a facilitator or a projector.
    assert not live.connect(http, second.id, "facilitator").is_connected(NAMESPACE)
    assert not live.connect(http, second.id, "projector").is_connected(NAMESPACE)
    # Staff may watch (projector) but not moderate; another municipality may do neither.
    for who, role, allowed in [("staff", "facilitator", False), ("staff", "projector", True),
                               ("other_facilitator", "facilitator", False),
                               ("other_facilitator", "projector", False),
                               ("admin", "facilitator", True)]:
        client = app.test_client()
        from tests.conftest import login
        login(client, live.world[who].email)
        assert live.connect(client, workshop.id, role).is_connected(NAMESPACE) is allowed, (who, role)
    # A screen key works for its own session only.
    assert live.projector(workshop, screen=_screen_key(app, workshop.id)).is_connected(NAMESPACE)
    assert not live.projector(workshop, screen=_screen_key(app, second.id)).is_connected(NAMESPACE)
    assert not live.connect(app.test_client(), workshop.id, "wizard").is_connected(NAMESPACE)


def test_resident_and_projector_sockets_cannot_send_facilitator_events(live):
    workshop = live.workshop()
    resident = live.resident(workshop)
    idea = submit(resident)["id"]
    projector = live.projector(workshop, screen=_screen_key(live.app, workshop.id))
    for socket in (resident, projector):
        for event, payload in [("phase:set", {"phase": "utopie"}), ("idea:hide", {"idea_id": idea}),
                               ("session:close", {}), ("idea:merge", {"keep_id": idea, "merge_ids": [idea]}),
                               ("moderation:undo", {"action_id": 1})]:
            ack = emit(socket, event, payload)
            assert ack["ok"] is False and ack["error"] == "forbidden", (event, ack)
    assert emit(projector, "dot:add", {"client_id": cid(), "idea_id": idea})["error"] == "forbidden"
    db.session.expire_all()
    assert db.session.get(Idea, idea).status == "visible"


def test_payloads_are_validated_strictly(live):
    workshop = live.workshop()
    resident = live.resident(workshop)
    idea = submit(resident)["id"]
    bad = [
        ("idea:submit", {"client_id": "short", "text": "x"}),
        ("idea:submit", {"client_id": "bad id with spaces", "text": "x"}),
        ("idea:submit", {"client_id": cid(), "text": ["x"]}),
        ("idea:submit", {"client_id": cid(), "text": "x", "status": "visible"}),
        ("dot:add", {"client_id": cid(), "idea_id": "1"}),
        ("dot:add", {"client_id": cid(), "idea_id": True}),
        ("dot:add", [idea]),
        ("dot:add", "text"),
    ]
    for event, payload in bad:
        ack = emit(resident, event, payload)
        assert ack["ok"] is False and ack["error"] == "invalid", (event, payload, ack)
    assert emit(resident, "idea:submit", {"client_id": cid(), "text": "x" * 2000})["error"] == "invalid"
    huge = emit(resident, "idea:submit", {"client_id": cid(), "text": "x" * 20000})
    assert huge["error"] == "too_large"
    assert emit(resident, "dot:add", {"client_id": cid(), "idea_id": 999999})["error"] == "idea_not_found"


def test_an_internal_error_is_acked_not_raised(live, monkeypatch):
    workshop = live.workshop()
    resident = live.resident(workshop)
    from participation.ideas import events as idea_events

    def boom(*args, **kwargs):
        raise RuntimeError("database on fire")
    monkeypatch.setattr(idea_events, "submit_idea", boom)
    ack = emit(resident, "idea:submit", {"client_id": cid(), "text": "x"})
    assert ack["ok"] is False and ack["error"] == "internal" and "fire" not in ack["message"]
    assert resident.is_connected(NAMESPACE)


def test_clusters_and_spotlight(live):
    workshop = live.workshop()
    resident = live.resident(workshop)
    a, b = submit(resident, "Bus")["id"], submit(resident, "Bahn")["id"]
    facilitator = live.facilitator(workshop)
    cluster = emit(facilitator, "cluster:create", {"name": "Verkehr", "idea_ids": [a]})["cluster"]
    assert events(resident, "cluster:updated")[-1]["cluster"]["name"] == "Verkehr"
    assert emit(facilitator, "idea:cluster", {"idea_id": b, "cluster_id": cluster["id"]})["idea"]["cluster_id"] == cluster["id"]
    assert emit(facilitator, "cluster:rename", {"cluster_id": cluster["id"], "name": "Mobilität"})["cluster"]["name"] == "Mobilität"
    spot = emit(facilitator, "spotlight:set", {"idea_id": a})
    assert spot["workshop"]["spotlight_idea_id"] == a
    assert emit(facilitator, "spotlight:set", {"idea_id": None})["workshop"]["spotlight_idea_id"] is None
    assert emit(facilitator, "cluster:delete", {"cluster_id": cluster["id"]})["ok"]
    assert events(resident, "cluster:removed")[-1] == {"cluster_id": cluster["id"]}
    db.session.expire_all()
    assert db.session.get(Idea, a).cluster_id is None
    log = emit(facilitator, "moderation:log", {})["actions"]
    assert {"cluster_create", "cluster_assign", "cluster_rename", "cluster_delete", "spotlight"} <= {
        entry["action"] for entry in log}
    edited = emit(facilitator, "idea:edit", {"idea_id": a, "text": " Busse "})
    assert edited["idea"]["text"] == "Busse"
    edit_entry = [e for e in emit(facilitator, "moderation:log", {})["actions"] if e["action"] == "edit"][0]
    assert edit_entry["user"] == "Moderation" and edit_entry["undoable"]
    assert emit(facilitator, "moderation:undo", {"action_id": edit_entry["id"]})["ok"]
    db.session.expire_all()
    assert db.session.get(Idea, a).text == "Bus"


def test_tally_ticker_sends_changed_counts_only(live):
    import time
    workshop = live.workshop()
    resident, watcher = live.resident(workshop), live.resident(workshop)
    a, b = submit(resident, "A")["id"], submit(resident, "B")["id"]
    watcher.get_received(NAMESPACE)
    dot(resident, a)
    dot(resident, a)
    # Placing two dots sends no per-vote broadcast; the ticker sends the new count soon after.
    # (The first change after a quiet spell goes out at once, so the two dots may arrive in
    # one tally or in two.)
    deadline = time.monotonic() + 5
    updates, counts = [], {}
    while time.monotonic() < deadline and counts.get(str(a)) != 2:
        updates = events(watcher, "tally:update")  # all so far
        counts = {}
        for update in updates:
            counts.update(update["counts"])
        time.sleep(0.05)
    assert updates, "no tally:update within 5 s"
    assert counts == {str(a): 2}
    assert len(updates) <= 2
    assert updates[-1]["participants"]["total"] == 2
