"""Exports of the Werkstattplan, and the Zwischenbilanz page with its exports."""
from datetime import date

from flask import Response, render_template
from flask_login import current_user, login_required

from ..municipalities.services import municipality_for
from ..documentation.document import plan_document, svg_charts
from . import docx_export, docx_plan, exports, services
from .review import zwischenbilanz
from .routes import bp

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(body, mimetype: str, name: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _slug(municipality) -> str:
    keep = "".join(ch if ch.isalnum() else "-" for ch in municipality.name.lower())
    return "-".join(filter(None, keep.encode("ascii", "ignore").decode().split("-"))) or "kommune"


@bp.route("/m/<int:municipality_id>/plan.csv")
@login_required
def plan_csv(municipality_id):
    municipality = municipality_for(current_user, municipality_id)
    body = exports.plan_csv(services.list_measures(municipality_id))
    return _download(body, "text/csv; charset=utf-8", f"werkstattplan-{_slug(municipality)}.csv")


@bp.route("/m/<int:municipality_id>/plan.docx")
@login_required
def plan_docx(municipality_id):
    municipality = municipality_for(current_user, municipality_id)
    body = docx_plan.werkstattplan_docx(plan_document(municipality))
    return _download(body, DOCX_TYPE, f"werkstattplan-{_slug(municipality)}.docx")


@bp.route("/m/<int:municipality_id>/plan/print")
@login_required
def plan_print(municipality_id):
    municipality = municipality_for(current_user, municipality_id)
    doc = plan_document(municipality)
    return render_template("plan/print.html", municipality=municipality, doc=doc,
                           charts=svg_charts(doc), measures=doc["measures"], s=services,
                           today=date.today())


@bp.route("/m/<int:municipality_id>/zwischenbilanz")
@login_required
def review(municipality_id):
    municipality = municipality_for(current_user, municipality_id)
    return render_template("plan/review.html", municipality=municipality,
                           report=zwischenbilanz(municipality_id), s=services)


@bp.route("/m/<int:municipality_id>/zwischenbilanz.csv")
@login_required
def review_csv(municipality_id):
    municipality = municipality_for(current_user, municipality_id)
    body = exports.review_csv(zwischenbilanz(municipality_id))
    return _download(body, "text/csv; charset=utf-8",
                     f"zwischenbilanz-{_slug(municipality)}.csv")


@bp.route("/m/<int:municipality_id>/zwischenbilanz.docx")
@login_required
def review_docx(municipality_id):
    municipality = municipality_for(current_user, municipality_id)
    body = docx_export.review_docx(municipality, zwischenbilanz(municipality_id))
    return _download(body, DOCX_TYPE, f"zwischenbilanz-{_slug(municipality)}.docx")


@bp.route("/m/<int:municipality_id>/zwischenbilanz/print")
@login_required
def review_print(municipality_id):
    municipality = municipality_for(current_user, municipality_id)
    return render_template("plan/review_print.html", municipality=municipality,
                           report=zwischenbilanz(municipality_id), s=services, today=date.today())
