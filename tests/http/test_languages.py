"""Issue 14: the session's languages and questions at set-up, the library of ready
questions, missing translations before opening, and the helper's translation queue."""
import pytest

from participation.assist import services as assist
from participation.extensions import db
from participation.ideas import translations
from participation.ideas.models import IdeaTranslation
from participation.ideas.services import submit_idea
from participation.workshops import services as workshop_services
from participation.workshops.session_languages import (SessionQuestion, library,
                                                       missing_questions, questions_of)

BASE = {"title": "Zukunft Heimstadt", "dots_per_participant": "5", "max_dots_per_idea": "3",
        "moderation_mode": "post"}


def test_library_has_every_phase_in_every_language():
    for theme, by_language in library().items():
        assert set(by_language) == {"de", "en", "tr", "ar", "uk", "ru", "ls"}, theme
        for language, questions in by_language.items():
            assert set(questions) == {"kritik", "utopie", "verwirklichung"}, (theme, language)
            assert all(q.strip() and len(q) <= 300 for q in questions.values()), (theme, language)


def test_facilitator_sets_questions_in_three_languages(login_as, world):
    client = login_as("facilitator")
    home = world["home"].id
    data = dict(BASE, languages=["tr", "ar", "uk"], question_kritik="Was stört Sie?",
                q_tr_kritik="Sizi ne rahatsız ediyor?", q_ar_kritik="ما الذي يزعجك؟",
                q_uk_kritik="Що вас турбує?")
    assert client.post(f"/m/{home}/workshops/new", data=data).status_code == 302
    workshop = workshop_services.list_workshops(home)[0]
    questions = questions_of(workshop)
    assert questions["tr"]["kritik"] == "Sizi ne rahatsız ediyor?"
    assert questions["ar"]["kritik"] == "ما الذي يزعجك؟"
    # Utopie and Verwirklichung are still missing in all three: shown before opening.
    assert ("tr", "utopie") in missing_questions(workshop)
    listing = client.get(f"/m/{home}/workshops").get_data(as_text=True)
    assert "Es fehlen Übersetzungen der Fragen" in listing and "Türkçe: Utopie" in listing
    edit = client.get(f"/w/{workshop.id}/edit").get_data(as_text=True)
    assert "Sizi ne rahatsız ediyor?" in edit and "Українська: Verwirklichung" in edit
    payload = workshop_services.workshop_dict(workshop)
    assert payload["languages"] == ["de", "tr", "ar", "uk"]
    assert payload["question_languages"]["uk"] == {"kritik": "Що вас турбує?"}


def test_library_fills_the_picked_languages_without_saving(login_as, world):
    client = login_as("facilitator")
    home = world["home"].id
    page = client.post(f"/m/{home}/workshops/new", data=dict(
        BASE, title="", languages=["ar", "ls"], library_theme="mobilitaet", library="1"))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "كيف سيصل الجميع إلى وجهتهم" in html           # Arabic Utopie question
    assert "Wie kommen dann alle gut ans Ziel?" in html    # Leichte Sprache
    assert "Bitte geben Sie einen Titel an" not in html and "has-error" not in html
    assert workshop_services.list_workshops(home) == []    # nothing saved yet


def test_unknown_language_or_theme_changes_nothing(login_as, world):
    client = login_as("facilitator")
    home = world["home"].id
    response = client.post(f"/m/{home}/workshops/new", data=dict(BASE, languages=["xx"]))
    assert response.status_code == 400
    assert workshop_services.list_workshops(home) == []
    page = client.post(f"/m/{home}/workshops/new", data=dict(BASE, library_theme="nope",
                                                              library="1"))
    assert workshop_services.list_workshops(home) == []
    assert "Dieses Thema gibt es in der Bibliothek nicht." in page.get_data(as_text=True)


def test_editing_replaces_languages_and_questions(login_as, world):
    client = login_as("facilitator")
    w = workshop_services.create_workshop(world["home"].id, world["facilitator"].id, {
        "title": "A", "languages": ["tr"], "questions": {"tr": {"kritik": "Eski"}}})
    assert client.post(f"/w/{w.id}/edit", data=dict(BASE, languages=["ru"],
                                                    q_ru_kritik="Что мешает?")).status_code == 302
    rows = db.session.scalars(db.select(SessionQuestion).where(SessionQuestion.workshop_id == w.id)).all()
    assert [(r.language, r.text) for r in rows] == [("ru", "Что мешает?")]


@pytest.fixture
def session_with_ideas(world):
    w = workshop_services.create_workshop(world["home"].id, world["facilitator"].id, {
        "title": "Zukunft", "languages": ["ar", "tr"]})
    w = workshop_services.open_workshop(w.id, world["facilitator"].id)
    arabic = workshop_services.join(w.id, locale="ar")
    german = workshop_services.join(w.id, locale="de")
    idea_ar, _ = submit_idea(w.id, arabic.id, "حديقة للأطفال", "client-ar-0001")
    idea_de, _ = submit_idea(w.id, german.id, "Mehr Bänke am Marktplatz", "client-de-0001")
    return w, idea_ar, idea_de


def test_queue_asks_german_for_arabic_and_session_languages_for_german(session_with_ideas):
    w, idea_ar, idea_de = session_with_ideas
    assert (idea_ar.language, idea_de.language) == ("ar", "de")
    queue = {entry["idea"].id: entry["wanted"] for entry in translations.queue(w.id)}
    assert queue == {idea_ar.id: ["de"], idea_de.id: ["tr", "ar"]}


def test_helper_link_translates_and_the_queue_shrinks(client, session_with_ideas):
    w, idea_ar, idea_de = session_with_ideas
    url = f"/h/{assist.helper_key(w.id)}"
    page = client.get(url).get_data(as_text=True)
    assert "Übersetzen" in page and "حديقة للأطفال" in page
    response = client.post(url + "/translate", data={"idea": idea_ar.id, "language": "de",
                                                     "text": "Ein Spielplatz für Kinder"})
    assert response.status_code == 303 and response.headers["Location"].endswith("#translations")
    stored = db.session.scalar(db.select(IdeaTranslation).where(IdeaTranslation.idea_id == idea_ar.id))
    assert (stored.language, stored.text, stored.translated_by_id) == ("de", "Ein Spielplatz für Kinder", None)
    assert [e["idea"].id for e in translations.queue(w.id)] == [idea_de.id]


def test_bad_translation_is_refused_and_changes_nothing(client, session_with_ideas):
    w, idea_ar, idea_de = session_with_ideas
    url = f"/h/{assist.helper_key(w.id)}"
    for data in ({"idea": idea_ar.id, "language": "ar", "text": "نفس اللغة"},   # its own language
                 {"idea": idea_ar.id, "language": "de", "text": "   "},
                 {"idea": idea_ar.id, "language": "xx", "text": "Text"},
                 {"idea": 999999, "language": "de", "text": "Text"}):
        client.post(url + "/translate", data=data)
    assert db.session.scalar(db.select(db.func.count()).select_from(IdeaTranslation)) == 0
    page = client.get(url).get_data(as_text=True)
    assert "schon in dieser Sprache geschrieben" in page
    assert client.post("/h/forged/translate", data={"idea": idea_ar.id, "language": "de",
                                                         "text": "x"}).status_code == 303
    assert db.session.scalar(db.select(db.func.count()).select_from(IdeaTranslation)) == 0


def test_helper_corrects_a_paper_cards_language_and_translations_follow(client, session_with_ideas):
    """A German-speaking helper typed an Arabic paper card: it is stored as German, so the
    queue asks for Arabic and Turkish translations and the wall would show it unmarked. The
    helper corrects the language; the Arabic "translation" goes, the Turkish one stays, and
    the queue now asks for German."""
    w, idea_ar, idea_de = session_with_ideas
    card = assist.new_card(w.id)
    paper, _ = assist.card_idea(w.id, card.id, "مكتبة مفتوحة يوم الأحد", "client-card-0001")
    assert paper.language == "de"
    translations.translate_idea(w.id, paper.id, "ar", "مكتبة مفتوحة يوم الأحد")
    translations.translate_idea(w.id, paper.id, "tr", "Pazar günü açık kütüphane")
    url = f"/h/{assist.helper_key(w.id)}"
    page = client.get(f"{url}?card={card.id}").get_data(as_text=True)
    assert f'data-language-fix="{paper.id}"' in page and "Sprache korrigieren" in page

    response = client.post(url + "/language", data={"idea": paper.id, "written_in": "ar"})
    assert response.status_code == 303 and response.headers["Location"].endswith("#translations")
    db.session.refresh(paper)
    assert paper.language == "ar"
    rows = db.session.scalars(db.select(IdeaTranslation).where(IdeaTranslation.idea_id == paper.id)).all()
    assert [(r.language, r.text) for r in rows] == [("tr", "Pazar günü açık kütüphane")]
    queue = {entry["idea"].id: (entry["language"], entry["wanted"]) for entry in translations.queue(w.id)}
    assert queue[paper.id] == ("ar", ["de"])
    assert "Die Sprache der Idee ist korrigiert." in client.get(url).get_data(as_text=True)


def test_language_correction_refuses_bad_input(client, session_with_ideas):
    w, idea_ar, idea_de = session_with_ideas
    url = f"/h/{assist.helper_key(w.id)}"
    client.post(url + "/language", data={"idea": idea_ar.id, "written_in": "xx"})
    client.post("/h/forged/language", data={"idea": idea_ar.id, "written_in": "de"})
    client.post(url + "/language", data={"idea": 999999, "written_in": "de"})
    db.session.refresh(idea_ar)
    assert idea_ar.language == "ar"


def test_public_results_show_ideas_in_the_readers_language_with_the_original_marked(client, session_with_ideas, world):
    """The public results page showed each idea only as written: a German reader could not
    read the Arabic idea, an Arabic reader not the German one."""
    w, idea_ar, idea_de = session_with_ideas
    translations.translate_idea(w.id, idea_ar.id, "de", "Ein Spielplatz für Kinder")
    translations.translate_idea(w.id, idea_de.id, "ar", "مزيد من المقاعد في السوق")
    workshop_services.close_workshop(w.id, world["facilitator"].id)
    w.results_published = True
    db.session.commit()

    german = client.get(f"/r/{w.join_code}?lang=de").get_data(as_text=True)
    assert f'<span dir="auto" lang="de" data-idea-text="{idea_ar.id}">Ein Spielplatz für Kinder</span>' in german
    assert "Original auf Arabisch" in german and "حديقة للأطفال" in german
    assert f'data-idea-text="{idea_de.id}">Mehr Bänke am Marktplatz</span>' in german
    assert f'data-original-mark="{idea_de.id}"' not in german

    arabic = client.get(f"/r/{w.join_code}?lang=ar").get_data(as_text=True)
    assert f'lang="ar" data-idea-text="{idea_de.id}">مزيد من المقاعد في السوق</span>' in arabic
    assert f'data-original-mark="{idea_de.id}"' in arabic and "Mehr Bänke am Marktplatz" in arabic
    assert f'lang="ar" data-idea-text="{idea_ar.id}">حديقة للأطفال</span>' in arabic
