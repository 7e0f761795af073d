"""Municipality pages: admin master data, dashboard, stepper, stages, themes."""
from participation.municipalities.models import Municipality, ProcessStage, Theme


def test_admin_creates_a_municipality_with_five_stages(login_as, db):
    client = login_as("admin")
    page = client.get("/admin/kommunen/neu")
    assert "Thüringen".encode() in page.data and "Quartier".encode() in page.data
    response = client.post("/admin/kommunen/neu", data={
        "name": "Neustadt-Süd", "kind": "quartier", "federal_state": "Sachsen",
        "population": "8400", "accent_color": "#2A6041"})
    assert response.status_code == 302
    created = Municipality.query.filter_by(name="Neustadt-Süd").one()
    assert (created.kind, created.federal_state, created.population) == ("quartier", "Sachsen", 8400)
    assert created.accent_color == "#2a6041"
    assert [s.stage for s in created.stages] == ["kick_off", "kommunalprofil", "zukunftswerkstatt",
                                                 "werkstattplan", "zwischenbilanz"]
    assert "Neustadt-Süd".encode() in client.get("/admin/kommunen").data


def test_bad_master_data_is_refused_and_changes_nothing(login_as, world, db):
    client = login_as("admin")
    before = Municipality.query.count()
    for bad in ({"name": "", "population": "10"}, {"name": "X", "population": "-5"},
                {"name": "X", "population": "10", "federal_state": "Atlantis"},
                {"name": "X", "population": "10", "accent_color": "red; x"}):
        data = {"kind": "stadt", "federal_state": "Hessen", "accent_color": "#123456", **bad}
        assert client.post("/admin/kommunen/neu", data=data).status_code == 400
    assert Municipality.query.count() == before


def test_admin_edits_master_data(login_as, world, db):
    home = world["home"]
    client = login_as("admin")
    response = client.post(f"/m/{home.id}/bearbeiten", data={
        "name": "Heimstadt am See", "kind": "gemeinde", "federal_state": "Bremen",
        "population": "9999", "accent_color": "#000000"})
    assert response.status_code == 302
    db.session.refresh(home)
    assert (home.name, home.kind, home.federal_state, home.population) == (
        "Heimstadt am See", "gemeinde", "Bremen", 9999)


def test_facilitator_cannot_edit_master_data(login_as, world):
    assert login_as("facilitator").get(f"/m/{world['home'].id}/bearbeiten").status_code == 403


def test_dashboard_shows_where_each_municipality_stands(login_as, world, db):
    home = world["home"]
    home.stages[0].status = "done"
    home.stages[1].status = "in_progress"
    db.session.commit()
    page = login_as("facilitator").get("/dashboard").get_data(as_text=True)
    assert "Heimstadt" in page and "Anderdorf" not in page
    assert "Phase 2 von 5:" in page and "Kommunalprofil" in page and "in Arbeit" in page


def test_dashboard_when_all_stages_done(login_as, world, db):
    for stage in world["home"].stages:
        stage.status = "done"
    db.session.commit()
    page = login_as("staff").get("/dashboard").get_data(as_text=True)
    assert "Alle fünf Phasen sind abgeschlossen." in page


def test_stepper_shows_five_stages_with_status_words_and_links(login_as, world, db):
    home = world["home"]
    home.stages[0].status = "done"
    db.session.commit()
    page = login_as("staff").get(f"/m/{home.id}").get_data(as_text=True)
    for label in ("Kick-Off", "Kommunalprofil", "Zukunftswerkstatt", "Werkstattplan", "Zwischenbilanz"):
        assert label in page
    assert page.count("nicht begonnen") >= 4 and "abgeschlossen" in page
    assert 'aria-current="step"' in page
    assert f'href="/m/{home.id}/profil"' in page
    assert f'href="/m/{home.id}/phasen/kick_off"' in page
    # The members of the municipality, not those of others.
    assert "Moderation" in page and "Verwaltung" in page and "Andere Moderation" not in page


def test_stage_edit_saves_status_dates_and_notes(login_as, world, db):
    home = world["home"]
    client = login_as("staff")
    response = client.post(f"/m/{home.id}/phasen/kick_off", data={
        "status": "in_progress", "starts_on": "2026-03-01", "ends_on": "2026-03-31",
        "notes": "Auftakt im Rathaus"})
    assert response.status_code == 302
    row = ProcessStage.query.filter_by(municipality_id=home.id, stage="kick_off").one()
    assert row.status == "in_progress" and row.starts_on.isoformat() == "2026-03-01"
    page = client.get(f"/m/{home.id}").get_data(as_text=True)
    assert "Auftakt im Rathaus" in page and "in Arbeit" in page and 'datetime="2026-03-31"' in page


def test_stage_end_before_start_is_refused(login_as, world, db):
    home = world["home"]
    response = login_as("facilitator").post(f"/m/{home.id}/phasen/kick_off", data={
        "status": "done", "starts_on": "2026-03-10", "ends_on": "2026-03-01", "notes": ""})
    assert response.status_code == 400
    assert "nicht vor dem Beginn" in response.get_data(as_text=True)
    assert ProcessStage.query.filter_by(municipality_id=home.id, stage="kick_off").one().status == "not_started"


def test_unknown_stage_is_not_found(login_as, world):
    assert login_as("staff").get(f"/m/{world['home'].id}/phasen/nonsense").status_code == 404


def test_themes_added_and_removed_on_the_kick_off(login_as, world, db):
    home = world["home"]
    client = login_as("facilitator")
    assert client.post(f"/m/{home.id}/themen", data={"name": "Wohnen im Alter"}).status_code == 302
    assert client.post(f"/m/{home.id}/themen", data={"name": "wohnen im alter"}).status_code == 400
    assert client.post(f"/m/{home.id}/themen", data={"name": "  "}).status_code == 400
    assert Theme.query.filter_by(municipality_id=home.id).count() == 1
    assert "Wohnen im Alter" in client.get(f"/m/{home.id}").get_data(as_text=True)
    theme = Theme.query.one()
    assert client.post(f"/m/{home.id}/themen/{theme.id}/entfernen").status_code == 302
    assert Theme.query.count() == 0


def test_theme_of_another_municipality_cannot_be_removed_through_ones_own(login_as, world, db):
    other_theme = Theme(municipality_id=world["other"].id, name="Fremd")
    db.session.add(other_theme)
    db.session.commit()
    response = login_as("facilitator").post(
        f"/m/{world['home'].id}/themen/{other_theme.id}/entfernen")
    assert response.status_code == 404
    assert Theme.query.count() == 1


def test_stepper_links_to_other_features_only_when_they_exist(app, login_as, world):
    page = login_as("staff").get(f"/m/{world['home'].id}").get_data(as_text=True)
    for stage, endpoint in (("zukunftswerkstatt", "workshops.workshop_list"),
                            ("werkstattplan", "plan.plan_view"), ("zwischenbilanz", "plan.review")):
        if endpoint in app.view_functions:
            with app.test_request_context():
                from flask import url_for
                assert f'href="{url_for(endpoint, municipality_id=world["home"].id)}"' in page
        else:
            assert f'href="/m/{world["home"].id}/phasen/{stage}"' in page


def test_admin_assigns_and_removes_members_on_the_municipality_page(login_as, world, db):
    from participation.accounts.models import Membership
    home, other_staff = world["home"], world["other_staff"]
    client = login_as("admin")
    page = client.get(f"/m/{home.id}").get_data(as_text=True)
    assert "Andere Verwaltung" in page  # offered in the select, not yet a member
    assert client.post(f"/m/{home.id}/mitglieder", data={"user_id": other_staff.id}).status_code == 302
    assert Membership.query.filter_by(user_id=other_staff.id, municipality_id=home.id).count() == 1
    # Now that person sees Heimstadt on the dashboard.
    assert "Heimstadt" in login_as("other_staff").get("/dashboard").get_data(as_text=True)
    client = login_as("admin")
    assert client.post(f"/m/{home.id}/mitglieder/{other_staff.id}/entfernen").status_code == 302
    assert Membership.query.filter_by(user_id=other_staff.id, municipality_id=home.id).count() == 0
    # An admin account cannot be "assigned" (admins see everything anyway).
    client.post(f"/m/{home.id}/mitglieder", data={"user_id": world["admin"].id})
    assert Membership.query.filter_by(user_id=world["admin"].id).count() == 0


def test_facilitator_cannot_assign_members(login_as, world, db):
    from participation.accounts.models import Membership
    home = world["home"]
    client = login_as("facilitator")
    assert "Zuordnen" not in client.get(f"/m/{home.id}").get_data(as_text=True)
    assert client.post(f"/m/{home.id}/mitglieder",
                       data={"user_id": world["other_staff"].id}).status_code == 403
    assert Membership.query.filter_by(municipality_id=home.id).count() == 2
