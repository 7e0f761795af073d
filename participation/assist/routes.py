"""Helper page (facilitators, or volunteers with a signed helper link) and the kiosk."""
from flask import (Blueprint, current_app, flash, redirect, render_template, request, url_for)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts.permissions import Permission, require
from ..workshops.join_bands import BAND_LABELS
from ..errors import DomainError
from ..i18n import COOKIE_MAX_AGE, DISPLAY_COOKIE, LANG_COOKIE, LANGUAGES
from ..integrity import services as integrity
from ..municipalities.services import get_municipality
from ..workshops import cookies, join_codes
from ..workshops import services as workshop_services
from ..workshops.forms import JoinForm
from ..workshops.models import WorkshopStatus
from ..workshops.public_url import base_url
from ..workshops.qr import qr_inline
from . import services
from .forms import CardDotForm, CardIdeaForm, HelperSettingsForm, NewCardForm

bp = Blueprint("assist", __name__)
KIOSK_COOKIE = "zwk_{}"
# The language of the helper's last paper card: the next card's form starts with it.
CARD_LANGUAGE_COOKIE = "zwk_card_language"


# --- helper page --------------------------------------------------------------------------

@bp.route("/w/<int:workshop_id>/helper", methods=["GET", "POST"])
@login_required
def helper(workshop_id):
    workshop = workshop_services.get_workshop(workshop_id)
    require(current_user, Permission.RUN_WORKSHOPS, workshop.municipality_id)
    return _helper_page(workshop, url_for("assist.helper", workshop_id=workshop.id), staff=True)


@bp.route("/h/<helper_key>", methods=["GET", "POST"])
def helper_by_key(helper_key):
    """The same page for a volunteer without an account: the key is signed for one session
    and expires after a workshop day."""
    workshop_id = services.workshop_for_helper_key(helper_key)
    if workshop_id is None:
        return render_template("workshops/join_closed.html", workshop=None), 404
    workshop = workshop_services.get_workshop(workshop_id)
    return _helper_page(workshop, url_for("assist.helper_by_key", helper_key=helper_key),
                        staff=False)


def _helper_page(workshop, here: str, staff: bool):
    action = request.form.get("action") if request.method == "POST" else None
    card_id = request.args.get("card", type=int)
    status = 200
    if action == "new_card":
        form = NewCardForm.for_workshop(workshop)
        if form.validate_on_submit():
            try:
                participant = services.new_card(workshop.id, form.age_band.data)
            except DomainError as error:
                flash(str(error.message), "error")
                status = 409
            else:
                flash(_("Neue Karte angelegt (Karte %(n)s).", n=participant.id), "success")
                return redirect(f"{here}?card={participant.id}", code=303)
    elif action == "settings" and staff:
        form = HelperSettingsForm()
        if form.validate_on_submit():
            services.set_cards_while_locked(workshop.id, form.cards_while_locked.data)
            flash(_("Gespeichert."), "success")
            return redirect(here, code=303)
        status = 400
    elif action == "idea":
        form = CardIdeaForm.for_workshop(workshop)
        card_id = form.card.data or card_id
        if form.validate_on_submit():
            try:
                services.card_idea(workshop.id, form.card.data, form.text.data, form.client_id.data,
                                   phase=form.phase.data or None, language=form.written_in.data)
            except DomainError as error:
                flash(str(error.message), "error")
                status = error.http_status
            else:
                flash(_("Die Idee der Karte ist auf der Wand."), "success")
                response = redirect(f"{here}?card={form.card.data}", code=303)
                _remember_card_language(response, form.written_in.data)
                return response
        else:
            for errors in form.errors.values():
                flash(" ".join(str(e) for e in errors), "error")
            status = 400
    elif action in ("dot", "undot"):
        form = CardDotForm()
        card_id = form.card.data or card_id
        if form.validate_on_submit():
            try:
                services.card_dot(workshop.id, form.card.data, form.idea.data, action == "dot",
                                  form.client_id.data)
            except DomainError as error:
                flash(str(error.message), "error")
                status = error.http_status
            else:
                flash(_("Punkt gesetzt.") if action == "dot" else _("Punkt zurückgenommen."),
                      "success")
                return redirect(f"{here}?card={form.card.data}#card-dots", code=303)
        else:
            status = 400
    elif action is not None:
        status = 400
    return _render_helper(workshop, here, staff, card_id), status


def _render_helper(workshop, here, staff, card_id):
    card, view = None, None
    if card_id is not None:
        try:
            card = services.card(workshop.id, card_id)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            view = services.card_view(workshop, card.id)
    links = _staff_links(workshop) if staff else {}
    cards_while_locked = services.cards_while_locked(workshop.id)
    idea_form = CardIdeaForm.for_workshop(workshop, formdata=None, phase=workshop.phase,
                                          written_in=_card_language())
    return render_template(
        "assist/helper.html", workshop=workshop, municipality=get_municipality(workshop.municipality_id),
        here=here, staff=staff, card=card, view=view, new_card_form=NewCardForm.for_workshop(workshop),
        idea_form=idea_form, may_type_idea=not workshop.submissions_locked or cards_while_locked,
        settings_form=HelperSettingsForm(formdata=None, cards_while_locked=cards_while_locked),
        client_id=services.new_client_id, is_open=workshop.status == WorkshopStatus.OPEN.value,
        hours=services.HELPER_KEY_HOURS, band_labels=BAND_LABELS, **links)


def _card_language() -> str:
    """The language the next card's form starts with: the one just posted (a card that
    was not stored keeps it), else the helper's last card's, else German."""
    for chosen in (request.form.get("written_in") if request.method == "POST" else None,
                   request.cookies.get(CARD_LANGUAGE_COOKIE)):
        if chosen in LANGUAGES:
            return chosen
    return "de"


def _remember_card_language(response, language: str) -> None:
    response.set_cookie(CARD_LANGUAGE_COOKIE, language, max_age=COOKIE_MAX_AGE, httponly=True,
                        samesite="Lax", secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))


def _staff_links(workshop) -> dict:
    """The helper link and the tablet link on PUBLIC_URL (what phones in the hall reach,
    not the facilitator's own address), each with a QR code for the other device."""
    helper = base_url() + url_for("assist.helper_by_key", helper_key=services.helper_key(workshop.id))
    kiosk = base_url() + url_for("assist.kiosk_start", kiosk_key=services.kiosk_key(workshop.id))
    return {"helper_link": helper, "kiosk_link": kiosk,
            "helper_qr": qr_inline(helper, _("QR-Code des Helfer-Links")),
            "kiosk_qr": qr_inline(kiosk, _("QR-Code für das Tablet im Saal"))}


# --- kiosk: one tablet, many people ---------------------------------------------------------

def _kiosk_workshop(kiosk_key):
    workshop_id = services.workshop_for_kiosk_key(kiosk_key)
    return workshop_services.get_workshop(workshop_id) if workshop_id is not None else None


@bp.route("/kiosk/<kiosk_key>", methods=["GET", "POST"])
def kiosk_start(kiosk_key):
    """The tablet's start page: the join questions, then a fresh participant (channel
    "kiosk"). Showing it forgets the previous person on this tablet."""
    workshop = _kiosk_workshop(kiosk_key)
    if workshop is None or workshop.status != WorkshopStatus.OPEN.value:
        return render_template("workshops/join_closed.html", workshop=workshop), 404
    form = JoinForm.for_workshop(workshop)
    if form.validate_on_submit():
        answers = {**form.answers(), "channel": None}
        try:
            ticket = integrity.check_admission(
                workshop, getattr(form, "ticket", None) and form.ticket.data, device="kiosk")
            participant = workshop_services.join(workshop.id, locale=str(get_locale()),
                                                 device="kiosk", **answers)
            integrity.admit(ticket, participant)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            response = redirect(url_for("workshops.live", code=workshop.join_code), code=303)
            cookies.set_participant_cookie(response, workshop.id, participant.token)
            response.set_cookie(KIOSK_COOKIE.format(workshop.id), kiosk_key, httponly=True,
                                samesite="Lax",
                                secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))
            return response
    response = current_app.make_response((render_template(
        "assist/kiosk_start.html", form=form, workshop=workshop, kiosk_key=kiosk_key,
        municipality=get_municipality(workshop.municipality_id),
        code_display=join_codes.display(workshop.join_code),
        idle=kiosk_idle()), 400 if form.errors else 200))
    response.delete_cookie(cookies.cookie_name(workshop.id))
    return response


@bp.route("/kiosk/<kiosk_key>/next", methods=["POST"])
def kiosk_next(kiosk_key):
    """"Fertig – nächste Person" (or no input for a while): forget this person, start over."""
    workshop = _kiosk_workshop(kiosk_key)
    if workshop is None:
        return render_template("workshops/join_closed.html", workshop=None), 404
    response = redirect(url_for("assist.kiosk_start", kiosk_key=kiosk_key), code=303)
    response.delete_cookie(cookies.cookie_name(workshop.id))
    # The next person starts with the default language and text size, and picks their own.
    response.delete_cookie(LANG_COOKIE, samesite="Lax")
    response.delete_cookie(DISPLAY_COOKIE, samesite="Lax")
    # Browsers honour this on HTTPS (and localhost); kiosk.js clears the storage itself
    # first, which also works on a hall's plain-HTTP network and when the tablet is offline.
    response.headers["Clear-Site-Data"] = '"storage"'
    return response


def kiosk_idle() -> dict:
    return {"idle_seconds": int(current_app.config["KIOSK_IDLE_SECONDS"]),
            "warn_seconds": int(current_app.config["KIOSK_WARN_SECONDS"])}


def kiosk_config(workshop, participant) -> dict:
    """For the live page: kiosk settings when this browser is the hall's tablet."""
    key = request.cookies.get(KIOSK_COOKIE.format(workshop.id))
    if (not key or participant.channel != "kiosk"
            or services.workshop_for_kiosk_key(key) != workshop.id):
        return {}
    return {"kiosk": {"next_url": url_for("assist.kiosk_next", kiosk_key=key), **kiosk_idle()}}
