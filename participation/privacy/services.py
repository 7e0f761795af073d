"""Privacy rules. Services take explicit arguments and never read the request.

Erasing a session's participant data keeps the ideas and dots (the session's result) but
removes every link to the people who wrote them: each row that points at a participant
gets NULL there, then the participants themselves (nickname, age band, cookie token) are
deleted. Found generically through the schema, so a table added later is covered too.
"""
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from werkzeug.security import check_password_hash

from ..accounts.models import Role, User, utcnow
from ..accounts.permissions import Permission, require
from ..errors import Conflict, ValidationError
from ..extensions import db
from ..municipalities.models import Municipality
from ..results.participation import take_snapshot
from ..workshops import activity
from ..workshops import queries as workshop_queries
from ..workshops.models import Workshop, WorkshopStatus


def _columns_pointing_at(table_name: str):
    """(table, column) pairs of every foreign key in the schema that refers to table_name."""
    for table in db.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == table_name and table.name != table_name:
                yield table, fk.parent


def _unlink(table_name: str, ids_query) -> None:
    for table, column in _columns_pointing_at(table_name):
        if column.nullable:
            db.session.execute(table.update().where(column.in_(ids_query)).values({column.name: None}))
        else:
            db.session.execute(table.delete().where(column.in_(ids_query)))


def erase_participant_data(workshop: Workshop, now: datetime | None = None) -> int:
    """Unlink ideas and dots from their authors and delete the session's participants,
    keeping only the aggregate counts of who took part (age bands, channels, answers).

    Returns the number of participants deleted. Commits once."""
    ids = workshop_queries.participant_ids(workshop.id)
    count = workshop_queries.participant_counts(workshop.id)["total"]
    take_snapshot(workshop.id)  # "who took part" keeps its aggregate counts
    _unlink("participant", ids)
    workshop_queries.delete_participants(workshop.id)
    workshop.participant_data_erased_at = now or utcnow()
    db.session.commit()
    return count or 0


def erase_by_facilitator(user, workshop: Workshop) -> int:
    """A facilitator erases the participant data of a session that is not running."""
    require(user, Permission.RUN_WORKSHOPS, workshop.municipality_id)
    if workshop.status == WorkshopStatus.OPEN.value:
        raise Conflict("session_open", _l("Die Veranstaltung läuft noch. Bitte schließen Sie sie, "
                                         "bevor Sie die Teilnahmedaten löschen."))
    return erase_participant_data(workshop)


def purge_expired(days: int, now: datetime | None = None) -> list[int]:
    """Erase the participant data of every session closed more than `days` days ago.

    Returns the ids of the sessions erased now (already erased ones are skipped)."""
    now = now or utcnow()
    cutoff = now - timedelta(days=days)
    due = workshop_queries.closed_before(cutoff)
    for workshop in due:
        erase_participant_data(workshop, now)
    return [workshop.id for workshop in due]


def _iso(value):
    return value.isoformat() + "Z" if value else None


def export_account(user: User) -> dict:
    """Everything stored about this person's account, as plain JSON-able data."""
    memberships = db.session.scalars(
        db.select(Municipality).where(Municipality.id.in_(user.municipality_ids)).order_by(Municipality.name))
    workshops = workshop_queries.created_by(user.id)
    actions = activity.actions_by(user.id)
    return {
        "account": {
            "id": user.id, "email": user.email, "name": user.name, "role": user.role,
            "active": user.active, "created_at": _iso(user.created_at),
            "last_login_at": _iso(user.last_login_at),
        },
        "municipalities": [{"id": m.id, "name": m.name} for m in memberships],
        "workshops_created": [{"id": w.id, "title": w.title, "created_at": _iso(w.created_at)}
                              for w in workshops],
        "moderation_actions": [{"id": a.id, "workshop_id": a.workshop_id, "action": a.action,
                                "idea_id": a.idea_id, "created_at": _iso(a.created_at)}
                               for a in actions],
        "exported_at": _iso(utcnow()),
        "note": str(_l("Passwörter werden nur als nicht umkehrbarer Hash gespeichert und "
                       "deshalb nicht ausgegeben.")),
    }


def delete_own_account(user: User, password: str) -> None:
    """A person deletes their own account after confirming with the password.

    Sessions and moderation records they made stay, without the link to them."""
    if not check_password_hash(user.password_hash, password or ""):
        raise ValidationError("wrong_password", _l("Das Passwort stimmt nicht."))
    if user.is_admin:
        admins = db.session.scalar(db.select(func.count()).select_from(User).where(
            User.role == Role.ADMIN.value, User.active.is_(True), User.id != user.id))
        if not admins:
            raise Conflict("last_admin", _l("Sie sind die einzige Administration. Legen Sie "
                                            "zuerst eine weitere an, bevor Sie Ihr Konto löschen."))
    user_id = user.id
    _unlink_nullable("user_account", user_id)
    db.session.delete(user)
    db.session.commit()


def _unlink_nullable(table_name: str, row_id: int) -> None:
    """NULL every nullable reference to one row; non-nullable ones cascade in the database."""
    for table, column in _columns_pointing_at(table_name):
        if column.nullable:
            db.session.execute(table.update().where(column == row_id).values({column.name: None}))
