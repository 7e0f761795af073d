"""Finding 12: database files readable by their owner only, pg_dump without the password on
its command line, `flask restore` refusing files that are not this app's backup."""
import os
import sqlite3
import stat

from participation.extensions import db
from tests.conftest import make_app


def test_database_file_and_its_wal_are_readable_by_the_owner_only(tmp_path):
    old = os.umask(0o022)  # the usual default: new files 0644
    try:
        app = make_app(tmp_path)
        with app.app_context():
            db.create_all()
            from participation.accounts.services import create_user
            create_user("admin@example.org", "Admin", "correct horse battery", "admin")
            files = [tmp_path / "test.db", tmp_path / "test.db-wal"]
            assert all(f.exists() for f in files)
            for path in files:
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
            db.session.remove()
    finally:
        os.umask(old)


def _cli(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        db.create_all()
        db.session.remove()
    return app


def test_restore_refuses_a_file_that_is_not_a_database_without_a_traceback(tmp_path):
    app = _cli(tmp_path)
    junk = tmp_path / "notes.txt"
    junk.write_text("this is not a database\n" * 50)
    result = app.test_cli_runner().invoke(args=["restore", "--yes", str(junk)])
    assert result.exit_code != 0
    assert "not an intact SQLite database" in result.output
    assert "Traceback" not in result.output and result.exception is None or \
        isinstance(result.exception, SystemExit)


def test_restore_refuses_an_unrelated_sqlite_file_and_keeps_the_database(tmp_path):
    app = _cli(tmp_path)
    other = tmp_path / "firefox-places.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.close()
    result = app.test_cli_runner().invoke(args=["restore", "--yes", str(other)])
    assert result.exit_code != 0 and "not a backup of this app" in result.output
    tables = {r[0] for r in sqlite3.connect(tmp_path / "test.db").execute(
        "SELECT name FROM sqlite_master WHERE type='table'")}
    assert "workshop" in tables and "moz_places" not in tables


def test_pg_dump_gets_the_password_from_the_environment_not_its_command_line(tmp_path, monkeypatch):
    from participation.backup import backup_postgres
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = tmp_path / "pg_dump.args"
    fake = bin_dir / "pg_dump"
    # A stand-in pg_dump that records what it was given and writes the dump file.
    fake.write_text("#!/bin/sh\n"
                    f"echo \"ARGS $*\" > {record}\n"
                    f"echo \"PGPASSWORD=$PGPASSWORD\" >> {record}\n"
                    "for a in \"$@\"; do case $a in --file=*) : > \"${a#--file=}\";; esac; done\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    backup_postgres("postgresql+psycopg://zw:s3cret-pw@127.0.0.1:5432/werkstatt", tmp_path / "out")
    args, env = record.read_text().splitlines()
    assert "s3cret-pw" not in args
    assert "--dbname=postgresql://zw@127.0.0.1:5432/werkstatt" in args
    assert env == "PGPASSWORD=s3cret-pw"
