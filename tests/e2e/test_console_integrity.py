"""The console's join figures (issue 13) in a real browser: the stuffing alert, joins per
minute and the tickets, accessible, without CSP errors, refreshed by integrity.js."""
import secrets
from datetime import timedelta

from playwright.sync_api import expect

from .conftest import assert_accessible, screenshot


def test_console_shows_the_stuffing_alert_and_updates_it(open_page, live_server):
    from participation.accounts.models import utcnow
    from participation.extensions import db
    from participation.workshops import services
    from participation.workshops.models import Participant, Workshop
    with live_server.app.test_request_context():
        ws = services.create_workshop(live_server.world["home"], live_server.world["facilitator"],
                                      {"title": "Stimmenfang im Saal"})
        ws = services.open_workshop(ws.id, live_server.world["facilitator"])
        workshop_id = ws.id
        db.session.get(Workshop, workshop_id).opened_at = utcnow() - timedelta(minutes=8)
        db.session.commit()
    console = open_page("desktop", who="facilitator")
    console.goto(f"/w/{workshop_id}")
    box = console.locator("[data-integrity]")
    expect(box).to_be_visible()
    expect(box.locator("[data-integrity-alert]")).to_be_hidden()
    with live_server.app.app_context():
        db.session.add_all([Participant(workshop_id=workshop_id, token=secrets.token_urlsafe(32))
                            for _ in range(45)])
        db.session.commit()
    alert = box.locator("[data-integrity-alert]")
    expect(alert).to_be_visible(timeout=12_000)
    expect(alert).to_contain_text("Stimmenfang")
    expect(box.locator('[data-integrity-value="joins_per_minute"]')).to_have_text("45")
    screenshot(console, "console-integrity-alert", full_page=False)
    assert_accessible(console, "console-integrity")
    assert console.errors == []
