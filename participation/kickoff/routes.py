"""Kick-Off forms; the page itself is the Kick-Off stage page of the municipality."""
from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts.permissions import Permission
from ..errors import DomainError
from ..municipalities.services import municipality_for
from . import services
from .forms import PersonForm, RecordForm

bp = Blueprint("kickoff", __name__)


def _back(municipality_id, anchor):
    return redirect(url_for("municipalities.stage", municipality_id=municipality_id,
                            stage="kick_off", _anchor=anchor))


def _flash_errors(form):
    for errors in form.errors.values():
        for error in errors:
            flash(str(error), "error")


@bp.route("/m/<int:municipality_id>/kickoff/personen", methods=["POST"])
@login_required
def person_add(municipality_id):
    municipality_for(current_user, municipality_id, Permission.EDIT_PROFILE)
    form = PersonForm()
    if form.validate_on_submit():
        try:
            services.add_person(municipality_id, form.kind.data, form.name.data,
                                form.organisation.data, form.role.data, form.contact.data,
                                form.consent.data)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Die Person ist eingetragen."), "success")
    else:
        _flash_errors(form)
    return _back(municipality_id, "kickoff-people")


@bp.route("/m/<int:municipality_id>/kickoff/personen/<int:person_id>/entfernen", methods=["POST"])
@login_required
def person_remove(municipality_id, person_id):
    municipality_for(current_user, municipality_id, Permission.EDIT_PROFILE)
    services.remove_person(municipality_id, person_id)
    flash(_("Die Person ist entfernt."), "success")
    return _back(municipality_id, "kickoff-people")


@bp.route("/m/<int:municipality_id>/kickoff/protokoll", methods=["POST"])
@login_required
def record_save(municipality_id):
    municipality_for(current_user, municipality_id, Permission.EDIT_PROFILE)
    form = RecordForm()
    if form.validate_on_submit():
        services.save_record(municipality_id, form.agenda.data, form.minutes.data)
        flash(_("Tagesordnung und Protokoll sind gespeichert."), "success")
    else:
        _flash_errors(form)
    return _back(municipality_id, "kickoff-record")
