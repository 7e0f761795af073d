"""Word documents laid out as a municipal action plan and as the Zwischenbilanz report."""
import io
from datetime import date

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from flask_babel import gettext as _

from ..documentation.dates import document_language, long_date, short_date
from .exports import field_name
from .services import PRIORITY_LABELS, STATUS_LABELS, origin_text, target_groups_text, time_frame


def new_document(title: str, municipality, subtitle: str) -> Document:
    document = Document()
    document.core_properties.title = f"{title} – {municipality.name}"
    document.core_properties.language = document_language()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4 portrait title page
    for _i in range(6):
        document.add_paragraph()
    heading = document.add_heading(title, level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in (municipality.name, subtitle,
                 _("Stand: %(date)s", date=long_date(date.today()))):
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # The tables need room: the rest of the document is A4 landscape.
    body = document.add_section(WD_SECTION.NEW_PAGE)
    body.orientation = WD_ORIENT.LANDSCAPE
    body.page_width, body.page_height = Cm(29.7), Cm(21)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(body, side, Cm(1.8))
    return document


def grid_table(document, header: list[str], rows: list[list[str]]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values):
            cell.text = text
    return table


def _grouped(measures) -> dict[str, list]:
    groups: dict[str, list] = {}
    for measure in measures:
        groups.setdefault(field_name(measure), []).append(measure)
    return groups


def _measure_cell(m) -> str:
    parts = [m.title]
    if m.goal:
        parts.append(_("Ziel: %(goal)s", goal=m.goal))
    if m.description:
        parts.append(m.description)
    return "\n".join(parts)


def _origin_cell(m) -> str:
    if not m.origins:
        return "–"
    lines = []
    for origin in m.origins:
        lines.append(origin_text(origin))
        lines.extend(f"• {idea.text} ({idea.dots})" for idea in origin.ideas)
    return "\n".join(lines)


def plan_docx(municipality, measures) -> bytes:
    """The measure tables alone (see docx_plan.werkstattplan_docx for the whole document)."""
    document = new_document(_("Werkstattplan"), municipality,
                            _("Handlungsprogramm aus der Zukunftswerkstatt"))
    measures_section(document, measures)
    return save(document)


def measures_section(document, measures, initiatives: dict | None = None, level: int = 1) -> None:
    """One table per field of action; `initiatives` maps measure ids to linked initiatives."""
    header = [_("Maßnahme"), _("Zielgruppen"), _("Verantwortlich und Partner"),
              _("Zeitraum und Budget"), _("Status und Priorität"), _("Erfolgsindikator"),
              _("Herkunft")]
    if not measures:
        document.add_paragraph(_("Der Werkstattplan enthält noch keine Maßnahmen."))
    for name, group in _grouped(measures).items():
        document.add_heading(name, level=level)
        rows = []
        for m in group:
            cell = _measure_cell(m)
            linked = (initiatives or {}).get(m.id)
            if linked:
                cell += "\n" + _("Initiativen: %(names)s", names="; ".join(
                    f"{i.name} ({i.carrier})" if i.carrier else i.name for i in linked))
            rows.append([
                cell, target_groups_text(m) or "–",
                "\n".join(filter(None, [m.responsible, m.partners])) or "–",
                "\n".join(filter(None, [time_frame(m), m.budget])),
                f"{STATUS_LABELS.get(m.status, m.status)}\n"
                + _("Priorität: %(p)s", p=PRIORITY_LABELS.get(m.priority, m.priority)),
                m.success_indicator or "–", _origin_cell(m)])
        grid_table(document, header, rows)


def review_docx(municipality, report) -> bytes:
    document = new_document(_("Zwischenbilanz"), municipality,
                            _("Werkstattplan: Plan und Wirklichkeit"))
    review_section(document, report)
    return save(document)


def review_section(document, report, level: int = 1) -> None:
    document.add_heading(_("Maßnahmen nach Status"), level=level)
    grid_table(document, [_("Status"), _("Anzahl")],
               [[str(STATUS_LABELS[s]), str(n)] for s, n in report["per_status"].items()])
    document.add_heading(_("Überfällige Maßnahmen"), level=level)
    if report["overdue"]:
        grid_table(document, [_("Maßnahme"), _("Verantwortlich"), _("Geplantes Ende"), _("Status")],
                   [[r["measure"].title, r["measure"].responsible or "–",
                     long_date(r["measure"].ends_on),
                     str(STATUS_LABELS.get(r["measure"].status))] for r in report["overdue"]])
    else:
        document.add_paragraph(_("Keine Maßnahme ist überfällig."))
    document.add_heading(_("Plan und Wirklichkeit"), level=level)
    grid_table(document, [_("Handlungsfeld"), _("Maßnahme"), _("Zeitraum"), _("Status"),
                          _("Fortschritt"), _("Nächster Schritt")],
               [[field_name(r["measure"]), r["measure"].title, time_frame(r["measure"]),
                 str(STATUS_LABELS.get(r["measure"].status)), f"{r['percent_done']} %",
                 r["next_step"] or "–"] for r in report["rows"]])
    for title, items in ((_("Was geholfen hat"), report["helped"]),
                         (_("Was behindert hat"), report["hindered"])):
        document.add_heading(title, level=level)
        if not items:
            document.add_paragraph(_("Noch keine Einträge."))
        for when, measure_title, text in items:
            document.add_paragraph(f"{measure_title} ({short_date(when)}): {text}",
                                   style="List Bullet")


def save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
