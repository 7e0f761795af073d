"""HTTP pages of live sessions: set-up (list, new, edit, open, close), the console, the
projector, the QR code, and the resident's join and live pages."""
from flask import (Blueprint, Response, current_app, flash, redirect, render_template, request,
                   send_from_directory, url_for)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts.permissions import Permission, can, require
from ..errors import DomainError
from ..extensions import limiter
from ..municipalities.services import get_municipality, municipality_for
from ..live import NAMESPACE
from . import cookies, join_codes, join_limit, lookup, online, services, signals
from .forms import JoinForm, WorkshopForm
from .models import Channel, WorkshopStatus
from .public_url import join_url
from .qr import qr_inline, qr_svg

bp = Blueprint("workshops", __name__)


def _workshop_for(workshop_id: int, permission: Permission):
    workshop = services.get_workshop(workshop_id)
    require(current_user, permission, workshop.municipality_id)
    return workshop


def _live_config(workshop, role: str, **extra) -> dict:
    config = {"workshop_id": workshop.id, "role": role, "namespace": NAMESPACE,
              "socketio_path": "/socket.io", **extra}
    if current_app.config.get("WEBSOCKET_ONLY"):
        config["transports"] = ["websocket"]
    return config


def _join_context(workshop) -> dict:
    url = join_url(workshop.join_code) if workshop.join_code else ""
    label = _("QR-Code zum Mitmachen: %(url)s", url=url)
    return {"join_url": url, "qr_svg": qr_inline(url, label) if url else ""}


# --- set-up -------------------------------------------------------------------------------

def _library_requested(form) -> bool:
    """"Fragen aus der Bibliothek einsetzen": fill the questions in, save nothing yet."""
    if request.method != "POST" or "library" not in request.form:
        return False
    form.validate()
    if "csrf_token" in form and form.csrf_token.errors:
        return True
    for field in form:  # nothing is saved yet: no complaints about other fields now
        field.errors = []
    try:
        form.fill_from_library()
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(_("Die Fragen aus der Bibliothek sind eingesetzt. Prüfen und ändern Sie sie, "
                "dann speichern Sie."), "success")
    return True


@bp.route("/m/<int:municipality_id>/workshops")
@login_required
def workshop_list(municipality_id):
    municipality = municipality_for(current_user, municipality_id, Permission.VIEW)
    return render_template("workshops/list.html", municipality=municipality,
                           workshops=services.list_workshops(municipality_id),
                           may_run=can(current_user, Permission.RUN_WORKSHOPS, municipality_id),
                           results_available="results.session_results" in current_app.view_functions)


@bp.route("/m/<int:municipality_id>/workshops/new", methods=["GET", "POST"])
@login_required
def workshop_new(municipality_id):
    municipality = municipality_for(current_user, municipality_id, Permission.RUN_WORKSHOPS)
    form = WorkshopForm()
    if _library_requested(form):
        return render_template("workshops/form.html", form=form, municipality=municipality,
                               workshop=None)
    if form.validate_on_submit():
        try:
            workshop = services.create_workshop(municipality_id, current_user.id,
                                                form.settings() | form.language_settings())
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Die Werkstatt ist angelegt. Öffnen Sie sie, wenn es losgeht."), "success")
            # To the new session's card: its id is in the address (#w-<id>), for people
            # (the list scrolls to it) and for programs (docs/realtime.md).
            return redirect(url_for("workshops.workshop_list", municipality_id=municipality_id,
                                    _anchor=f"w-{workshop.id}"))
    return render_template("workshops/form.html", form=form, municipality=municipality,
                           workshop=None), 400 if form.errors else 200


@bp.route("/w/<int:workshop_id>/edit", methods=["GET", "POST"])
@login_required
def workshop_edit(workshop_id):
    workshop = _workshop_for(workshop_id, Permission.RUN_WORKSHOPS)
    form = WorkshopForm(obj=workshop)
    if request.method == "GET":
        form.show_local_times(workshop)
        form.show_languages(workshop)
    if _library_requested(form):
        return render_template("workshops/form.html", form=form, workshop=workshop,
                               municipality=get_municipality(workshop.municipality_id))
    if form.validate_on_submit():
        try:
            services.update_workshop(workshop.id, current_user.id,
                                     form.settings() | form.language_settings())
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Die Einstellungen sind gespeichert."), "success")
            return redirect(url_for("workshops.workshop_list", municipality_id=workshop.municipality_id))
    return render_template("workshops/form.html", form=form, workshop=workshop,
                           municipality=get_municipality(workshop.municipality_id),
                           share_url=join_url(workshop.join_code) if workshop.join_code else ""), \
        400 if form.errors else 200


@bp.route("/w/<int:workshop_id>/open", methods=["POST"])
@login_required
def workshop_open(workshop_id):
    workshop = _workshop_for(workshop_id, Permission.RUN_WORKSHOPS)
    services.open_workshop(workshop.id, current_user.id)
    flash(_("Die Werkstatt ist geöffnet. Code: %(code)s",
            code=join_codes.display(workshop.join_code)), "success")
    return redirect(url_for("workshops.console", workshop_id=workshop.id))


@bp.route("/w/<int:workshop_id>/close", methods=["POST"])
@login_required
def workshop_close(workshop_id):
    workshop = _workshop_for(workshop_id, Permission.RUN_WORKSHOPS)
    try:
        services.close_workshop(workshop.id, current_user.id)
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(_("Die Werkstatt ist geschlossen."), "success")
    return redirect(url_for("workshops.workshop_list", municipality_id=workshop.municipality_id))


# --- facilitator console and projector ----------------------------------------------------

@bp.route("/w/<int:workshop_id>")
@login_required
def console(workshop_id):
    workshop = _workshop_for(workshop_id, Permission.RUN_WORKSHOPS)
    return render_template(
        "workshops/console.html", workshop=workshop,
        municipality=get_municipality(workshop.municipality_id),
        projector_url=url_for("workshops.projector", workshop_id=workshop.id),
        screen_url=url_for("workshops.screen", screen_key=cookies.screen_key(workshop.id)),
        live_config=_live_config(workshop, "facilitator"),
        close_confirmation=online.close_confirmation(workshop), **_join_context(workshop))


def _projector(workshop, **extra):
    return render_template("workshops/projector.html", workshop=workshop,
                           municipality=get_municipality(workshop.municipality_id),
                           live_config=_live_config(workshop, "projector", **extra),
                           **_join_context(workshop))


@bp.route("/w/<int:workshop_id>/projector")
@login_required
def projector(workshop_id):
    return _projector(_workshop_for(workshop_id, Permission.VIEW))


@bp.route("/screen/<screen_key>")
def screen(screen_key):
    """The projector without a login: the key in the URL is signed for one session."""
    workshop_id = cookies.workshop_for_screen_key(screen_key)
    if workshop_id is None:
        return render_template("workshops/join_closed.html", workshop=None), 404
    return _projector(services.get_workshop(workshop_id), screen=screen_key)


@bp.route("/w/<int:workshop_id>/qr.svg")
@login_required
def qr(workshop_id):
    workshop = _workshop_for(workshop_id, Permission.VIEW)
    if not workshop.join_code:
        return render_template("workshops/join_closed.html", workshop=None), 404
    return Response(qr_svg(join_url(workshop.join_code)), mimetype="image/svg+xml",
                    headers={"Cache-Control": "private, max-age=300"})


# --- residents ----------------------------------------------------------------------------

def _closed_page(workshop):
    # Results add the link to the public results when residents may read them.
    links = signals.collect(signals.closed_page_requested, workshop) if workshop else {}
    return render_template("workshops/join_closed.html", workshop=workshop,
                           results_url=links.get("results_url")), 404


@bp.route("/j")
def join_redirect():
    """The code form on the start page: /j?code=k7p-m3q -> /j/K7PM3Q."""
    code = join_codes.normalise(request.args.get("code", ""))
    if code is None:
        return _closed_page(None)
    return redirect(url_for("workshops.join", code=code))


def _resident_workshop(code: str):
    """(workshop, canonical code); workshop None when the code is unknown."""
    canonical = join_codes.normalise(code)
    return (lookup.workshop_by_code(canonical) if canonical else None), canonical


def _participant(workshop):
    return services.participant_by_token(workshop.id, cookies.token_from(request.cookies, workshop.id))


@bp.route("/j/<code>", methods=["GET", "POST"])
@limiter.limit(join_limit.limit, methods=["POST"], key_func=join_limit.key)
def join(code):
    workshop, canonical = _resident_workshop(code)
    if canonical and canonical != code and request.method == "GET":
        return redirect(url_for("workshops.join", code=canonical))
    if workshop is None or not online.may_join(workshop):
        return _closed_page(workshop)
    if _participant(workshop) is not None:
        # The same browser joining again gets its participant back: no second voice.
        return redirect(url_for("workshops.live", code=workshop.join_code),
                        code=303 if request.method == "POST" else 302)
    form = JoinForm.for_workshop(workshop)
    if workshop.status != WorkshopStatus.OPEN.value:  # the online window: from home only
        form.channel.choices = [c for c in form.channel.choices if c[0] == Channel.ONLINE.value]
        form.channel.data = Channel.ONLINE.value
    if form.validate_on_submit():
        try:
            # Integrity checks the cap and the entry ticket, then uses the ticket.
            checks = signals.join_checking.send(
                workshop, ticket=getattr(form, "ticket", None) and form.ticket.data)
            participant = services.join(workshop.id, locale=str(get_locale()), **form.answers())
            signals.participant_admitted.send(participant, checks=checks)
        except DomainError as error:
            flash(str(error.message), "error")
            form.errors_from_rules = True
        else:
            response = redirect(url_for("workshops.live", code=workshop.join_code), code=303)
            cookies.set_participant_cookie(response, workshop.id, participant.token)
            return response
    return render_template("workshops/join.html", form=form, workshop=workshop,
                           municipality=get_municipality(workshop.municipality_id),
                           code_display=join_codes.display(workshop.join_code),
                           online_sentences=online.window_sentences(workshop)), \
        400 if form.errors or getattr(form, "errors_from_rules", False) else 200


@bp.route("/j/<code>/live")
def live(code):
    workshop, canonical = _resident_workshop(code)
    if workshop is None:
        return _closed_page(None)
    participant = _participant(workshop)
    if participant is None:
        return redirect(url_for("workshops.join", code=workshop.join_code))
    return render_template("workshops/live.html", workshop=workshop, participant=participant,
                           municipality=get_municipality(workshop.municipality_id),
                           live_config=_live_config(workshop, "participant",
                                                    channel=participant.channel,
                                                    **_kiosk_config(workshop, participant)))


@bp.get("/j/sw.js")
def service_worker():
    """The live page's service worker. Served from /j/ so that its scope covers
    /j/<code>/live (a worker under /static/ could only control /static/)."""
    response = send_from_directory(current_app.static_folder, "js/live/sw.js",
                                   mimetype="application/javascript", max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response


def _kiosk_config(workshop, participant) -> dict:
    """The hall's shared tablet adds "Fertig – nächste Person" and the idle return (assist)."""
    return signals.collect(signals.live_page_config_requested, workshop, participant=participant)
