"""Bulk moderation (`ideas:bulk`): many ideas approved, hidden or moved in one transaction with
one entry in the activity log, so one undo takes the whole step back (it used to be one
event, one log entry and one undo per idea)."""
from participation.extensions import db
from participation.ideas.models import Idea, ModerationAction

from .conftest import emit, events
from .test_live_rules import active_dots, dot, submit


def statuses(ids):
    db.session.expire_all()
    return [db.session.get(Idea, i).status for i in ids]


def groups(ids):
    db.session.expire_all()
    return [db.session.get(Idea, i).cluster_id for i in ids]


def bulk_entries(workshop_id):
    return db.session.scalars(db.select(ModerationAction).where(
        ModerationAction.workshop_id == workshop_id, ModerationAction.action == "bulk")).all()


def test_hide_many_in_one_step_and_take_it_back_with_one_undo(live):
    workshop = live.workshop()
    author, other = live.resident(workshop), live.resident(workshop)
    ids = [submit(author, f"Idee Nummer {n}")["id"] for n in range(4)]
    for idea_id in ids[:3]:
        assert dot(other, idea_id)["ok"]
    facilitator = live.facilitator(workshop)
    ack = emit(facilitator, "ideas:bulk", {"kind": "hide", "idea_ids": ids[:3]})
    assert ack["ok"] and ack["changed"] == 3 and ack["skipped"] == 0, ack
    assert statuses(ids) == ["hidden", "hidden", "hidden", "visible"]
    assert sorted(e["idea_id"] for e in events(other, "idea:removed")) == sorted(ids[:3])
    assert events(other, "me:updated")[-1]["dots_left"] == 5  # the three dots came back
    (entry,) = bulk_entries(workshop.id)
    log = emit(facilitator, "moderation:log", {})["actions"]
    assert [a["bulk"] for a in log if a["action"] == "bulk"] == [{"kind": "hide", "count": 3}]
    assert sum(1 for a in log if a["undoable"]) == 1

    # Meanwhile the person spends the given-back dots: the undo keeps the budget.
    assert all(dot(other, ids[3])["ok"] for _ in range(3))
    assert emit(facilitator, "moderation:undo", {"action_id": entry.id})["ok"]
    assert statuses(ids) == ["visible"] * 4
    active = sum(active_dots(i) for i in ids)
    assert active <= 5, active
    assert not [a for a in emit(facilitator, "moderation:log", {})["actions"]
                if a["action"] == "bulk" and a["undoable"]]


def test_move_many_into_a_group_and_undo_keeps_later_moves(live):
    workshop = live.workshop()
    author = live.resident(workshop)
    ids = [submit(author, f"Bus und Bahn {n}")["id"] for n in range(3)]
    facilitator = live.facilitator(workshop)
    mobility = emit(facilitator, "cluster:create", {"name": "Mobilität"})["cluster"]["id"]
    other = emit(facilitator, "cluster:create", {"name": "Anderes"})["cluster"]["id"]
    ack = emit(facilitator, "ideas:bulk", {"kind": "move", "idea_ids": ids, "cluster_id": mobility})
    assert ack["ok"] and ack["changed"] == 3
    assert groups(ids) == [mobility] * 3
    updated = {e["idea"]["id"]: e["idea"]["cluster_id"] for e in events(author, "idea:updated")}
    assert all(updated[i] == mobility for i in ids)
    log = emit(facilitator, "moderation:log", {})["actions"]
    assert [a["subject"] for a in log if a["action"] == "bulk"] == ["Mobilität"]
    # One idea is moved again by hand; the undo leaves that newer step alone.
    assert emit(facilitator, "idea:cluster", {"idea_id": ids[0], "cluster_id": other})["ok"]
    (entry,) = bulk_entries(workshop.id)
    assert emit(facilitator, "moderation:undo", {"action_id": entry.id})["ok"]
    assert groups(ids) == [other, None, None]
    # Moving ideas that are already there changes nothing and logs nothing.
    again = emit(facilitator, "ideas:bulk", {"kind": "move", "idea_ids": ids[1:], "cluster_id": None})
    assert again["ok"] and again["changed"] == 0 and again["skipped"] == 2
    assert len(bulk_entries(workshop.id)) == 1


def test_approve_many_pending_ideas(live):
    workshop = live.workshop(moderation_mode="pre")
    author, other = live.resident(workshop), live.resident(workshop)
    ids = [submit(author, f"Vorschlag {n}")["id"] for n in range(3)]
    facilitator = live.facilitator(workshop)
    ack = emit(facilitator, "ideas:bulk", {"kind": "approve", "idea_ids": ids})
    assert ack["ok"] and ack["changed"] == 3
    assert statuses(ids) == ["visible"] * 3
    assert {e["idea"]["id"] for e in events(other, "idea:created") + events(other, "idea:updated")} >= set(ids)


def test_an_idea_of_another_session_refuses_the_whole_step(live):
    workshop, elsewhere = live.workshop(), live.workshop()
    mine = [submit(live.resident(workshop), f"Hier {n}")["id"] for n in range(2)]
    foreign = submit(live.resident(elsewhere), "Dort")["id"]
    facilitator = live.facilitator(workshop)
    ack = emit(facilitator, "ideas:bulk", {"kind": "hide", "idea_ids": [*mine, foreign]})
    assert not ack["ok"] and ack["error"] == "not_found" and ack["message"]
    assert statuses([*mine, foreign]) == ["visible"] * 3
    assert bulk_entries(workshop.id) == [] and bulk_entries(elsewhere.id) == []


def test_residents_cannot_moderate_in_bulk(live):
    workshop = live.workshop()
    resident = live.resident(workshop)
    idea = submit(resident)["id"]
    ack = emit(resident, "ideas:bulk", {"kind": "hide", "idea_ids": [idea]})
    assert not ack["ok"] and ack["error"] == "forbidden"
    assert statuses([idea]) == ["visible"]
