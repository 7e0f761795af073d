"""Werkstattplan rules: fields of action, measures, progress, Zwischenbilanz, programme."""
from datetime import date

import pytest

from participation.errors import Forbidden, NotFound, ValidationError
from participation.extensions import db
from participation.plan import programme, services
from participation.plan.models import DEFAULT_FIELDS_OF_ACTION, Measure
from participation.plan.review import zwischenbilanz
from participation.plan.timeline import timeline
from tests.builders import add_participant, make_workshop


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield


def measure(world, who="staff", where="home", **data):
    values = {"title": "Mittagstisch im Gemeindehaus"}
    values.update(data)
    return services.create_measure(world[who], world[where].id, values)


def test_fields_of_action_are_seeded_once_and_configurable(ctx, world):
    assert [f.name for f in services.fields_of_action()] == list(DEFAULT_FIELDS_OF_ACTION)
    added = services.add_field_of_action(world["admin"], "Klimaanpassung")
    services.set_field_active(world["admin"], services.fields_of_action()[0].id, False)
    names = [f.name for f in services.fields_of_action()]
    assert names[-1] == "Klimaanpassung" and "Wohnen" not in names
    assert "Wohnen" in [f.name for f in services.fields_of_action(include_inactive=True)]
    with pytest.raises(ValidationError):
        services.add_field_of_action(world["admin"], "Klimaanpassung")
    with pytest.raises(Forbidden):
        services.add_field_of_action(world["staff"], "Sport")
    assert added.active


def test_a_measure_keeps_every_field(ctx, world):
    field = services.fields_of_action()[2]
    m = measure(world, description="Warmes Essen", field_of_action_id=field.id, goal="Weniger allein",
                target_age_bands=["65-79", "80+"], target_migration_background=True,
                target_other="Alleinlebende", responsible="Sozialamt", partners="Tafel, Kirche",
                starts_on=date(2026, 4, 1), ends_on=date(2026, 12, 31), budget="5.000 €",
                success_indicator="30 Gäste pro Woche", priority="high", status="in_progress")
    db.session.expire_all()
    m = db.session.get(Measure, m.id)
    assert (m.field_of_action.name, m.goal, m.age_band_list, m.target_migration_background,
            m.target_other, m.responsible, m.partners, m.budget, m.success_indicator,
            m.priority, m.status) == (
        "Gesundheit und Pflege", "Weniger allein", ["65-79", "80+"], True, "Alleinlebende",
        "Sozialamt", "Tafel, Kirche", "5.000 €", "30 Gäste pro Woche", "high", "in_progress")
    assert services.target_groups_text(m) == ("65 bis 79, 80 und älter, Menschen mit "
                                              "Migrationsgeschichte, Alleinlebende")
    assert services.time_frame(m) == "04/2026 – 12/2026"


@pytest.mark.parametrize("data, code", [
    ({"title": "  "}, "title_missing"),
    ({"starts_on": date(2026, 5, 1), "ends_on": date(2026, 4, 1)}, "invalid_dates"),
    ({"status": "vielleicht"}, "invalid_status"),
    ({"priority": "dringend"}, "invalid_priority"),
    ({"target_age_bands": ["12-15"]}, "invalid_band"),
    ({"field_of_action_id": 9999}, "invalid_field"),
])
def test_bad_measure_input_is_refused_and_changes_nothing(ctx, world, data, code):
    with pytest.raises(ValidationError) as error:
        measure(world, **data)
    assert error.value.code == code
    assert db.session.scalar(db.select(db.func.count(Measure.id))) == 0


def test_roles_on_measures(ctx, world):
    with pytest.raises(NotFound):
        measure(world, who="other_staff")
    m = measure(world, who="facilitator")
    with pytest.raises(NotFound):
        services.update_measure(world["other_facilitator"], world["home"].id, m.id, {"title": "x"})
    with pytest.raises(NotFound):  # a measure is only found in its own municipality
        services.measure_for(world["other_staff"], world["other"].id, m.id)


def test_filters_by_field_status_and_responsible(ctx, world):
    fields = services.fields_of_action()
    measure(world, title="A", field_of_action_id=fields[0].id, responsible="Bauamt")
    measure(world, title="B", field_of_action_id=fields[1].id, status="done", responsible="Bauamt")
    measure(world, title="C", field_of_action_id=fields[1].id, responsible="Sozialamt")
    home = world["home"].id
    assert [m.title for m in services.list_measures(home, field_id=fields[1].id)] == ["B", "C"]
    assert [m.title for m in services.list_measures(home, status="done")] == ["B"]
    assert [m.title for m in services.list_measures(home, responsible="Bauamt")] == ["A", "B"]
    assert services.responsibles(home) == ["Bauamt", "Sozialamt"]


def test_progress_entries_drive_the_zwischenbilanz(ctx, world):
    late = measure(world, title="Seniorenbeirat", ends_on=date(2026, 6, 30))
    done = measure(world, title="Bank am Markt", ends_on=date(2026, 3, 31))
    measure(world, title="Ohne Datum")
    services.add_progress(world["staff"], world["home"].id, late.id, {
        "entry_date": date(2026, 9, 1), "status": "in_progress", "percent_done": 40,
        "helped": "Unterstützung des Bürgermeisters", "hindered": "Kein Raum",
        "next_step": "Raum anmieten"})
    services.add_progress(world["staff"], world["home"].id, done.id, {
        "entry_date": date(2026, 4, 2), "status": "done", "percent_done": 100})
    for percent in (120, -1, "viel", None):
        with pytest.raises(ValidationError):
            services.add_progress(world["staff"], world["home"].id, done.id, {
                "status": "done", "percent_done": percent})
    report = zwischenbilanz(world["home"].id, today=date(2026, 10, 1))
    assert report["per_status"] == {"planned": 1, "in_progress": 1, "done": 1, "on_hold": 0,
                                    "dropped": 0}
    assert [r["measure"].title for r in report["overdue"]] == ["Seniorenbeirat"]
    assert report["helped"] == [(date(2026, 9, 1), "Seniorenbeirat", "Unterstützung des Bürgermeisters")]
    assert report["hindered"][0][2] == "Kein Raum"
    row = next(r for r in report["rows"] if r["measure"].title == "Seniorenbeirat")
    assert (row["percent_done"], row["next_step"]) == (40, "Raum anmieten")


def test_timeline_places_bars_by_month(ctx, world):
    a = measure(world, title="Früh", starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 30))
    b = measure(world, title="Spät", starts_on=date(2026, 7, 1), ends_on=date(2026, 12, 31))
    measure(world, title="Ohne Datum")
    geometry = timeline([a, b], today=date(2026, 7, 15))
    first, second = geometry["rows"]
    assert first["x"] < second["x"] and first["width"] == pytest.approx(second["width"])
    assert first["x"] + first["width"] == pytest.approx(second["x"])
    assert geometry["today_x"] is not None
    assert timeline([]) is None


def test_programme_overview_and_library(ctx, world):
    fields = services.fields_of_action()
    ws = make_workshop(world["home"])
    add_participant(ws, "30-49")
    add_participant(ws, "65-79")
    measure(world, title="Dorfladen", field_of_action_id=fields[5].id, published=True)
    measure(world, title="Intern", field_of_action_id=fields[5].id)
    measure(world, who="other_staff", where="other", title="Mitfahrbank",
            field_of_action_id=fields[1].id, published=True, status="done")
    rows = {r["municipality"].name: r for r in programme.overview()}
    home = rows["Heimstadt"]
    assert (home["workshops_held"], home["participants"], home["measure_total"]) == (1, 2, 2)
    assert home["measures"][fields[5].id]["planned"] == 2
    assert rows["Anderdorf"]["measures"][fields[1].id]["done"] == 1
    # Nothing set by hand, but a held workshop and measures: the stepper follows the facts.
    assert home["stage"] == "werkstattplan"
    titles = lambda **kw: [m.title for m in programme.library(**kw)]  # noqa: E731
    assert titles() == ["Mitfahrbank", "Dorfladen"]  # only published, sorted by municipality
    assert titles(field_id=fields[1].id) == ["Mitfahrbank"]
    assert titles(size="klein") == ["Mitfahrbank"]      # Anderdorf: 2,400 inhabitants
    assert titles(size="mittel") == ["Dorfladen"]      # Heimstadt: 10,000
    assert titles(query="laden") == ["Dorfladen"]
