"""Werkstattplan, Zwischenbilanz and programme pages through HTTP: roles, forms, exports."""
import io
from datetime import date

import docx
import pytest

from participation.extensions import db
from participation.plan import services
from participation.plan.models import Measure, ProgressEntry
from participation.workshops import cookies
from tests.builders import run_workshop


@pytest.fixture
def plan(app, world):
    with app.test_request_context():
        m = services.create_measure(world["staff"], world["home"].id, {
            "title": "Mitfahrbank am Ortsausgang", "responsible": "Ortsbeirat",
            "starts_on": date(2026, 4, 1), "ends_on": date(2026, 9, 30)})
        return {"measure": m, "home": world["home"].id}


def plan_urls(mid, measure_id):
    return [f"/m/{mid}/plan", f"/m/{mid}/plan.csv", f"/m/{mid}/plan.docx", f"/m/{mid}/plan/print",
            f"/m/{mid}/plan/{measure_id}", f"/m/{mid}/zwischenbilanz",
            f"/m/{mid}/zwischenbilanz.csv", f"/m/{mid}/zwischenbilanz.docx",
            f"/m/{mid}/zwischenbilanz/print"]


@pytest.mark.parametrize("who", ["admin", "facilitator", "staff"])
def test_members_read_plan_review_and_exports(login_as, plan, who):
    client = login_as(who)
    for url in plan_urls(plan["home"], plan["measure"].id):
        response = client.get(url)
        assert response.status_code == 200, url
        if url.endswith((".csv", ".docx")):
            assert "attachment" in response.headers["Content-Disposition"]


@pytest.mark.parametrize("who", ["other_facilitator", "other_staff"])
def test_other_municipalities_cannot_read_the_plan(login_as, plan, who):
    client = login_as(who)
    for url in plan_urls(plan["home"], plan["measure"].id):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"Mitfahrbank" not in response.data


def test_anonymous_and_residents_cannot_read_the_plan(app, client, world, plan):
    with app.test_request_context():
        run = run_workshop(world["home"])
        ws = run["workshop"]
        client.set_cookie(cookies.cookie_name(ws.id),
                          cookies.sign_token(ws.id, run["people"][0].token))
    for url in plan_urls(plan["home"], plan["measure"].id):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_plan_page_groups_filters_and_draws_a_timeline(login_as, plan):
    client = login_as("staff")
    page = client.get(f"/m/{plan['home']}/plan").get_data(as_text=True)
    assert "Mitfahrbank am Ortsausgang" in page and "geplant" in page
    assert "<svg" in page and "Zeitplan der Maßnahmen" in page
    assert "style=" not in page
    filtered = client.get(f"/m/{plan['home']}/plan?status=done").get_data(as_text=True)
    assert "Mitfahrbank am Ortsausgang" not in filtered
    by_person = client.get(f"/m/{plan['home']}/plan?responsible=Ortsbeirat").get_data(as_text=True)
    assert "Mitfahrbank am Ortsausgang" in by_person


def test_staff_create_and_edit_measures(login_as, plan):
    client = login_as("staff")
    home = plan["home"]
    assert client.get(f"/m/{home}/plan/new").status_code == 200
    response = client.post(f"/m/{home}/plan/new", data={
        "title": "Pflegestammtisch", "field_of_action_id": "3", "priority": "high",
        "status": "planned", "target_age_bands": ["65-79", "80+"], "starts_on": "2026-05-01",
        "ends_on": "2026-11-30", "responsible": "Seniorenbüro"})
    assert response.status_code == 302
    created = db.session.scalar(db.select(Measure).where(Measure.title == "Pflegestammtisch"))
    assert created.age_band_list == ["65-79", "80+"] and created.priority == "high"
    response = client.post(f"/m/{home}/plan/{created.id}/edit", data={
        "title": "Pflegestammtisch", "field_of_action_id": "3", "priority": "high",
        "status": "in_progress", "responsible": "Seniorenbüro"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Measure, created.id).status == "in_progress"


def test_bad_input_is_refused_with_a_message_and_changes_nothing(login_as, plan):
    client = login_as("staff")
    home, m = plan["home"], plan["measure"]
    response = client.post(f"/m/{home}/plan/{m.id}/edit", data={
        "title": "Umbenannt", "field_of_action_id": "0", "priority": "medium", "status": "planned",
        "starts_on": "2026-09-01", "ends_on": "2026-01-01"})
    assert response.status_code == 400
    assert "Das Ende liegt vor dem Beginn." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Measure, m.id).title == "Mitfahrbank am Ortsausgang"
    response = client.post(f"/m/{home}/plan/{m.id}/progress", data={
        "entry_date": "2026-06-01", "status": "in_progress", "percent_done": "140"})
    assert response.status_code == 400
    assert db.session.scalar(db.select(db.func.count(ProgressEntry.id))) == 0


def test_progress_entry_appears_in_the_zwischenbilanz(login_as, plan):
    client = login_as("facilitator")
    home, m = plan["home"], plan["measure"]
    response = client.post(f"/m/{home}/plan/{m.id}/progress", data={
        "entry_date": "2026-06-01", "status": "in_progress", "percent_done": "50",
        "helped": "Spende der Sparkasse", "hindered": "Genehmigung dauerte", "next_step": "Einweihung"})
    assert response.status_code == 302
    page = client.get(f"/m/{home}/zwischenbilanz").get_data(as_text=True)
    assert "Spende der Sparkasse" in page and "Genehmigung dauerte" in page and "50 %" in page
    document = docx.Document(io.BytesIO(client.get(f"/m/{home}/zwischenbilanz.docx").data))
    assert any("Spende der Sparkasse" in p.text for p in document.paragraphs)


@pytest.mark.parametrize("who, status", [("other_staff", 404), ("other_facilitator", 404)])
def test_other_municipalities_cannot_write(login_as, plan, who, status):
    client = login_as(who)
    home, m = plan["home"], plan["measure"]
    assert client.post(f"/m/{home}/plan/new", data={"title": "Fremd", "priority": "medium",
                                                   "status": "planned",
                                                   "field_of_action_id": "0"}).status_code == status
    assert client.post(f"/m/{home}/plan/{m.id}/edit", data={
        "title": "Fremd", "priority": "medium", "status": "planned",
        "field_of_action_id": "0"}).status_code == status
    assert client.post(f"/m/{home}/plan/{m.id}/progress", data={
        "entry_date": "2026-06-01", "status": "done", "percent_done": "100"}).status_code == status
    db.session.expire_all()
    assert [x.title for x in db.session.scalars(db.select(Measure))] == ["Mitfahrbank am Ortsausgang"]
    assert db.session.scalar(db.select(db.func.count(ProgressEntry.id))) == 0


def test_facilitator_promotes_ideas_from_the_results_page(app, login_as, world):
    with app.test_request_context():
        run = run_workshop(world["home"])
    ws_id = run["workshop"].id
    data = {"idea_ids": [str(run["ideas"]["bank"].id)], "cluster_ids": [str(run["cluster"].id)]}
    assert login_as("staff").post(f"/w/{ws_id}/promote", data=data).status_code == 403
    assert login_as("other_facilitator").post(f"/w/{ws_id}/promote", data=data).status_code == 404
    assert db.session.scalar(db.select(db.func.count(Measure.id))) == 0
    client = login_as("facilitator")
    response = client.post(f"/w/{ws_id}/promote", data=data)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/m/{world['home'].id}/plan")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2 Maßnahmen-Entwürfe sind im Werkstattplan angelegt." in page
    assert "aus der Zukunftswerkstatt am 12. März 2026, 8 Punkte" in page
    empty = client.post(f"/w/{ws_id}/promote", data={}, follow_redirects=True)
    assert "Bitte wählen Sie mindestens eine Idee oder Gruppe aus." in empty.get_data(as_text=True)


def test_programme_overview_is_for_the_admin(login_as, plan):
    for who in ("facilitator", "staff"):
        assert login_as(who).get("/programm").status_code == 403
        assert login_as(who).get("/admin/handlungsfelder").status_code == 403
    page = login_as("admin").get("/programm").get_data(as_text=True)
    assert "Heimstadt" in page and "Anderdorf" in page and "Kick-Off" in page


def test_admin_configures_fields_of_action(login_as, plan):
    client = login_as("admin")
    assert client.post("/admin/handlungsfelder", data={"name": "Klimaanpassung"}).status_code == 302
    assert "Klimaanpassung" in client.get("/admin/handlungsfelder").get_data(as_text=True)
    assert client.post("/admin/handlungsfelder", data={"name": ""}).status_code == 400


def test_library_shows_only_published_measures(login_as, world, plan):
    services.create_measure(world["other_staff"], world["other"].id,
                            {"title": "Dorfladen in Bürgerhand", "published": True})
    page = login_as("staff").get("/bibliothek").get_data(as_text=True)
    assert "Dorfladen in Bürgerhand" in page
    assert "Mitfahrbank am Ortsausgang" not in page  # not published
    big = login_as("staff").get("/bibliothek?size=gross").get_data(as_text=True)
    assert "Dorfladen in Bürgerhand" not in big


def test_an_untouched_draft_can_be_deleted_but_an_edited_measure_cannot(app, login_as, world):
    from participation.plan import promotion
    with app.test_request_context():
        run = run_workshop(world["home"])
        draft, kept = promotion.promote(world["facilitator"], run["workshop"].id,
                                        idea_ids=[run["ideas"]["bank"].id, run["ideas"]["treff"].id])
    home = world["home"].id
    assert login_as("other_staff").post(f"/m/{home}/plan/{draft.id}/delete").status_code == 404
    client = login_as("staff")
    client.post(f"/m/{home}/plan/{kept.id}/edit", data={
        "title": "Dorftreff", "field_of_action_id": "0", "priority": "medium", "status": "planned"})
    assert "Entwurf löschen" in client.get(f"/m/{home}/plan/{draft.id}").get_data(as_text=True)
    assert client.post(f"/m/{home}/plan/{draft.id}/delete").status_code == 302
    refused = client.post(f"/m/{home}/plan/{kept.id}/delete", follow_redirects=True)
    assert "Nur unbearbeitete Entwürfe lassen sich löschen." in refused.get_data(as_text=True)
    db.session.expire_all()
    assert [m.title for m in db.session.scalars(db.select(Measure))] == ["Dorftreff"]
