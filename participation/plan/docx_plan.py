"""The Werkstattplan as one complete Word document, from documentation.document.plan_document:
title page, introduction, Kommunalprofil summary with its charts (PNG), each workshop, the
fields of action, the measures with their initiatives, and the Zwischenbilanz."""
import io

from docx.image.exceptions import (InvalidImageStreamError, UnexpectedEndOfFileError,
                                    UnrecognizedImageError)
from docx.shared import Cm
from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _

from ..documentation.dates import date_range, long_date
from ..documentation.png_charts import bar_chart_png, trend_chart_png
from ..municipalities.band_scheme import label as band_label
from ..municipalities.stage_facts import statuses
from ..municipalities.choices import KIND_LABELS, STAGE_LABELS, STATUS_LABELS, SWOT_LABELS
from .docx_export import grid_table, measures_section, new_document, review_section, save

CHART_WIDTH = Cm(16)


_date = long_date


def _picture(document, data: bytes, caption: str, width=CHART_WIDTH) -> None:
    try:
        document.add_picture(io.BytesIO(data), width=width)
    except (InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError):
        # A stored file that is no readable image must not cost the whole document.
        document.add_paragraph(_("Bild nicht lesbar: %(caption)s", caption=caption))
        return
    document.add_paragraph(caption, style="Caption")


def _introduction(document, doc) -> None:
    m = doc["municipality"]
    document.add_heading(_("Einleitung"), level=1)
    document.add_paragraph(_(
        "Dieser Werkstattplan hält fest, wie %(name)s (%(kind)s, %(pop)s Einwohnerinnen und "
        "Einwohner) den demografischen Wandel gestaltet: vom Kick-Off über das "
        "Kommunalprofil und die Zukunftswerkstatt bis zu den Maßnahmen und ihrer "
        "Zwischenbilanz.", kind=KIND_LABELS.get(m.kind, m.kind), name=m.name,
        pop=format_decimal(m.population)))
    shown = statuses(m)  # as the stepper shows them: facts, or the status set by hand
    grid_table(document, [_("Phase"), _("Stand"), _("Beginn"), _("Ende")],
               [[str(STAGE_LABELS[s.stage]), str(STATUS_LABELS[shown.get(s.stage, s.status)]),
                 _date(s.starts_on), _date(s.ends_on)] for s in doc["stages"]])
    document.add_heading(_("Kick-Off"), level=2)
    people = doc["kickoff"]["people"]
    for kind, title in (("steering", _("Lenkungsgruppe")),
                        ("stakeholder", _("Beteiligte Organisationen und Personen"))):
        document.add_heading(title, level=3)
        if people[kind]:
            grid_table(document, [_("Name"), _("Organisation"), _("Rolle")],
                       [[p.name, p.organisation or "–", p.role or "–"] for p in people[kind]])
        else:
            document.add_paragraph(_("Noch niemand eingetragen."))
    document.add_heading(_("Themen und warum sie gewählt wurden"), level=3)
    for theme in doc["themes"]:
        document.add_paragraph(f"{theme.name}: {theme.reason}" if theme.reason else theme.name,
                               style="List Bullet")
    if not doc["themes"]:
        document.add_paragraph(_("Noch keine Themen gewählt."))
    record = doc["kickoff"]["record"]
    if record and record.agenda:
        document.add_heading(_("Tagesordnung"), level=3)
        document.add_paragraph(record.agenda)
    if record and record.minutes:
        document.add_heading(_("Protokoll"), level=3)
        document.add_paragraph(record.minutes)


def _profile(document, doc) -> None:
    profile, m = doc["profile"], doc["municipality"]
    document.add_heading(_("Kommunalprofil"), level=1)
    counts, total = profile["counts"], profile["total"]
    if total:
        rows = [(str(band_label(band)), n) for band, n in counts.items()]
        _picture(document, bar_chart_png(rows, _("Bevölkerung nach Altersgruppen"), m.accent_color),
                 _("Bevölkerung nach Altersgruppen, insgesamt %(n)s", n=format_decimal(total)))
    else:
        document.add_paragraph(_("Die Altersstruktur ist noch nicht erfasst."))
    series = profile["series"]
    if len(series["observed"]) + len(series["projection"]) > 1:
        title = _("Bevölkerung nach Altersgruppen im Zeitverlauf")
        _picture(document, trend_chart_png(series["observed"], series["projection"], title),
                 title + (" " + _("(gestrichelt: Vorausberechnung)") if series["projection"] else ""))
        for projection, first, last, source in series["sources"]:
            label = _("Vorausberechnung") if projection else _("Amtliche Statistik")
            document.add_paragraph(f"{label} {date_range(first, last)}: "
                                   + _("Quelle:") + f" {source or _('nicht angegeben')}")
    if m.migration_share is not None:
        document.add_paragraph(_("Anteil mit Migrationshintergrund:") + " "
                               + format_percent(m.migration_share / 100, "#,##0.0 %"))
    if profile["indicators"]:
        document.add_heading(_("Kennzahlen"), level=2)
        grid_table(document, [_("Kennzahl"), _("Wert"), _("Jahr"), _("Quelle")],
                   [[i.name, f"{i.value} {i.unit}".strip(), str(i.year or ""), i.source]
                    for i in profile["indicators"]])
    document.add_heading(_("Stärken, Schwächen, Chancen, Risiken (SWOT)"), level=2)
    if not any(profile["swot"].values()):
        document.add_paragraph(_("Noch nichts eingetragen."))
    for kind, items in profile["swot"].items():
        if items:
            document.add_paragraph(str(SWOT_LABELS[kind]), style="Heading 3")
            for item in items:
                document.add_paragraph(item.text, style="List Bullet")
    _survey(document, profile["survey"], m)


def _survey(document, survey, m) -> None:
    document.add_heading(_("Befragung: Was hält Sie hier?"), level=2)
    if not survey["count"]:
        document.add_paragraph(_("Noch keine Antworten."))
        return
    document.add_paragraph(_("%(n)s Antworten (online %(o)s, Handy %(p)s, Papier %(q)s)",
                             n=survey["count"], o=survey["by_channel"]["online"],
                             p=survey["by_channel"]["phone"], q=survey["by_channel"]["paper"]))
    for question in survey["questions"]:
        if question["rows"]:
            _picture(document, bar_chart_png(question["rows"], question["question"],
                                             m.accent_color, share_of=survey["count"]),
                     question["question"])


def _workshops(document, doc) -> None:
    document.add_heading(_("Die Zukunftswerkstätten"), level=1)
    if not doc["workshops"]:
        document.add_paragraph(_("Noch keine Zukunftswerkstatt durchgeführt."))
    for item in doc["workshops"]:
        workshop, rep = item["workshop"], item["representation"]
        document.add_heading(f"{workshop.title} ({_date(item['date'])})", level=2)
        document.add_paragraph(_("%(n)s Teilnehmende. %(summary)s",
                                 n=rep["participants"]["total"], summary=rep["summary"]))
        grid_table(document, [_("Altersgruppe"), _("Teilnehmende"), _("Anteil hier"),
                              _("Anteil in der Kommune")],
                   [[r["label"], str(r["participants"]), _share(r["participant_pct"]),
                     _share(r["population_pct"])] for r in rep["bands"]])
        if rep.get("pooled_note"):
            document.add_paragraph(rep["pooled_note"])
        for label, ideas in item["top_ideas"]:
            document.add_heading(_("Meistgepunktete Ideen: %(phase)s", phase=label), level=3)
            for idea in ideas:
                document.add_paragraph(_("%(text)s (%(n)s Punkte)", text=idea["text"],
                                         n=idea["dots"]), style="List Number")
            if not ideas:
                document.add_paragraph(_("Keine gepunkteten Ideen."))
        for photo in item["photos"]:
            _picture(document, photo.data, photo.caption or _("Foto der Papierwand"), Cm(14))


def _share(value) -> str:
    """A share in the document's number format; below 5 answers none is shown."""
    return _("weniger als 5") if value is None else format_percent(value / 100, "#,##0 %")


def werkstattplan_docx(doc) -> bytes:
    document = new_document(_("Werkstattplan"), doc["municipality"],
                            _("Handlungsprogramm aus der Zukunftswerkstatt"))
    _introduction(document, doc)
    _profile(document, doc)
    _workshops(document, doc)
    document.add_heading(_("Handlungsfelder"), level=1)
    for name, measures in doc["fields"]:
        document.add_paragraph(_("%(field)s: %(n)s Maßnahmen", field=name, n=len(measures)),
                               style="List Bullet")
    if not doc["fields"]:
        document.add_paragraph(_("Der Werkstattplan enthält noch keine Maßnahmen."))
    document.add_heading(_("Maßnahmen"), level=1)
    measures_section(document, doc["measures"], doc["initiatives"], level=2)
    document.add_heading(_("Zwischenbilanz"), level=1)
    review_section(document, doc["review"], level=2)
    return save(document)
