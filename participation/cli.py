"""Flask commands: create-admin, seed-demo."""
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from .accounts.models import Role
from .accounts.services import create_user
from .backup import BackupError, backup, restore_sqlite, sqlite_path
from .demo import seed_demo_data
from .errors import DomainError


@click.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.password_option()
@with_appcontext
def create_admin(email, name, password):
    """Create an admin account (the first one, or another)."""
    try:
        user = create_user(email=email, name=name, password=password, role=Role.ADMIN)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from error
    click.echo(f"Admin {user.email} created.")


@click.command("seed-demo")
@with_appcontext
def seed_demo():
    """Create the demo municipality and a facilitator, once."""
    created = seed_demo_data()
    if created:
        click.echo("Demo created. Log in at http://<this machine>:%s/login" % current_app.config["PORT"])
        for line in created:
            click.echo("  " + line)
    else:
        click.echo("Demo data already present.")


@click.command("backup")
@click.option("--to", "target_dir", type=click.Path(file_okay=False), default=None,
              help="Folder for the backup (default: instance/backups).")
@with_appcontext
def backup_command(target_dir):
    """Write a consistent copy of the live database to a timestamped file."""
    target_dir = Path(target_dir or Path(current_app.instance_path) / "backups")
    try:
        path = backup(current_app.config["SQLALCHEMY_DATABASE_URI"], target_dir)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backup written: {path}")


@click.command("restore")
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Confirm: overwrite the current SQLite database.")
@with_appcontext
def restore_command(backup_file, yes):
    """Restore a SQLite backup over the current database. Stop the app first.
    (PostgreSQL: use pg_restore, see docs/operations.md.)"""
    try:
        database = sqlite_path(current_app.config["SQLALCHEMY_DATABASE_URI"])
        if database is None:
            raise BackupError("This database is not SQLite: restore it with pg_restore "
                              "(see docs/operations.md).")
        if not yes:
            click.confirm(f"Overwrite {database} with {backup_file}?", abort=True)
        restore_sqlite(Path(backup_file), database)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored {database} from {backup_file}.")


def register_cli(app):
    app.cli.add_command(create_admin)
    app.cli.add_command(seed_demo)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
