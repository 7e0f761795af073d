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
