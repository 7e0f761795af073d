"""The Werkstattplan as one document: every stage's content gathered once, for the Word
export and the print page alike.

Sections: introduction (process, Kick-Off, themes), Kommunalprofil summary, each workshop
(date, who took part against the population, top ideas per phase, photos of paper walls),
fields of action, measures (origin, responsible, timeline, linked initiatives),
Zwischenbilanz. Contact details of Kick-Off people are left out: the plan is published.
"""
from datetime import date

from ..initiatives.services import initiatives_of_measure
from ..kickoff.services import kickoff_view
from ..municipalities.chart import age_structure_svg, bar_chart_svg
from ..municipalities.profile_services import swot_by_kind
from ..municipalities.series_chart import population_trend_svg
from ..municipalities.series_services import population_series
from ..municipalities.services import current_stage
from ..plan.exports import field_name
from ..plan.review import zwischenbilanz
from ..plan.services import list_measures
from ..results.representation import representation
from ..results.services import session_date, session_results, top_ideas
from ..survey.services import results as survey_results
from ..workshops.services import list_workshops
from .photos import photos_by_workshop

TOP_IDEAS = 5


def _workshops(municipality_id: int) -> list[dict]:
    workshops = [w for w in list_workshops(municipality_id) if w.status != "draft"]
    photos = photos_by_workshop([w.id for w in workshops])
    documented = []
    for workshop in sorted(workshops, key=lambda w: (session_date(w) or date.max, w.id)):
        results = session_results(workshop)
        labels = {phase["phase"]: phase["label"] for phase in results["phases"]}
        documented.append({
            "workshop": workshop, "date": session_date(workshop),
            "representation": representation(workshop),
            "top_ideas": [(labels[phase], ideas) for phase, ideas
                          in top_ideas(results, TOP_IDEAS).items()],
            "photos": photos[workshop.id],
        })
    return documented


def _fields(measures) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for measure in measures:
        groups.setdefault(field_name(measure), []).append(measure)
    return list(groups.items())


def plan_document(municipality) -> dict:
    measures = list_measures(municipality.id)
    counts = municipality.population_by_band()
    return {
        "municipality": municipality,
        "today": date.today(),
        "stage": current_stage(municipality),
        "stages": municipality.stages,
        "themes": municipality.themes,
        "kickoff": kickoff_view(municipality.id),
        "profile": {"counts": counts, "total": sum(counts.values()),
                    "series": population_series(municipality.id),
                    "indicators": municipality.indicators,
                    "swot": swot_by_kind(municipality),
                    "survey": survey_results(municipality.id)},
        "workshops": _workshops(municipality.id),
        "fields": _fields(measures),
        "measures": measures,
        "initiatives": {m.id: initiatives_of_measure(m.id) for m in measures},
        "review": zwischenbilanz(municipality.id),
    }


def svg_charts(doc) -> dict:
    """The same charts as the Word document, as inline SVG for the print page."""
    profile, colour = doc["profile"], doc["municipality"].accent_color
    survey = profile["survey"]
    return {
        "age": age_structure_svg(profile["counts"], colour) if profile["total"] else None,
        "trend": population_trend_svg(profile["series"]["observed"],
                                      profile["series"]["projection"]),
        "survey": [(q["question"], bar_chart_svg(q["rows"], q["question"], colour,
                                                 f"survey-print-{i}", 250, survey["count"]))
                   for i, q in enumerate(survey["questions"]) if q["rows"]],
    }
