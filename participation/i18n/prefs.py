"""The large-text switch without JavaScript (`POST /anzeige`)."""
from flask import Blueprint, redirect, request, url_for

from ..safe_redirect import safe_next
from .languages import COOKIE_MAX_AGE, DISPLAY_COOKIE

bp = Blueprint("prefs", __name__)


@bp.route("/anzeige", methods=["POST"])
def display():
    """The large-text switch without JavaScript: flip the cookie, go back to the page."""
    wanted = request.form.get("display")
    response = redirect(safe_next(request.form.get("next"), url_for("pages.index")), 303)
    if wanted == "large":
        response.set_cookie(DISPLAY_COOKIE, "large", max_age=COOKIE_MAX_AGE, samesite="Lax")
    else:
        response.delete_cookie(DISPLAY_COOKIE, samesite="Lax")
    return response
