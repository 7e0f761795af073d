"""/beratung: the advisor's municipalities side by side."""
from flask import Blueprint, render_template
from flask_login import current_user, login_required

from ..accounts.permissions import require_advisor
from . import services

bp = Blueprint("advisor", __name__)


@bp.route("/beratung")
@login_required
def overview():
    require_advisor(current_user)
    return render_template("advisor/overview.html", rows=services.overview(current_user))
