"""Every route that takes a join code reads it the same way (workshops/lookup.py): a
resident who typed `k7p-m3q` reaches the same session on each of them, as on `/j/<code>`."""
import pytest

from participation.extensions import db
from participation.ideas.models import Idea
from participation.insights import embeddings, similarity
from participation.insights import services as insights_services
from participation.workshops import services
from tests.builders import as_resident, open_session


@pytest.fixture(autouse=True)
def lexical(monkeypatch):
    monkeypatch.setenv(embeddings.BACKEND_ENV, "lexical")  # fast; the lookup is the same
    similarity.clear_cache()
    yield
    similarity.clear_cache()


@pytest.fixture
def workshop(world):
    w = open_session(world, title="Zukunft Heimstadt")
    idea = Idea(workshop_id=w.id, client_id="lookup-idea-1", phase=w.phase,
                text="Der Bus soll auch am Wochenende fahren")
    db.session.add(idea)
    db.session.commit()
    insights_services.on_idea_created(idea)
    return w


@pytest.fixture
def resident(client, workshop):
    return as_resident(client, workshop)


def typed(code: str) -> str:
    """The code as a resident types it from the projector: lower case, with the dash."""
    return f"{code[:3].lower()}-{code[3:].lower()}"


def test_similar_ideas_answer_for_the_code_in_lower_case_with_dash(resident, workshop):
    response = resident.get(f"/j/{typed(workshop.join_code)}/similar",
                            query_string={"text": "Busse am Wochenende fahren"},
                            headers={"Accept": "application/json"})
    assert response.status_code == 200
    texts = [idea["text"] for idea in response.get_json()["ideas"]]
    assert texts == ["Der Bus soll auch am Wochenende fahren"]


def test_word_cloud_answers_for_the_code_in_lower_case_with_dash(client, workshop):
    response = client.get(f"/j/{typed(workshop.join_code)}/wordcloud",
                          headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.get_json()["ok"] is True


def test_join_and_public_results_read_the_code_the_same_way(client, workshop, world):
    assert client.get(f"/j/{typed(workshop.join_code)}").status_code == 302  # to /j/<CODE>
    services.close_workshop(workshop.id, world["facilitator"].id)
    workshop.results_published = True
    db.session.commit()
    assert client.get(f"/r/{typed(workshop.join_code)}").status_code == 200


def test_a_code_that_cannot_exist_is_not_found_everywhere(resident):
    for path in ("/j/0O1IL2/similar?text=Bus+am+Wochenende", "/j/0O1IL2/wordcloud", "/r/0O1IL2"):
        assert resident.get(path, headers={"Accept": "application/json"}).status_code == 404
