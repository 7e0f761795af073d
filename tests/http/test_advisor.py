"""The external advisor: works in every municipality assigned to them, sees them side by side."""
from datetime import date, timedelta

from participation.accounts.models import Role
from participation.accounts.services import create_user
from participation.municipalities.services import create_municipality, update_stage
from participation.plan.models import Measure
from tests.conftest import PASSWORD, login


def _advisor(world, *municipalities):
    return create_user("berater@example.org", "Beraterin", PASSWORD, Role.ADVISOR,
                       [m.id for m in municipalities])


def test_advisor_overview_lists_stage_next_dates_and_open_measures(client, world, db):
    home, other = world["home"], world["other"]
    third = create_municipality("Drittstadt", "stadt", "Hessen", 5000)
    _advisor(world, home, other)
    soon = date.today() + timedelta(days=10)
    update_stage(home.id, "zukunftswerkstatt", "in_progress", soon, None, "")
    db.session.add_all([
        Measure(municipality_id=home.id, title="Bürgerbus", status="in_progress",
                ends_on=date.today() + timedelta(days=40)),
        Measure(municipality_id=home.id, title="Erledigt", status="done"),
        Measure(municipality_id=other.id, title="Dorfladen", status="planned",
                ends_on=date.today() - timedelta(days=3))])
    db.session.commit()
    login(client, "berater@example.org")
    page = client.get("/beratung").get_data(as_text=True)
    assert "Heimstadt" in page and "Anderdorf" in page and "Drittstadt" not in page
    assert "Zukunftswerkstatt (in Arbeit)" in page
    assert f"{soon:%d.%m.%Y}: Beginn Zukunftswerkstatt" in page
    assert "Frist: Bürgerbus" in page and "Erledigt" not in page
    assert "1 offene Maßnahme" in page and "1 überfällig" in page  # Dorfladen


def test_advisor_works_in_each_assigned_municipality_but_not_elsewhere(client, world, db):
    third = create_municipality("Drittstadt", "stadt", "Hessen", 5000)
    _advisor(world, world["home"], world["other"])
    login(client, "berater@example.org")
    for municipality in (world["home"], world["other"]):
        assert client.get(f"/m/{municipality.id}/profil").status_code == 200
        assert client.get(f"/m/{municipality.id}/plan/new").status_code == 200
        assert client.get(f"/m/{municipality.id}/workshops/new").status_code == 200
    assert client.get(f"/m/{third.id}/profil").status_code == 404
    assert client.get(f"/m/{world['home'].id}/bearbeiten").status_code == 403  # not MANAGE


def test_programme_overview_sends_the_advisor_to_their_overview(client, world):
    _advisor(world, world["home"])
    login(client, "berater@example.org")
    response = client.get("/programm")
    assert response.status_code == 302 and response.headers["Location"].endswith("/beratung")


def test_staff_and_facilitators_have_no_advisor_overview(login_as, world):
    assert login_as("staff").get("/beratung").status_code == 403
    assert login_as("facilitator").get("/beratung").status_code == 403
    assert "Heimstadt" in login_as("admin").get("/beratung").get_data(as_text=True)


def test_admin_can_create_an_advisor_account(login_as, world, db):
    client = login_as("admin")
    response = client.post("/admin/users/new", data={
        "email": "neu@example.org", "name": "Neue Beratung", "role": "advisor",
        "municipalities": [world["home"].id, world["other"].id], "password": PASSWORD,
        "active": "y"})
    assert response.status_code == 302
    from participation.accounts.models import User
    user = User.query.filter_by(email="neu@example.org").one()
    assert user.role == "advisor" and user.municipality_ids == {world["home"].id, world["other"].id}
