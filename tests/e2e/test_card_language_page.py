"""Issue 14 in real browsers: a helper on a tablet types an Arabic paper card and says so
while typing it (it reaches the console's translation queue for German at once, and the
next card starts in Arabic); the facilitator corrects a phone idea's language on the
console's idea card, and a Turkish phone reads it as Turkish without a reload."""
import re

from playwright.sync_api import expect

from .conftest import assert_accessible, horizontal_overflow, screenshot

ARABIC_CARD = "مكتبة مفتوحة يوم الأحد"
TURKISH_IDEA = "Pazar günleri otobüs daha sık gelsin"


def test_card_language_on_the_helper_page_and_the_console(open_page, live_server):
    from participation.workshops import services
    with live_server.app.app_context():
        ws = services.create_workshop(live_server.world["home"], live_server.world["facilitator"],
                                      {"title": "Heimstadt in vielen Sprachen", "languages": ["tr", "ar"]})
        ws = services.open_workshop(ws.id, live_server.world["facilitator"])
        workshop_id, code = ws.id, ws.join_code

    console = open_page("desktop", who="facilitator")
    console.goto(f"/w/{workshop_id}")
    expect(console.locator("[data-net]")).to_have_text(re.compile("verbunden|online", re.I))

    # A helper on the hall's tablet (a facilitator's helper page at tablet size).
    tablet = open_page("desktop", who="facilitator", viewport={"width": 800, "height": 1280}, has_touch=True)
    tablet.goto(f"/w/{workshop_id}/helper")
    tablet.get_by_role("button", name="Neue Karte anlegen").click()
    written_in = tablet.locator("#written_in")
    expect(written_in).to_have_value("de")
    written_in.select_option("ar")
    tablet.fill("#card-text", ARABIC_CARD)
    assert horizontal_overflow(tablet) == 0
    screenshot(tablet, "card-language-helper-tablet")
    assert_accessible(tablet, "helper page with the card's language")
    tablet.get_by_role("button", name="Idee eintragen").click()
    expect(tablet.locator(".flash-success")).to_have_text("Die Idee der Karte ist auf der Wand.")
    # It waits for German in the queue, on the helper page and on the console, at once.
    expect(tablet.locator(".queue-entry", has_text=ARABIC_CARD)).to_be_visible()
    entry = console.locator(".queue-entry", has_text=ARABIC_CARD)
    expect(entry).to_contain_text("العربية")
    expect(entry.locator("select[name=language]")).to_have_value("de")
    # The next card starts with the helper's last choice.
    tablet.get_by_role("button", name="Neue Karte anlegen").click()
    expect(tablet.locator("#written_in")).to_have_value("ar")

    # A resident's phone is set to German, but the idea is Turkish.
    german_phone = open_page("phone")
    german_phone.goto(f"/j/{code}?lang=de")
    german_phone.locator("main form[method=post] button[type=submit]").click()
    german_phone.wait_for_url(re.compile(rf".*/j/{code}/live$"))
    german_phone.fill("#idea-text", TURKISH_IDEA)
    german_phone.locator("[data-idea-form] button[type=submit]").click()
    turkish_phone = open_page("phone")
    turkish_phone.goto(f"/j/{code}?lang=tr")
    turkish_phone.locator("main form[method=post] button[type=submit]").click()
    turkish_phone.wait_for_url(re.compile(rf".*/j/{code}/live$"))
    turkish_phone.evaluate("() => { window.__sameDocument = true; }")
    turkish_card = turkish_phone.locator(".idea-card", has_text=TURKISH_IDEA)
    expect(turkish_card.locator(".idea-text")).to_have_attribute("lang", "de")

    # The facilitator corrects it on the console's idea card.
    card = console.locator(".mod-card", has_text=TURKISH_IDEA)
    fix = card.locator("[data-language-fix]")
    expect(fix.get_by_label("Geschrieben auf")).to_have_value("de")
    fix.get_by_label("Geschrieben auf").select_option("tr")
    card.scroll_into_view_if_needed()
    screenshot(console, "card-language-console", full_page=False)
    fix.get_by_role("button", name="Sprache korrigieren").click()
    expect(console.locator("[data-status]")).to_contain_text("Sprache der Idee korrigiert: Türkisch")
    expect(card.locator("[data-language-fix] select")).to_have_value("tr")
    expect(card.locator(".idea-text")).to_have_attribute("lang", "tr")
    options = card.locator("[data-language-fix] option")
    expect(options).to_have_text(["Deutsch", "Englisch", "Türkisch", "Arabisch", "Ukrainisch",
                                  "Russisch", "Leichte Sprache"])
    # The queue now asks for German, not for Turkish and Arabic.
    expect(console.locator(".queue-entry", has_text=TURKISH_IDEA).locator("select[name=language]")).to_have_value("de")
    # The Turkish phone reads it as Turkish (its own language), without a reload.
    expect(turkish_card.locator(".idea-text")).to_have_attribute("lang", "tr")
    assert turkish_phone.evaluate("() => window.__sameDocument === true"), "the phone reloaded"
    for page in (console, tablet, german_phone, turkish_phone):
        assert not page.errors, page.errors
