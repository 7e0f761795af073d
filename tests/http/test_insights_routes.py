"""Insight endpoints through the test client: who may call them, what they answer."""
import pytest
from flask import render_template_string

from participation.extensions import db
from participation.ideas.models import Idea
from participation.insights import embeddings, services, similarity
from participation.insights.models import DismissedPair
from tests.builders import as_resident, make_workshop


@pytest.fixture(autouse=True)
def lexical(monkeypatch):
    # The routes are the same for both backends; the lexical one keeps these tests fast.
    monkeypatch.setenv(embeddings.BACKEND_ENV, "lexical")
    similarity.clear_cache()
    yield
    similarity.clear_cache()


@pytest.fixture
def workshop(world):
    ws = make_workshop(world["home"], title="Zukunft Heimstadt", status="open", phase="kritik",
                       join_code="HEM434", closed_at=None)
    for i, text in enumerate(("Der Bus soll auch am Wochenende fahren",
                              "Der Bus soll am Wochenende auch fahren",
                              "Ein Jugendtreff mit festen Öffnungszeiten")):
        idea = Idea(workshop_id=ws.id, client_id=f"route-idea-{i}", phase="kritik", text=text)
        db.session.add(idea)
        db.session.commit()
        services.on_idea_created(idea)
    return ws


@pytest.fixture
def resident(client, workshop):
    return as_resident(client, workshop)


def test_resident_gets_similar_ideas(resident):
    response = resident.get("/j/hem434/similar", query_string={"text": "Busse am Wochenende fahren"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    texts = [i["text"] for i in response.get_json()["ideas"]]
    assert texts and texts[0].startswith("Der Bus soll")
    assert "Ein Jugendtreff mit festen Öffnungszeiten" not in texts


def test_similar_ideas_need_the_residents_cookie(client, workshop):
    response = client.get("/j/HEM434/similar?text=Busse+am+Wochenende+fahren",
                          headers={"Accept": "application/json"})
    assert response.status_code == 403
    assert response.get_json()["error"] == "forbidden"


def test_unknown_code_is_not_found(resident):
    assert resident.get("/j/NOPE99/similar?text=Busse+am+Wochenende",
                        headers={"Accept": "application/json"}).status_code == 404


def test_too_long_text_is_refused(resident):
    response = resident.get("/j/HEM434/similar", query_string={"text": "x" * 281},
                            headers={"Accept": "application/json"})
    assert response.status_code == 400


def test_word_cloud_by_join_code_with_etag(client, workshop):
    response = client.get("/j/HEM434/wordcloud")
    data = response.get_json()
    assert response.status_code == 200 and data["ideas"] == 3
    assert {"word": "Wochenende", "count": 2, "weight": 5} in data["words"]
    again = client.get("/j/HEM434/wordcloud", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/j/HEM434/wordcloud?phase=nonsense",
                      headers={"Accept": "application/json"}).status_code == 400


def test_facilitator_lists_and_dismisses_duplicates(login_as, workshop):
    client = login_as("facilitator")
    pairs = client.get(f"/insights/w/{workshop.id}/duplicates").get_json()["pairs"]
    assert len(pairs) == 1 and pairs[0]["score"] > 0.5
    a, b = pairs[0]["a"]["id"], pairs[0]["b"]["id"]
    assert client.post(f"/insights/w/{workshop.id}/duplicates/dismiss", json={"a": a, "b": b}).status_code == 200
    assert DismissedPair.query.count() == 1
    assert client.get(f"/insights/w/{workshop.id}/duplicates").get_json()["pairs"] == []


def test_facilitator_merges_a_pair(login_as, workshop):
    client = login_as("facilitator")
    pair = client.get(f"/insights/w/{workshop.id}/duplicates").get_json()["pairs"][0]
    response = client.post(f"/insights/w/{workshop.id}/duplicates/merge",
                           json={"keep_id": pair["a"]["id"], "merge_id": pair["b"]["id"]})
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Idea, pair["b"]["id"]).status == "merged"


def test_suggest_then_accept_a_cluster(login_as, workshop):
    client = login_as("facilitator")
    suggestions = client.get(f"/insights/w/{workshop.id}/clusters/suggest").get_json()["suggestions"]
    assert suggestions and all(s["label"] for s in suggestions)
    ids = [i["id"] for i in suggestions[0]["ideas"]]
    response = client.post(f"/insights/w/{workshop.id}/clusters/accept", json={"name": "Bus", "idea_ids": ids})
    assert response.status_code == 200
    db.session.expire_all()
    assert all(db.session.get(Idea, i).cluster_id for i in ids)


@pytest.mark.parametrize("who, status", [("staff", 403), ("other_facilitator", 404)])
def test_others_cannot_use_the_facilitator_endpoints(login_as, workshop, who, status):
    client = login_as(who)
    json = {"Accept": "application/json"}
    assert client.get(f"/insights/w/{workshop.id}/duplicates", headers=json).status_code == status
    assert client.get(f"/insights/w/{workshop.id}/clusters/suggest", headers=json).status_code == status
    assert client.post(f"/insights/w/{workshop.id}/duplicates/dismiss", json={"a": 1, "b": 2}).status_code == status
    assert DismissedPair.query.count() == 0


def test_anonymous_cannot_use_the_facilitator_endpoints(client, workshop):
    assert client.get(f"/insights/w/{workshop.id}/duplicates").status_code in (302, 401)


def test_bad_payload_is_refused(login_as, workshop):
    client = login_as("facilitator")
    response = client.post(f"/insights/w/{workshop.id}/clusters/accept", json={"name": "Bus", "idea_ids": "x"})
    assert response.status_code == 400


def test_partials_render_with_translated_texts_and_no_inline_code(app, workshop):
    with app.test_request_context():
        html = render_template_string(
            "{% include 'insights/_similar_hint.html' %}{% include 'insights/_wordcloud.html' %}"
            "{% include 'insights/_duplicates_panel.html' %}{% include 'insights/_cluster_suggestions.html' %}",
            workshop=workshop)
    assert "Schon dabei? Geben Sie lieber einen Punkt" in html
    assert 'data-url="/j/HEM434/similar"' in html and 'data-url="/j/HEM434/wordcloud"' in html
    assert "Kein Duplikat" in html and "Themen vorschlagen" in html
    assert "style=" not in html and " onclick" not in html
    assert html.count("<script") == html.count('type="module"') + html.count('type="application/json"')
