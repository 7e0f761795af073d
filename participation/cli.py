"""Flask commands: create-admin, seed-demo."""
import click
from flask import current_app
from flask.cli import with_appcontext


@click.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.password_option()
@with_appcontext
def create_admin(email, name, password):
    """Create an admin account (the first one, or another)."""
    from .accounts.models import Role
    from .accounts.services import create_user
    from .errors import DomainError
    try:
        user = create_user(email=email, name=name, password=password, role=Role.ADMIN)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from error
    click.echo(f"Admin {user.email} created.")


@click.command("seed-demo")
@with_appcontext
def seed_demo():
    """Create the demo municipality and a facilitator, once."""
    from .demo import seed_demo_data
    created = seed_demo_data()
    if created:
        click.echo("Demo created. Log in at http://<this machine>:%s/login" % current_app.config["PORT"])
        for line in created:
            click.echo("  " + line)
    else:
        click.echo("Demo data already present.")


def register_cli(app):
    app.cli.add_command(create_admin)
    app.cli.add_command(seed_demo)
