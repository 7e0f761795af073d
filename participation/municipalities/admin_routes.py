"""The admin's pages: all municipalities, creating one, editing its master data."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts import services as account_services
from ..accounts.permissions import Permission, require_admin
from ..errors import DomainError
from . import services
from .blueprint import bp
from .forms import MemberForm, MunicipalityForm


@bp.route("/admin/kommunen")
@login_required
def municipality_list():
    require_admin(current_user)
    return render_template("municipalities/admin_list.html",
                           municipalities=services.all_municipalities())


@bp.route("/admin/kommunen/neu", methods=["GET", "POST"])
@login_required
def municipality_new():
    require_admin(current_user)
    form = MunicipalityForm()
    if form.validate_on_submit():
        try:
            municipality = services.create_municipality(
                form.name.data, form.kind.data, form.federal_state.data, form.population.data,
                form.accent_color.data)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Die Kommune ist angelegt. Weisen Sie ihr unter „Konten“ Personen zu."),
                  "success")
            return redirect(url_for("municipalities.detail", municipality_id=municipality.id))
    status = 400 if form.is_submitted() else 200
    return render_template("municipalities/form.html", form=form, municipality=None), status


@bp.route("/m/<int:municipality_id>/bearbeiten", methods=["GET", "POST"])
@login_required
def municipality_edit(municipality_id):
    municipality = services.municipality_for(current_user, municipality_id, Permission.MANAGE)
    form = MunicipalityForm(obj=municipality if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            services.update_municipality(municipality_id, form.name.data, form.kind.data,
                                         form.federal_state.data, form.population.data,
                                         form.accent_color.data)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Die Kommune ist gespeichert."), "success")
            return redirect(url_for("municipalities.detail", municipality_id=municipality_id))
    status = 400 if form.is_submitted() else 200
    return render_template("municipalities/form.html", form=form,
                           municipality=municipality), status


@bp.route("/m/<int:municipality_id>/mitglieder", methods=["POST"])
@login_required
def member_add(municipality_id):
    services.municipality_for(current_user, municipality_id, Permission.MANAGE)
    form = MemberForm()
    form.user_id.choices = [(u.id, u.name) for u in account_services.assignable_users(municipality_id)]
    if form.validate_on_submit():
        try:
            user = account_services.add_membership(form.user_id.data, municipality_id)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("%(name)s ist jetzt dieser Kommune zugeordnet.", name=user.name), "success")
    else:
        flash(_("Bitte wählen Sie eine Person aus der Liste."), "error")
    return redirect(url_for("municipalities.detail", municipality_id=municipality_id,
                            _anchor="members-heading"))


@bp.route("/m/<int:municipality_id>/mitglieder/<int:user_id>/entfernen", methods=["POST"])
@login_required
def member_remove(municipality_id, user_id):
    services.municipality_for(current_user, municipality_id, Permission.MANAGE)
    account_services.remove_membership(user_id, municipality_id)
    flash(_("Die Zuordnung ist aufgehoben."), "success")
    return redirect(url_for("municipalities.detail", municipality_id=municipality_id,
                            _anchor="members-heading"))
