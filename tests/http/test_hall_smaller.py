"""Issue 12, "smaller": the close question tells the truth about the online window, phone
and kiosk pages carry no staff "Anmelden" link, and /favicon.ico answers."""
from datetime import timedelta

import pytest

from participation.accounts.models import utcnow
from participation.assist import services as assist
from participation.extensions import db
from participation.workshops.models import Workshop
from tests.builders import open_session

DAY = timedelta(days=1)


@pytest.fixture
def workshop(app, world):
    return open_session(world, title="Älter werden")


def close_question(client, workshop_id) -> str:
    import json
    import re
    page = client.get(f"/w/{workshop_id}").get_data(as_text=True)
    texts = re.search(r'<script type="application/json" id="live-texts">(.*?)</script>', page, re.S)
    return json.loads(texts.group(1))["confirm_close"]


def test_close_question_says_nobody_can_take_part_only_when_true(login_as, workshop):
    client = login_as("facilitator")
    assert close_question(client, workshop.id) == (
        "Die Werkstatt wirklich beenden? Danach kann niemand mehr mitmachen.")


def test_close_question_names_the_online_window_that_stays_open(login_as, workshop):
    ws = db.session.get(Workshop, workshop.id)
    ws.online_dots_from = utcnow() - DAY
    ws.online_dots_until = utcnow() + 7 * DAY
    db.session.commit()
    question = close_question(login_as("facilitator"), workshop.id)
    assert "Danach kann niemand mehr mitmachen" not in question
    assert "Von zu Hause geht es weiter" in question
    assert "Punkte können Sie vom" in question and "online vergeben" in question


def test_a_past_online_window_does_not_change_the_question(login_as, workshop):
    ws = db.session.get(Workshop, workshop.id)
    ws.online_ideas_until = utcnow() - DAY
    db.session.commit()
    assert "Danach kann niemand mehr mitmachen" in close_question(login_as("facilitator"), workshop.id)


def test_phone_and_kiosk_pages_have_no_staff_login_link(app, client, workshop):
    with app.test_request_context():
        kiosk = f"/kiosk/{assist.kiosk_key(workshop.id)}"
        helper = f"/h/{assist.helper_key(workshop.id)}"
    for url in (f"/j/{workshop.join_code}", kiosk, helper):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.get_data(as_text=True)
        assert 'href="/login"' not in page and "Anmelden" not in page, url
    assert 'href="/login"' in client.get("/hilfe").get_data(as_text=True)  # staff pages keep it


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.data[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert response.mimetype in ("image/vnd.microsoft.icon", "image/x-icon")
