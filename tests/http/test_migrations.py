"""The committed migrations build exactly the schema the models describe."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from participation.extensions import db
from tests.conftest import make_app
from tests.pg import throwaway_database


def _pending_changes(url):
    engine = create_engine(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
    engine.dispose()
    return diff


def _migrate_and_compare(tmp_path, url):
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return _pending_changes(url)


def test_migrations_match_models_on_sqlite(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrated.db'}"
    assert _migrate_and_compare(tmp_path, url) == []
    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    engine.dispose()


@pytest.mark.postgres
def test_migrations_match_models_on_postgresql(tmp_path):
    with throwaway_database() as url:
        assert _migrate_and_compare(tmp_path, url) == []
