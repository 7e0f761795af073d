"""Log in and out; the admin's list of accounts."""
from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..errors import DomainError
from ..extensions import limiter
from ..municipalities import services as municipality_services
from . import services
from .forms import LoginForm, UserForm
from .permissions import require_admin

bp = Blueprint("accounts", __name__)


def _safe_next(target: str | None) -> str:
    # Only same-site paths: an open redirect would let a phishing link borrow our login.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("municipalities.dashboard")


def _login_limit_key():
    return "login:" + (request.form.get("email") or "").strip().lower()


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("20/15 minutes", methods=["POST"])
@limiter.limit("5/minute", methods=["POST"], key_func=_login_limit_key)
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user:
            session.clear()  # a fresh session at login: no fixation
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        flash(_("E-Mail-Adresse oder Passwort stimmen nicht."), "error")
    status = 400 if request.method == "POST" else 200
    return render_template("accounts/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    session.clear()
    flash(_("Sie sind abgemeldet."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/admin/users")
@login_required
def user_list():
    require_admin(current_user)
    return render_template("accounts/users.html", users=services.list_users())


def _fill_choices(form):
    form.municipalities.choices = [(m.id, m.name) for m in municipality_services.all_municipalities()]


@bp.route("/admin/users/new", methods=["GET", "POST"])
@login_required
def user_new():
    require_admin(current_user)
    form = UserForm()
    _fill_choices(form)
    if form.validate_on_submit():
        try:
            services.create_user(form.email.data, form.name.data, form.password.data or "",
                                 form.role.data, form.municipalities.data)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Das Konto ist angelegt."), "success")
            return redirect(url_for("accounts.user_list"))
    return render_template("accounts/user_form.html", form=form, user=None)


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@login_required
def user_edit(user_id):
    require_admin(current_user)
    user = services.get_user(user_id)
    form = UserForm(obj=user if request.method == "GET" else None)
    _fill_choices(form)
    if request.method == "GET":
        form.municipalities.data = sorted(user.municipality_ids)
    del form.email
    if form.validate_on_submit():
        try:
            services.update_user(user, form.name.data, form.role.data, form.active.data,
                                 form.municipalities.data, form.password.data or None)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Das Konto ist gespeichert."), "success")
            return redirect(url_for("accounts.user_list"))
    return render_template("accounts/user_form.html", form=form, user=user)
