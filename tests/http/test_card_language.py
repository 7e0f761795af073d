"""Issue 14: the helper picks the language a paper card is written in while typing it.
Before, every paper card was stored as German and reached the translation queue as German
(asking for Arabic and Turkish translations of an Arabic text) until someone corrected it."""
import re

import pytest

from participation.assist import services as assist
from participation.extensions import db
from participation.ideas import translations
from participation.ideas.models import Idea
from participation.workshops import services as workshop_services
from tests.http.test_assist import client_id, new_card


@pytest.fixture
def workshop(world):
    w = workshop_services.create_workshop(world["home"].id, world["facilitator"].id, {
        "title": "Zukunft", "languages": ["ar", "tr"]})
    return workshop_services.open_workshop(w.id, world["facilitator"].id)


@pytest.fixture
def helper_url(app, workshop):
    with app.test_request_context():
        return f"/h/{assist.helper_key(workshop.id)}"


def selected_language(page) -> str:
    select = re.search(r'<select[^>]*name="written_in".*?</select>', page, re.S).group(0)
    return re.search(r'<option (?:selected value="(\w+)"|value="(\w+)" selected)', select).group(
        1 if 'selected value' in select else 2)


def card_ideas():
    return [(i.text, i.language) for i in db.session.scalars(db.select(Idea).order_by(Idea.id))]


def test_helper_picks_the_cards_language_and_it_is_queued_for_german(client, workshop, helper_url):
    card = new_card(client, helper_url)
    page = client.get(f"{helper_url}?card={card}").get_data(as_text=True)
    # German by default; the session's languages first, then the others residents write in.
    assert "Geschrieben auf" in page and selected_language(page) == "de"
    select = re.search(r'<select[^>]*name="written_in".*?</select>', page, re.S).group(0)
    session_group, other_group = select.split("Weitere Sprachen")
    assert "Sprachen dieser Sitzung" in session_group
    assert re.findall(r'value="(\w+)"', session_group) == ["de", "tr", "ar"]
    assert re.findall(r'value="(\w+)"', other_group) == ["en", "uk", "ru", "ls"]

    response = client.post(helper_url, data={"action": "idea", "card": card, "client_id": client_id(1),
                                             "text": "مكتبة مفتوحة يوم الأحد", "written_in": "ar"})
    assert response.status_code == 303, response.data
    assert card_ideas() == [("مكتبة مفتوحة يوم الأحد", "ar")]
    queue = {e["idea"].text: (e["language"], e["wanted"]) for e in translations.queue(workshop.id)}
    assert queue == {"مكتبة مفتوحة يوم الأحد": ("ar", ["de"])}
    # The queue on the helper page shows it as Arabic, waiting for German.
    page = client.get(helper_url).get_data(as_text=True)
    assert "مكتبة مفتوحة يوم الأحد" in page and 'id="translations"' in page

    # The next card starts with the helper's last choice.
    card2 = new_card(client, helper_url)
    assert selected_language(client.get(f"{helper_url}?card={card2}").get_data(as_text=True)) == "ar"


def test_a_card_without_a_language_is_german_as_before(login_as, workshop):
    staff = login_as("facilitator")
    url = f"/w/{workshop.id}/helper"
    card = new_card(staff, url)
    assert staff.post(url, data={"action": "idea", "card": card, "client_id": client_id(1),
                                 "text": "Mehr Bänke"}).status_code == 303
    assert card_ideas() == [("Mehr Bänke", "de")]
    queue = {e["idea"].text: e["wanted"] for e in translations.queue(workshop.id)}
    assert queue == {"Mehr Bänke": ["tr", "ar"]}


@pytest.mark.parametrize("bad", ["xx", "", "de-DE", "<b>"])
def test_an_unknown_language_is_refused_clearly_and_nothing_is_stored(client, workshop, helper_url, bad):
    card = new_card(client, helper_url)
    response = client.post(helper_url, data={"action": "idea", "card": card, "client_id": client_id(2),
                                             "text": "Ein Spielplatz", "written_in": bad})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "in welcher Sprache die Karte geschrieben ist. Es ist nichts gespeichert." in page
    assert card_ideas() == []
    assert translations.queue(workshop.id) == []
    assert "zwk_card_language" not in response.headers.get("Set-Cookie", "")


def test_the_error_is_translated_for_an_english_helper(client, workshop, helper_url):
    client.set_cookie("lang", "en")
    card = new_card(client, helper_url)
    page = client.post(helper_url, data={"action": "idea", "card": card, "client_id": client_id(3),
                                         "text": "A playground", "written_in": "xx"}).get_data(as_text=True)
    assert "Nothing has been saved" in page
    assert "Geschrieben auf" not in page and "Written in" in page
    assert card_ideas() == []
