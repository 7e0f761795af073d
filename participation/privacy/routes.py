"""Thin routes: erase a session's participant data; a person's own account page,
JSON export and deletion."""
import json

from flask import Blueprint, Response, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from ..accounts.permissions import Permission, require
from ..errors import DomainError
from ..safe_redirect import safe_next
from ..workshops import services as workshop_services
from . import services
from .forms import DeleteAccountForm, EraseParticipantsForm

bp = Blueprint("privacy", __name__)


@bp.route("/w/<int:workshop_id>/erase-participants", methods=["POST"])
@login_required
def erase_session(workshop_id):
    workshop = workshop_services.get_workshop(workshop_id)
    require(current_user, Permission.RUN_WORKSHOPS, workshop.municipality_id)
    form = EraseParticipantsForm()
    fallback = url_for("municipalities.detail", municipality_id=workshop.municipality_id)
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(str(message), "error")
        return redirect(safe_next(form.next.data, fallback))
    try:
        count = services.erase_by_facilitator(current_user, workshop)
    except DomainError as error:
        if error.http_status in (403, 404):
            raise
        flash(str(error.message), "error")
    else:
        flash(_("Die Teilnahmedaten sind gelöscht (%(n)s Teilnahmen). Die Ideen und Punkte "
                "bleiben ohne Bezug zu Personen erhalten.", n=count), "success")
    return redirect(safe_next(form.next.data, fallback))


@bp.route("/account")
@login_required
def account():
    return render_template("privacy/account.html", form=DeleteAccountForm())


@bp.route("/account/export")
@login_required
def export():
    data = services.export_account(current_user)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="konto-{current_user.id}.json"',
        "Cache-Control": "no-store",
    })


@bp.route("/account/delete", methods=["POST"])
@login_required
def delete():
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            services.delete_own_account(current_user._get_current_object(), form.password.data)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            logout_user()
            session.clear()
            flash(_("Ihr Konto ist gelöscht."), "success")
            return redirect(url_for("accounts.login"))
    return render_template("privacy/account.html", form=form), 400
