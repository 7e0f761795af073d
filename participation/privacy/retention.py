"""Automatic erasure of participant data PARTICIPANT_RETENTION_DAYS after a session closed.

Runs by `flask purge-participants` (cron or a systemd timer) and, so that nobody has to
remember that, opportunistically: the first request after the app starts, then at most
once every PARTICIPANT_PURGE_INTERVAL_HOURS (default 24), in the request that happens to
come first. The work is one small query when nothing is due.
"""
import logging
import os
import threading
import time

import click
from flask import current_app
from flask.cli import with_appcontext

from ..extensions import db
from .services import purge_expired

log = logging.getLogger(__name__)
_lock = threading.Lock()


def _auto_purge_enabled(app) -> bool:
    value = app.config.get("PARTICIPANT_AUTO_PURGE")
    if value is None:
        raw = os.environ.get("PARTICIPANT_AUTO_PURGE")
        value = (raw != "0") if raw is not None else not app.testing
    return bool(value)


def run_purge(app) -> list[int]:
    days = int(app.config.get("PARTICIPANT_RETENTION_DAYS", 90))
    erased = purge_expired(days)
    if erased:
        log.info("Participant data erased for sessions %s (retention %s days)", erased, days)
    return erased


def init_app(app):
    app.cli.add_command(purge_participants)
    state = {"next_run": 0.0}
    interval = float(app.config.get("PARTICIPANT_PURGE_INTERVAL_HOURS", 24)) * 3600

    @app.before_request
    def opportunistic_purge():
        if time.monotonic() < state["next_run"] or not _auto_purge_enabled(app):
            return
        if not _lock.acquire(blocking=False):
            return
        try:
            if time.monotonic() < state["next_run"]:
                return
            state["next_run"] = time.monotonic() + interval
            try:
                run_purge(app)
            except Exception:  # never break a request because of housekeeping
                db.session.rollback()
                log.exception("Automatic participant data erasure failed")
        finally:
            _lock.release()


@click.command("purge-participants")
@click.option("--days", type=int, default=None,
              help="Retention in days (default: PARTICIPANT_RETENTION_DAYS).")
@with_appcontext
def purge_participants(days):
    """Erase participant data of sessions closed more than N days ago."""
    days = current_app.config.get("PARTICIPANT_RETENTION_DAYS", 90) if days is None else days
    if days < 0:
        raise click.BadParameter("days must be 0 or more")
    erased = purge_expired(int(days))
    if erased:
        click.echo(f"Participant data erased for {len(erased)} session(s): "
                   + ", ".join(str(i) for i in erased))
    else:
        click.echo("Nothing to erase.")
