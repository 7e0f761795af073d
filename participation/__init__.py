"""Zukunftswerkstatt Live: citizen participation for German municipalities."""
from pathlib import Path

from flask import Flask

from . import database  # noqa: F401  (registers the SQLite pragmas)
from .config import INSTANCE_DIR, PROJECT_ROOT, load_config
from .extensions import csrf, db, limiter, login_manager, migrate


def create_app(config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(INSTANCE_DIR),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.update(load_config())
    if config:
        app.config.update(config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from . import models  # noqa: F401  (the whole schema, for Alembic)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)

    # Everything below is imported in create_app, not at package import: importing
    # `participation` (for a model, in a script or a test) must not build the app's parts.
    from .i18n import init_i18n  # in create_app, see above
    init_i18n(app)

    from .live import init_live  # in create_app
    init_live(app)

    from .errors import register_error_pages  # in create_app
    register_error_pages(app)

    from .security import init_security  # in create_app
    init_security(app)
    from .input_guard import init_input_guard  # in create_app
    init_input_guard(app)

    from . import accounts, municipalities, pages  # in create_app: their routes
    accounts.init_app(app)
    municipalities.init_app(app)
    pages.init_app(app)

    from .features import init_features  # in create_app: the features' routes
    init_features(app)
    # Every feature has imported its socket handlers by now: attach them to this app's
    # Socket.IO server (a new one per create_app).
    from .live import register_handlers
    register_handlers()

    from .cli import register_cli  # in create_app
    register_cli(app)
    return app
