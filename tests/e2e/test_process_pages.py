"""The stages around the workshop in a real browser: the Kick-Off page, the advisor's
overview, the profile with the official statistics, and the Werkstattplan's print page are
accessible and look designed (screenshots for people)."""
import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import assert_accessible, screenshot
from tests.unit.test_official_statistics import genesis_table_latin1


@pytest.fixture(scope="module")
def process(live_server):
    from participation.accounts.models import Role
    from participation.accounts.services import create_user
    from participation.kickoff.services import add_person, save_record
    from participation.municipalities.profile_services import add_theme
    from participation.municipalities.series_services import store_statistics
    from participation.municipalities.stats_import import import_statistics
    home, other = live_server.world["home"], live_server.world["other"]
    with live_server.app.test_request_context():
        add_person(home, "steering", "Erika Muster", "Seniorenbeirat", "Vorsitz",
                   "erika@example.org", consent=True)
        save_record(home, "1. Begrüßung\n2. Themenwahl", "Drei Themen beschlossen.")
        add_theme(home, "Wohnen im Alter", "Ein Drittel der Menschen ist über 65.")
        imported = import_statistics(genesis_table_latin1())
        store_statistics(home, imported.series, imported.source)
        create_user("berater@example.org", "Beraterin", PASSWORD, Role.ADVISOR, [home, other])
    live_server.emails["advisor"] = "berater@example.org"
    return home


def test_kickoff_page(open_page, live_server, process):
    page = open_page("desktop", who="staff")
    page.goto(f"/m/{process}/phasen/kick_off")
    page.get_by_role("heading", name="Lenkungsgruppe und Beteiligte").wait_for()
    page.get_by_text("Begründung: Ein Drittel der Menschen ist über 65.").wait_for()
    assert_accessible(page, "Kick-Off page")
    screenshot(page, "process-kickoff")


def test_profile_with_official_statistics(open_page, live_server, process):
    page = open_page("desktop", who="staff")
    page.goto(f"/m/{process}/profil")
    page.locator("svg.trend-chart").wait_for()
    assert_accessible(page, "profile with statistics")
    screenshot(page, "process-profile-statistics")


def test_advisor_overview(open_page, live_server, process):
    page = open_page("desktop", who="advisor")
    page.goto("/beratung")
    page.get_by_role("link", name="Heimstadt").wait_for()
    page.get_by_role("link", name="Anderdorf").wait_for()
    assert_accessible(page, "advisor overview")
    screenshot(page, "process-advisor-overview")


def test_werkstattplan_print_page(open_page, live_server, process):
    page = open_page("desktop", who="staff")
    page.goto(f"/m/{process}/plan/print")
    page.get_by_role("heading", name="Einleitung").wait_for()
    page.get_by_role("heading", name="Zwischenbilanz").wait_for()
    assert not page.errors
    screenshot(page, "process-plan-print")
