"""/m/<id>/initiativen: the list, adding and removing, linking to measures."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..accounts.permissions import Permission, can
from ..errors import DomainError
from ..municipalities.services import municipality_for
from ..plan.services import list_measures
from . import services

bp = Blueprint("initiatives", __name__)


class InitiativeForm(FlaskForm):
    name = StringField(_l("Was (Initiative oder Projekt)"), validators=[DataRequired(), Length(max=200)])
    carrier = StringField(_l("Wer (Träger, Verein, Gruppe)"), validators=[Optional(), Length(max=200)])
    theme = StringField(_l("Thema"), validators=[Optional(), Length(max=120)])
    contact = StringField(_l("Kontakt"), validators=[Optional(), Length(max=200)])
    description = TextAreaField(_l("Beschreibung"), validators=[Optional(), Length(max=5000)])


def _page(municipality, form=None, status=200):
    return render_template(
        "initiatives/list.html", municipality=municipality,
        initiatives=services.list_initiatives(municipality.id),
        measures=list_measures(municipality.id), form=form or InitiativeForm(formdata=None),
        can_edit=can(current_user, Permission.EDIT_PLAN, municipality.id)), status


@bp.route("/m/<int:municipality_id>/initiativen")
@login_required
def initiative_list(municipality_id):
    return _page(municipality_for(current_user, municipality_id))


@bp.route("/m/<int:municipality_id>/initiativen", methods=["POST"])
@login_required
def initiative_add(municipality_id):
    municipality = municipality_for(current_user, municipality_id, Permission.EDIT_PLAN)
    form = InitiativeForm()
    if form.validate_on_submit():
        try:
            services.add_initiative(municipality_id, form.name.data, form.carrier.data,
                                    form.theme.data, form.contact.data, form.description.data)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Die Initiative ist eingetragen."), "success")
            return redirect(url_for("initiatives.initiative_list", municipality_id=municipality_id))
    return _page(municipality, form, 400)


@bp.route("/m/<int:municipality_id>/initiativen/<int:initiative_id>/entfernen", methods=["POST"])
@login_required
def initiative_remove(municipality_id, initiative_id):
    municipality_for(current_user, municipality_id, Permission.EDIT_PLAN)
    services.remove_initiative(municipality_id, initiative_id)
    flash(_("Die Initiative ist entfernt."), "success")
    return redirect(url_for("initiatives.initiative_list", municipality_id=municipality_id))


@bp.route("/m/<int:municipality_id>/initiativen/<int:initiative_id>/massnahmen", methods=["POST"])
@login_required
def initiative_link(municipality_id, initiative_id):
    municipality_for(current_user, municipality_id, Permission.EDIT_PLAN)
    if FlaskForm().validate_on_submit():
        try:
            ids = [int(v) for v in request.form.getlist("measure_ids")]
            services.set_linked_measures(municipality_id, initiative_id, ids)
        except ValueError:
            flash(_("Diese Maßnahme gehört nicht zu dieser Kommune."), "error")
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Die Verknüpfung mit den Maßnahmen ist gespeichert."), "success")
    return redirect(url_for("initiatives.initiative_list", municipality_id=municipality_id,
                            _anchor=f"initiative-{initiative_id}"))
