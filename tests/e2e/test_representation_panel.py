"""Who takes part, next to who lives there, live in a real browser: the console's panel and
the projector's (option on) fill in as residents join on their phones, and the
under-represented group is named in the polite status region."""
import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, screenshot

SENTENCE = "Menschen von 18 bis 29: 0 % der Teilnehmenden, 14 % der Einwohnerschaft"


@pytest.fixture(scope="module")
def workshop(live_server):
    from participation.extensions import db
    from participation.municipalities.models import Municipality
    from participation.workshops import services
    with live_server.app.app_context():
        home = db.session.get(Municipality, live_server.world["home"])
        for row in home.age_bands:
            row.count = {"18-29": 1400, "50-64": 8600}.get(row.band, 0)
        db.session.commit()
        workshop = services.create_workshop(home.id, live_server.world["facilitator"], {
            "title": "Ortsmitte 2035", "show_representation_on_projector": True})
        workshop = services.open_workshop(workshop.id, live_server.world["facilitator"])
        return {"id": workshop.id, "code": workshop.join_code}


def test_console_and_projector_show_who_takes_part_while_residents_join(open_page, workshop):
    console = open_page("desktop", who="facilitator")
    console.goto(f"/w/{workshop['id']}")
    panel = console.locator("[data-representation]")
    expect(panel).to_be_visible()
    expect(panel.locator("[data-rep-status]")).to_have_text("Noch nehmen keine Personen teil.")
    projector = open_page("desktop", who="facilitator", viewport={"width": 1920, "height": 1080})
    projector.goto(f"/w/{workshop['id']}/projector")

    def join_phone():
        phone = open_page("phone")
        phone.goto(f"/j/{workshop['code']}")
        phone.get_by_label("Ihr Alter (freiwillig)").select_option("50-64")
        phone.get_by_role("button", name="Mitmachen").click()
        phone.wait_for_url(re.compile(r".*/live$"))
        # Issue 13: a participant counts once they did something.
        phone.locator("#idea-text").fill("Mehr Bänke am Marktplatz")
        phone.get_by_role("button", name="Senden").click()
        expect(phone.locator("[data-status]")).to_have_text("Ihre Idee ist angekommen.")
        phone.context.close()

    status = panel.locator("[role=status][aria-live=polite]")
    for _ in range(2):
        join_phone()
    # Small numbers: no share from fewer than 5 answers, said in words, no bars.
    expect(status).to_contain_text("weniger als 5")
    expect(panel.locator(".rep-band")).to_have_count(0)
    for _ in range(3):
        join_phone()
    expect(status).to_have_text(SENTENCE)
    expect(panel.locator("[data-rep-count]")).to_have_text("5 Teilnehmende, davon 5 mit Altersangabe")
    expect(panel.locator(".rep-band-under .rep-label")).to_have_text(["18 bis 29"])
    screenshot(console, "representation-console", full_page=False)
    screen_panel = projector.locator("[data-representation]")
    expect(screen_panel).to_be_visible()
    expect(screen_panel.locator("[data-rep-status]")).to_have_text(SENTENCE)
    screenshot(projector, "representation-projector", full_page=False)
    assert_accessible(console, "console-representation")
    assert_accessible(projector, "projector-representation")
