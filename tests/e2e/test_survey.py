"""The questionnaire "what keeps you here" in a real browser, on a phone: in Turkish and in
German, each person counted once (a second send replaces the first), the results as a chart
on the staff's profile page."""
import pytest

from tests.e2e.conftest import assert_accessible, screenshot


@pytest.fixture(scope="module")
def survey_url(live_server):
    from participation.survey.services import survey_key
    with live_server.app.test_request_context():
        return f"/umfrage/{survey_key(live_server.world['home'])}?via=qr"


def responses(live_server):
    from participation.extensions import db
    from participation.survey.models import SurveyResponse
    with live_server.app.app_context():
        return [(r.language, r.channel, r.keeps, r.would_leave) for r in db.session.scalars(
            db.select(SurveyResponse).order_by(SurveyResponse.id))]


def test_two_languages_each_person_counted_once(open_page, live_server, survey_url):
    turkish = open_page("phone")
    turkish.goto(survey_url.replace("?", "?lang=tr&"))
    assert turkish.locator("html").get_attribute("lang") == "tr"
    turkish.get_by_role("heading", name="Sizi burada tutan nedir?").wait_for()
    assert_accessible(turkish, "survey page in Turkish")
    turkish.get_by_label("Doğa ve manzara").first.check()
    turkish.get_by_label("Aile ve arkadaşlar").first.check()
    screenshot(turkish, "survey-phone-tr")
    turkish.get_by_role("button", name="Yanıtları gönder").click()
    turkish.get_by_text("Teşekkürler! Yanıtlarınız ulaştı.").wait_for()
    assert responses(live_server) == [("tr", "phone", "family,nature", "")]

    # The same phone changes its mind: still one answer, now the new one.
    turkish.goto(survey_url)
    turkish.get_by_text("Zaten yanıt verdiniz.").wait_for()
    turkish.locator("fieldset").nth(1).get_by_label("Doktorlar ve bakım").check()
    turkish.get_by_role("button", name="Yanıtları gönder").click()
    turkish.get_by_text("Teşekkürler! Yanıtlarınız ulaştı.").wait_for()
    assert responses(live_server) == [("tr", "phone", "", "health")]

    german = open_page("phone")
    german.goto(survey_url.replace("?", "?lang=de&"))
    german.get_by_role("heading", name="Was hält Sie hier?").wait_for()
    german.locator("fieldset").first.get_by_label("Natur und Landschaft").check()
    german.get_by_label("Was ist typisch für unseren Ort?").fill("Das Kirschblütenfest")
    german.get_by_role("button", name="Antworten senden").click()
    german.get_by_text("Danke! Ihre Antworten sind angekommen.").wait_for()
    screenshot(german, "survey-phone-de-done")
    assert [r[0] for r in responses(live_server)] == ["tr", "de"]
    assert not turkish.errors and not german.errors

    staff = open_page("desktop", who="staff")
    staff.goto(f"/m/{live_server.world['home']}/profil#befragung")
    section = staff.locator("#befragung").locator("xpath=..")
    section.get_by_text("2 Antworten (online 0, Handy 2, Papier 0)").wait_for()
    assert section.locator("svg.age-chart").count() >= 2
    screenshot(staff, "survey-results-in-profile")
