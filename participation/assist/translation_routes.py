"""The translation queue on the helper page (issue 14): interpreters and bilingual helpers
translate ideas; phones in that language and the projector update live."""
from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..accounts.permissions import Permission, require
from ..errors import DomainError
from ..i18n import LANGUAGES
from ..ideas import translations
from ..ideas.models import MAX_IDEA_LENGTH
from ..workshops import services as workshop_services
from . import services
from .routes import bp


class TranslationForm(FlaskForm):
    idea = IntegerField(validators=[DataRequired()])
    language = SelectField(_l("Übersetzen in"), choices=list(LANGUAGES.items()))
    text = TextAreaField(_l("Übersetzung"), validators=[
        DataRequired(_l("Bitte schreiben Sie die Übersetzung.")), Length(max=MAX_IDEA_LENGTH)])


class OriginalLanguageForm(FlaskForm):
    idea = IntegerField(validators=[DataRequired()])
    written_in = SelectField(_l("Geschrieben auf"), choices=list(LANGUAGES.items()))


def _post(form, write, saved_message, back: str):
    """A helper's form: on success `write(form)` and a note; a refused or invalid post changes
    nothing and says why. Back to the page's translation queue either way."""
    if form.validate_on_submit():
        try:
            write(form)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(saved_message, "success")
    else:
        for errors in form.errors.values():
            flash(" ".join(str(e) for e in errors), "error")
    return redirect(back + "#translations", code=303)


def _translate(workshop, back: str, user_id: int | None):
    return _post(TranslationForm(), lambda form: translations.translate_idea(
        workshop.id, form.idea.data, form.language.data, form.text.data, user_id),
        _("Die Übersetzung ist gespeichert. Alle Handys in dieser Sprache zeigen sie."), back)


def _correct_language(workshop, back: str):
    """A paper card typed as German that is Arabic (or any other mix-up): the helper sets
    the language it is written in; translations follow, phones update live."""
    return _post(OriginalLanguageForm(), lambda form: translations.set_original_language(
        workshop.id, form.idea.data, form.written_in.data),
        _("Die Sprache der Idee ist korrigiert."), back)


def _workshop_of_key(helper_key):
    """The session of a signed helper link (no account), or None."""
    workshop_id = services.workshop_for_helper_key(helper_key)
    return None if workshop_id is None else workshop_services.get_workshop(workshop_id)


def _staff_workshop(workshop_id):
    workshop = workshop_services.get_workshop(workshop_id)
    require(current_user, Permission.RUN_WORKSHOPS, workshop.municipality_id)
    return workshop


@bp.route("/w/<int:workshop_id>/helper/translate", methods=["POST"])
@login_required
def translate(workshop_id):
    workshop = _staff_workshop(workshop_id)
    return _translate(workshop, url_for("assist.helper", workshop_id=workshop.id), current_user.id)


@bp.route("/h/<helper_key>/translate", methods=["POST"])
def translate_by_key(helper_key):
    """A volunteer with the signed helper link (no account)."""
    workshop = _workshop_of_key(helper_key)
    if workshop is None:
        return redirect(url_for("pages.index"), code=303)
    return _translate(workshop, url_for("assist.helper_by_key", helper_key=helper_key), None)


@bp.route("/w/<int:workshop_id>/helper/language", methods=["POST"])
@login_required
def correct_language(workshop_id):
    workshop = _staff_workshop(workshop_id)
    return _correct_language(workshop, url_for("assist.helper", workshop_id=workshop.id))


@bp.route("/h/<helper_key>/language", methods=["POST"])
def correct_language_by_key(helper_key):
    workshop = _workshop_of_key(helper_key)
    if workshop is None:
        return redirect(url_for("pages.index"), code=303)
    return _correct_language(workshop, url_for("assist.helper_by_key", helper_key=helper_key))


def queue_view(workshop) -> list[dict]:
    """The helper page's queue, for the template."""
    return translations.queue(workshop.id)
