"""Finding 2: the hall's shared tablet keeps its people apart.

Person 1 types an idea while the tablet is offline and taps "Fertig – nächste Person".
Person 2 then joins on the same tablet. Nothing person 1 typed is stored under person 2
(at most under person 1, if their page was still open when the network came back), and nothing of person 1 is left in
the tablet's storage."""
import re

from playwright.sync_api import expect

from .conftest import screenshot
from .test_kiosk import join_on_tablet, kiosk_participants

OFFLINE_IDEA = "Person eins, offline getippt: ein Zebrastreifen"

STORAGE = """() => Object.keys(localStorage).map(k => [k, localStorage.getItem(k)])"""


def ideas_by_participant(live_server, workshop_id):
    from participation.extensions import db
    from participation.ideas.models import Idea
    with live_server.app.app_context():
        return [(i.participant_id, i.text) for i in db.session.scalars(
            db.select(Idea).where(Idea.workshop_id == workshop_id))]


def test_next_person_gets_nothing_of_the_person_before(open_page, live_server):
    from participation.assist.services import kiosk_key
    from participation.workshops import services
    with live_server.app.test_request_context():
        ws = services.create_workshop(live_server.world["home"], live_server.world["facilitator"],
                                      {"title": "Tablet: Menschen getrennt"})
        ws = services.open_workshop(ws.id, live_server.world["facilitator"])
        kiosk = {"id": ws.id, "code": ws.join_code, "url": f"/kiosk/{kiosk_key(ws.id)}"}

    page = open_page("phone")
    join_on_tablet(page, kiosk)
    expect(page.get_by_label("Ihre Idee")).to_be_editable()
    page.context.set_offline(True)
    expect(page.locator("[data-net-banner]")).to_contain_text("Keine Verbindung")
    page.get_by_label("Ihre Idee").fill(OFFLINE_IDEA)
    page.get_by_role("button", name="Senden").click()
    expect(page.locator(".idea-card.is-pending-write", has_text=OFFLINE_IDEA)).to_be_visible()
    assert any(OFFLINE_IDEA in value for _k, value in page.evaluate(STORAGE))

    # Person 1 is done and leaves, the tablet still offline.
    page.get_by_role("button", name="Fertig – nächste Person").click()
    page.wait_for_timeout(500)
    page.context.set_offline(False)

    # The helper (or the tablet's own return) brings the start page; person 2 joins.
    join_on_tablet(page, kiosk)
    first, second = kiosk_participants(live_server, kiosk["id"])
    expect(page.locator("[data-net-banner]")).not_to_contain_text("Keine Verbindung")
    page.get_by_label("Ihre Idee").fill("Person zwei: mehr Licht im Park")
    page.get_by_role("button", name="Senden").click()
    expect(page.get_by_text("Ihre Idee ist angekommen.")).to_be_attached()
    page.wait_for_timeout(2000)  # time for any stray resend to arrive

    stored = ideas_by_participant(live_server, kiosk["id"])
    assert (second, "Person zwei: mehr Licht im Park") in stored
    # Person 1's idea is never person 2's. (If person 1's page was still open when the
    # network came back, it may have arrived as person 1's own: that is where it belongs.)
    assert all(p == first for p, text in stored if text == OFFLINE_IDEA), stored
    expect(page.locator(".idea-card", has_text=OFFLINE_IDEA)).to_have_count(0)
    left = page.evaluate(STORAGE)
    assert not [k for k, v in left if OFFLINE_IDEA in v or k.endswith(f"-{first}")], left
    screenshot(page, "kiosk-person-two")
    assert re.search(r"/j/\w+/live$", page.url)
