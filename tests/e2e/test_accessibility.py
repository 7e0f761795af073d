"""axe-core (WCAG 2.0/2.1 A and AA) finds nothing on any page, in German, English, Arabic.

Resident pages are checked in the three languages and in the large-text mode (where the
AAA contrast rule, 7:1, must pass too). Staff pages are found by crawling every link a
facilitator and an admin can reach, and checked in German and English (the languages staff
pages exist in). The live pages and their states are covered in test_accessibility_live.py.
"""
import re
from urllib.parse import urlsplit

import pytest

from .conftest import assert_accessible, axe_violations, describe, screenshot
from tests.conftest import open_dotting

RESIDENT_PAGES = ["/", "/hilfe", "/datenschutz", "/barrierefreiheit", "/gibt-es-nicht", "/login"]
SKIP_SUFFIXES = (".csv", ".docx", ".json", ".svg", ".png", ".pdf", ".zip", ".txt")
SKIP_PATHS = ("/static/", "/logout", "/account/export")


def set_language(page, live_server, lang):
    page.context.add_cookies([{"name": "lang", "value": lang, "url": live_server.url}])


@pytest.fixture
def blank_page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_axe_fails_on_a_broken_page(blank_page):
    """The check can fail: an image without alt text and an unlabeled field are found."""
    desktop = blank_page
    desktop.set_content(
        '<!doctype html><html lang="de"><head><title>Kaputt</title></head><body><main>'
        '<h1>Kaputt</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<input type="text"></main></body></html>')
    found = {v["id"] for v in axe_violations(desktop)}
    assert {"image-alt", "label"} <= found
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(desktop, "the broken page")


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_public_pages_have_no_violations(open_page, live_server, lang):
    page = open_page("phone")
    set_language(page, live_server, lang)
    for path in RESIDENT_PAGES:
        page.goto(path)
        assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" and path != "/login" else "ltr")
        assert_accessible(page, f"{path} [{lang}]")
        screenshot(page, f"public-{lang}-{path.strip('/') or 'start'}")
    assert not page.errors, page.errors


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_large_text_mode_has_no_violations_and_7_to_1_contrast(open_page, live_server, lang):
    page = open_page("phone")
    set_language(page, live_server, lang)
    page.goto("/hilfe")
    button = page.locator("header [data-large-text]")
    button.click()
    page.wait_for_function("() => document.body.classList.contains('large-text')")
    assert button.get_attribute("aria-pressed") == "true"
    for path in RESIDENT_PAGES:
        page.goto(path)  # remembered: the cookie turns it on for every page
        assert "large-text" in page.locator("body").get_attribute("class")
        assert_accessible(page, f"{path} large [{lang}]")
        enhanced = axe_violations(page, rules=["color-contrast-enhanced"])
        assert not enhanced, f"contrast below 7:1 on {path}:\n" + describe(enhanced)
    screenshot(page, f"large-text-{lang}-login")


def _same_route(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def crawl(page, start: str, seen_routes: set, limit: int = 80):
    """Every page reachable by links from start, one per route pattern (ids replaced);
    seen_routes is shared, so a later crawl skips what an earlier one checked."""
    queue, visited = [start], []
    while queue and len(visited) < limit:
        path = queue.pop(0)
        new = _same_route(path) not in seen_routes
        if not new and path != start:
            continue  # the start page is always read for its links
        seen_routes.add(_same_route(path))
        response = page.goto(path)
        visited.append(path)
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        base = urlsplit(page.url).netloc
        for href in hrefs:
            parts = urlsplit(href)
            if parts.scheme not in ("http", "https") or parts.netloc != base:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query and "lang=" not in parts.query else "")
            if parts.path.endswith(SKIP_SUFFIXES) or parts.path.startswith(SKIP_PATHS):
                continue
            if _same_route(target) not in seen_routes:
                queue.append(target)
        if new:
            yield path, response


@pytest.fixture(scope="module")
def workshops(live_server):
    """An open workshop with ideas and dots, and a closed one with published results, so the
    crawl reaches the console, projector, helper, results and public results pages."""
    from participation.accounts.models import User
    from participation.extensions import db
    from participation.ideas import services as ideas
    from participation.results import services as results
    from participation.voting import services as voting
    from participation.workshops import services
    world = live_server.world
    codes = []
    with live_server.app.app_context():
        for title, close in (("Ortsmitte 2035", False), ("Wohnen im Alter", True)):
            workshop = services.create_workshop(world["home"], world["facilitator"], {
                "title": title, "question_kritik": "Was stört Sie?", "dots_per_participant": 3})
            workshop = open_dotting(services.open_workshop(workshop.id, world["facilitator"]))
            resident = services.join(workshop.id, locale="de")
            idea, _repeat = ideas.submit_idea(workshop.id, resident.id, "Mehr Bänke am Markt",
                                              f"a11y-idea-{workshop.id}")
            voting.add_dot(workshop.id, resident.id, idea.id, f"a11y-dot-{workshop.id}")
            if close:
                services.close_workshop(workshop.id, world["facilitator"])
                results.set_published(db.session.get(User, world["facilitator"]), workshop.id, True)
            codes.append(workshop.join_code)
    return codes


def test_published_results_and_kiosk_have_no_violations(open_page, live_server, workshops):
    helper = open_page("desktop", who="facilitator")
    helper.goto(f"/m/{live_server.world['home']}/workshops")
    helper.locator("a[href$='/helper']").first.click()
    kiosk = helper.locator("[data-kiosk-link]").inner_text().strip()  # for the tablet, not a link here
    page = open_page("phone")
    for lang in ("de", "en", "ar"):
        set_language(page, live_server, lang)
        page.goto(f"/r/{workshops[1]}")
        assert page.locator("main").inner_text().count("Mehr Bänke am Markt") >= 1
        assert_accessible(page, f"public results [{lang}]")
        screenshot(page, f"public-results-{lang}")
        page.goto(kiosk)
        assert page.locator("html").get_attribute("lang") == lang
        assert_accessible(page, f"kiosk start [{lang}]")
        screenshot(page, f"kiosk-start-{lang}", full_page=False)


def test_every_staff_page_has_no_violations(open_page, live_server, workshops):
    """Crawl as facilitator, admin, then staff; each route once, in German and English."""
    seen_routes = {_same_route(path) for path in RESIDENT_PAGES}  # checked above, in 3 languages
    checked = []
    for who in ("facilitator", "admin", "staff"):
        page = open_page("desktop", who=who)
        for path, response in crawl(page, "/dashboard", seen_routes):
            assert response is not None and response.status < 500, (
                f"{path} answered {response and response.status}")
            assert_accessible(page, f"{path} as {who} [de]")
            shown = re.sub(r"/(h|kiosk|screen)/[^/?]+", r"/\1/key", path)  # no keys in names
            screenshot(page, f"staff-{who}-{shown.strip('/').replace('/', '-')}", full_page=False)
            set_language(page, live_server, "en")
            page.goto(path)
            assert page.locator("html").get_attribute("lang") == "en"
            assert_accessible(page, f"{path} as {who} [en]")
            set_language(page, live_server, "de")
            checked.append((who, path))
        assert not page.errors, page.errors
    assert ("facilitator", "/dashboard") in checked and len(checked) >= 5, checked
    print("checked:", checked)
