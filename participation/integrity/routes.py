"""Thin routes: the facilitator's tickets page and print sheet, the console's join figures."""
from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts.permissions import Permission, require
from ..errors import DomainError
from ..municipalities.services import get_municipality
from ..workshops import services as workshop_services
from ..workshops.public_url import join_url
from ..workshops.qr import qr_inline
from ..workshops.queries import participant_total
from . import services

bp = Blueprint("integrity", __name__)


@bp.app_context_processor
def console_figures():
    """For templates/integrity/_console_figures.html, included by the console."""
    return {"integrity_figures_for": services.join_figures}


def _workshop(workshop_id):
    workshop = workshop_services.get_workshop(workshop_id)
    require(current_user, Permission.RUN_WORKSHOPS, workshop.municipality_id)
    return workshop


@bp.route("/w/<int:workshop_id>/tickets", methods=["GET", "POST"])
@login_required
def tickets(workshop_id):
    """Issue entry tickets and switch the verified mode on or off (only before anyone joined:
    then every participant, and so every dot, has a ticket)."""
    workshop = _workshop(workshop_id)
    if request.method == "POST":
        try:
            if request.form.get("action") == "issue":
                count = request.form.get("count", type=int)
                issued = services.issue_tickets(workshop.id, count if count is not None else 0)
                flash(_("%(n)s Eintrittskarten erzeugt.", n=len(issued)), "success")
            elif request.form.get("action") == "mode":
                services.set_tickets_required(workshop, request.form.get("required") == "1")
                flash(_("Gespeichert."), "success")
        except DomainError as error:
            flash(str(error.message), "error")
        return redirect(url_for("integrity.tickets", workshop_id=workshop.id), code=303)
    return render_template("integrity/tickets.html", workshop=workshop,
                           joined=participant_total(workshop.id),
                           municipality=get_municipality(workshop.municipality_id),
                           figures=services.join_figures(workshop),
                           max_count=services.MAX_TICKETS_PER_PRINT)


@bp.route("/w/<int:workshop_id>/tickets/print")
@login_required
def tickets_print(workshop_id):
    """One QR code per unused ticket, to cut out (or print as PDF and send by letter)."""
    workshop = _workshop(workshop_id)
    base = join_url(workshop.join_code) if workshop.join_code else ""
    cards = []
    for ticket in services.unused_tickets(workshop.id):
        url = f"{base}?karte={ticket.code}"
        cards.append({"code": services.display_ticket(ticket.code), "url": url,
                      "qr": qr_inline(url, _("Eintrittskarte %(code)s", code=ticket.code))})
    return render_template("integrity/print.html", workshop=workshop, cards=cards,
                           municipality=get_municipality(workshop.municipality_id),
                           today=date.today())


@bp.route("/w/<int:workshop_id>/integrity.json")
@login_required
def figures(workshop_id):
    """Joins per minute, the stuffing alert and the tickets, for the console (polled)."""
    return services.join_figures(_workshop(workshop_id))
