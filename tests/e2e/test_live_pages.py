"""The three live pages in a real browser against the real eventlet server.

A facilitator opens the session from the console, a resident on a phone joins, writes an
idea and puts a dot on it, the projector shows the idea and its count without a reload,
and when the facilitator hides the idea it leaves the projector.
"""
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import open_dotting

from .conftest import assert_accessible, horizontal_overflow, screenshot, small_targets

QUESTION = "Was stört Sie an der Ortsmitte heute?"
IDEA = "Mehr Bänke und Schatten am Marktplatz"


@pytest.fixture(scope="module")
def workshop_id(live_server):
    from participation.workshops import services
    with live_server.app.app_context():
        workshop = services.create_workshop(live_server.world["home"], live_server.world["facilitator"], {
            "title": "Ortsmitte 2035", "theme": "Ortsmitte", "question_kritik": QUESTION,
            "question_utopie": "Wie sieht die Ortsmitte 2035 aus?",
            "question_verwirklichung": "Was packen wir als Erstes an?",
            "dots_per_participant": 5, "max_dots_per_idea": 3})
        return open_dotting(workshop).id


def outbox_key(page) -> str:
    """The outbox is kept per person: zw-outbox-<workshop>-<participant>."""
    return page.evaluate("() => { const d = document.getElementById('live-root').dataset; "
                         "return 'zw-outbox-' + d.workshop + '-' + d.participant; }")


def join_code(live_server, workshop_id):
    from participation.extensions import db
    from participation.workshops.models import Workshop
    with live_server.app.app_context():
        return db.session.get(Workshop, workshop_id).join_code


def test_resident_idea_and_dot_reach_the_projector_and_hiding_removes_it(open_page, live_server, workshop_id):
    console = open_page("desktop", who="facilitator")
    console.goto(f"/w/{workshop_id}")
    console.get_by_role("button", name="Werkstatt öffnen").click()
    expect(console.locator("[data-session-status]")).to_have_text("Geöffnet")
    code = join_code(live_server, workshop_id)
    assert code

    projector = open_page("desktop", who="facilitator", viewport={"width": 1920, "height": 1080})
    projector.goto(f"/w/{workshop_id}/projector")
    expect(projector.locator("[data-question]")).to_have_text(QUESTION)
    expect(projector.locator("[data-join-code]")).to_have_text(f"{code[:3]}-{code[3:]}")

    phone = open_page("phone")
    phone.goto(f"/j/{code}")
    phone.get_by_role("button", name="Mitmachen").click()
    phone.wait_for_url(re.compile(rf".*/j/{code}/live$"))
    expect(phone.locator("[data-question]")).to_have_text(QUESTION)
    expect(phone.locator("[data-budget-text]")).to_have_text("Noch 5 von 5 Punkten")

    phone.get_by_label("Ihre Idee").fill(IDEA)
    phone.get_by_role("button", name="Senden").click()
    expect(phone.locator("[data-status]")).to_have_text("Ihre Idee ist angekommen.")
    card = phone.locator(".idea-card", has_text=IDEA)
    card.get_by_role("button", name="+ Punkt").click()
    expect(phone.locator("[data-budget-text]")).to_have_text("Noch 4 von 5 Punkten")
    expect(card.locator(".dot-count")).to_have_text("1 Punkt")
    # The write-ahead outbox empties once the server acknowledged the dot.
    phone.wait_for_function("key => localStorage.getItem(key) === '[]'", arg=outbox_key(phone))

    wall_card = projector.locator(".wall-card", has_text=IDEA)
    expect(wall_card).to_be_visible()
    expect(wall_card.locator(".count")).to_have_text("1")
    expect(projector.locator("[data-count-onsite]")).to_have_text("1")

    incoming = console.locator(".mod-card", has_text=IDEA)
    expect(incoming).to_be_visible()
    expect(console.locator("[data-fig-dots]")).to_have_text("1")
    for page, label in ((phone, "resident"), (projector, "projector"), (console, "console")):
        assert_accessible(page, f"live {label} page")
    screenshot(phone, "live-resident-idea-dotted")
    screenshot(projector, "live-projector-wall", full_page=False)
    screenshot(console, "live-console")

    incoming.get_by_role("button", name="Ausblenden").click()
    expect(projector.locator(".wall-card", has_text=IDEA)).to_have_count(0)
    expect(incoming.locator(".badge").first).to_have_text("ausgeblendet")
    # The author keeps the idea with a polite note; nobody else sees it any more.
    expect(phone.locator(".idea-card", has_text=IDEA).locator(".notice")).to_be_visible()
    # Undo from the console's list brings it back on the wall.
    console.locator("[data-undo-list] button", has_text="Rückgängig").first.click()
    expect(projector.locator(".wall-card", has_text=IDEA)).to_be_visible()

    # Timer and spotlight reach the wall.
    console.get_by_label("Minuten").fill("2")
    console.get_by_role("button", name="Timer starten").click()
    expect(projector.locator("[data-countdown]")).to_have_text(re.compile(r"^(2:00|1:[0-5]\d)$"))
    expect(phone.locator("[data-budget-text]")).to_have_text("Noch 4 von 5 Punkten")
    console.locator(".mod-card", has_text=IDEA).get_by_role("button", name="Ins Rampenlicht").click()
    expect(projector.locator("[data-spotlight]")).to_be_visible()
    expect(projector.locator("[data-spotlight-text]")).to_have_text(IDEA)
    screenshot(projector, "live-projector-spotlight", full_page=False)
    console.get_by_role("button", name="Rampenlicht aus").first.click()
    expect(projector.locator("[data-spotlight]")).to_be_hidden()

    assert horizontal_overflow(phone) == 0
    assert small_targets(phone, ".idea-card button, .idea-form button[type=submit]") == []
    for page in (console, projector, phone):
        assert not page.errors, page.errors


def opened_workshop(live_server, title, **settings):
    from participation.workshops import services
    with live_server.app.app_context():
        workshop = services.create_workshop(live_server.world["home"], live_server.world["facilitator"], {
            "title": title, "question_kritik": QUESTION, "dots_per_participant": 5, "max_dots_per_idea": 3,
            **settings})
        workshop = open_dotting(services.open_workshop(workshop.id, live_server.world["facilitator"]))
        return workshop.id, workshop.join_code


def stored(live_server, workshop_id, text):
    """(ideas with this text, active dots on them) in the database."""
    from participation.extensions import db
    from participation.ideas.models import Idea
    from participation.voting.models import Dot
    with live_server.app.app_context():
        ideas = db.session.scalars(db.select(Idea).where(Idea.workshop_id == workshop_id, Idea.text == text)).all()
        dots = db.session.scalars(db.select(Dot).where(Dot.idea_id.in_([i.id for i in ideas]),
                                                       Dot.removed_at.is_(None))).all()
        return len(ideas), len(dots)


def test_writes_made_offline_are_kept_and_sent_once_after_reload(open_page, live_server):
    workshop_id, code = opened_workshop(live_server, "Offline-Probe")
    phone = open_page("phone")
    phone.goto(f"/j/{code}")
    phone.get_by_role("button", name="Mitmachen").click()
    phone.wait_for_url(re.compile(rf".*/j/{code}/live$"))
    phone.get_by_label("Ihre Idee").fill("Erste Idee, noch online")
    phone.get_by_role("button", name="Senden").click()
    card = phone.locator(".idea-card", has_text="Erste Idee, noch online")
    expect(card.get_by_role("button", name="+ Punkt")).to_be_visible()
    key = outbox_key(phone)
    phone.wait_for_function("key => localStorage.getItem(key) === '[]'", arg=key)

    phone.context.set_offline(True)
    banner = phone.locator("[data-net-banner]")
    expect(banner).to_have_text("Keine Verbindung: Ihre Eingaben werden gesendet, sobald das Netz wieder da ist.")
    phone.get_by_label("Ihre Idee").fill("Im Funkloch geschrieben")
    phone.get_by_role("button", name="Senden").click()
    card.get_by_role("button", name="+ Punkt").click()
    # Shown at once (optimistically), kept in local storage, not yet on the server.
    expect(phone.locator(".idea-card", has_text="Im Funkloch geschrieben")).to_be_visible()
    expect(phone.locator("[data-budget-text]")).to_have_text("Noch 4 von 5 Punkten")
    assert len(phone.evaluate("key => JSON.parse(localStorage.getItem(key))", key)) == 2
    screenshot(phone, "live-resident-offline")
    assert stored(live_server, workshop_id, "Im Funkloch geschrieben") == (0, 0)

    # The phone comes back and the page is reloaded: the outbox is sent with the same ids.
    phone.context.set_offline(False)
    phone.reload()
    phone.wait_for_function("key => localStorage.getItem(key) === '[]'", arg=key)
    expect(phone.locator(".idea-card", has_text="Im Funkloch geschrieben")).to_be_visible()
    expect(phone.locator("[data-budget-text]")).to_have_text("Noch 4 von 5 Punkten")
    expect(card.locator(".dot-count")).to_have_text("1 Punkt")
    assert stored(live_server, workshop_id, "Im Funkloch geschrieben") == (1, 0)
    assert stored(live_server, workshop_id, "Erste Idee, noch online") == (1, 1)
    assert not phone.errors, phone.errors


def test_resident_page_follows_phases_lock_hiding_and_close(open_page, live_server):
    """Each state looks designed and is announced; axe finds nothing in any of them."""
    workshop_id, code = opened_workshop(live_server, "Phasen-Probe")
    console = open_page("desktop", who="facilitator")
    console.goto(f"/w/{workshop_id}")
    phone = open_page("phone")
    phone.goto(f"/j/{code}")
    phone.get_by_role("button", name="Mitmachen").click()
    phone.wait_for_url(re.compile(rf".*/j/{code}/live$"))
    status = phone.locator("[data-status]")

    for text in ("Der Bus fährt abends zu selten", "Keine Bänke am Brunnen"):
        phone.get_by_label("Ihre Idee").fill(text)
        phone.get_by_role("button", name="Senden").click()
        expect(status).to_have_text("Ihre Idee ist angekommen.")
    bus = phone.locator(".idea-card", has_text="Der Bus")
    for _ in range(3):
        bus.get_by_role("button", name="+ Punkt").click()
    expect(bus.locator(".dot-count")).to_have_text("3 Punkte")
    # At the per-idea limit the button says why instead of doing nothing.
    expect(bus.get_by_role("button", name="+ Punkt")).to_have_attribute("aria-disabled", "true")

    # The facilitator hides one: its author sees a polite note.
    console.locator(".mod-card", has_text="Keine Bänke").get_by_role("button", name="Ausblenden").click()
    expect(phone.locator(".idea-card", has_text="Keine Bänke").locator(".notice")).to_have_text(
        "Diese Idee hat die Moderation ausgeblendet. Danke für Ihr Verständnis.")
    assert_accessible(phone, "resident, own idea hidden")
    screenshot(phone, "live-resident-hidden-note")

    # Submissions locked: the form goes, the note comes.
    console.get_by_role("button", name="Sammlung sperren").click()
    expect(phone.locator("[data-state-locked]")).to_be_visible()
    expect(phone.get_by_label("Ihre Idee")).to_be_hidden()
    expect(status).to_have_text("Die Sammlung ist beendet, jetzt wird gepunktet.")
    assert_accessible(phone, "resident, submissions locked")
    screenshot(phone, "live-resident-locked")

    # Utopie: new question, the top criticism as a starting point, a fresh budget.
    console.get_by_role("button", name="2 Utopie").click()
    expect(status).to_have_text("Neue Phase: Utopie.")
    expect(phone.locator("[data-phase-steps] li[aria-current=step]")).to_contain_text("Utopie")
    expect(phone.locator("[data-starting-points]")).to_contain_text("Der Bus fährt abends zu selten")
    expect(phone.locator("[data-budget-text]")).to_have_text("Noch 5 von 5 Punkten")
    assert_accessible(phone, "resident, Utopie with starting points")
    screenshot(phone, "live-resident-utopie")

    # Large text, high contrast: one tap, remembered.
    phone.get_by_role("button", name="Große Schrift").click()
    expect(phone.locator("body")).to_have_class(re.compile(r"\blarge-text\b"))
    phone.reload()
    expect(phone.locator("body")).to_have_class(re.compile(r"\blarge-text\b"))
    assert horizontal_overflow(phone) == 0
    assert_accessible(phone, "resident, large text (7:1 contrast)", rules=["color-contrast-enhanced"])
    screenshot(phone, "live-resident-large-text")

    # Closed: a thank-you, no form, no dots.
    console.on("dialog", lambda dialog: dialog.accept())
    console.get_by_role("button", name="Werkstatt beenden").click()
    expect(phone.locator("[data-state-closed]")).to_be_visible()
    expect(phone.locator("[data-budget-bar]")).to_be_hidden()
    expect(phone.locator(".idea-card button")).to_have_count(0)
    assert_accessible(phone, "resident, session closed")
    screenshot(phone, "live-resident-closed")
    assert not phone.errors and not console.errors, phone.errors + console.errors


def join_on_phone(open_page, code):
    phone = open_page("phone")
    phone.goto(f"/j/{code}")
    phone.get_by_role("button", name="Mitmachen").click()
    phone.wait_for_url(re.compile(rf".*/j/{code}/live$"))
    return phone


def test_console_approves_merges_groups_and_undoes_by_keyboard_and_mouse(open_page, live_server):
    workshop_id, code = opened_workshop(live_server, "Konsole-Probe", moderation_mode="pre")
    console = open_page("desktop", who="facilitator")
    console.goto(f"/w/{workshop_id}")
    expect(console.locator("[data-session-status]")).to_have_text("Geöffnet")
    phone = join_on_phone(open_page, code)
    for text in ("Busse fahren abends zu selten", "Abends kein Bus mehr"):
        phone.get_by_label("Ihre Idee").fill(text)
        phone.get_by_role("button", name="Senden").click()
    expect(phone.locator(".idea-card .notice", has_text="Wartet auf Freigabe")).to_have_count(2)
    expect(console.locator(".mod-card.is-pending")).to_have_count(2)

    # Keyboard: j goes to the newest idea, a approves it; typing in a field triggers nothing.
    console.get_by_label("Neue Gruppe").fill("ja")
    expect(console.locator(".mod-card.is-pending")).to_have_count(2)
    console.locator("body").click(position={"x": 5, "y": 300})
    console.keyboard.press("j")
    console.keyboard.press("a")
    expect(console.locator(".mod-card.is-pending")).to_have_count(1)
    console.locator(".mod-card.is-pending").get_by_role("button", name="Freigeben").click()
    expect(console.locator(".mod-card.is-pending")).to_have_count(0)
    expect(phone.locator(".idea-card .notice")).to_have_count(0)

    # Merge: pick both, keep the first, one idea is left everywhere.
    for card in console.locator(".mod-card").all():
        card.get_by_label("Auswählen").check()
    console.get_by_label("Busse fahren abends zu selten").check()
    console.get_by_role("button", name="Ausgewählte zusammenführen").click()
    expect(console.locator(".mod-card")).to_have_count(1)
    expect(console.locator(".mod-card")).to_contain_text("Busse fahren abends zu selten")
    expect(phone.locator(".idea-card")).to_have_count(1)
    screenshot(console, "live-console-merged")

    # Undo the merge from "Letzte Aktionen": both ideas are back.
    console.locator("[data-undo-list] li", has_text="Zusammengeführt").get_by_role("button", name="Rückgängig").click()
    expect(console.locator(".mod-card")).to_have_count(2)
    expect(phone.locator(".idea-card")).to_have_count(2)

    # Group one idea into a new cluster through the select.
    console.get_by_label("Neue Gruppe").fill("Busverkehr")
    console.get_by_role("button", name="Gruppe anlegen").click()
    expect(console.locator(".cluster-block h3")).to_have_text("Busverkehr (0)")
    console.locator(".mod-card", has_text="Abends kein Bus").get_by_label("Gruppe").select_option(label="Busverkehr")
    expect(console.locator(".cluster-block h3")).to_have_text("Busverkehr (1)")
    expect(console.locator(".cluster-block li")).to_have_text("Abends kein Bus mehr")
    console.get_by_label("Name der Gruppe").fill("Bus und Bahn")
    console.get_by_role("button", name="Umbenennen").click()
    expect(console.locator(".cluster-block h3")).to_have_text("Bus und Bahn (1)")
    expect(console.locator(".mod-card", has_text="Abends kein Bus").get_by_label("Gruppe")).to_have_value(
        re.compile(r"^\d+$"))
    assert_accessible(console, "console with clusters and undo list")
    assert horizontal_overflow(console) == 0
    assert not console.errors and not phone.errors, console.errors + phone.errors
