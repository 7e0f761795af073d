"""Issue 12, item 5: the insights panels on the console keep up with the hall.

Before: after switching to Verwirklichung the duplicate panel still offered the old
phase's pairs and said "0 Punkte" for ideas that had 2, until the page was reloaded; the
theme suggestions stayed those of the old phase. Now both follow the console's socket."""
import os
import re

import pytest

from tests.conftest import open_dotting
from playwright.sync_api import expect

from .conftest import screenshot

KRITIK = ("Der Bus soll auch am Wochenende fahren", "Der Bus soll am Wochenende auch fahren")
UTOPIE = ("Ein Jugendtreff mit festen Öffnungszeiten für alle",
          "Ein Jugendtreff mit festen Öffnungszeiten für die Jugend")


@pytest.fixture(scope="module", autouse=True)
def lexical_backend():
    """The fast, deterministic similarity backend, in this process and the server's."""
    old = os.environ.get("INSIGHTS_BACKEND")
    os.environ["INSIGHTS_BACKEND"] = "lexical"
    yield
    if old is None:
        os.environ.pop("INSIGHTS_BACKEND", None)
    else:
        os.environ["INSIGHTS_BACKEND"] = old


@pytest.fixture(scope="module")
def session(live_server):
    from participation.extensions import db
    from participation.ideas.models import Idea
    from participation.insights import services as insights
    from participation.workshops import services
    with live_server.app.app_context():
        ws = services.create_workshop(live_server.world["home"], live_server.world["facilitator"],
                                      {"title": "Heimstadt 2040", "dots_per_participant": 5,
                                       "max_dots_per_idea": 3})
        ws = open_dotting(services.open_workshop(ws.id, live_server.world["facilitator"]))
        author = services.join(ws.id, locale="de")
        for n, (phase, text) in enumerate([("kritik", t) for t in KRITIK]
                                          + [("utopie", t) for t in UTOPIE]):
            idea = Idea(workshop_id=ws.id, participant_id=author.id, client_id=f"follow-{n}",
                        phase=phase, text=text, channel="onsite")
            insights.prepare_idea(idea)
            db.session.add(idea)
            db.session.commit()
        return ws.id, ws.join_code


def pair_texts(console):
    return [text.strip() for text in console.locator("[data-pairs] blockquote p").all_inner_texts()]


def test_duplicates_and_suggestions_follow_phase_and_counts(open_page, session):
    workshop_id, code = session
    console = open_page("desktop", who="facilitator", viewport={"width": 1440, "height": 900})
    console.goto(f"/w/{workshop_id}")
    pairs = console.locator("[data-pairs] .insight-pair")
    expect(pairs).to_have_count(1)
    assert sorted(pair_texts(console)) == sorted(KRITIK)
    first = console.locator("[data-pairs] blockquote", has_text=KRITIK[0]).locator("footer")
    expect(first).to_have_text("0 Punkte")
    console.locator("[data-insights-clusters] [data-suggest]").click()
    suggestions = console.locator("[data-suggestions] label[dir=auto]")
    expect(suggestions.first).to_be_visible()
    assert set(suggestions.all_inner_texts()) <= set(KRITIK)

    # A resident dots the first idea twice: the panel's count follows without a reload.
    phone = open_page("phone")
    phone.goto(f"/j/{code}")
    phone.locator("main form[method=post] button[type=submit]").click()
    phone.wait_for_url(re.compile(rf".*/j/{code}/live$"))
    add = phone.locator(".idea-card", has_text=KRITIK[0]).locator("button[data-action=add]")
    add.click()
    expect(phone.locator("[data-budget-text]")).to_have_text("Noch 4 von 5 Punkten")
    add.click()
    expect(phone.locator("[data-budget-text]")).to_have_text("Noch 3 von 5 Punkten")
    expect(first).to_have_text("2 Punkte")

    # The facilitator moves on: pairs and suggestions are those of the new phase.
    console.locator("[data-phase=utopie]").click()
    expect(console.locator("[data-pairs] blockquote", has_text=UTOPIE[0])).to_be_visible()
    assert sorted(pair_texts(console)) == sorted(UTOPIE)
    expect(console.locator("[data-suggestions] label[dir=auto]", has_text=UTOPIE[0])).to_be_visible()
    assert not set(suggestions.all_inner_texts()) & set(KRITIK)
    screenshot(console, "insights-follow-console-utopie", full_page=False)
    assert not console.errors, console.errors
