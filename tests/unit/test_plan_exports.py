"""A workshop run end to end: its ideas become measures, and the Word document and the CSV
show each measure with its origin and its dots."""
import csv
import io
from datetime import date

import docx
import pytest

from participation.plan import docx_export, exports, promotion, services
from participation.plan.review import zwischenbilanz
from tests.builders import run_workshop


@pytest.fixture
def promoted(app, world):
    with app.test_request_context():
        run = run_workshop(world["home"])
        ideas = run["ideas"]
        promotion.promote(world["facilitator"], run["workshop"].id,
                          idea_ids=[ideas["bank"].id, ideas["treff"].id, ideas["laerm"].id],
                          cluster_ids=[run["cluster"].id])
        mobility = next(f for f in services.fields_of_action() if f.name == "Mobilität")
        bus = next(m for m in services.list_measures(world["home"].id) if m.title == "Busverkehr")
        services.update_measure(world["staff"], world["home"].id, bus.id, {
            "title": "Bürgerbus für die Ortsteile", "field_of_action_id": mobility.id,
            "responsible": "Ordnungsamt", "starts_on": date(2026, 5, 1),
            "ends_on": date(2027, 4, 30), "status": "in_progress", "goal": "=Mobil bleiben"})
        yield {"run": run, "measures": services.list_measures(world["home"].id)}


EXPECTED = {  # title -> (origin sentence, [idea (dots)])
    "Bürgerbus für die Ortsteile": ("aus der Zukunftswerkstatt am 12. März 2026, 8 Punkte",
                                    ["Bürgerbus am Wochenende (6)", "Rufbus für Ortsteile (2)"]),
    "Mehr Bänke am Marktplatz": ("aus der Zukunftswerkstatt am 12. März 2026, 4 Punkte",
                                 ["Mehr Bänke am Marktplatz (4)"]),
    "Ein Dorftreff für alle Generationen": ("aus der Zukunftswerkstatt am 12. März 2026, 3 Punkte",
                                            ["Ein Dorftreff für alle Generationen (3)"]),
    "Zu viel Durchgangsverkehr": ("aus der Zukunftswerkstatt am 12. März 2026, 2 Punkte",
                                  ["Zu viel Durchgangsverkehr (2)"]),
}


def test_docx_shows_every_measure_with_origin_and_dots(promoted, world):
    body = docx_export.plan_docx(world["home"], promoted["measures"])
    document = docx.Document(io.BytesIO(body))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Werkstattplan" in text and "Heimstadt" in text
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Mobilität" in headings and "ohne Handlungsfeld" in headings
    rows = {}
    for table in document.tables:
        header = [c.text for c in table.rows[0].cells]
        assert header[0] == "Maßnahme" and header[-1] == "Herkunft"
        for row in table.rows[1:]:
            cells = [c.text for c in row.cells]
            rows[cells[0].split("\n")[0]] = cells
    assert set(rows) == set(EXPECTED)
    for title, (origin, ideas) in EXPECTED.items():
        origin_cell = rows[title][-1]
        assert origin in origin_cell
        for idea in ideas:
            assert idea in origin_cell
    assert "Ordnungsamt" in rows["Bürgerbus für die Ortsteile"][2]
    assert "in Arbeit" in rows["Bürgerbus für die Ortsteile"][4]
    assert document.sections[-1].page_width > document.sections[-1].page_height  # landscape


def test_csv_shows_every_measure_with_origin_and_dots(promoted):
    text = exports.plan_csv(promoted["measures"])
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    by_title = {row["Maßnahme"]: row for row in rows}
    assert set(by_title) == set(EXPECTED)
    dots = {"Bürgerbus für die Ortsteile": "8", "Mehr Bänke am Marktplatz": "4",
            "Ein Dorftreff für alle Generationen": "3", "Zu viel Durchgangsverkehr": "2"}
    for title, (origin, ideas) in EXPECTED.items():
        assert by_title[title]["Herkunft"] == origin
        assert by_title[title]["Punkte in der Werkstatt"] == dots[title]
        for idea in ideas:
            assert idea in by_title[title]["Ideen (Punkte)"]
    bus = by_title["Bürgerbus für die Ortsteile"]
    assert bus["Handlungsfeld"] == "Mobilität" and bus["Status"] == "in Arbeit"
    assert bus["Ziel"] == "'=Mobil bleiben"  # formula neutralised


def test_zwischenbilanz_exports(promoted, world):
    bus = next(m for m in promoted["measures"] if m.title.startswith("Bürgerbus"))
    services.add_progress(world["staff"], world["home"].id, bus.id, {
        "entry_date": date(2027, 6, 1), "status": "in_progress", "percent_done": 60,
        "helped": "Ehrenamtliche Fahrer", "hindered": "@Versicherung ungeklärt",
        "next_step": "Zweites Fahrzeug"})
    report = zwischenbilanz(world["home"].id, today=date(2027, 7, 1))
    assert [r["measure"].title for r in report["overdue"]] == ["Bürgerbus für die Ortsteile"]
    document = docx.Document(io.BytesIO(docx_export.review_docx(world["home"], report)))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Zwischenbilanz" in text and "Ehrenamtliche Fahrer" in text
    assert "Bürgerbus für die Ortsteile" in cells and "60 %" in cells
    rows = list(csv.DictReader(io.StringIO(exports.review_csv(report).lstrip("\ufeff")), delimiter=";"))
    bus_row = next(r for r in rows if r["Maßnahme"] == "Bürgerbus für die Ortsteile")
    assert bus_row["Fortschritt in %"] == "60" and bus_row["Überfällig"] == "ja"
    assert bus_row["Was behindert hat"] == "'@Versicherung ungeklärt"
