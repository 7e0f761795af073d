"""Consistent backups of the database while the app keeps writing.

SQLite: the online backup API (sqlite3.Connection.backup) copies the live database page by
page and restarts the copy of pages that change meanwhile, so the result is a consistent
snapshot even in WAL mode with writers active. The copy is then checked with
`PRAGMA integrity_check` before it is reported as good.

PostgreSQL: `pg_dump --format=custom`, which takes a consistent snapshot by itself.
"""
import os
import shutil
import sqlite3
# pg_dump is run with a fixed executable and an argument list, never through a shell.
import subprocess  # nosec B404
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy.engine import URL, make_url


class BackupError(Exception):
    pass


def _timestamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")


def sqlite_path(database_uri: str) -> Path | None:
    url = make_url(database_uri)
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up.")
    return Path(url.database)


# A backup of this app has these tables; any other SQLite file is refused by restore.
REQUIRED_TABLES = {"alembic_version", "user_account", "municipality", "workshop", "participant"}


def integrity_ok(path: Path) -> bool:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        conn.close()
    except sqlite3.DatabaseError:  # not a database at all (a text file, a PDF, ...)
        return False
    return rows == [("ok",)]


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    conn.close()
    return {name for (name,) in rows}


def backup_sqlite(source: Path, target_dir: Path, pages_per_step: int = 256) -> Path:
    if not source.exists():
        raise BackupError(f"Database file not found: {source}")
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{source.stem}-{_timestamp()}.db"
    counter = 1
    while target.exists():
        target = target_dir / f"{source.stem}-{_timestamp()}-{counter}.db"
        counter += 1
    partial = target.with_suffix(".db.partial")
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(partial)
    try:
        # Small steps let the app's writers go on between them; changed pages are re-copied.
        src.backup(dst, pages=pages_per_step, sleep=0.005)
        dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
    finally:
        dst.close()
        src.close()
    if not integrity_ok(partial):
        partial.unlink(missing_ok=True)
        raise BackupError("The copy failed the integrity check; nothing was kept.")
    os.replace(partial, target)
    target.chmod(0o600)
    return target


def restore_sqlite(backup_file: Path, database: Path) -> None:
    """Copy a backup into the database (stop the app first). The backup is checked first."""
    if not backup_file.exists():
        raise BackupError(f"Backup file not found: {backup_file}")
    if not integrity_ok(backup_file):
        raise BackupError("The file is not an intact SQLite database; nothing was restored.")
    missing = REQUIRED_TABLES - _tables(backup_file)
    if missing:
        raise BackupError("The file is not a backup of this app (tables missing: "
                          f"{', '.join(sorted(missing))}); nothing was restored.")
    database.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    dst = sqlite3.connect(database, timeout=30)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _libpq_url(database_uri: str) -> tuple[str, dict]:
    """The URL without its password, and the environment that carries the password: a
    command line is visible to every user of the machine (ps, /proc), the environment not."""
    url = make_url(database_uri).set(drivername="postgresql")
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    bare = URL.create(url.drivername, username=url.username, host=url.host, port=url.port,
                      database=url.database, query=url.query)
    return bare.render_as_string(hide_password=False), env


def backup_postgres(database_uri: str, target_dir: Path) -> Path:
    pg_dump = shutil.which("pg_dump")
    if not pg_dump:
        raise BackupError("pg_dump was not found; install the PostgreSQL client tools.")
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{make_url(database_uri).database}-{_timestamp()}.dump"
    dbname, env = _libpq_url(database_uri)
    subprocess.run(  # nosec B603
        [pg_dump, "--format=custom", "--no-owner", f"--file={target}", f"--dbname={dbname}"],
        check=True, env=env)
    target.chmod(0o600)
    return target


def backup(database_uri: str, target_dir: Path) -> Path:
    path = sqlite_path(database_uri)
    if path is not None:
        return backup_sqlite(path, target_dir)
    if make_url(database_uri).get_backend_name() == "postgresql":
        return backup_postgres(database_uri, target_dir)
    raise BackupError("Only SQLite and PostgreSQL are supported.")
