"""People without a phone in a real browser. The hall's shared tablet: each person gets a fresh participant,
"Fertig – nächste Person" returns to the start, and so does a tablet left alone (the idle
clock is driven with Playwright's fake clock, so the test does not wait three minutes)."""
import re

import pytest

from tests.conftest import open_dotting
from tests.e2e.conftest import assert_accessible, screenshot


@pytest.fixture(scope="module")
def kiosk(live_server):
    from participation.assist.services import kiosk_key
    from participation.workshops import services
    with live_server.app.test_request_context():
        ws = services.create_workshop(live_server.world["home"], live_server.world["facilitator"],
                                      {"title": "Tablet-Werkstatt"})
        ws = open_dotting(services.open_workshop(ws.id, live_server.world["facilitator"]))
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


def test_helper_types_a_paper_card_without_javascript(browser, open_page, live_server, kiosk):
    """The helper page is plain forms: it works with JavaScript off, and passes axe."""
    from tests.e2e.conftest import DESKTOP, new_page
    page = new_page(browser, live_server.url, java_script_enabled=False,
                    storage_state=live_server.storage_state(browser, "facilitator"), **DESKTOP)
    try:
        page.goto(f"/w/{kiosk['id']}/helper")
        page.get_by_label("Alter laut Karte (freiwillig)").select_option("65-79")
        page.get_by_role("button", name="Neue Karte anlegen").click()
        page.get_by_role("heading", name=re.compile(r"^Karte \d+$")).wait_for()
        page.get_by_label("Idee von der Karte").fill("Eine Sitzbank am Friedhof")
        page.get_by_role("button", name="Idee eintragen").click()
        page.get_by_text("Die Idee der Karte ist auf der Wand.").wait_for()
        card = page.locator("ul.helper-ideas li", has_text="Eine Sitzbank am Friedhof")
        card.get_by_role("button", name="+ Punkt").click()
        page.get_by_text("Punkt gesetzt.").wait_for()
        assert "1 von dieser Karte" in page.locator("ul.helper-ideas li", has_text="Eine Sitzbank am Friedhof").inner_text()
        card_url = page.url.split("#")[0]
    finally:
        page.context.close()
    # axe needs JavaScript: check the same page (with the card open) in a normal browser.
    page = open_page("desktop", who="facilitator")
    page.goto(card_url)
    assert_accessible(page, "helper page")
    screenshot(page, "helper-page-desktop")
    from participation.extensions import db
    from participation.ideas.models import Idea
    with live_server.app.app_context():
        idea = db.session.scalar(db.select(Idea).where(Idea.text == "Eine Sitzbank am Friedhof"))
        assert (idea.channel, idea.dot_count) == ("assisted", 1)
