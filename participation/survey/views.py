"""The questionnaire's results as charts, for the profile page, Kick-Off and Werkstattplan."""
from flask_babel import gettext as _

from ..municipalities.chart import bar_chart_svg
from . import services


def survey_overview(municipality_id: int, with_charts: bool = True) -> dict:
    data = services.results(municipality_id)
    charts = []
    for index, question in enumerate(data["questions"]):
        svg = None
        if with_charts and question["rows"]:
            svg = bar_chart_svg(question["rows"], question["question"], chart_id=f"survey-{index}",
                                label_width=250, share_of=data["count"])
        charts.append({**question, "svg": svg})
    return {**data, "charts": charts,
            "suggestions": services.theme_suggestions(municipality_id),
            "summary": _("%(n)s Antworten (online %(o)s, Handy %(p)s, Papier %(q)s)",
                         n=data["count"], o=data["by_channel"]["online"],
                         p=data["by_channel"]["phone"], q=data["by_channel"]["paper"])}
