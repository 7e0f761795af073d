"""The public questionnaire (/umfrage/<key>), the staff page with link and QR code, and the
paper entry for helpers."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from ..accounts.permissions import Permission
from ..assist.services import workshop_for_helper_key
from ..errors import DomainError
from ..extensions import limiter
from ..i18n import page_language, resident_page
from ..municipalities.services import get_municipality, municipality_for
from ..workshops.services import get_workshop
from ..workshops.public_url import base_url
from ..workshops.qr import qr_inline
from . import services
from .questions import FACTORS, MAX_TYPICAL, QUESTIONS, TYPICAL_QUESTION

bp = Blueprint("survey", __name__)
COOKIE_PREFIX = "zws_"
COOKIE_MAX_AGE = 2 * 365 * 24 * 3600


def _answers(form) -> dict:
    answers = {field: form.getlist(field) for field, _q, _h in QUESTIONS}
    answers["typical"] = form.get("typical", "")
    return answers


def _form_context(**extra):
    return {"questions": QUESTIONS, "factors": FACTORS, "typical_question": TYPICAL_QUESTION,
            "max_typical": MAX_TYPICAL, **extra}


# A hall shares one address (one Wi-Fi, one NAT): the limit only stops a script.
@bp.route("/umfrage/<key>", methods=["GET", "POST"])
@limiter.limit("120/minute", methods=["POST"])
@resident_page
def public(key):
    municipality = services.municipality_for_key(key)
    cookie = COOKIE_PREFIX + str(municipality.id)
    respondent = request.cookies.get(cookie)
    error, status = None, 200
    if request.method == "POST" and FlaskForm().validate_on_submit():
        respondent = respondent if respondent and len(respondent) <= 64 else services.new_respondent_key()
        channel = "phone" if request.args.get("via") == "qr" else "online"
        try:
            services.submit(municipality.id, respondent, _answers(request.form), channel,
                            page_language())
        except DomainError as err:
            error, status = str(err.message), 400
        else:
            response = redirect(url_for("survey.public", key=key, done=1))
            response.set_cookie(cookie, respondent, max_age=COOKIE_MAX_AGE, httponly=True,
                                samesite="Lax", secure=request.is_secure)
            return response
    elif request.method == "POST":
        error, status = _("Das Formular war zu lange offen. Bitte senden Sie es noch einmal."), 400
    return render_template("survey/public.html", municipality=municipality, error=error,
                           done=request.args.get("done") == "1",
                           answered=services.has_answered(municipality.id, respondent),
                           **_form_context()), status


def _public_url(municipality_id: int, via: str | None = None) -> str:
    path = url_for("survey.public", key=services.survey_key(municipality_id), via=via)
    return base_url().rstrip("/") + path


@bp.route("/m/<int:municipality_id>/umfrage")
@login_required
def manage(municipality_id):
    municipality = municipality_for(current_user, municipality_id)
    phone_url = _public_url(municipality_id, "qr")
    return render_template("survey/manage.html", municipality=municipality,
                           online_url=_public_url(municipality_id), phone_url=phone_url,
                           qr=qr_inline(phone_url, _("QR-Code zur Befragung")))


@bp.route("/m/<int:municipality_id>/umfrage/papier", methods=["GET", "POST"])
@login_required
def paper(municipality_id):
    """A helper types in one paper sheet per submission; each sheet is one answer."""
    municipality = municipality_for(current_user, municipality_id, Permission.EDIT_PROFILE)
    return _paper_page(municipality, url_for("survey.paper", municipality_id=municipality_id))


@bp.route("/h/<helper_key>/umfrage", methods=["GET", "POST"])
def paper_by_key(helper_key):
    """The same for a volunteer on the helper page of a workshop (its signed key)."""
    workshop_id = workshop_for_helper_key(helper_key)
    if workshop_id is None:
        abort(404)
    municipality = get_municipality(get_workshop(workshop_id).municipality_id)
    return _paper_page(municipality, url_for("survey.paper_by_key", helper_key=helper_key))


def _paper_page(municipality, here):
    municipality_id = municipality.id
    error, status = None, 200
    if request.method == "POST" and FlaskForm().validate_on_submit():
        try:
            services.submit(municipality_id, services.new_respondent_key(),
                            _answers(request.form), "paper", "de")
        except DomainError as err:
            error, status = str(err.message), 400
        else:
            flash(_("Der Papierbogen ist erfasst. Der nächste, bitte."), "success")
            return redirect(here)
    return render_template("survey/paper.html", municipality=municipality, error=error,
                           here=here, **_form_context()), status
