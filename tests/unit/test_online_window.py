"""Taking part from home at another hour: the online windows for ideas (before the live
event) and dots (after it), enforced by the services; the set-up form and the join page."""
from datetime import datetime, timedelta

import pytest

from participation.accounts.models import utcnow
from participation.errors import DomainError
from participation.extensions import db
from participation.ideas import services as ideas
from participation.ideas.models import Idea
from participation.voting import services as voting
from participation.voting.models import Dot
from participation.workshops import online
from participation.workshops import services as workshops
from tests.conftest import open_dotting

HOUR = timedelta(hours=1)


@pytest.fixture
def user(world):
    return world["facilitator"].id


def make(world, **window):
    return open_dotting(workshops.create_workshop(world["home"].id, world["facilitator"].id,
                                                  {"title": "Werkstatt", **window}))


def refused(call, code="session_not_open"):
    with pytest.raises(DomainError) as error:
        call()
    assert error.value.code == code
    return error.value


def test_ideas_from_home_before_the_event_inside_the_window_only(world, user):
    now = utcnow()
    ws = make(world, online_ideas_from=now - HOUR, online_ideas_until=now + HOUR)
    assert ws.status == "draft" and ws.join_code  # the link exists before opening
    home = workshops.join(ws.id, channel="online")
    idea, _ = ideas.submit_idea(ws.id, home.id, "Radweg zur Schule", "idea-home-1")
    assert (idea.channel, idea.phase, idea.status) == ("online", "kritik", "visible")
    # Only from home, and no dots in the ideas window.
    refused(lambda: workshops.join(ws.id, channel="onsite"), "invalid_channel")
    error = refused(lambda: voting.add_dot(ws.id, home.id, idea.id, "dot-home-1"))
    assert str(error.message) == "Die Online-Beteiligung ist gerade nicht geöffnet."
    # The live session later shows the same idea on the same wall.
    workshops.open_workshop(ws.id, user)
    hall = workshops.join(ws.id, channel="onsite")
    assert idea.id in [i.id for i in ideas.ideas_for(ws.id, "participant", hall.id)]
    voting.add_dot(ws.id, hall.id, idea.id, "dot-hall-1")


def test_before_and_after_the_ideas_window_nothing_is_taken(world):
    now = utcnow()
    ws = make(world, online_ideas_from=now - 3 * HOUR, online_ideas_until=now + HOUR)
    home = workshops.join(ws.id, channel="online")
    for moment in (now - 4 * HOUR, now + 2 * HOUR):
        ws.online_ideas_from, ws.online_ideas_until = (now - 3 * HOUR, now + HOUR)
        assert online.window_open(ws, "ideas", now) and not online.window_open(ws, "ideas", moment)
    ws.online_ideas_until = now - HOUR  # the window has ended
    db.session.commit()
    refused(lambda: ideas.submit_idea(ws.id, home.id, "Zu spät", "idea-late-1"))
    refused(lambda: workshops.join(ws.id, channel="online"))
    ws.online_ideas_from, ws.online_ideas_until = now + HOUR, now + 2 * HOUR  # not yet
    db.session.commit()
    refused(lambda: ideas.submit_idea(ws.id, home.id, "Zu früh", "idea-early-1"))
    assert db.session.scalar(db.select(db.func.count()).select_from(Idea)) == 0


def test_dots_from_home_after_the_event_inside_the_dots_window(world, user):
    now = utcnow()
    ws = make(world, online_dots_from=now - HOUR, online_dots_until=now + HOUR)
    workshops.open_workshop(ws.id, user)
    hall = workshops.join(ws.id, channel="onsite")
    idea, _ = ideas.submit_idea(ws.id, hall.id, "Mehr Bänke", "idea-hall-1")
    workshops.close_workshop(ws.id, user)
    # In the hall it is over; from home dots go on.
    refused(lambda: voting.add_dot(ws.id, hall.id, idea.id, "dot-hall-2"))
    refused(lambda: workshops.join(ws.id, channel="onsite"), "invalid_channel")
    home = workshops.join(ws.id, channel="online")
    result = voting.add_dot(ws.id, home.id, idea.id, "dot-home-2")
    assert result["dots"] == 1
    assert db.session.scalar(db.select(Dot.channel)) == "online"
    assert voting.remove_dot(ws.id, home.id, idea.id, "undot-home-2")["dots"] == 0
    # Ideas are not taken in the dots window.
    refused(lambda: ideas.submit_idea(ws.id, home.id, "Noch was", "idea-home-2"))
    # The same budget rules apply at home.
    for n in range(ws.max_dots_per_idea):
        voting.add_dot(ws.id, home.id, idea.id, f"dot-home-limit-{n}")
    refused(lambda: voting.add_dot(ws.id, home.id, idea.id, "dot-home-over"), "idea_limit_reached")
    ws.online_dots_until = now - 1 * timedelta(minutes=1)
    db.session.commit()
    refused(lambda: voting.remove_dot(ws.id, home.id, idea.id, "undot-late"))


def test_no_window_means_no_writes_outside_the_session(world):
    ws = make(world)
    assert ws.join_code is None and not online.may_join(ws)
    refused(lambda: workshops.join(ws.id, channel="online"))


def test_a_window_must_end_after_it_begins(world):
    now = utcnow()
    refused(lambda: make(world, online_ideas_from=now, online_ideas_until=now - HOUR),
            "invalid_online_window")


# --- pages -----------------------------------------------------------------------------------

def test_set_up_form_stores_the_window_in_utc_and_join_page_shows_it(app, client, login_as, world):
    facilitator = login_as("facilitator")
    ws = make(world)
    response = facilitator.post(f"/w/{ws.id}/edit", data={
        "title": "Werkstatt", "dots_per_participant": 5, "max_dots_per_idea": 3,
        "moderation_mode": "post", "online_ideas_until": "2099-03-12T18:00",
        "online_dots_from": "2099-03-20T09:30", "online_dots_until": "2099-03-27T20:00"})
    assert response.status_code == 302, response.data
    db.session.refresh(ws)
    # Europe/Berlin in March is UTC+1.
    assert ws.online_ideas_until == datetime(2099, 3, 12, 17, 0)
    assert ws.online_dots_from == datetime(2099, 3, 20, 8, 30)
    assert ws.online_ideas_from is None and ws.join_code
    form = facilitator.get(f"/w/{ws.id}/edit").get_data(as_text=True)
    assert 'value="2099-03-12T18:00"' in form and f"http://192.0.2.10:5000/j/{ws.join_code}" in form
    bad = facilitator.post(f"/w/{ws.id}/edit", data={
        "title": "Werkstatt", "dots_per_participant": 5, "max_dots_per_idea": 3,
        "moderation_mode": "post", "online_dots_from": "2099-03-20T09:30",
        "online_dots_until": "2099-03-19T09:30"})
    assert bad.status_code == 400 and "Das Ende muss nach dem Beginn liegen." in bad.get_data(as_text=True)

    page = client.get(f"/j/{ws.join_code}").get_data(as_text=True)
    assert "Ideen können Sie bis zum 12. März 2099, 18:00 online einreichen." in page
    assert "Punkte können Sie vom 20. März 2099, 09:30 bis zum 27. März 2099, 20:00 online vergeben." in page
    # The ideas window is open now (no start date) and the event has not begun: from home only.
    assert 'value="onsite"' not in page and 'value="online"' in page


def test_join_page_outside_the_event_offers_only_from_home(app, client, world):
    now = utcnow()
    ws = make(world, online_ideas_from=now - HOUR, online_ideas_until=now + HOUR)
    page = client.get(f"/j/{ws.join_code}").get_data(as_text=True)
    assert "Sie können von zu Hause mitmachen." in page
    assert 'value="online"' in page and 'value="onsite"' not in page
    response = client.post(f"/j/{ws.join_code}", data={"channel": "onsite"})
    assert response.status_code == 303
    live = client.get(f"/j/{ws.join_code}/live").get_data(as_text=True)
    assert '"channel": "online"' in live
    ws.online_ideas_until = now - HOUR
    db.session.commit()
    fresh = app.test_client()
    assert fresh.get(f"/j/{ws.join_code}").status_code == 404
