"""CSV of the Werkstattplan and of the Zwischenbilanz (formula-injection safe)."""
from flask_babel import format_date
from flask_babel import gettext as _

from ..results.csv_safe import write_csv
from .services import (PRIORITY_LABELS, STATUS_LABELS, origins_text, target_groups_text)


def field_name(measure) -> str:
    return measure.field_of_action.name if measure.field_of_action else _("ohne Handlungsfeld")


def day(value) -> str:
    """A date as the reader writes it ("01.03.2026" in German), so a spreadsheet in the same
    locale reads it as a date."""
    return format_date(value, "medium") if value else ""


def origin_ideas_text(measure) -> str:
    return " | ".join(f"{idea.text} ({idea.dots})" for origin in measure.origins
                      for idea in origin.ideas)


def plan_csv(measures) -> str:
    header = [_("Handlungsfeld"), _("Maßnahme"), _("Beschreibung"), _("Ziel"), _("Zielgruppen"),
              _("Verantwortlich"), _("Partner"), _("Beginn"), _("Ende"),
              _("Budget und Ressourcen"), _("Erfolgsindikator"), _("Priorität"), _("Status"),
              _("Herkunft"), _("Punkte in der Werkstatt"), _("Ideen (Punkte)")]
    rows = []
    for m in measures:
        rows.append([field_name(m), m.title, m.description, m.goal, target_groups_text(m),
                     m.responsible, m.partners,
                     day(m.starts_on), day(m.ends_on), m.budget, m.success_indicator,
                     str(PRIORITY_LABELS.get(m.priority, m.priority)),
                     str(STATUS_LABELS.get(m.status, m.status)), origins_text(m),
                     sum(o.dots for o in m.origins), origin_ideas_text(m)])
    return write_csv(header, rows)


def review_csv(report: dict) -> str:
    header = [_("Handlungsfeld"), _("Maßnahme"), _("Verantwortlich"), _("Geplantes Ende"),
              _("Status"), _("Fortschritt in %"), _("Überfällig"), _("Letzter Eintrag"),
              _("Was geholfen hat"), _("Was behindert hat"), _("Nächster Schritt")]
    rows = []
    for row in report["rows"]:
        m = row["measure"]
        rows.append([field_name(m), m.title, m.responsible,
                     day(m.ends_on),
                     str(STATUS_LABELS.get(m.status, m.status)), row["percent_done"],
                     row["overdue"], day(row["last_entry"]),
                     " | ".join(e.helped for e in m.progress if e.helped),
                     " | ".join(e.hindered for e in m.progress if e.hindered), row["next_step"]])
    return write_csv(header, rows)
