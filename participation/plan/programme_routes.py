"""The admin's programme overview, the library of published measures, fields of action."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts.permissions import require_admin
from ..errors import DomainError
from . import programme, services
from .forms import EmptyForm, FieldOfActionForm
from .routes import bp


@bp.route("/programm")
@login_required
def programme_overview():
    if current_user.is_advisor:  # advisors see the programme of their own municipalities
        return redirect(url_for("advisor.overview"))
    require_admin(current_user)
    return render_template("plan/programme.html", rows=programme.overview(),
                           fields=services.fields_of_action(include_inactive=True),
                           stage_labels=programme.STAGE_LABELS, s=services)


@bp.route("/bibliothek")
@login_required
def library():
    field_id = request.args.get("field", type=int) or None
    size = request.args.get("size") or None
    query = (request.args.get("q") or "")[:100]
    return render_template("plan/library.html",
                           measures=programme.library(field_id, size, query),
                           fields=services.fields_of_action(include_inactive=True),
                           sizes=programme.SIZE_CLASSES, field_id=field_id, size=size, query=query,
                           s=services)


@bp.route("/admin/handlungsfelder", methods=["GET", "POST"])
@login_required
def fields():
    require_admin(current_user)
    form = FieldOfActionForm()
    status = 200
    if form.validate_on_submit():
        try:
            services.add_field_of_action(current_user, form.name.data)
        except DomainError as error:
            flash(str(error.message), "error")
            status = 400
        else:
            flash(_("Das Handlungsfeld ist angelegt."), "success")
            return redirect(url_for("plan.fields"))
    elif request.method == "POST":
        status = 400
    return render_template("plan/fields.html", form=form, toggle=EmptyForm(),
                           fields=services.fields_of_action(include_inactive=True)), status


@bp.route("/admin/handlungsfelder/<int:field_id>/active", methods=["POST"])
@login_required
def field_toggle(field_id):
    require_admin(current_user)
    if EmptyForm().validate_on_submit():
        active = request.form.get("active") == "1"
        services.set_field_active(current_user, field_id, active)
        flash(_("Gespeichert."), "success")
    return redirect(url_for("plan.fields"))
