"""The questionnaire "what keeps you here": anonymous, counted once per person, on paper
through the helper page, results as charts in the profile and as Kick-Off themes."""
import re

from participation.survey.models import SurveyResponse
from participation.survey.services import survey_key


def _url(world, **query):
    return f"/umfrage/{survey_key(world['home'].id)}" + (
        "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def answer(client, url, **data):
    token = _token(client.get(url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data})


def test_a_second_answer_from_the_same_phone_replaces_the_first(app, world, db):
    phone = app.test_client()
    url = _url(world, via="qr")
    assert answer(phone, url, keeps=["family", "nature"], typical="Das Kirschblütenfest").status_code == 302
    assert answer(phone, url, keeps=["community"]).status_code == 302
    row = SurveyResponse.query.one()
    assert row.keeps == "community" and row.channel == "phone" and row.typical == ""
    assert "Sie haben schon geantwortet" in phone.get(url).get_data(as_text=True)
    other = app.test_client()
    answer(other, _url(world), would_leave="mobility")
    assert SurveyResponse.query.count() == 2


def test_nothing_stored_that_points_to_a_person(app, world, db):
    phone = app.test_client()
    answer(phone, _url(world), keeps="work")
    cookie = next(c for c in phone._cookies.values() if c.key.startswith("zws_"))
    row = SurveyResponse.query.one()
    assert cookie.value not in row.respondent and len(row.respondent) == 64  # a hash only


def test_empty_and_unknown_answers_are_refused(app, world, db):
    client = app.test_client()
    response = answer(client, _url(world))
    assert response.status_code == 400
    assert "mindestens eine Frage" in response.get_data(as_text=True)
    assert answer(client, _url(world), keeps="<script>").status_code == 400
    assert SurveyResponse.query.count() == 0


def test_a_forged_link_is_not_found(client, world):
    assert client.get("/umfrage/abc.def").status_code == 404


def test_survey_page_in_turkish(client, world):
    page = client.get(_url(world, lang="tr")).get_data(as_text=True)
    assert 'lang="tr"' in page and "Was hält Sie hier?" not in page


def test_paper_sheets_each_count_and_results_show_as_charts_and_themes(login_as, world, db):
    home = world["home"]
    client = login_as("facilitator")
    url = f"/m/{home.id}/umfrage/papier"
    for _sheet in range(3):
        assert answer(client, url, keeps="nature", would_leave="health").status_code == 302
    assert SurveyResponse.query.filter_by(channel="paper").count() == 3
    profile = client.get(f"/m/{home.id}/profil").get_data(as_text=True)
    assert "Befragung: Was hält Sie hier?" in profile and "3 Antworten" in profile
    assert re.search(r'<svg[^>]*class="age-chart".*?Natur und Landschaft: 3 \(100,0', profile, re.S)
    kickoff = client.get(f"/m/{home.id}/phasen/kick_off").get_data(as_text=True)
    assert "Themenvorschläge aus der Befragung" in kickoff and "Ärzte und Pflege" in kickoff
    reason = "Aus der Befragung „Was hält Sie hier?“: 3 von 3 Antworten."
    assert reason in kickoff
    client.post(f"/m/{home.id}/themen", data={"name": "Natur und Landschaft", "reason": reason})
    from participation.municipalities.models import Theme
    assert Theme.query.one().reason == reason


def test_helper_page_links_to_the_paper_questionnaire_for_volunteers(client, world, db):
    from participation.assist.services import helper_key
    from participation.workshops.models import Workshop
    workshop = Workshop(municipality_id=world["home"].id, title="Werkstatt", join_code="K7PM3Q",
                        status="open")
    db.session.add(workshop)
    db.session.commit()
    key = helper_key(workshop.id)
    page = client.get(f"/h/{key}").get_data(as_text=True)
    assert f"/h/{key}/umfrage" in page
    assert answer(client, f"/h/{key}/umfrage", would_come="internet").status_code == 302
    assert SurveyResponse.query.one().channel == "paper"
