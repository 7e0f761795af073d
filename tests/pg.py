"""Throwaway PostgreSQL databases on the real server of this machine."""
import contextlib
import os
import uuid

import pytest

ADMIN_URL = os.environ.get("TEST_POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/test")


def _connect():
    import psycopg
    return psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3)


def postgres_available() -> bool:
    try:
        with _connect():
            return True
    except Exception:
        return False


def require_postgres():
    if not postgres_available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not reachable on 127.0.0.1:5432 in CI")
        pytest.skip("PostgreSQL is not running: start it with "
                    "'pg_ctlcluster --skip-systemctl-redirect 15 main start'")


@contextlib.contextmanager
def throwaway_database():
    """Yield a SQLAlchemy URL of a new, empty database; drop it afterwards."""
    require_postgres()
    name = "zw_" + uuid.uuid4().hex[:12]
    with _connect() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    try:
        yield f"{base}/{name}"
    finally:
        with _connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
