"""Issue 12, item 6: the stepper follows the facts unless set by hand.

A held workshop completes stage 3, measures start stage 4, progress entries start stage 5;
a stage set further by hand keeps what was set."""
from datetime import date

import pytest

from participation.municipalities import services as municipality_services
from participation.municipalities.stage_facts import statuses
from participation.plan import services as plan_services
from tests.builders import make_workshop


def steps(page: str) -> dict[int, str]:
    """Stage number -> the status class of its step in the stepper, in page order."""
    import re
    return {n: status for n, status in
            enumerate(re.findall(r'<li class="step step-(\w+)"', page), start=1)}


@pytest.fixture
def home(app, world):
    return world["home"]


def test_a_fresh_municipality_has_nothing_started(app, home):
    with app.test_request_context():
        assert set(statuses(home).values()) == {"not_started"}


def test_held_workshop_measures_and_progress_move_the_stepper(app, world, home, login_as):
    with app.test_request_context():
        municipality_services.update_stage(home.id, "zukunftswerkstatt", "in_progress", None, None, "")
        make_workshop(home, status="open", join_code="AAAAAA")
        assert statuses(home)["zukunftswerkstatt"] == "in_progress"
        make_workshop(home, status="closed", join_code="BBBBBB")   # a held workshop
        measure = plan_services.create_measure(world["staff"], home.id, {"title": "Bürgerbus"})
        shown = statuses(home)
        assert (shown["zukunftswerkstatt"], shown["werkstattplan"], shown["zwischenbilanz"]) == (
            "done", "in_progress", "not_started")
        plan_services.add_progress(world["staff"], home.id, measure.id, {
            "entry_date": date(2027, 5, 1), "status": "in_progress", "percent_done": 30})
        assert statuses(home)["zwischenbilanz"] == "in_progress"
        assert municipality_services.current_stage(home).stage == "werkstattplan"
    page = login_as("staff").get(f"/m/{home.id}").get_data(as_text=True)
    assert steps(page) == {1: "not_started", 2: "not_started", 3: "done", 4: "in_progress",
                           5: "in_progress"}
    assert "Zukunftswerkstatt</strong> (in Arbeit)" not in page
    assert "Werkstattplan</strong> (in Arbeit)" in page


def test_a_stage_set_further_by_hand_keeps_what_was_set(app, world, home):
    with app.test_request_context():
        municipality_services.update_stage(home.id, "werkstattplan", "done", None, None, "")
        plan_services.create_measure(world["staff"], home.id, {"title": "Bürgerbus"})
        assert statuses(home)["werkstattplan"] == "done"
        assert statuses(home)["zukunftswerkstatt"] == "not_started"  # no workshop held


def test_staff_hold_a_stage_back_against_the_facts_visibly_and_reversibly(app, world, home,
                                                                         login_as):
    """A workshop was held, so the facts say stage 3 is done; staff hold it at "in Arbeit"
    until its documentation is finished. The stepper shows the hand-set status and says so;
    the stage page names what the facts would show; unticking lets the facts move it again."""
    with app.test_request_context():
        make_workshop(home, status="closed", join_code="CCCCCC")
    client = login_as("staff")
    assert steps(client.get(f"/m/{home.id}").get_data(as_text=True))[3] == "done"

    response = client.post(f"/m/{home.id}/phasen/zukunftswerkstatt", data={
        "status": "in_progress", "notes": "Dokumentation fehlt noch", "manual": "y"})
    assert response.status_code == 302
    page = client.get(f"/m/{home.id}").get_data(as_text=True)
    assert steps(page)[3] == "in_progress"
    assert "Zukunftswerkstatt</strong> (in Arbeit)" in page and "(von Hand festgelegt)" in page
    stage_page = client.get(f"/m/{home.id}/phasen/zukunftswerkstatt").get_data(as_text=True)
    assert "stünde die Phase auf „abgeschlossen“" in stage_page
    assert 'name="manual" type="checkbox" value="y" checked' in stage_page or \
        ('id="manual"' in stage_page and "checked" in stage_page)

    # Marking a stage done early works the same way (no measure exists yet).
    client.post(f"/m/{home.id}/phasen/werkstattplan", data={"status": "done", "manual": "y"})
    assert steps(client.get(f"/m/{home.id}").get_data(as_text=True))[4] == "done"

    # Reversible: without the tick the facts move stage 3 on again.
    client.post(f"/m/{home.id}/phasen/zukunftswerkstatt",
                data={"status": "in_progress", "notes": ""})
    page = client.get(f"/m/{home.id}").get_data(as_text=True)
    assert steps(page)[3] == "done"
    assert page.count("(von Hand festgelegt)") == 1  # only stage 4 is still set by hand


def test_staff_of_another_municipality_cannot_set_a_stage_by_hand(world, home, login_as):
    response = login_as("other_staff").post(f"/m/{home.id}/phasen/zukunftswerkstatt",
                                       data={"status": "done", "manual": "y"})
    assert response.status_code in (403, 404)
    from participation.municipalities.models import ProcessStage
    row = ProcessStage.query.filter_by(municipality_id=home.id, stage="zukunftswerkstatt").one()
    assert not row.manual and row.status == "not_started"
