"""Issue 12's closing note in a real browser: a phone that (re)loads while the counts are
hidden gets `dots: null` from the server and says "Punkte werden nach dem Punkten
gezeigt" on every card (never "null" or 0); when the facilitator shows the counts again,
the true numbers appear without a reload."""
import pytest

from tests.conftest import PASSWORD

from .conftest import PHONE, new_page
from .hall import Hall

pytestmark = pytest.mark.e2e

COUNTS = "() => [...document.querySelectorAll('.idea-card .dot-count')].map((n) => n.textContent)"


def test_phone_shows_hidden_text_then_the_true_counts(browser, live_server):
    from participation.extensions import db
    from participation.workshops import services
    world = live_server.world
    with live_server.app.app_context():
        workshop = services.create_workshop(world["home"], world["facilitator"], {
            "title": "Ortsmitte", "dots_per_participant": 3, "max_dots_per_idea": 3})
        workshop = services.open_workshop(workshop.id, world["facilitator"])
        workshop_id, code = workshop.id, workshop.join_code
        db.session.remove()
    small = Hall(live_server.url, workshop_id, code, live_server.emails["facilitator"], PASSWORD).start()
    try:
        small.run(small.connect(2))
        small.run(small.collect("kritik", 2))
        first = small.ideas["kritik"][0]
        small.run(small.act("flow:hide_counts", {"hidden": True}))
        small.run(small.act("flow:step", {"step": "dot"}))
        for n, phone in enumerate(small.phones):
            for k in range(2):
                ack = small.run(phone.call("dot:add", {"client_id": f"hidden-{n}-{k}", "idea_id": first}))
                assert ack["ok"] and ack["dots"] is None, ack
        page = new_page(browser, live_server.url, **PHONE)
        page.goto(f"/j/{code}")
        page.get_by_role("button", name="Mitmachen").click()
        page.wait_for_selector(".idea-card .dot-count")
        shown = page.evaluate(COUNTS)
        assert len(shown) == 2 and all("nach dem Punkten" in text for text in shown), shown
        assert not any("null" in text or text.startswith("0") for text in shown), shown
        wall = new_page(browser, live_server.url, viewport={"width": 1280, "height": 720},
                        storage_state=live_server.storage_state(browser, "facilitator"))
        wall.goto(f"/w/{workshop_id}/projector")
        wall.wait_for_selector(f'.wall-card[data-idea="{first}"]')
        assert wall.locator("[data-count]").count() == 0  # no number on any card
        assert "nach dem Punkten" in wall.locator("body").inner_text()
        assert "null" not in wall.locator("[data-wall]").inner_text()

        small.run(small.act("flow:hide_counts", {"hidden": False}))
        page.wait_for_function(
            f"() => (document.querySelector('#idea-{first} .dot-count') || {{}}).textContent === '4 Punkte'")
        assert all("nach dem Punkten" not in text for text in page.evaluate(COUNTS))
        wall.wait_for_function(
            f"""() => (document.querySelector('.wall-card[data-idea="{first}"] [data-count]') || {{}}).textContent === '4'""")
        assert page.errors == [] and wall.errors == []
        wall.context.close()
        page.context.close()
    finally:
        small.stop()
