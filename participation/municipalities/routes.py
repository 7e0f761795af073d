"""Dashboard, the municipality page with its five-stage stepper, the stage pages, themes."""
from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts import services as account_services
from ..accounts.permissions import Permission, can
from ..errors import DomainError
from . import profile_services, services
from .blueprint import bp
from .forms import MemberForm, StageForm, ThemeForm
from .models import Stage

# Stages whose work happens on another feature's page, once that feature exists.
STAGE_ENDPOINTS = {
    Stage.ZUKUNFTSWERKSTATT.value: "workshops.workshop_list",
    Stage.WERKSTATTPLAN.value: "plan.plan_view",
    Stage.ZWISCHENBILANZ.value: "plan.review",
}


def stage_url(municipality_id: int, stage: str) -> str:
    if stage == Stage.KOMMUNALPROFIL.value:
        return url_for("municipalities.profile", municipality_id=municipality_id)
    endpoint = STAGE_ENDPOINTS.get(stage)
    if endpoint and endpoint in current_app.view_functions:
        return url_for(endpoint, municipality_id=municipality_id)
    return url_for("municipalities.stage", municipality_id=municipality_id, stage=stage)


@bp.route("/dashboard")
@login_required
def dashboard():
    municipalities = services.municipalities_for(current_user)
    return render_template("municipalities/dashboard.html",
                           entries=[(m, services.current_stage(m)) for m in municipalities])


@bp.route("/m/<int:municipality_id>")
@login_required
def detail(municipality_id):
    municipality = services.municipality_for(current_user, municipality_id)
    may_manage = can(current_user, Permission.MANAGE, municipality_id)
    member_form = None
    if may_manage:
        member_form = MemberForm()
        member_form.user_id.choices = [
            (u.id, u.name) for u in account_services.assignable_users(municipality_id)]
    return render_template(
        "municipalities/detail.html", municipality=municipality, member_form=member_form,
        current=services.current_stage(municipality), stage_url=stage_url,
        members=account_services.members_of(municipality_id),
        can_edit=can(current_user, Permission.EDIT_PROFILE, municipality_id),
        can_manage=may_manage)


def _render_stage(municipality, row, form=None, theme_form=None, status=200):
    editable = can(current_user, Permission.EDIT_PROFILE, municipality.id)
    if form is None and editable:
        form = StageForm(obj=row)
    return render_template(
        "municipalities/stage.html", municipality=municipality, row=row, form=form,
        theme_form=theme_form or (ThemeForm() if editable else None), can_edit=editable,
        stage_url=stage_url), status


@bp.route("/m/<int:municipality_id>/phasen/<stage>")
@login_required
def stage(municipality_id, stage):
    municipality = services.municipality_for(current_user, municipality_id)
    return _render_stage(municipality, services.get_stage(municipality_id, stage))


@bp.route("/m/<int:municipality_id>/phasen/<stage>", methods=["POST"])
@login_required
def stage_update(municipality_id, stage):
    municipality = services.municipality_for(current_user, municipality_id, Permission.EDIT_PROFILE)
    row = services.get_stage(municipality_id, stage)
    form = StageForm()
    if form.validate_on_submit():
        try:
            services.update_stage(municipality_id, stage, form.status.data, form.starts_on.data,
                                  form.ends_on.data, form.notes.data, form.manual.data)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Die Phase ist gespeichert."), "success")
            return redirect(url_for("municipalities.detail", municipality_id=municipality_id))
    return _render_stage(municipality, row, form=form, status=400)


@bp.route("/m/<int:municipality_id>/themen", methods=["POST"])
@login_required
def theme_add(municipality_id):
    municipality = services.municipality_for(current_user, municipality_id, Permission.EDIT_PROFILE)
    form = ThemeForm()
    if form.validate_on_submit():
        try:
            profile_services.add_theme(municipality_id, form.name.data, form.reason.data)
        except DomainError as error:
            form.name.errors.append(str(error.message))
        else:
            flash(_("Das Thema ist hinzugefügt."), "success")
            return redirect(url_for("municipalities.stage", municipality_id=municipality_id,
                                    stage=Stage.KICK_OFF.value))
    row = services.get_stage(municipality_id, Stage.KICK_OFF.value)
    return _render_stage(municipality, row, theme_form=form, status=400)


@bp.route("/m/<int:municipality_id>/themen/<int:theme_id>/entfernen", methods=["POST"])
@login_required
def theme_remove(municipality_id, theme_id):
    services.municipality_for(current_user, municipality_id, Permission.EDIT_PROFILE)
    profile_services.remove_theme(municipality_id, theme_id)
    flash(_("Das Thema ist entfernt."), "success")
    return redirect(url_for("municipalities.stage", municipality_id=municipality_id,
                            stage=Stage.KICK_OFF.value))
