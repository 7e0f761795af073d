"""The admin's pages: all municipalities, creating one, editing its master data."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts.permissions import Permission, require_admin
from ..errors import DomainError
from . import services
from .blueprint import bp
from .forms import MunicipalityForm


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
