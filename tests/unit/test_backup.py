"""`flask backup` copies a live SQLite database consistently while the app writes."""
import sqlite3
import threading

import pytest

from participation.backup import BackupError, backup_sqlite, integrity_ok, restore_sqlite
from tests.conftest import make_app


def _live_database(path):
    conn = sqlite3.connect(path, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
    for table in ("alembic_version", "user_account", "municipality", "workshop", "participant"):
        conn.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY)")  # what restore checks
    conn.executemany("INSERT INTO note (body) VALUES (?)", [("x" * 500,)] * 4000)
    conn.commit()
    return conn


def test_backup_while_a_writer_inserts_is_consistent(tmp_path):
    source = tmp_path / "live.db"
    conn = _live_database(source)
    stop = threading.Event()
    written = []

    def writer():
        n = 0
        while not stop.is_set():
            conn.execute("INSERT INTO note (body) VALUES (?)", (f"during backup {n}" * 20,))
            conn.commit()
            n += 1
        written.append(n)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        # Tiny steps make the backup take long enough for the writer to interleave.
        copy = backup_sqlite(source, tmp_path / "backups", pages_per_step=4)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert written and written[0] > 0, "the writer never ran during the backup"
    assert integrity_ok(copy)
    rows = sqlite3.connect(copy).execute("SELECT count(*), max(id) FROM note").fetchone()
    # A consistent snapshot: no gaps, at least the rows that were there before.
    assert rows[0] == rows[1] and rows[0] >= 4000
    conn.close()


def test_restore_brings_the_copy_back(tmp_path):
    source = tmp_path / "live.db"
    conn = _live_database(source)
    copy = backup_sqlite(source, tmp_path / "backups")
    conn.execute("DELETE FROM note")
    conn.commit()
    conn.close()
    restore_sqlite(copy, source)
    assert sqlite3.connect(source).execute("SELECT count(*) FROM note").fetchone() == (4000,)
    assert integrity_ok(source)


def test_restore_refuses_a_damaged_file(tmp_path):
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    target = tmp_path / "live.db"
    _live_database(target).close()
    with pytest.raises((BackupError, sqlite3.DatabaseError)):
        restore_sqlite(damaged, target)
    assert sqlite3.connect(target).execute("SELECT count(*) FROM note").fetchone() == (4000,)


def test_backup_command_writes_a_timestamped_copy(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        from participation.extensions import db
        db.create_all()
        from participation.accounts.services import create_user
        create_user("admin@example.org", "Admin", "correct horse battery", "admin")
        result = app.test_cli_runner().invoke(args=["backup", "--to", str(tmp_path / "out")])
        assert result.exit_code == 0, result.output
        files = list((tmp_path / "out").glob("test-*.db"))
        assert len(files) == 1 and files[0].name in result.output
        assert integrity_ok(files[0])
        emails = sqlite3.connect(files[0]).execute("SELECT email FROM user_account").fetchall()
        assert emails == [("admin@example.org",)]
        db.session.remove()
