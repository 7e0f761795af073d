"""Engine set-up: SQLite in WAL mode with a busy timeout, readable by its owner only."""
import os
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    module = type(dbapi_connection).__module__
    if "sqlite" not in module:
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # Several greenlets share one process: wait for a lock instead of failing at once.
    cursor.execute("PRAGMA busy_timeout=5000")
    # FULL: an acknowledged write survives even a power loss, not only a crash.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    files = [row[2] for row in cursor.execute("PRAGMA database_list") if row[2]]
    cursor.close()
    for name in files:
        _owner_only(Path(name))


def _owner_only(database: Path) -> None:
    """The database holds residents' answers and password hashes: mode 0600, and the same
    for its WAL and shared-memory files (SQLite gives those the database file's mode)."""
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        try:
            if path.exists() and path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)
        except OSError:  # a read-only or foreign-owned file: SQLite itself will complain
            pass
