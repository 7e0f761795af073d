"""Residents join by code: forgiving code input, only the questions the session asks, a
signed cookie that brings them back as the same participant, friendly pages otherwise."""
import re

import pytest

from participation.extensions import db
from participation.workshops import services
from participation.workshops.cookies import cookie_name
from participation.workshops.models import Participant
from tests.builders import open_session


@pytest.fixture
def workshop(world):
    return open_session(world, title="Zukunft Heimstadt", ask_age_band=True)


def test_code_is_forgiving_about_case_dashes_and_spaces(client, workshop):
    code = workshop.join_code
    messy = f" {code[:3].lower()}-{code[3:]} "
    response = client.get("/j", query_string={"code": messy})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/j/{code}")
    response = client.get(f"/j/{code[:3].lower()}-{code[3:].lower()}")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/j/{code}")
    assert client.get(f"/j/{code}").status_code == 200


def test_wrong_or_closed_code_gets_a_friendly_page(client, workshop, world):
    response = client.get("/j/AAAAAA")
    assert response.status_code == 404
    assert "Diesen Code kennen wir nicht" in response.get_data(as_text=True)
    assert client.get("/j", query_string={"code": "0O1Il"}).status_code == 404
    services.close_workshop(workshop.id, world["facilitator"].id)
    page = client.get(f"/j/{workshop.join_code}")
    assert page.status_code == 404
    assert "ist beendet" in page.get_data(as_text=True)


def test_join_asks_only_what_the_session_needs(client, workshop, world):
    page = client.get(f"/j/{workshop.join_code}").get_data(as_text=True)
    assert 'name="age_band"' in page and "keine Angabe" in page
    assert 'name="nickname"' not in page and 'name="migration_background"' not in page
    services.update_workshop(workshop.id, world["facilitator"].id,
                             {"ask_age_band": False, "ask_migration_background": True})
    workshop.ask_nickname = True  # an old session's setting: a nickname is never asked now
    db.session.commit()
    page = client.get(f"/j/{workshop.join_code}").get_data(as_text=True)
    assert 'name="migration_background"' in page
    assert 'name="nickname"' not in page
    assert 'name="age_band"' not in page


def test_joining_sets_a_signed_cookie_and_stores_nothing_identifying(client, workshop):
    response = client.post(f"/j/{workshop.join_code}",
                           data={"age_band": "65-79", "channel": "online", "nickname": "Oma"},
                           headers={"User-Agent": "Secret-Phone/1.0"},
                           environ_base={"REMOTE_ADDR": "203.0.113.77"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/j/{workshop.join_code}/live")
    set_cookie = response.headers["Set-Cookie"]
    assert set_cookie.startswith(cookie_name(workshop.id) + "=")
    assert "HttpOnly" in set_cookie and "SameSite=Lax" in set_cookie
    assert re.search(r"Max-Age=\d{7,}", set_cookie)
    participant = db.session.scalar(db.select(Participant))
    assert participant.age_band == "65-79" and participant.channel == "online"
    assert participant.nickname is None  # never stored (finding 12: asked, never used)
    stored = " ".join(str(getattr(participant, c.name)) for c in Participant.__table__.columns)
    assert "203.0.113.77" not in stored and "Secret-Phone" not in stored


def test_reload_and_rescan_continue_as_the_same_participant(client, workshop):
    client.post(f"/j/{workshop.join_code}", data={"age_band": "none", "channel": "onsite"})
    live = client.get(f"/j/{workshop.join_code}/live")
    assert live.status_code == 200
    assert 'id="live-config"' in live.get_data(as_text=True)
    # Scanning the QR code again leads straight back to the live page, no second participant.
    again = client.get(f"/j/{workshop.join_code}")
    assert again.status_code == 302 and again.headers["Location"].endswith("/live")
    assert db.session.scalar(db.select(db.func.count()).select_from(Participant)) == 1
    assert db.session.scalar(db.select(Participant)).age_band is None


def test_live_page_without_or_with_a_forged_cookie_goes_to_the_join_form(app, workshop):
    fresh = app.test_client()
    response = fresh.get(f"/j/{workshop.join_code}/live")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/j/{workshop.join_code}")
    fresh.set_cookie(cookie_name(workshop.id), "forged.token")
    assert fresh.get(f"/j/{workshop.join_code}/live").status_code == 302


def test_invalid_answers_change_nothing(client, workshop):
    response = client.post(f"/j/{workshop.join_code}", data={"age_band": "200+", "channel": "mars"})
    assert response.status_code == 400
    assert db.session.scalar(db.select(db.func.count()).select_from(Participant)) == 0


def test_closed_session_with_published_results_links_to_them(client, workshop, world):
    services.close_workshop(workshop.id, world["facilitator"].id)
    workshop.results_published = True
    db.session.commit()
    page = client.get(f"/j/{workshop.join_code}")
    assert page.status_code == 404
    assert f'href="/r/{workshop.join_code}"' in page.get_data(as_text=True)
