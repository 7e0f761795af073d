"""A phone that drops off the hall's network and is reloaded while still offline.

The service worker (/j/sw.js) serves the live page and its files from its cache, the page
shows the last known wall with the writes still waiting in the outbox, and says it is
offline. Back online, every write arrives exactly once and the page says so.
"""
import re

from playwright.sync_api import expect

from .conftest import screenshot
from .test_live_pages import QUESTION, opened_workshop, outbox_key, stored

OFFLINE = "Keine Verbindung: Ihre Eingaben werden gesendet, sobald das Netz wieder da ist."
FIRST = "Ein Dorfladen mit Café"
OFFLINE_IDEA = "Im Funkloch geschrieben: Sitzbänke am Bach"


def rename(live_server, workshop_id, title):
    from participation.extensions import db
    from participation.workshops.models import Workshop
    with live_server.app.app_context():
        db.session.get(Workshop, workshop_id).title = title
        db.session.commit()


def test_reload_while_offline_keeps_writes_and_sends_them_once(open_page, live_server):
    workshop_id, code = opened_workshop(live_server, "Funkloch-Probe")
    phone = open_page("phone")
    phone.goto(f"/j/{code}")
    phone.get_by_role("button", name="Mitmachen").click()
    phone.wait_for_url(re.compile(rf".*/j/{code}/live$"))
    key = outbox_key(phone)
    # The service worker has taken the page and its files into its cache.
    expect(phone.locator("#live-root")).to_have_attribute("data-offline-ready", "true", timeout=15_000)
    phone.get_by_label("Ihre Idee").fill(FIRST)
    phone.get_by_role("button", name="Senden").click()
    first = phone.locator(".idea-card", has_text=FIRST)
    expect(first.get_by_role("button", name="+ Punkt")).to_be_visible()
    phone.wait_for_function("key => localStorage.getItem(key) === '[]'", arg=key)

    phone.context.set_offline(True)
    banner = phone.locator("[data-net-banner]")
    expect(banner).to_have_text(OFFLINE)
    phone.get_by_label("Ihre Idee").fill(OFFLINE_IDEA)
    phone.get_by_role("button", name="Senden").click()
    first.get_by_role("button", name="+ Punkt").click()
    expect(phone.locator("[data-budget-text]")).to_have_text("Noch 4 von 5 Punkten")

    # Reloaded without network: the page comes from the service worker's cache, not from the
    # server (which by now would render the new title into the header).
    rename(live_server, workshop_id, "Umbenannt, während das Telefon offline war")
    phone.reload()
    expect(phone.locator("[data-question]")).to_have_text(QUESTION)
    expect(phone.locator(".live-header .who")).to_contain_text("Funkloch-Probe")
    expect(banner).to_have_text(OFFLINE)
    draft = phone.locator(".idea-card.is-pending-write", has_text=OFFLINE_IDEA)
    expect(draft).to_contain_text("Wird gesendet")
    expect(first.locator(".dot-count")).to_have_text("1 Punkt")
    expect(first.locator("[data-waiting]")).to_have_text("Wird gesendet …")
    expect(phone.locator("[data-budget-text]")).to_have_text("Noch 4 von 5 Punkten")
    assert len(phone.evaluate("key => JSON.parse(localStorage.getItem(key))", key)) == 2
    screenshot(phone, "live-resident-offline-reload")
    assert stored(live_server, workshop_id, OFFLINE_IDEA) == (0, 0)
    assert stored(live_server, workshop_id, FIRST) == (1, 0)

    # Back online: the outbox is sent with its ids, the page says it has caught up.
    phone.context.set_offline(False)
    expect(banner).to_have_text("Alles gesendet.")
    phone.wait_for_function("key => localStorage.getItem(key) === '[]'", arg=key)
    arrived = phone.locator(".idea-card:not(.is-pending-write)", has_text=OFFLINE_IDEA)
    expect(arrived.locator(".badge.mine")).to_have_text("Ihre Idee")
    expect(phone.locator(".idea-card.is-pending-write")).to_have_count(0)
    expect(first.locator("[data-waiting]")).to_have_count(0)
    expect(first.locator(".dot-count")).to_have_text("1 Punkt")
    expect(phone.locator("[data-budget-text]")).to_have_text("Noch 4 von 5 Punkten")
    assert stored(live_server, workshop_id, OFFLINE_IDEA) == (1, 0)
    assert stored(live_server, workshop_id, FIRST) == (1, 1)

    # The worker kept only this live page and static files: no socket.io traffic, no other page.
    kept = phone.evaluate("""async () => {
        const names = await caches.keys();
        const urls = [];
        for (const name of names) {
            for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
        }
        return {names, urls};
    }""")
    assert kept["names"] == ["zw-live-v1"]
    assert f"/j/{code}/live" in kept["urls"]
    assert {"/static/js/live/resident.js", "/static/js/live/outbox.js", "/static/vendor/socket.io.min.js",
            "/static/css/live.css"} <= set(kept["urls"])
    assert all(url == f"/j/{code}/live" or url.startswith("/static/") for url in kept["urls"]), kept["urls"]
    assert not phone.errors, phone.errors


def test_idea_sent_before_the_first_connection_is_shown_as_waiting(open_page, live_server):
    """The page came, but the live connection never did (the hall's network gave out right
    after it): the submitted idea stays on the screen as "being sent" instead of vanishing
    with the emptied text box, and it arrives once the connection comes."""
    workshop_id, code = opened_workshop(live_server, "Erste Verbindung fehlt")
    phone = open_page("phone")
    phone.goto(f"/j/{code}")
    phone.route("**/socket.io/**", lambda route: route.abort())
    phone.get_by_role("button", name="Mitmachen").click()
    phone.wait_for_url(re.compile(rf".*/j/{code}/live$"))
    idea = "Ohne Verbindung abgeschickt: ein Bücherschrank"
    phone.get_by_label("Ihre Idee").fill(idea)
    phone.get_by_role("button", name="Senden").click()
    draft = phone.locator(".idea-card.is-pending-write", has_text=idea)
    expect(draft).to_contain_text("Wird gesendet")
    assert stored(live_server, workshop_id, idea) == (0, 0)

    phone.unroute("**/socket.io/**")
    expect(phone.locator(".idea-card:not(.is-pending-write)", has_text=idea)).to_be_visible(timeout=15_000)
    assert stored(live_server, workshop_id, idea) == (1, 0)
