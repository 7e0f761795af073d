"""Results pages: the report for facilitators and staff, its exports, the publish switch,
and the public read-only page residents reach through the session's join link."""
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts.permissions import Permission, can
from ..age_bands import AGE_BAND_LABELS, NO_ANSWER
from ..ideas import translations
from ..plan import services as plan_services
from ..plan.forms import EmptyForm, PromoteForm
from ..workshops.join_bands import BAND_LABELS
from ..workshops.lookup import workshop_by_code
from . import exports, services
from .charts import bar_chart
from .services import CHANNEL_LABELS


def _common(workshop) -> dict:
    day = services.session_date(workshop)
    return {"workshop": workshop, "municipality": services.municipality_of(workshop),
            "session_day": format_date(day, "long") if day else "",
            "band_labels": BAND_LABELS, "channel_labels": CHANNEL_LABELS,
            "no_answer_label": AGE_BAND_LABELS[NO_ANSWER]}

bp = Blueprint("results", __name__)


@bp.route("/w/<int:workshop_id>/results")
@login_required
def session_results(workshop_id):
    workshop = services.workshop_for(current_user, workshop_id)
    who = services.representation(workshop)
    return render_template(
        "results/session.html", **_common(workshop), results=services.session_results(workshop),
        who=who, chart=bar_chart(who), weighted=request.args.get("weighted") == "1",
        can_run=can(current_user, Permission.RUN_WORKSHOPS, workshop.municipality_id),
        public_available=services.public_results_available(workshop),
        measures=plan_services.measures_from_workshop(workshop.id),
        promote_form=PromoteForm(), publish_form=EmptyForm())


def _download(body: str, mimetype: str, name: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/w/<int:workshop_id>/results.csv")
@login_required
def export_csv(workshop_id):
    workshop = services.workshop_for(current_user, workshop_id)
    return _download(exports.results_csv(services.session_results(workshop)),
                     "text/csv; charset=utf-8", f"ergebnisse-sitzung-{workshop.id}.csv")


@bp.route("/w/<int:workshop_id>/results.json")
@login_required
def export_json(workshop_id):
    workshop = services.workshop_for(current_user, workshop_id)
    body = exports.results_json(services.session_results(workshop),
                                services.representation(workshop))
    return _download(body, "application/json", f"ergebnisse-sitzung-{workshop.id}.json")


@bp.route("/w/<int:workshop_id>/results/publish", methods=["POST"])
@login_required
def publish(workshop_id):
    services.workshop_for(current_user, workshop_id, Permission.RUN_WORKSHOPS)
    if EmptyForm().validate_on_submit():
        published = request.form.get("published") == "1"
        services.set_published(current_user, workshop_id, published)
        flash(_("Die Ergebnisse sind veröffentlicht.") if published
              else _("Die Ergebnisse sind nicht mehr öffentlich."), "success")
    return redirect(url_for("results.session_results", workshop_id=workshop_id))


@bp.route("/r/<code>")
def public(code):
    workshop = workshop_by_code(code)
    if not services.public_results_available(workshop):
        abort(404)
    results = services.session_results(workshop)
    measures = plan_services.measures_from_workshop(workshop.id, published_only=True)
    # Issue 14: each idea in the reader's language (else German), the original marked.
    ids = [i["id"] for phase in results["phases"] for i in phase["ideas"]] + [
        i.idea_id for m in measures for o in m.origins for i in o.ideas if i.idea_id]
    return render_template(
        "results/public.html", **_common(workshop), results=results,
        who=services.representation(workshop), measures=measures, s=plan_services,
        versions=translations.reader_versions(ids, str(get_locale())))
