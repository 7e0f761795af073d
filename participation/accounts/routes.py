"""Log in and out; the admin's list of accounts."""
from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user

from ..errors import DomainError
from ..extensions import limiter
from ..safe_redirect import safe_next
from ..municipalities import services as municipality_services
from . import services
from .forms import LoginForm, UserForm
from .permissions import require_admin

bp = Blueprint("accounts", __name__)


def _login_limit_key():
    # Per account AND address: guessing one password is slowed down, but a stranger's wrong
    # attempts elsewhere cannot lock the real person out of their own account.
    email = (request.form.get("email") or "").strip().lower()[:254]
    return f"login:{get_remote_address()}:{email}"


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
            return redirect(safe_next(request.args.get("next"), url_for("municipalities.dashboard")))
        flash(_("E-Mail-Adresse oder Passwort stimmen nicht."), "error")
    status = 400 if request.method == "POST" else 200
    return render_template("accounts/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    # A new session token makes every copy of the old cookie worthless (sessions are
    # signed cookies, so clearing this browser's copy alone would not end them).
    services.end_sessions(current_user)
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
