from flask import Blueprint, current_app, redirect, render_template, url_for
from flask_login import current_user

bp = Blueprint("pages", __name__)


@bp.route("/")
def index():
    if current_user.is_authenticated:
        return redirect(url_for("municipalities.dashboard"))
    return render_template("pages/index.html")


@bp.route("/healthz")
def health():
    return {"ok": True}


@bp.route("/favicon.ico")
def favicon():
    """Browsers ask for it on every first visit; a 404 there fills the logs."""
    response = current_app.send_static_file("img/favicon.ico")
    response.headers["Cache-Control"] = "public, max-age=604800"
    return response


@bp.route("/datenschutz")
def privacy():
    return render_template("pages/privacy.html")


@bp.route("/hilfe")
def help():
    """Help for residents, also in Leichte Sprache (see participation/i18n/)."""
    return render_template("pages/help.html")


@bp.route("/barrierefreiheit")
def accessibility():
    return render_template("pages/accessibility.html")
