"""Accounts: admins, facilitators and municipal staff."""
from flask_babel import lazy_gettext as _l

from ..extensions import login_manager


def init_app(app):
    from . import routes, services  # at init: importing the package must not load its routes
    login_manager.user_loader(services.load_user)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Bitte melden Sie sich an.")
    login_manager.session_protection = "strong"
    app.register_blueprint(routes.bp)
