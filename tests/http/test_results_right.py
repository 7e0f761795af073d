"""Issue 12, item 6: results and plan that are right.

Each test here failed on the code before the fix: the weighted table's empty "Rang
ungewichtet", "9.3" on a German page, CSV "0.84" and "Punkte Alter none" headers, the public
page without the ideas nobody dotted, a group's measure without its Handlungsfeld, ISO dates
in the plan's CSV."""
import csv
import io
import re
from datetime import date

import pytest

from participation.extensions import db
from participation.plan import promotion
from participation.plan import services as plan_services
from participation.results import services
from tests.builders import add_cluster, add_dots, add_idea, run_workshop


@pytest.fixture
def run(app, world):
    with app.test_request_context():
        return run_workshop(world["home"])


def read_csv(text):
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def weighted_table(page: str, phase: str) -> str:
    section = page.split(f'id="phase-{phase}"')[1]
    return section.split("Gewichtet nach Altersgruppen")[1].split("</table>")[0]


def test_weighted_rows_keep_their_plain_rank(app, run):
    with app.test_request_context():
        phase = services.session_results(run["workshop"])["phases"][2]
    plain = {idea["id"]: idea["dots_rank"] for idea in phase["ideas"]}
    assert phase["weighted_ideas"], "the municipality has an age structure"
    assert {idea["id"]: idea["dots_rank"] for idea in phase["weighted_ideas"]} == plain


def test_weighted_table_shows_the_plain_rank_and_german_decimals(login_as, run, app):
    page = login_as("staff").get(f"/w/{run['workshop'].id}/results?weighted=1").get_data(as_text=True)
    table = weighted_table(page, "verwirklichung")
    rows = re.findall(r"<tr><td class=\"num\">(\d+)</td><td dir=\"auto\">([^<]+)</td>"
                      r"<td class=\"num\">([^<]+)</td><td class=\"num\">([^<]*)</td></tr>", table)
    assert [text for _rank, text, _value, _plain in rows] and len(rows) == 3
    plain_ranks = {"Bürgerbus am Wochenende": "1", "Mehr Bänke am Marktplatz": "2",
                   "Rufbus für Ortsteile": "3"}
    for _rank, text, value, plain in rows:
        assert plain == plain_ranks[text], (text, plain)  # was always empty
        assert re.fullmatch(r"\d+,\d", value), value     # "9,3", not "9.3"


def test_results_csv_speaks_the_municipal_office_s_language(login_as, run):
    rows = read_csv(login_as("staff").get(f"/w/{run['workshop'].id}/results.csv").get_data(as_text=True))
    header = rows[0]
    assert "Punkte Altersgruppe 18 bis 29" in header and "Punkte Altersgruppe 80 und älter" in header
    assert "Punkte ohne Altersangabe" in header
    assert {"Punkte vor Ort", "Punkte von zu Hause", "Punkte Papierkarte (übertragen)",
            "Punkte Tablet im Saal"} <= set(header)
    assert not any(word in cell for cell in header for word in ("none", "onsite", "online",
                                                                 "assisted", "kiosk", "18-29"))
    weighted = [row[header.index("Punkte gewichtet")] for row in rows[1:]]
    assert all(re.fullmatch(r"\d+,\d\d", value) for value in weighted), weighted  # "0,84"


def test_results_csv_for_an_english_reader_uses_a_decimal_point(login_as, run, client):
    staff = login_as("staff")
    staff.set_cookie("lang", "en")
    rows = read_csv(staff.get(f"/w/{run['workshop'].id}/results.csv").get_data(as_text=True))
    weighted = [row[7] for row in rows[1:]]
    assert all(re.fullmatch(r"\d+\.\d\d", value) for value in weighted), weighted


def test_public_page_lists_every_phase_s_ideas_also_those_without_dots(app, client, login_as, run):
    ws = run["workshop"]
    with app.test_request_context():
        add_idea(ws, "utopie", "Ein Kino im alten Bahnhof")  # nobody dotted it
        add_idea(ws, "kritik", "Versteckt", status="hidden")
    login_as("facilitator").post(f"/w/{ws.id}/results/publish", data={"published": "1"})
    client.post("/logout")
    text = client.get(f"/r/{ws.join_code}").get_data(as_text=True)
    utopie = text.split('id="top-utopie"')[1].split('id="top-verwirklichung"')[0]
    assert "Ein Dorftreff für alle Generationen" in utopie and "3 Punkte" in utopie
    assert "Ein Kino im alten Bahnhof" in utopie and "0 Punkte" in utopie
    assert "Versteckt" not in text


def test_a_group_s_measure_takes_the_group_s_handlungsfeld(app, world, run, login_as):
    ws = run["workshop"]
    with app.test_request_context():
        group = add_cluster(ws, "verwirklichung", " mobilität ", position=2)
        add_dots(add_idea(ws, "verwirklichung", "Carsharing am Bahnhof", run["people"][1],
                          cluster=group), run["people"][1], 2)
        other = run["cluster"]  # "Busverkehr": no such field
        measures = promotion.promote(world["facilitator"], ws.id, cluster_ids=[group.id, other.id])
        fields = {m.title: m.field_of_action.name if m.field_of_action else None for m in measures}
        assert fields == {" mobilität ": "Mobilität", "Busverkehr": None}
        combined = promotion.promote(world["facilitator"], ws.id, cluster_ids=[group.id, other.id],
                                     combine=True)[0]
        assert combined.field_of_action_id is None  # two groups, two fields: the editors choose
        plan_id = world["home"].id
    page = login_as("staff").get(f"/m/{plan_id}/plan").get_data(as_text=True)
    mobility = page.split(">Mobilität</h2>")[1].split("</section>")[0]
    assert "mobilität" in mobility


def test_plan_csv_writes_dates_as_the_reader_does(app, world, login_as):
    with app.test_request_context():
        measure = plan_services.create_measure(world["staff"], world["home"].id, {
            "title": "Bürgerbus", "starts_on": date(2026, 3, 1), "ends_on": date(2027, 10, 31)})
        municipality_id = measure.municipality_id
    rows = read_csv(login_as("staff").get(f"/m/{municipality_id}/plan.csv").get_data(as_text=True))
    header, row = rows[0], rows[1]
    assert row[header.index("Beginn")] == "01.03.2026"
    assert row[header.index("Ende")] == "31.10.2027"


def test_online_window_dates_follow_the_reader_s_locale(app, world):
    from datetime import datetime

    from flask_babel import refresh

    from participation.workshops import online
    from tests.builders import make_workshop
    with app.test_request_context():
        ws = make_workshop(world["home"], online_ideas_until=datetime(2099, 3, 12, 17, 0))
    with app.test_request_context(headers={"Cookie": "lang=en"}):
        refresh()  # the locale is cached on the test's one app context
        sentence = online.window_sentences(ws)[0]
        assert "March 12, 2099" in sentence and "6:00" in sentence and "12. March" not in sentence
    with app.test_request_context():
        refresh()
        assert "12. März 2099, 18:00" in online.window_sentences(ws)[0]
