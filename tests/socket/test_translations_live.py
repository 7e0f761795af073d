"""Issue 14 over the socket: phones get every language of the question in the snapshot, a
facilitator translates with `idea:translate`, and everyone in the session gets
`idea:translated`; residents may not translate; bad input changes nothing."""
from participation.extensions import db
from participation.ideas.models import Idea, IdeaTranslation
from participation.live import NAMESPACE

from .conftest import cid, emit, events


def resident_in(live, workshop, lang):
    http = live.app.test_client()
    response = http.post(f"/j/{workshop.join_code}?lang={lang}", data={"channel": "onsite"})
    assert response.status_code == 303, response.data
    socket = live.connect(http, workshop.id, "participant")
    assert socket.is_connected(NAMESPACE)
    return socket


def test_snapshot_carries_the_questions_of_every_language(live):
    workshop = live.workshop(languages=["tr", "ar"], questions={"tr": {"kritik": "Ne rahatsız ediyor?"}})
    snapshot = events(resident_in(live, workshop, "tr"), "session:snapshot")[0]["workshop"]
    assert snapshot["languages"] == ["de", "tr", "ar"]
    assert snapshot["question_languages"] == {"tr": {"kritik": "Ne rahatsız ediyor?"}}


def test_translation_reaches_every_phone_and_the_facilitators(live):
    workshop = live.workshop(languages=["ar"])
    arabic = resident_in(live, workshop, "ar")
    german = resident_in(live, workshop, "de")
    facilitator = live.facilitator(workshop)
    idea = emit(arabic, "idea:submit", {"client_id": cid(), "text": "حديقة للأطفال"})["idea"]
    assert (idea["language"], idea["translations"]) == ("ar", {})

    ack = emit(facilitator, "idea:translate", {"client_id": cid(), "idea_id": idea["id"],
                                               "language": "de", "text": " Ein Spielplatz "})
    assert ack == {"ok": True, "translation": {"idea_id": idea["id"], "language": "de",
                                               "text": "Ein Spielplatz", "original_language": "ar"}}
    for socket in (arabic, german, facilitator):
        assert events(socket, "idea:translated")[-1]["text"] == "Ein Spielplatz"
    # A phone connecting later gets it in the snapshot.
    later = resident_in(live, workshop, "de")
    ideas = events(later, "session:snapshot")[0]["ideas"]
    assert ideas[0]["translations"] == {"de": "Ein Spielplatz"}
    # The same translation again stores one row, with the newer text.
    emit(facilitator, "idea:translate", {"idea_id": idea["id"], "language": "de", "text": "Spielplatz"})
    rows = db.session.scalars(db.select(IdeaTranslation)).all()
    assert [(r.language, r.text) for r in rows] == [("de", "Spielplatz")]


def test_residents_cannot_translate_and_bad_input_changes_nothing(live):
    workshop = live.workshop()
    resident = resident_in(live, workshop, "de")
    facilitator = live.facilitator(workshop)
    idea = emit(resident, "idea:submit", {"client_id": cid(), "text": "Mehr Bänke"})["idea"]
    assert emit(resident, "idea:translate", {"idea_id": idea["id"], "language": "ar",
                                             "text": "مقاعد"})["error"] == "forbidden"
    for payload, code in (({"idea_id": idea["id"], "language": "de", "text": "Bänke"}, "same_language"),
                          ({"idea_id": idea["id"], "language": "xx", "text": "x"}, "invalid"),
                          ({"idea_id": idea["id"], "language": "ar", "text": "  "}, "text_empty"),
                          ({"idea_id": 987654, "language": "ar", "text": "x"}, "idea_not_found"),
                          ({"idea_id": idea["id"], "language": "ar", "text": "x" * 281}, "text_too_long")):
        ack = emit(facilitator, "idea:translate", payload)
        assert (ack["ok"], ack["error"]) == (False, code) and ack["message"], (payload, ack)
    assert db.session.scalar(db.select(db.func.count()).select_from(IdeaTranslation)) == 0
    assert events(resident, "idea:translated") == []


def test_corrected_language_reaches_the_phones(live):
    """A paper card typed as German is Arabic: the helper corrects it on the helper page;
    phones get the idea again with its new language, and the dropped Arabic "translation"
    is gone from it."""
    from participation.assist import services as assist
    from participation.ideas import translations
    workshop = live.workshop(languages=["ar"])
    arabic = resident_in(live, workshop, "ar")
    card = assist.new_card(workshop.id)
    paper, _ = assist.card_idea(workshop.id, card.id, "مكتبة مفتوحة يوم الأحد", cid())
    translations.translate_idea(workshop.id, paper.id, "ar", "مكتبة مفتوحة يوم الأحد")
    events(arabic, "idea:created")
    helper = live.app.test_client()
    response = helper.post(f"/h/{assist.helper_key(workshop.id)}/language",
                           data={"idea": paper.id, "written_in": "ar"})
    assert response.status_code == 303
    updated = [e["idea"] for e in events(arabic, "idea:updated") if e["idea"]["id"] == paper.id]
    assert updated and (updated[-1]["language"], updated[-1]["translations"]) == ("ar", {})


def test_facilitator_corrects_an_ideas_language_from_the_console(live):
    """The console had no language correction: a Turkish idea from a phone set to German
    stayed German for everyone until a helper found it on the helper page."""
    workshop = live.workshop(languages=["tr"])
    resident = resident_in(live, workshop, "de")
    turkish = resident_in(live, workshop, "tr")
    facilitator = live.facilitator(workshop)
    idea = emit(resident, "idea:submit", {"client_id": cid(), "text": "Pazar günü açık kütüphane"})["idea"]
    assert idea["language"] == "de"
    emit(facilitator, "idea:translate", {"idea_id": idea["id"], "language": "tr",
                                         "text": "Pazar günü açık kütüphane"})
    emit(facilitator, "idea:translate", {"idea_id": idea["id"], "language": "en",
                                         "text": "Library open on Sundays"})
    events(turkish, "idea:updated")

    ack = emit(facilitator, "idea:set_language", {"client_id": cid(), "idea_id": idea["id"], "language": "tr"})
    assert ack["ok"] and ack["idea"]["language"] == "tr"
    assert ack["idea"]["translations"] == {"en": "Library open on Sundays"}
    for socket in (turkish, resident, facilitator):
        updated = [e["idea"] for e in events(socket, "idea:updated") if e["idea"]["id"] == idea["id"]]
        assert updated and updated[-1]["language"] == "tr", socket


def test_only_facilitators_correct_a_language_and_bad_input_changes_nothing(live):
    workshop = live.workshop()
    resident = resident_in(live, workshop, "de")
    facilitator = live.facilitator(workshop)
    idea = emit(resident, "idea:submit", {"client_id": cid(), "text": "Mehr Bänke"})["idea"]
    assert emit(resident, "idea:set_language", {"idea_id": idea["id"], "language": "ar"})["error"] == "forbidden"
    for payload, code in (({"idea_id": idea["id"], "language": "xx"}, "invalid"),
                          ({"idea_id": idea["id"]}, "invalid"),
                          ({"idea_id": 987654, "language": "ar"}, "idea_not_found")):
        ack = emit(facilitator, "idea:set_language", payload)
        assert (ack["ok"], ack["error"]) == (False, code) and ack["message"], (payload, ack)
    assert db.session.get(Idea, idea["id"]).language == "de"
