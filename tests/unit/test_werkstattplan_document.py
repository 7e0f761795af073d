"""The Werkstattplan as one complete document: the Word file read back holds every section
of issue 15 and the charts as embedded images; the print page shows the same sections."""
import io
from datetime import date

import docx
import pytest
from PIL import Image

from participation.documentation.document import plan_document
from participation.documentation.photos import add_photo
from participation.extensions import db
from participation.initiatives.services import add_initiative, set_linked_measures
from participation.kickoff.services import add_person, save_record
from participation.municipalities.profile_services import add_swot_item, add_theme
from participation.municipalities.series_services import store_statistics
from participation.plan import docx_plan, services
from participation.survey.services import submit
from tests.unit.test_plan_exports import promoted  # noqa: F401  (a workshop run end to end)

SECTIONS = ["Einleitung", "Kick-Off", "Kommunalprofil", "Die Zukunftswerkstätten",
            "Handlungsfelder", "Maßnahmen", "Zwischenbilanz"]


def _png(colour) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def whole_process(promoted, world):  # noqa: F811
    home = world["home"]
    counts = home.population_by_band()
    store_statistics(home.id, {date(2022, 12, 31): counts, date(2023, 12, 31): counts},
                     "(C) Statistisches Landesamt, 2024")
    add_person(home.id, "steering", "Erika Muster", "Seniorenbeirat", "Vorsitz",
               "erika@example.org", consent=True)
    add_person(home.id, "stakeholder", "Jugendzentrum", "Stadtjugendring", "Jugend")
    save_record(home.id, "1. Begrüßung", "Drei Themen beschlossen.")
    add_theme(home.id, "Mobilität im Alter", "Ein Drittel ist über 65.")
    add_swot_item(home.id, "strength", "Starkes Vereinsleben")
    submit(home.id, "person-1", {"keeps": ["nature", "family"], "typical": "Kirschblüte"})
    submit(home.id, "person-2", {"keeps": ["nature"], "would_leave": ["health"]})
    workshop = promoted["run"]["workshop"]
    add_photo(home.id, workshop.id, _png("orange"), "Wand der Kritikphase")
    bus = next(m for m in promoted["measures"] if m.title.startswith("Bürgerbus"))
    initiative = add_initiative(home.id, "Mitfahrbank", "Heimatverein", "Mobilität")
    set_linked_measures(home.id, initiative.id, [bus.id])
    services.add_progress(world["staff"], home.id, bus.id, {
        "entry_date": date(2026, 9, 1), "status": "in_progress", "percent_done": 40,
        "helped": "Ehrenamtliche Fahrer", "hindered": "", "next_step": "Fahrplan"})
    db.session.expire_all()
    return home


def test_docx_holds_every_section_and_embedded_charts(app, whole_process):
    with app.test_request_context():
        body = docx_plan.werkstattplan_docx(plan_document(whole_process))
    document = docx.Document(io.BytesIO(body))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for section in SECTIONS:
        assert section in headings, section
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    # introduction and Kick-Off: steering group without contact details, themes with reasons
    assert "Erika Muster" in cells and "Seniorenbeirat" in cells
    assert "erika@example.org" not in text + cells
    assert "Mobilität im Alter: Ein Drittel ist über 65." in text
    assert "Drei Themen beschlossen." in text
    # profile: sources, SWOT, questionnaire
    assert "Quelle: (C) Statistisches Landesamt, 2024" in text and "Starkes Vereinsleben" in text
    assert "2 Antworten (online 2, Handy 0, Papier 0)" in text
    # each workshop: date, who took part against the population, top ideas per phase
    assert "(12. März 2026)" in "\n".join(headings)
    assert "Teilnehmende" in text and "Anteil in der Kommune" in cells
    assert any(h.startswith("Meistgepunktete Ideen: Verwirklichung") for h in headings)
    assert "Bürgerbus am Wochenende (6 Punkte)" in text
    # measures with origin, responsible, timeline and linked initiatives; Zwischenbilanz
    assert "Initiativen: Mitfahrbank (Heimatverein)" in cells and "Ordnungsamt" in cells
    assert "aus der Zukunftswerkstatt am 12. März 2026" in cells
    assert "Ehrenamtliche Fahrer" in text
    # charts (age structure, trend, questionnaire) and the photo as embedded images
    images = [rel.target_part for rel in document.part.rels.values()
              if "image" in rel.reltype]
    assert len(images) >= 5
    assert all(part.content_type == "image/png" for part in images)
    widths = {Image.open(io.BytesIO(part.blob)).size[0] for part in images}
    assert 1520 in widths  # a chart rendered at twice 760 px
    assert "Wand der Kritikphase" in text


def test_print_page_shows_the_same_sections(app, whole_process, world):
    from tests.conftest import login
    client = app.test_client()
    login(client, world["staff"].email)
    page = client.get(f"/m/{whole_process.id}/plan/print").get_data(as_text=True)
    for section in SECTIONS:
        assert f"<h2>{section}</h2>" in page or f"<h3>{section}</h3>" in page, section
    assert 'class="age-chart"' in page and 'class="trend-chart"' in page
    assert "Mitfahrbank (Heimatverein)" in page and "Ein Drittel ist über 65." in page
    assert "/dokumentation/fotos/" in page and "erika@example.org" not in page


def test_word_download_is_the_complete_document(app, whole_process, world):
    from tests.conftest import login
    client = app.test_client()
    login(client, world["staff"].email)
    response = client.get(f"/m/{whole_process.id}/plan.docx")
    document = docx.Document(io.BytesIO(response.data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Einleitung" in headings and "Zwischenbilanz" in headings


def _docx_text(app, municipality, url="/") -> tuple[str, object]:
    import flask_babel
    with app.test_request_context(url):
        flask_babel.refresh()  # what the app's before_request does for each real request
        body = docx_plan.werkstattplan_docx(plan_document(municipality))
    document = docx.Document(io.BytesIO(body))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    return text + "\n" + cells, document


def test_docx_dates_are_in_the_documents_language(app, whole_process):
    """German by default (1. Dezember 2026 in text, 01.12.2026 in lists), English with
    ?lang=en; no fixed German pattern such as 31.12.2022 is left in the English file."""
    stage = whole_process.stages[0]
    stage.starts_on = date(2026, 3, 5)
    db.session.commit()
    german, document = _docx_text(app, whole_process)
    assert "5. März 2026" in german and "(12. März 2026)" in german
    assert "31.12.2022 – 31.12.2023" in german  # the statistics' reference dates
    assert "(01.09.2026)" in german  # the date of the progress entry in the Zwischenbilanz
    assert document.core_properties.language == "de-DE"

    english, document = _docx_text(app, whole_process, "/?lang=en")
    assert "March 5, 2026" in english and "(March 12, 2026)" in english
    assert "Dec 31, 2022 – Dec 31, 2023" in english and "(Sep 1, 2026)" in english
    assert "31.12.2022" not in english and "1. 9. 2026" not in english
    assert "März" not in english and "Stand:" not in english
    assert document.core_properties.language == "en-GB"
