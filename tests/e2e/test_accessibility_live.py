"""axe-core finds nothing in any live state, in German, English and Arabic.

One workshop per language: a resident on a phone (in that language) goes through the join
page, the empty wall, an idea submitted, the phase changed by the facilitator, dots used up,
submissions locked, the own idea hidden, offline, and the session closed; then the public
results page. The facilitator's console and the projector are checked along the way (staff
pages: in English for `en`, in German otherwise). Every change must also reach a live region.
"""
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import open_dotting

from .conftest import assert_accessible, axe_violations, describe, horizontal_overflow, screenshot

TEXTS = {
    "de": ("Der Bus fährt abends zu selten", "Keine Bänke am Brunnen"),
    "en": ("The bus runs too rarely in the evening", "No benches at the fountain"),
    "ar": ("الحافلة لا تأتي مساءً إلا نادرًا", "لا توجد مقاعد عند النافورة"),
}


def create_workshop(live_server, title, **settings):
    from participation.workshops import services
    with live_server.app.app_context():
        workshop = services.create_workshop(
            live_server.world["home"], live_server.world["facilitator"],
            {"title": title, "question_kritik": "Was stört Sie an der Ortsmitte?",
             "question_utopie": "Wie sähe die Ortsmitte ideal aus?",
             "question_verwirklichung": "Was packen wir zuerst an?",
             "dots_per_participant": 2, "max_dots_per_idea": 2, **settings})
        return open_dotting(workshop).id


def join_code(live_server, workshop_id):
    from participation.extensions import db
    from participation.workshops.models import Workshop
    with live_server.app.app_context():
        return db.session.get(Workshop, workshop_id).join_code


def set_language(page, live_server, lang):
    page.context.add_cookies([{"name": "lang", "value": lang, "url": live_server.url}])


def live_text(page) -> str:
    """Everything live regions on the page currently say."""
    return page.evaluate("""() => Array.from(document.querySelectorAll(
        '[role=status], [role=alert], [aria-live=polite], [aria-live=assertive]'))
        .map(el => el.textContent.trim()).join(' | ')""")


def check(page, label, lang):
    assert_accessible(page, f"{label} [{lang}]")
    assert horizontal_overflow(page) == 0, f"{label} [{lang}] scrolls sideways"


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_every_live_state_has_no_violations(open_page, live_server, lang):
    workshop_id = create_workshop(live_server, f"Ortsmitte {lang}")
    first, second = TEXTS[lang]
    staff_lang = "en" if lang == "en" else "de"

    phone = open_page("phone")
    set_language(phone, live_server, lang)
    phone.goto("/j/ZZZ999")  # a mistyped code: the designed "code not found" page
    assert phone.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    check(phone, "unknown join code", lang)

    console = open_page("desktop", who="facilitator")
    set_language(console, live_server, staff_lang)
    console.goto(f"/w/{workshop_id}")
    console.locator("[data-open]").click()
    expect(console.locator("[data-open]")).to_be_hidden()
    expect(console.locator("[data-close]")).to_be_visible()
    check(console, "moderation console, open", lang)
    code = join_code(live_server, workshop_id)

    projector = open_page("desktop", who="facilitator", viewport={"width": 1920, "height": 1080})
    set_language(projector, live_server, staff_lang)
    projector.goto(f"/w/{workshop_id}/projector")
    check(projector, "projector, empty wall", lang)

    # Join page, with the language picker in the resident's language.
    phone.goto(f"/j/{code}")
    expect(phone.locator(".lang-picker a[aria-current=true]")).to_have_attribute(
        "lang", "de" if lang == "de" else lang)
    check(phone, "join page", lang)
    screenshot(phone, f"a11y-{lang}-join")
    phone.locator("main form[method=post] button[type=submit]").click()
    phone.wait_for_url(re.compile(rf".*/j/{code}/live$"))
    expect(phone.locator("[data-budget-text]")).to_contain_text("2")
    check(phone, "live page, empty wall", lang)

    # Ideas submitted: each is announced.
    textarea = phone.locator("[data-idea-form] textarea")
    for text in (first, second):
        textarea.fill(text)
        phone.locator("[data-idea-form] button[type=submit]").click()
        expect(phone.locator(".idea-card", has_text=text)).to_be_visible()
        expect(phone.locator("[data-status]")).not_to_have_text("")
    check(phone, "idea submitted", lang)
    expect(projector.locator(".wall-card", has_text=first)).to_be_visible()
    check(projector, "projector with ideas", lang)
    check(console, "console with ideas", lang)

    # Dots used up.
    card = phone.locator(".idea-card", has_text=first)
    for _ in range(2):
        card.locator("button[data-action=add]").click()
    expect(phone.locator("[data-budget-text]")).to_contain_text("0")
    check(phone, "dots used up", lang)
    screenshot(phone, f"a11y-{lang}-dots-used-up")

    # The large-text mode: one tap, and every text on the live page reaches 7:1.
    phone.locator("header [data-large-text]").click()
    phone.wait_for_function("() => document.body.classList.contains('large-text')")
    check(phone, "live page, large text", lang)
    enhanced = axe_violations(phone, rules=["color-contrast-enhanced"])
    assert not enhanced, f"contrast below 7:1 in large text [{lang}]:\n" + describe(enhanced)
    screenshot(phone, f"a11y-{lang}-large-text")
    phone.locator("header [data-large-text]").click()
    phone.wait_for_function("() => !document.body.classList.contains('large-text')")

    # The facilitator hides the second idea: its author gets a polite note.
    console.locator(".mod-card", has_text=second).locator("button", has_text=re.compile(
        "Ausblenden|Hide")).click()
    expect(phone.locator(".idea-card", has_text=second).locator(".notice")).to_be_visible()
    check(phone, "own idea hidden", lang)
    check(console, "console after hiding", lang)

    # Phase changed: announced and shown as the current step.
    before = live_text(phone)
    status_before = phone.locator("[data-status]").text_content()  # before the click: no race
    console.locator("[data-phase=utopie]").click()
    expect(phone.locator("[data-question]")).to_have_text("Wie sähe die Ortsmitte ideal aus?")
    phone.wait_for_function("before => document.querySelector('[data-status]').textContent !== before",
                            arg=status_before)
    assert live_text(phone) != before
    check(phone, "phase changed", lang)
    check(projector, "projector after phase change", lang)

    # Submissions locked.
    console.locator("[data-lock]").click()
    expect(phone.locator("[data-state-locked]")).to_be_visible()
    check(phone, "submissions locked", lang)

    # Offline: the banner says so, in words.
    phone.context.set_offline(True)
    banner = phone.locator("[data-net-banner]").first
    expect(banner).to_be_visible()
    expect(banner).not_to_have_text("")
    check(phone, "offline banner", lang)
    screenshot(phone, f"a11y-{lang}-offline")
    phone.context.set_offline(False)
    expect(banner).to_be_hidden(timeout=15_000)

    # Closed and published: the resident reaches the results.
    console.on("dialog", lambda dialog: dialog.accept())
    console.locator("[data-close]").click()
    expect(phone.locator("[data-state-closed]")).to_be_visible()
    check(phone, "session closed", lang)
    console.goto(f"/w/{workshop_id}/results")
    check(console, "results for staff", lang)
    console.locator("form[action$='/results/publish'] button[type=submit]").click()
    phone.goto(f"/r/{code}")
    expect(phone.locator("main")).to_contain_text(first)
    check(phone, "public results", lang)
    screenshot(phone, f"a11y-{lang}-results")

    for page in (phone, console, projector):
        assert not page.errors, page.errors
