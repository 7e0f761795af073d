"""The insights JS modules and partials in a real browser: a harness page that includes
the four partials exactly as a live page would, on a threaded server of the app."""
import threading

import pytest
from flask import Blueprint, render_template_string
from werkzeug.serving import make_server

from participation.extensions import db
from participation.ideas.models import Cluster, Idea
from participation.insights import services, similarity
from participation.insights.models import DismissedPair
from participation.workshops.cookies import cookie_name, sign_token
from participation.workshops.models import Participant, Workshop
from tests.conftest import PASSWORD, make_app
from tests.e2e.conftest import TIMEOUT_MS, free_port, screenshot

HARNESS = """{% extends "base.html" %}{% block content %}
<form data-idea-form><label for="idea-text">Idee</label>
<textarea id="idea-text" dir="auto"></textarea>
{% include "insights/_similar_hint.html" %}<button type="submit">Senden</button></form>
{% include "insights/_wordcloud.html" %}
{% if facilitator %}{% include "insights/_duplicates_panel.html" %}
{% include "insights/_cluster_suggestions.html" %}{% endif %}
{% endblock %}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import os
    os.environ["INSIGHTS_BACKEND"] = "lexical"
    similarity.clear_cache()
    app = make_app(tmp_path_factory.mktemp("insights"))
    harness = Blueprint("insights_harness", __name__)

    @harness.get("/harness/<int:workshop_id>")
    def page(workshop_id):
        from flask_login import current_user
        return render_template_string(HARNESS, workshop=db.session.get(Workshop, workshop_id),
                                      facilitator=current_user.is_authenticated)
    app.register_blueprint(harness)
    with app.app_context():
        db.create_all()
        from tests.conftest import seed_world
        world = seed_world()
        ws = Workshop(municipality_id=world["home"].id, title="Zukunft", status="open",
                      phase="kritik", join_code="HEM434")
        db.session.add(ws)
        db.session.commit()
        for i, text in enumerate(("Der Bus soll auch am Wochenende fahren",
                                  "Der Bus soll am Wochenende auch fahren",
                                  "Busse am Wochenende fahren lassen",
                                  "Ein Jugendtreff mit festen Öffnungszeiten",
                                  "Jugendtreff für die Jugendlichen im Ort")):
            idea = Idea(workshop_id=ws.id, client_id=f"e2e-idea-{i}", phase="kritik", text=text)
            db.session.add(idea)
            db.session.commit()
            services.on_idea_created(idea)
        participant = Participant(workshop_id=ws.id, token="p" * 43)
        db.session.add(participant)
        db.session.commit()
        info = {"workshop_id": ws.id, "cookie": (cookie_name(ws.id), sign_token(ws.id, participant.token)),
                "facilitator": world["facilitator"].email}
    port = free_port()
    http = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{port}", "app": app, **info}
    http.shutdown()
    os.environ.pop("INSIGHTS_BACKEND", None)


def new_page(browser, server):
    context = browser.new_context(base_url=server["url"], locale="de-DE", viewport={"width": 1000, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda msg: page.errors.append(msg.text)
            if msg.type == "error" and "favicon" not in (msg.location or {}).get("url", "") else None)
    return page


def test_resident_sees_similar_ideas_and_the_word_cloud(browser, server):
    page = new_page(browser, server)
    name, value = server["cookie"]
    page.context.add_cookies([{"name": name, "value": value, "url": server["url"]}])
    page.goto(f"/harness/{server['workshop_id']}")
    hint = page.locator("[data-insights-similar]")
    assert hint.is_hidden()
    page.fill("#idea-text", "Busse sollen am Wochenende fahren")
    hint.wait_for(state="visible")
    items = page.locator("[data-similar-items] li")
    assert 1 <= items.count() <= 3
    assert "Bus" in items.first.inner_text()
    assert "Schon dabei?" in hint.inner_text()
    page.fill("#idea-text", "Kurz")
    hint.wait_for(state="hidden")
    page.locator(".wordcloud li").first.wait_for()
    cloud = page.locator(".wordcloud").inner_text()
    assert "Wochenende" in cloud and "soll" not in cloud.split()
    assert page.errors == []


def test_facilitator_dismisses_merges_and_accepts_a_theme(browser, server):
    page = new_page(browser, server)
    page.goto("/login")
    page.fill("input[name=email]", server["facilitator"])
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"/harness/{server['workshop_id']}")
    pairs = page.locator("[data-pairs] > li")
    pairs.first.wait_for()
    before = pairs.count()
    assert before >= 2
    screenshot(page, "insights-duplicates")
    pairs.first.get_by_role("button", name="Kein Duplikat").click()
    page.locator("[data-insights-duplicates] [data-insights-status]").filter(
        has_text="Wird nicht mehr vorgeschlagen").wait_for()
    assert pairs.count() == before - 1
    with server["app"].app_context():
        assert DismissedPair.query.count() == 1
    pairs.first.get_by_role("button", name="Zusammenführen").click()
    page.locator("[data-insights-duplicates] [data-insights-status]").filter(has_text="Zusammengeführt").wait_for()
    with server["app"].app_context():
        assert Idea.query.filter_by(status="merged").count() == 1

    page.get_by_role("button", name="Themen vorschlagen").click()
    card = page.locator("[data-suggestions] > li").first
    card.wait_for()
    name = card.locator("input[type=text]")
    assert name.input_value()  # a label from the ideas' own words
    name.fill("Jugend und Bus")
    screenshot(page, "insights-suggestions")
    card.get_by_role("button", name="Übernehmen").click()
    page.locator("[data-insights-clusters] [data-insights-status]").filter(has_text="Jugend und Bus").wait_for()
    with server["app"].app_context():
        assert Cluster.query.one().name == "Jugend und Bus"
    assert page.errors == []
