"""Issue 12, item 4 in real browsers: the facilitator's helper page shows the helper link and
the tablet link with QR codes; a helper's phone opens the helper link and types a card while
the phones are locked; the tablet opens its own link and starts the kiosk there."""
import re

from playwright.sync_api import expect

from .conftest import assert_accessible, horizontal_overflow, screenshot


def test_helper_phone_and_tablet_start_from_the_links(open_page, live_server):
    from participation.workshops import services
    with live_server.app.app_context():
        ws = services.create_workshop(live_server.world["home"], live_server.world["facilitator"],
                                      {"title": "Heimstadt 2040"})
        ws = services.open_workshop(ws.id, live_server.world["facilitator"])
        services.lock_submissions(ws.id, True, live_server.world["facilitator"])
        workshop_id = ws.id

    laptop = open_page("desktop", who="facilitator")
    laptop.goto(f"/w/{workshop_id}/helper")
    helper_link = laptop.locator("[data-helper-link]").inner_text().strip()
    kiosk_link = laptop.locator("[data-kiosk-link]").inner_text().strip()
    assert helper_link.startswith(live_server.url + "/h/")       # PUBLIC_URL of the server
    assert kiosk_link.startswith(live_server.url + "/kiosk/")
    for qr in laptop.locator(".helper-qr svg.qr-code").all():
        box = qr.bounding_box()
        assert box and box["width"] >= 150 and box["height"] >= 150  # scannable from a phone
    expect(laptop.locator(".helper-qr svg.qr-code")).to_have_count(2)
    screenshot(laptop, "paper-cards-helper-page")
    assert_accessible(laptop, "helper page (facilitator)")

    # A volunteer's phone opens the helper link and types a card although phones are locked.
    helper = open_page("phone")
    helper.goto(helper_link)
    expect(helper.get_by_role("heading", name="Papierkarten eintragen")).to_be_visible()
    expect(helper.get_by_role("link", name="Anmelden")).to_have_count(0)
    helper.get_by_role("button", name="Neue Karte anlegen").click()
    expect(helper.locator("#card-title")).to_be_visible()
    helper.select_option("select[name=phase]", "kritik")
    helper.fill("#card-text", "Eine Bank an der Bushaltestelle")
    helper.get_by_role("button", name="Idee eintragen").click()
    expect(helper.locator(".flash-success")).to_have_text("Die Idee der Karte ist auf der Wand.")
    assert horizontal_overflow(helper) == 0
    screenshot(helper, "paper-cards-helper-phone")

    # The hall's tablet opens its own link: the kiosk starts there, not on the laptop.
    tablet = open_page("desktop", viewport={"width": 800, "height": 1280}, has_touch=True)
    tablet.goto(kiosk_link)
    expect(tablet.get_by_role("button", name="Mitmachen")).to_be_visible()
    tablet.get_by_role("button", name="Mitmachen").click()
    tablet.wait_for_url(re.compile(r".*/j/[A-Z0-9]{6}/live$"))
    expect(tablet.get_by_role("button", name="Fertig – nächste Person")).to_be_visible()
    expect(tablet.locator(".idea-card", has_text="Eine Bank an der Bushaltestelle")).to_be_visible()
    screenshot(tablet, "paper-cards-tablet", full_page=False)
    assert laptop.url.endswith(f"/w/{workshop_id}/helper")
    for page in (laptop, helper, tablet):
        assert not page.errors, page.errors
