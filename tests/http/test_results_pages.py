"""Results pages through HTTP: who may read them, publishing, the public page by join code."""
import json

import pytest

from participation.extensions import db
from participation.plan import promotion, services as plan_services
from participation.workshops import cookies
from participation.workshops.models import Workshop
from tests.builders import run_workshop


@pytest.fixture
def run(app, world):
    with app.test_request_context():
        return run_workshop(world["home"])


def urls(ws_id):
    return [f"/w/{ws_id}/results", f"/w/{ws_id}/results.csv", f"/w/{ws_id}/results.json",
            f"/w/{ws_id}/results?weighted=1"]


@pytest.mark.parametrize("who", ["admin", "facilitator", "staff"])
def test_members_read_results_and_exports(login_as, run, who):
    client = login_as(who)
    for url in urls(run["workshop"].id):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["other_facilitator", "other_staff"])
def test_other_municipalities_cannot_read_results(login_as, run, who):
    client = login_as(who)
    for url in urls(run["workshop"].id):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Bürgerbus".encode() not in response.data


def test_anonymous_and_residents_cannot_read_unpublished_results(app, client, run):
    ws = run["workshop"]
    with app.test_request_context():
        token = run["people"][0].token
        client.set_cookie(cookies.cookie_name(ws.id), cookies.sign_token(ws.id, token))
    for url in urls(ws.id):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url
    assert client.get(f"/r/{ws.join_code}").status_code == 404


def test_results_page_reads_like_a_report(login_as, run):
    page = login_as("facilitator").get(f"/w/{run['workshop'].id}/results").get_data(as_text=True)
    assert page.index("Bürgerbus am Wochenende") < page.index("Mehr Bänke am Marktplatz")
    assert page.count("Menschen unter 18: 0 % der Teilnehmenden, 16 % der Einwohnerschaft") == 1
    assert "keine Angabe" in page  # the one person without an age band
    assert "Menschen mit Migrationsgeschichte: 29 % der Teilnehmenden" in page
    assert "In den Werkstattplan übernehmen" in page
    assert "Ergebnisse veröffentlichen" in page
    assert "style=" not in page and "<script>" not in page
    for person in run["people"]:
        assert person.nickname not in page


def test_staff_see_results_without_promotion_or_publishing(login_as, run):
    page = login_as("staff").get(f"/w/{run['workshop'].id}/results").get_data(as_text=True)
    assert "Bürgerbus am Wochenende" in page
    assert 'name="idea_ids"' not in page and "Ergebnisse veröffentlichen" not in page


def test_weighted_ranking_is_shown_beside_the_plain_one_with_its_explanation(login_as, run):
    client = login_as("staff")
    plain = client.get(f"/w/{run['workshop'].id}/results").get_data(as_text=True)
    assert "Gewichtet nach Altersgruppen" not in plain
    page = client.get(f"/w/{run['workshop'].id}/results?weighted=1").get_data(as_text=True)
    assert "Gewichtet nach Altersgruppen" in page and "Ideen nach Punkten" in page
    assert "ihrem Anteil an der Einwohnerschaft entspricht" in page


def test_exports_are_downloads_without_identifiers(login_as, run):
    client = login_as("staff")
    csv_response = client.get(f"/w/{run['workshop'].id}/results.csv")
    assert csv_response.mimetype == "text/csv"
    assert "attachment" in csv_response.headers["Content-Disposition"]
    data = json.loads(client.get(f"/w/{run['workshop'].id}/results.json").data)
    assert data["results"]["phases"][2]["ideas"][0]["text"] == "Bürgerbus am Wochenende"
    body = csv_response.get_data(as_text=True) + json.dumps(data)
    for person in run["people"]:
        assert person.token not in body and person.nickname not in body


def test_publishing_needs_the_right_to_run_workshops(app, login_as, run):
    ws_id = run["workshop"].id
    for who, status in (("staff", 403), ("other_facilitator", 404)):
        response = login_as(who).post(f"/w/{ws_id}/results/publish", data={"published": "1"})
        assert response.status_code == status
        assert db.session.get(Workshop, ws_id).results_published is False
    response = login_as("facilitator").post(f"/w/{ws_id}/results/publish", data={"published": "1"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Workshop, ws_id).results_published is True


def test_public_page_by_join_code_once_closed_and_published(app, client, login_as, world, run):
    ws = run["workshop"]
    with app.test_request_context():
        ideas = run["ideas"]
        shown, hidden = promotion.promote(world["facilitator"], ws.id,
                                          idea_ids=[ideas["bank"].id, ideas["treff"].id])
        plan_services.update_measure(world["staff"], world["home"].id, shown.id,
                                     {"title": "Sitzbänke am Marktplatz", "published": True})
    assert client.get("/r/K7PM3Q").status_code == 404
    login_as("facilitator").post(f"/w/{ws.id}/results/publish", data={"published": "1"})
    client.post("/logout")
    page = client.get("/r/k7p-m3q")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Bürgerbus am Wochenende" in text and "6 Punkte" in text
    assert "Sitzbänke am Marktplatz" in text
    assert "aus der Zukunftswerkstatt am 12. März 2026, 4 Punkte" in text
    assert hidden.title not in text.split("Maßnahmen, die daraus entstanden sind")[1].split("Wer hat")[0]
    for person in run["people"]:
        assert person.nickname not in text
    ws = db.session.get(Workshop, ws.id)
    ws.status = "open"
    db.session.commit()
    assert client.get("/r/K7PM3Q").status_code == 404  # only once the session is closed
    assert client.get("/r/NOPE00").status_code == 404


def test_an_empty_session_renders_its_results_page(app, login_as, world):
    from tests.builders import make_workshop
    ws = make_workshop(world["home"], results_published=True)
    page = login_as("facilitator").get(f"/w/{ws.id}/results")
    assert page.status_code == 200
    assert "In dieser Phase gibt es keine Ideen." in page.get_data(as_text=True)
    public = login_as("staff").get(f"/r/{ws.join_code}")
    assert public.status_code == 200
    assert "arbeitet die Ergebnisse gerade in ihren Werkstattplan ein" in public.get_data(as_text=True)
