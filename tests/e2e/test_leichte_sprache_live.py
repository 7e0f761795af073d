"""Issue 14: the live page in Leichte Sprache says nothing outside the Leichte Sprache
catalogue (user text aside), explains the phases in plain words, and axe finds nothing."""
import re

from babel.messages.pofile import read_po
from tests.conftest import open_dotting
from playwright.sync_api import expect

from .conftest import ROOT, assert_accessible, screenshot

CATALOGUE = ROOT / "participation" / "translations" / "de" / "LC_MESSAGES" / "leichte_sprache.po"
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")
# Punctuation that markup puts between two catalogue strings ("Sprache · Language:").
EDGES = " ·:–-…()/"
# Every text node the browser renders (screen-reader-only text included), except user text
# (dir="auto": titles, questions, ideas) and words marked as another language (the picker's
# language names, each in its own language).
TEXT_NODES = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    if (!text || el.closest("script, style, template, [hidden], [dir=auto]")) continue;
    const lang = el.closest("[lang]");
    if (lang && lang !== document.documentElement && lang.getAttribute("lang") !== "de") continue;
    if (!el.checkVisibility({ visibilityProperty: true }) && !el.closest(".visually-hidden")) continue;
    out.push(text);
  }
  return out;
}"""


def easy_patterns() -> list[re.Pattern]:
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="de")
    strings = []
    for message in catalogue:
        if message.id and message.string:
            strings += list(message.string) if isinstance(message.string, tuple) else [message.string]
    return [_pattern(s) for s in strings if s]


def _pattern(text: str) -> re.Pattern:
    parts, last = [], 0
    for match in PLACEHOLDER.finditer(text):
        parts += [re.escape(text[last:match.start()]), ".+?"]
        last = match.end()
    parts.append(re.escape(text[last:]))
    return re.compile("".join(parts))


def outside_catalogue(texts: list[str], patterns, allowed: set[str]) -> list[str]:
    strays = []
    for text in texts:
        core = text.strip(EDGES)
        if not core or core.isdigit() or core in allowed:
            continue
        if not any(p.fullmatch(text) or p.fullmatch(core) for p in patterns):
            strays.append(text)
    return strays


def test_live_page_in_leichte_sprache(open_page, live_server):
    from participation.extensions import db
    from participation.ideas.services import submit_idea
    from participation.workshops import services
    from participation.workshops.session_languages import library
    easy = library()["allgemein"]["ls"]
    with live_server.app.app_context():
        workshop = services.create_workshop(
            live_server.world["home"], live_server.world["facilitator"],
            {"title": "Unser Ort 2040", "dots_per_participant": 3, "max_dots_per_idea": 2,
             "languages": ["ls"], "questions": {"ls": easy}})
        workshop = open_dotting(services.open_workshop(workshop.id, live_server.world["facilitator"]))
        neighbour = services.join(workshop.id, locale="de")
        submit_idea(workshop.id, neighbour.id, "Der Bus fährt abends zu selten", "ls-test-idea-0001")
        code, municipality, title = workshop.join_code, "Heimstadt", workshop.title
        db.session.remove()

    phone = open_page("phone")
    phone.goto(f"/j/{code}?lang=ls")
    phone.locator("main form[method=post] button[type=submit]").click()
    phone.wait_for_url(re.compile(rf".*/j/{code}/live$"))
    expect(phone.locator("[data-question]")).to_have_text(easy["kritik"])
    expect(phone.locator("[data-phase-explained=kritik]")).to_contain_text("Was stört Sie?")
    expect(phone.locator(".idea-card")).to_have_count(1)
    phone.fill("#idea-text", "Mehr Licht im Park")
    phone.locator("[data-idea-form] button[type=submit]").click()
    expect(phone.locator(".idea-card")).to_have_count(2)
    phone.locator(".idea-card [data-action=add]").first.click()
    expect(phone.locator("[data-budget-text]")).to_have_text("Sie haben noch 2 von 3 Punkten")
    phone.locator("details.lang-switch summary").click()  # the language list, open
    screenshot(phone, "leichte-sprache-live")

    texts = phone.evaluate(TEXT_NODES)
    assert "Die Ideen von allen" in texts and "Ideen an der Wand" not in texts
    strays = outside_catalogue(texts, easy_patterns(), {municipality, title, "Language"})
    assert not strays, "Text outside the Leichte Sprache catalogue: %r" % strays
    assert_accessible(phone, "live page in Leichte Sprache")
    assert phone.errors == []


def test_the_check_finds_plain_german():
    """The same check on the texts of the old live page: it names what is not easy German."""
    patterns = easy_patterns()
    old = ["Ideen an der Wand", "Utopie", "Neueste zuerst", "Noch 3 von 3 Punkten", "1", "Senden"]
    assert outside_catalogue(old, patterns, set()) == ["Ideen an der Wand", "Neueste zuerst",
                                                        "Noch 3 von 3 Punkten"]
