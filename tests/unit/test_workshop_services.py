"""Session rules as plain services: opening, phases, timer, joining."""
import json
from datetime import timedelta

import pytest

from participation.accounts.models import utcnow
from participation.errors import DomainError
from participation.extensions import db
from participation.ideas.models import ModerationAction
from participation.workshops import lookup, services


@pytest.fixture
def workshop(world):
    w = services.create_workshop(world["home"].id, world["facilitator"].id, {"title": "Werkstatt"})
    return w


def test_open_assigns_a_code_once_and_reopening_keeps_it(workshop, world):
    user = world["facilitator"].id
    assert workshop.join_code is None
    code = services.open_workshop(workshop.id, user).join_code
    services.close_workshop(workshop.id, user)
    assert services.open_workshop(workshop.id, user).join_code == code
    assert lookup.workshop_by_code(code.lower()).id == workshop.id


def test_close_a_draft_is_refused(workshop, world):
    with pytest.raises(DomainError) as error:
        services.close_workshop(workshop.id, world["facilitator"].id)
    assert error.value.code == "not_opened"


def test_new_phase_unlocks_and_stops_the_timer_and_is_logged(workshop, world):
    user = world["facilitator"].id
    services.open_workshop(workshop.id, user)
    services.lock_submissions(workshop.id, True, user)
    before = utcnow()
    w = services.start_timer(workshop.id, 90, user)
    assert timedelta(seconds=88) <= w.phase_deadline - before <= timedelta(seconds=91)
    with pytest.raises(DomainError):
        services.start_timer(workshop.id, 7201, user)
    w = services.set_phase(workshop.id, "utopie", user)
    assert (w.phase, w.submissions_locked, w.phase_deadline) == ("utopie", False, None)
    with pytest.raises(DomainError):
        services.set_phase(workshop.id, "chaos", user)
    entry = db.session.scalar(db.select(ModerationAction).where(ModerationAction.action == "phase"))
    assert entry.user_id == user and json.loads(entry.details) == {"old": "kritik", "new": "utopie"}
    assert entry.created_at >= before.replace(microsecond=0)


def test_join_keeps_only_what_was_asked(workshop, world):
    with pytest.raises(DomainError) as error:
        services.join(workshop.id)
    assert error.value.code == "session_not_open"
    services.open_workshop(workshop.id, world["facilitator"].id)
    p = services.join(workshop.id, age_band="30-49", channel="online",
                      migration_background="yes")
    assert (p.nickname, p.age_band, p.channel, p.migration_background) == (None, "30-49", "online", None)
    assert len(p.token) >= 40
    with pytest.raises(DomainError):
        services.join(workshop.id, age_band="100+")
    assert services.participant_counts(workshop.id) == {
        "onsite": 0, "online": 1, "assisted": 0, "kiosk": 0, "total": 1}


def test_dots_settings_are_checked(world):
    with pytest.raises(DomainError) as error:
        services.create_workshop(world["home"].id, None, {"title": "x", "dots_per_participant": 2,
                                                          "max_dots_per_idea": 3})
    assert error.value.code == "invalid_dots_per_idea"
