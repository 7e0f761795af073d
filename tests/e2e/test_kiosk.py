"""The hall's shared tablet in a real browser: each person gets a fresh participant,
"Fertig – nächste Person" returns to the start, and so does a tablet left alone (the idle
clock is driven with Playwright's fake clock, so the test does not wait three minutes)."""
import re

import pytest

from tests.e2e.conftest import assert_accessible, screenshot


@pytest.fixture(scope="module")
def kiosk(live_server):
    from participation.assist.services import kiosk_key
    from participation.workshops import services
    with live_server.app.test_request_context():
        ws = services.create_workshop(live_server.world["home"], live_server.world["facilitator"],
                                      {"title": "Tablet-Werkstatt"})
        ws = services.open_workshop(ws.id, live_server.world["facilitator"])
        return {"id": ws.id, "code": ws.join_code, "url": f"/kiosk/{kiosk_key(ws.id)}"}


def kiosk_participants(live_server, workshop_id):
    from participation.extensions import db
    from participation.workshops.models import Participant
    with live_server.app.app_context():
        return list(db.session.scalars(db.select(Participant.id).where(
            Participant.workshop_id == workshop_id, Participant.channel == "kiosk")
            .order_by(Participant.id)))


def join_on_tablet(page, kiosk):
    page.goto(kiosk["url"])
    page.get_by_role("button", name="Mitmachen").click()
    page.wait_for_url(re.compile(r".*/j/\w+/live$"))
    page.get_by_role("button", name="Fertig – nächste Person").wait_for()


def test_next_person_and_idle_return(open_page, live_server, kiosk):
    page = open_page("phone")
    page.clock.install()
    join_on_tablet(page, kiosk)
    page.get_by_label("Ihre Idee").fill("Ein Trinkbrunnen am Markt")
    page.get_by_role("button", name="Senden").click()
    page.get_by_text("Ihre Idee ist angekommen.").wait_for(state="attached")
    assert_accessible(page, "kiosk live page")
    screenshot(page, "kiosk-live-phone")
    page.get_by_role("button", name="Fertig – nächste Person").click()
    page.wait_for_url(re.compile(r".*/kiosk/[^/]+$"))
    assert_accessible(page, "kiosk start page")
    first = kiosk_participants(live_server, kiosk["id"])
    assert len(first) == 1

    join_on_tablet(page, kiosk)
    assert len(kiosk_participants(live_server, kiosk["id"])) == 2
    warning = page.locator("[data-kiosk-warning]")
    assert warning.text_content() == ""
    page.clock.run_for(149_000)
    assert warning.text_content() == ""
    page.clock.run_for(2_000)  # 30 s before the return the notice appears
    assert "Gleich beginnt die Seite von vorn" in warning.text_content()
    page.mouse.click(5, 5)  # any touch gives the person back their time
    assert warning.text_content() == ""
    page.clock.run_for(179_000)
    assert page.url.endswith("/live")
    page.clock.run_for(2_000)
    page.wait_for_url(re.compile(r".*/kiosk/[^/]+$"))
    # The tablet forgot the person: the live page now sends the next one to the join form.
    page.goto(f"/j/{kiosk['code']}/live")
    assert re.search(r"/j/\w+$", page.url)
    assert page.errors == []
