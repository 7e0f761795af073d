"""Issue 12, item 2 and 3: the facilitation flow per phase (collect, dot, done), hidden
counts, the projector's view, and undo entries that name their group. Each test fails on
the code before: dots were taken from the first idea on, and none of these events existed."""
from participation.extensions import db
from participation.ideas.models import Idea
from participation.live import NAMESPACE
from participation.voting.models import Dot
from participation.workshops import services as workshop_services

from .conftest import cid, emit, events


def plain_workshop(live, **settings):
    """A session as the facilitator opens it, without the tests' open dotting."""
    data = {"title": "Ortsmitte", "dots_per_participant": 3, "max_dots_per_idea": 2, **settings}
    workshop = workshop_services.create_workshop(live.world["home"].id, live.world["facilitator"].id, data)
    return workshop_services.open_workshop(workshop.id, live.world["facilitator"].id)


def dot(socket, idea_id):
    return emit(socket, "dot:add", {"client_id": cid(), "idea_id": idea_id})


def test_dots_only_while_the_facilitator_has_dotting_open(live):
    workshop = plain_workshop(live)
    resident, facilitator = live.resident(workshop), live.facilitator(workshop)
    snapshot = events(resident, "session:snapshot")[0]
    assert snapshot["workshop"]["flow"]["step"] == "collect"
    assert snapshot["workshop"]["flow"]["dotting_open"] is False
    idea = emit(resident, "idea:submit", {"client_id": cid(), "text": "Mehr Bänke am Markt"})["idea"]
    early = dot(resident, idea["id"])
    assert early["ok"] is False and early["error"] == "dotting_closed", early
    assert "Punkten öffnet" in early["message"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Dot)) == 0

    opened = emit(facilitator, "flow:step", {"step": "dot"})
    assert opened["ok"] and opened["workshop"]["flow"]["step"] == "dot"
    assert opened["workshop"]["submissions_locked"] is True  # collecting is over
    update = events(resident, "session:updated")[-1]["workshop"]
    assert update["flow"]["dotting_open"] is True and update["dots_per_participant"] == 3
    assert dot(resident, idea["id"])["ok"]
    late_idea = emit(resident, "idea:submit", {"client_id": cid(), "text": "Noch eine Idee"})
    assert late_idea["ok"] is False

    assert emit(facilitator, "flow:step", {"step": "done"})["ok"]
    closed = dot(resident, idea["id"])
    assert closed["error"] == "dotting_closed"
    assert db.session.scalar(db.select(db.func.count()).select_from(Dot)) == 1
    # Each phase has its own step: the next phase starts collecting again.
    nxt = emit(facilitator, "phase:set", {"phase": "utopie"})["workshop"]
    assert nxt["flow"]["step"] == "collect" and nxt["flow"]["steps"]["kritik"] == "done"
    assert nxt["submissions_locked"] is False


def test_only_the_facilitator_moves_the_flow_and_bad_steps_change_nothing(live):
    workshop = plain_workshop(live)
    resident, facilitator = live.resident(workshop), live.facilitator(workshop)
    assert emit(resident, "flow:step", {"step": "dot"})["error"] == "forbidden"
    assert emit(resident, "display:set", {"mode": "top"})["error"] == "forbidden"
    for bad in ({"step": "vote"}, {"step": None}, {}, {"step": "dot", "extra": 1}):
        assert emit(facilitator, "flow:step", bad)["error"] == "invalid", bad
    db.session.expire_all()
    assert workshop_services.get_workshop(workshop.id).step_kritik == "collect"


def test_hidden_counts_while_dotting_and_shown_after(live):
    workshop = plain_workshop(live)
    facilitator = live.facilitator(workshop)
    ack = emit(facilitator, "flow:hide_counts", {"hidden": True})
    assert ack["ok"] and ack["workshop"]["flow"]["hide_counts"] is True
    assert ack["workshop"]["flow"]["counts_hidden"] is False  # only while dotting is open
    assert emit(facilitator, "flow:step", {"step": "dot"})["workshop"]["flow"]["counts_hidden"] is True
    assert emit(facilitator, "flow:step", {"step": "done"})["workshop"]["flow"]["counts_hidden"] is False
    assert emit(facilitator, "flow:hide_counts", {"hidden": "ja"})["error"] == "invalid"


def test_the_facilitator_sets_the_projector_view_and_pace(live):
    workshop = plain_workshop(live)
    facilitator = live.facilitator(workshop)
    snapshot = events(facilitator, "session:snapshot")[0]["workshop"]
    assert snapshot["display"] == {"mode": "pages", "seconds": 12, "top_n": 10}
    ack = emit(facilitator, "display:set", {"mode": "top", "seconds": 20, "top_n": 5})
    assert ack["ok"] and ack["workshop"]["display"] == {"mode": "top", "seconds": 20, "top_n": 5}
    assert events(facilitator, "session:updated")[-1]["workshop"]["display"]["mode"] == "top"
    for bad in ({"mode": "wall"}, {"seconds": 4}, {"seconds": 121}, {"top_n": 0}, {"top_n": 31},
                {"seconds": True}):
        assert emit(facilitator, "display:set", bad)["error"] == "invalid", bad
    db.session.expire_all()
    stored = workshop_services.get_workshop(workshop.id)
    assert (stored.display_mode, stored.display_seconds, stored.display_top_n) == ("top", 20, 5)
    assert emit(facilitator, "display:set", {"mode": "results"})["workshop"]["display"]["mode"] == "results"


def test_undo_entries_of_groups_name_the_group(live):
    workshop = plain_workshop(live)
    resident, facilitator = live.resident(workshop), live.facilitator(workshop)
    idea = emit(resident, "idea:submit", {"client_id": cid(), "text": "Bus am Abend"})["idea"]
    cluster = emit(facilitator, "cluster:create", {"name": "Mobilität"})["cluster"]
    assert emit(facilitator, "idea:cluster", {"idea_id": idea["id"], "cluster_id": cluster["id"]})["ok"]
    assert emit(facilitator, "cluster:rename", {"cluster_id": cluster["id"], "name": "Bus und Bahn"})["ok"]
    log = emit(facilitator, "moderation:log", {})["actions"]
    subjects = {entry["action"]: entry["subject"] for entry in log}
    assert subjects["cluster_create"] == "Mobilität"
    assert subjects["cluster_rename"] == "Bus und Bahn"
    assert subjects["cluster_assign"] == "Bus und Bahn"
    assert db.session.get(Idea, idea["id"]).cluster_id == cluster["id"]
    assert resident.is_connected(NAMESPACE)
