"""Erasing participant data: ideas and dots stay, unlinked; participants are gone."""
from datetime import timedelta

import pytest

from participation.accounts.models import User, utcnow
from participation.errors import DomainError
from participation.extensions import db
from participation.ideas.models import Idea
from participation.privacy import services
from participation.voting.models import Dot
from participation.workshops.models import Participant, Workshop
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def request_context(app):
    # Translated messages are resolved for a request's locale.
    with app.test_request_context():
        yield


def make_session(world, status="closed", closed_days_ago=1, participants=3):
    workshop = Workshop(municipality_id=world["home"].id, title="Verkehr", status=status,
                        created_by_id=world["facilitator"].id,
                        closed_at=utcnow() - timedelta(days=closed_days_ago) if status == "closed" else None)
    db.session.add(workshop)
    db.session.flush()
    for n in range(participants):
        person = Participant(workshop_id=workshop.id, token=f"tok-{workshop.id}-{n}",
                             nickname=f"Nick{n}", age_band="30-44")
        db.session.add(person)
        db.session.flush()
        idea = Idea(workshop_id=workshop.id, participant_id=person.id, client_id=f"idea-{workshop.id}-{n}",
                    phase="kritik", text=f"Idee {n}")
        db.session.add(idea)
        db.session.flush()
        db.session.add(Dot(workshop_id=workshop.id, idea_id=idea.id, participant_id=person.id,
                           phase="kritik", age_band="30-44", client_id=f"dot-{workshop.id}-{n}"))
    db.session.commit()
    return workshop


def counts(workshop_id):
    def count(model, *conditions):
        return db.session.scalar(db.select(db.func.count()).select_from(model)
                                 .where(model.workshop_id == workshop_id, *conditions))
    return {
        "participants": count(Participant),
        "ideas": count(Idea),
        "dots": count(Dot),
        "linked_ideas": count(Idea, Idea.participant_id.is_not(None)),
        "linked_dots": count(Dot, Dot.participant_id.is_not(None)),
    }


def test_erasure_keeps_ideas_and_dots_but_deletes_participants(world):
    workshop = make_session(world)
    other = make_session(world)
    assert services.erase_by_facilitator(world["facilitator"], workshop) == 3
    assert counts(workshop.id) == {"participants": 0, "ideas": 3, "dots": 3,
                                   "linked_ideas": 0, "linked_dots": 0}
    assert db.session.get(Workshop, workshop.id).participant_data_erased_at is not None
    # Age bands stay on the dots, so the results keep their shape.
    assert {d.age_band for d in db.session.scalars(db.select(Dot).where(Dot.workshop_id == workshop.id))} == {"30-44"}
    # Another session is untouched.
    assert counts(other.id)["participants"] == 3 and counts(other.id)["linked_ideas"] == 3


def test_running_session_cannot_be_erased(world):
    workshop = make_session(world, status="open")
    with pytest.raises(DomainError) as caught:
        services.erase_by_facilitator(world["facilitator"], workshop)
    assert caught.value.code == "session_open"
    assert counts(workshop.id)["participants"] == 3


@pytest.mark.parametrize("who", ["staff", "other_facilitator", "other_staff"])
def test_only_facilitators_of_the_municipality_erase(world, who):
    workshop = make_session(world)
    with pytest.raises(DomainError):
        services.erase_by_facilitator(world[who], workshop)
    assert counts(workshop.id)["participants"] == 3


def test_automatic_erasure_after_retention_period(world):
    due = make_session(world, closed_days_ago=31)
    recent = make_session(world, closed_days_ago=29)
    running = make_session(world, status="open")
    assert services.purge_expired(days=30) == [due.id]
    assert counts(due.id)["participants"] == 0 and counts(due.id)["ideas"] == 3
    assert counts(recent.id)["participants"] == 3
    assert counts(running.id)["participants"] == 3
    assert services.purge_expired(days=30) == []  # idempotent


def test_purge_command(app, world):
    due = make_session(world, closed_days_ago=100)
    app.config["PARTICIPANT_RETENTION_DAYS"] = 90
    result = app.test_cli_runner().invoke(args=["purge-participants"])
    assert result.exit_code == 0, result.output
    assert "1 session" in result.output
    assert counts(due.id)["participants"] == 0
    result = app.test_cli_runner().invoke(args=["purge-participants"])
    assert "Nothing to erase" in result.output


def test_opportunistic_erasure_on_a_request(app, world):
    due = make_session(world, closed_days_ago=100)
    app.config["PARTICIPANT_AUTO_PURGE"] = True
    assert app.test_client().get("/healthz").status_code == 200
    db.session.expire_all()
    assert counts(due.id)["participants"] == 0


@pytest.mark.real_hashing
def test_account_export_contains_own_data_only(world):
    workshop = make_session(world)
    data = services.export_account(world["facilitator"])
    assert data["account"]["email"] == "mod@example.org"
    assert [m["name"] for m in data["municipalities"]] == ["Heimstadt"]
    assert [w["id"] for w in data["workshops_created"]] == [workshop.id]
    assert "password_hash" not in str(data) and "scrypt" not in str(data)


def test_delete_own_account_keeps_workshops_unlinked(world):
    workshop = make_session(world)
    user_id = world["facilitator"].id
    with pytest.raises(DomainError) as caught:
        services.delete_own_account(world["facilitator"], "wrong password")
    assert caught.value.code == "wrong_password"
    services.delete_own_account(world["facilitator"], PASSWORD)
    assert db.session.get(User, user_id) is None
    assert db.session.get(Workshop, workshop.id).created_by_id is None


def test_last_admin_cannot_delete_themselves(world):
    with pytest.raises(DomainError) as caught:
        services.delete_own_account(world["admin"], PASSWORD)
    assert caught.value.code == "last_admin"
    assert db.session.get(User, world["admin"].id) is not None
