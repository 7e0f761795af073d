"""The Werkstattplan pages: the plan with filters and timeline, measure editor, progress
entries, and the promotion of ideas from a session's results."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from ..accounts.permissions import Permission, can
from ..errors import DomainError
from ..municipalities.services import municipality_for
from . import drafts, promotion, services
from .forms import EmptyForm, MeasureForm, ProgressForm, PromoteForm
from .timeline import timeline

bp = Blueprint("plan", __name__)


def _filters() -> dict:
    field = request.args.get("field", type=int) or None
    status = request.args.get("status") or None
    if status not in services.STATUS_LABELS:
        status = None
    responsible = (request.args.get("responsible") or "").strip() or None
    return {"field_id": field, "status": status, "responsible": responsible}


@bp.route("/m/<int:municipality_id>/plan")
@login_required
def plan_view(municipality_id):
    municipality = municipality_for(current_user, municipality_id)
    filters = _filters()
    measures = services.list_measures(municipality_id, **filters)
    return render_template(
        "plan/plan.html", municipality=municipality, measures=measures, filters=filters,
        fields=services.fields_of_action(include_inactive=True),
        responsibles=services.responsibles(municipality_id), timeline=timeline(measures),
        can_edit=can(current_user, Permission.EDIT_PLAN, municipality_id), s=services)


def _measure_form(form, municipality, measure=None):
    return render_template("plan/measure_form.html", form=form, municipality=municipality,
                           measure=measure)


@bp.route("/m/<int:municipality_id>/plan/new", methods=["GET", "POST"])
@login_required
def measure_new(municipality_id):
    municipality = municipality_for(current_user, municipality_id, Permission.EDIT_PLAN)
    form = MeasureForm()
    form.fill_fields(services.fields_of_action())
    form.fill_bands(municipality)
    if form.validate_on_submit():
        try:
            measure = services.create_measure(current_user, municipality_id, form.to_data())
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Die Maßnahme ist angelegt."), "success")
            return redirect(url_for("plan.measure_detail", municipality_id=municipality_id,
                                    measure_id=measure.id))
    status = 400 if request.method == "POST" else 200
    return _measure_form(form, municipality), status


@bp.route("/m/<int:municipality_id>/plan/<int:measure_id>")
@login_required
def measure_detail(municipality_id, measure_id):
    municipality = municipality_for(current_user, municipality_id)
    measure = services.measure_for(current_user, municipality_id, measure_id)
    can_edit = can(current_user, Permission.EDIT_PLAN, municipality_id)
    return render_template("plan/measure.html", municipality=municipality, measure=measure,
                           can_edit=can_edit, progress_form=ProgressForm(formdata=None,
                                                                         status=measure.status),
                           delete_form=EmptyForm(), s=services)


@bp.route("/m/<int:municipality_id>/plan/<int:measure_id>/edit", methods=["GET", "POST"])
@login_required
def measure_edit(municipality_id, measure_id):
    municipality = municipality_for(current_user, municipality_id, Permission.EDIT_PLAN)
    measure = services.measure_for(current_user, municipality_id, measure_id, Permission.EDIT_PLAN)
    form = MeasureForm(obj=measure if request.method == "GET" else None)
    form.fill_fields(services.fields_of_action(include_inactive=True))
    form.fill_bands(municipality, measure.age_band_list)
    if request.method == "GET":
        form.target_age_bands.data = measure.age_band_list
        form.field_of_action_id.data = measure.field_of_action_id or 0
    if form.validate_on_submit():
        try:
            services.update_measure(current_user, municipality_id, measure_id, form.to_data())
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Die Änderungen sind gespeichert."), "success")
            return redirect(url_for("plan.measure_detail", municipality_id=municipality_id,
                                    measure_id=measure_id))
    status = 400 if request.method == "POST" else 200
    return _measure_form(form, municipality, measure), status


@bp.route("/m/<int:municipality_id>/plan/<int:measure_id>/progress", methods=["POST"])
@login_required
def progress_add(municipality_id, measure_id):
    municipality = municipality_for(current_user, municipality_id, Permission.EDIT_PLAN)
    measure = services.measure_for(current_user, municipality_id, measure_id, Permission.EDIT_PLAN)
    form = ProgressForm()
    if form.validate_on_submit():
        try:
            services.add_progress(current_user, municipality_id, measure_id, form.to_data())
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Der Eintrag zur Zwischenbilanz ist gespeichert."), "success")
            return redirect(url_for("plan.measure_detail", municipality_id=municipality_id,
                                    measure_id=measure_id))
    return render_template("plan/measure.html", municipality=municipality, measure=measure,
                           can_edit=True, progress_form=form, delete_form=EmptyForm(),
                           s=services), 400


@bp.route("/m/<int:municipality_id>/plan/<int:measure_id>/delete", methods=["POST"])
@login_required
def measure_delete(municipality_id, measure_id):
    services.measure_for(current_user, municipality_id, measure_id, Permission.EDIT_PLAN)
    if EmptyForm().validate_on_submit():
        try:
            drafts.delete_draft(current_user, municipality_id, measure_id)
        except DomainError as error:
            flash(str(error.message), "error")
            return redirect(url_for("plan.measure_detail", municipality_id=municipality_id,
                                    measure_id=measure_id))
        flash(_("Der Entwurf ist gelöscht."), "success")
    return redirect(url_for("plan.plan_view", municipality_id=municipality_id))


@bp.route("/w/<int:workshop_id>/promote", methods=["POST"])
@login_required
def promote(workshop_id):
    form = PromoteForm()
    if not form.validate_on_submit():
        flash(_("Die Auswahl ist ungültig. Bitte versuchen Sie es noch einmal."), "error")
        return redirect(url_for("results.session_results", workshop_id=workshop_id))
    try:
        measures = promotion.promote(current_user, workshop_id, form.idea_ids.data,
                                     form.cluster_ids.data, form.combine.data)
    except DomainError as error:
        if error.http_status in (403, 404):
            raise
        flash(str(error.message), "error")
        return redirect(url_for("results.session_results", workshop_id=workshop_id))
    flash(ngettext("%(num)s Maßnahmen-Entwurf ist im Werkstattplan angelegt.",
                   "%(num)s Maßnahmen-Entwürfe sind im Werkstattplan angelegt.",
                   len(measures)), "success")
    return redirect(url_for("plan.plan_view", municipality_id=measures[0].municipality_id))
