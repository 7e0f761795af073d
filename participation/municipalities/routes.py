"""Dashboard and municipality pages."""
from flask import Blueprint, render_template
from flask_login import current_user, login_required

from . import services

bp = Blueprint("municipalities", __name__)


@bp.route("/dashboard")
@login_required
def dashboard():
    return render_template("municipalities/dashboard.html",
                           municipalities=services.municipalities_for(current_user))


@bp.route("/m/<int:municipality_id>")
@login_required
def detail(municipality_id):
    municipality = services.municipality_for(current_user, municipality_id)
    return render_template("municipalities/detail.html", municipality=municipality)
