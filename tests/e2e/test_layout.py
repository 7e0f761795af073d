"""Small phones, big text, fingers and keyboards.

- At 320 CSS px width no page scrolls sideways (resident pages, the live page with ideas,
  the results, and every staff page a facilitator can reach).
- Vote, submit and join buttons, and the language and large-text switches, are at least
  44 x 44 CSS px.
- With the text size doubled (200 %), the live page still fits, nothing in its buttons is
  cut off, and an idea can still be written and dotted.
- Keyboard alone (Tab, Enter, Space): join, submit an idea, place a dot; every step is
  announced in a live region and the focus is always visible.
"""
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import open_dotting

from .conftest import horizontal_overflow, screenshot, small_targets

NARROW = {"viewport": {"width": 320, "height": 640}, "has_touch": True, "is_mobile": True}
RESIDENT_PAGES = ["/", "/hilfe", "/datenschutz", "/barrierefreiheit", "/login", "/gibt-es-nicht"]
TOUCH_TARGETS = ("[data-idea-form] button[type=submit], .idea-card button[data-action], "
                 "header [data-large-text], .lang-picker a, main form[method=post] button[type=submit]")


@pytest.fixture(scope="module")
def session(live_server):
    """An open workshop with two ideas: (workshop id, join code)."""
    from participation.ideas import services as ideas
    from participation.workshops import services
    with live_server.app.app_context():
        workshop = services.create_workshop(
            live_server.world["home"], live_server.world["facilitator"],
            {"title": "Marktplatz und Mobilität im ländlichen Raum 2035 – eine sehr lange Überschrift",
             "question_kritik": "Was stört Sie heute an Bus, Bahn und Radwegen in unserer Gemeinde?",
             "dots_per_participant": 5, "max_dots_per_idea": 3})
        workshop = open_dotting(services.open_workshop(workshop.id, live_server.world["facilitator"]))
        resident = services.join(workshop.id, locale="de")
        for number, text in enumerate((
                "Ein Bürgerbus am Wochenende, der auch die kleinen Ortsteile anfährt",
                "Radweg nach Oberdorf: Donaudampfschifffahrtsgesellschaftskapitänswitwe")):
            ideas.submit_idea(workshop.id, resident.id, text, f"seed-idea-{number}")
        return workshop.id, workshop.join_code


def join(page, code):
    page.goto(f"/j/{code}")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url(re.compile(rf".*/j/{code}/live$"))
    expect(page.locator(".idea-card").first).to_be_visible()


def set_language(page, live_server, lang):
    page.context.add_cookies([{"name": "lang", "value": lang, "url": live_server.url}])


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_no_resident_page_scrolls_sideways_at_320_px(open_page, live_server, session, lang):
    workshop_id, code = session
    page = open_page("phone", **NARROW)
    set_language(page, live_server, lang)
    for path in RESIDENT_PAGES + [f"/j/{code}"]:
        page.goto(path)
        assert horizontal_overflow(page) == 0, f"{path} [{lang}] scrolls sideways at 320 px"
    screenshot(page, f"layout-320-{lang}-join", full_page=False)
    page.locator("header details.lang-switch summary").click()  # the open language list fits too
    assert horizontal_overflow(page) == 0
    join(page, code)
    assert horizontal_overflow(page) == 0, f"live page [{lang}] scrolls sideways at 320 px"
    # Right to left mirrors the layout: step 1 of the phases stands right of step 2 in Arabic.
    first, second = (page.locator("[data-phase-steps] li").nth(i).bounding_box() for i in (0, 1))
    assert (first["x"] > second["x"]) == (lang == "ar"), (lang, first, second)
    screenshot(page, f"layout-320-{lang}-live")
    page.locator("header [data-large-text]").click()
    page.wait_for_function("() => document.body.classList.contains('large-text')")
    assert horizontal_overflow(page) == 0, f"live page, large text [{lang}] scrolls sideways"
    screenshot(page, f"layout-320-{lang}-live-large")


def test_no_staff_page_scrolls_sideways_at_320_px(open_page, live_server, session):
    workshop_id, _code = session
    page = open_page("phone", who="facilitator", **NARROW)
    paths = ["/dashboard", f"/m/{live_server.world['home']}", f"/m/{live_server.world['home']}/workshops",
             f"/w/{workshop_id}", f"/w/{workshop_id}/results"]
    wide = []
    for path in paths:
        page.goto(path)
        if horizontal_overflow(page) > 0:
            wide.append(f"{path}: {horizontal_overflow(page)} px")
            screenshot(page, f"layout-320-wide-{path.strip('/').replace('/', '-')}")
    assert not wide, "pages scrolling sideways at 320 px:\n" + "\n".join(wide)


def test_touch_targets_are_at_least_44_px(open_page, live_server, session):
    _workshop_id, code = session
    page = open_page("phone")
    page.goto(f"/j/{code}")
    assert small_targets(page, TOUCH_TARGETS) == []
    join(page, code)
    assert page.locator("[data-idea-form] button[type=submit]").count() == 1
    assert page.locator(".idea-card button[data-action]").count() >= 4
    assert small_targets(page, TOUCH_TARGETS) == []
    page.locator("header [data-large-text]").click()
    assert small_targets(page, TOUCH_TARGETS) == []


def test_text_zoomed_to_200_percent_stays_usable(open_page, live_server, session):
    _workshop_id, code = session
    page = open_page("phone")
    join(page, code)
    # What a browser's text-size setting does: the root font size doubles, layout reflows.
    page.evaluate("""() => { const root = document.documentElement;
        root.style.fontSize = (parseFloat(getComputedStyle(root).fontSize) * 2) + 'px'; }""")
    base = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert base >= 32, f"text did not grow ({base} px)"
    assert horizontal_overflow(page) == 0, "the live page scrolls sideways at 200 % text"
    clipped = page.evaluate("""() => Array.from(document.querySelectorAll('button, a, label, h1, h2'))
        .filter(el => el.getClientRects().length && el.scrollWidth > el.clientWidth + 1
                && getComputedStyle(el).overflowX !== 'visible')
        .map(el => el.outerHTML.slice(0, 100))""")
    assert clipped == [], clipped
    screenshot(page, "layout-200-percent-text")
    textarea = page.locator("[data-idea-form] textarea")
    textarea.fill("Mit großer Schrift geschrieben")
    page.locator("[data-idea-form] button[type=submit]").click()
    card = page.locator(".idea-card", has_text="Mit großer Schrift geschrieben")
    expect(card).to_be_visible()
    card.locator("button[data-action=add]").click()
    expect(card.locator(".dot-count")).to_have_text(re.compile("1"))


def tab_to(page, selector: str, limit: int = 80, backwards: bool = False):
    """Press Tab until the focused element matches selector; assert its focus is visible."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            outline = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
                return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
                       || s.boxShadow !== 'none'; }""")
            assert outline, f"focus on {selector} is not visible"
            return
    raise AssertionError(f"{selector} not reachable with Tab")


def test_keyboard_alone_join_submit_and_vote(open_page, live_server, session):
    _workshop_id, code = session
    page = open_page("desktop")
    page.goto(f"/j/{code}")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('skip-link')")
    tab_to(page, "main form[method=post] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf".*/j/{code}/live$"))
    expect(page.locator(".idea-card").first).to_be_visible()

    tab_to(page, "[data-idea-form] textarea")
    page.keyboard.type("Nur mit der Tastatur geschrieben")
    tab_to(page, "[data-idea-form] button[type=submit]")
    page.keyboard.press("Enter")
    card = page.locator(".idea-card", has_text="Nur mit der Tastatur geschrieben")
    expect(card).to_be_visible()
    expect(page.locator("[data-status]")).to_have_text("Ihre Idee ist angekommen.")

    idea_id = card.locator("button[data-action=add]").get_attribute("data-idea")
    page.locator("[data-idea-form] textarea").focus()
    tab_to(page, f"button[data-action=add][data-idea='{idea_id}']")
    page.keyboard.press("Space")
    expect(card.locator(".dot-count")).to_have_text("1 Punkt")
    expect(page.locator("[data-budget-text]")).to_have_text("Noch 4 von 5 Punkten")
    expect(page.locator("[data-status]")).not_to_have_text("Ihre Idee ist angekommen.")
    # The focus stays on the button after the card re-renders, so a second press works too.
    page.keyboard.press("Enter")
    expect(card.locator(".dot-count")).to_have_text("2 Punkte")
    tab_to(page, f"button[data-action=remove][data-idea='{idea_id}']")
    page.keyboard.press("Space")
    expect(card.locator(".dot-count")).to_have_text("1 Punkt")

    # The large-text switch works from the keyboard too.
    page.locator("[data-idea-form] textarea").focus()
    tab_to(page, "header [data-large-text]", backwards=True)
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.body.classList.contains('large-text')")
    assert page.locator("header [data-large-text]").get_attribute("aria-pressed") == "true"
    screenshot(page, "keyboard-live-large-text")
    assert not page.errors, page.errors
