"""Reading sessions and participants: the documented query module of the workshops
feature. Other features read these tables through here (or workshops.services); a
session by its join code: lookup.py."""
from sqlalchemy import bindparam, func, update

from ..errors import NotFound
from ..extensions import db
from .models import Channel, Participant, Workshop, WorkshopStatus


_statements: dict = {}  # built once: building SQL expressions costs more than running them


def iso(value) -> str | None:
    return value.replace(microsecond=0).isoformat() + "Z" if value else None


def get_workshop(workshop_id: int) -> Workshop:
    workshop = db.session.get(Workshop, workshop_id) if isinstance(workshop_id, int) else None
    if workshop is None:
        raise NotFound()
    return workshop


def list_workshops(municipality_id: int) -> list[Workshop]:
    return list(db.session.scalars(db.select(Workshop)
                                   .where(Workshop.municipality_id == municipality_id)
                                   .order_by(Workshop.created_at.desc(), Workshop.id.desc())))


def get_participant(participant_id: int) -> Participant | None:
    return db.session.get(Participant, participant_id) if participant_id else None


def participant_by_token(workshop_id: int, token: str | None) -> Participant | None:
    if not token:
        return None
    return db.session.scalar(db.select(Participant).where(
        Participant.token == token, Participant.workshop_id == workshop_id))


def take_sqlite_write_lock(participant_id: int) -> None:
    """On SQLite, a no-op UPDATE as the transaction's first statement takes the database's
    write lock, so no read snapshot can go stale before the write (nothing on PostgreSQL)."""
    if db.session.get_bind().dialect.name == "sqlite":
        if "lock" not in _statements:
            _statements["lock"] = (update(Participant)
                                   .where(Participant.id == bindparam("participant"))
                                   .values(channel=Participant.channel)
                                   .execution_options(synchronize_session=False))
        db.session.execute(_statements["lock"], {"participant": participant_id})


def lock_participants(participant_ids) -> dict[int, Participant]:
    """SELECT ... FOR UPDATE on these participants' rows, in id order (no deadlock between
    processes): serialises one participant's tabs and phones. Returns them by id."""
    ids = sorted(participant_ids)
    if not ids:
        return {}
    if "participants" not in _statements:
        _statements["participants"] = (
            db.select(Participant).where(Participant.id.in_(bindparam("ids", expanding=True)))
            .order_by(Participant.id).with_for_update())
    return {p.id: p for p in db.session.scalars(_statements["participants"], {"ids": ids})}


def participant_ids(workshop_id: int):
    """The session's participant ids, as a subquery (to unlink or erase their data)."""
    return db.select(Participant.id).where(Participant.workshop_id == workshop_id).scalar_subquery()


def delete_participants(workshop_id: int) -> None:
    """Part of the caller's transaction (privacy's erasure)."""
    db.session.execute(db.delete(Participant).where(Participant.workshop_id == workshop_id))


def closed_before(cutoff) -> list[Workshop]:
    """Sessions closed at or before `cutoff` whose participant data is not yet erased."""
    return list(db.session.scalars(
        db.select(Workshop).where(Workshop.status == WorkshopStatus.CLOSED.value,
                                  Workshop.closed_at.is_not(None),
                                  Workshop.closed_at <= cutoff,
                                  Workshop.participant_data_erased_at.is_(None))
        .order_by(Workshop.id)))


def created_by(user_id: int) -> list[Workshop]:
    return list(db.session.scalars(
        db.select(Workshop).where(Workshop.created_by_id == user_id).order_by(Workshop.id)))


def closed_sessions_per_municipality() -> dict[int, int]:
    return dict(db.session.execute(
        db.select(Workshop.municipality_id, func.count(Workshop.id))
        .where(Workshop.status == WorkshopStatus.CLOSED.value)
        .group_by(Workshop.municipality_id)).all())


def participants_per_municipality() -> dict[int, int]:
    return dict(db.session.execute(
        db.select(Workshop.municipality_id, func.count(Participant.id))
        .join(Participant, Participant.workshop_id == Workshop.id)
        .group_by(Workshop.municipality_id)).all())


def participant_total(workshop_id: int) -> int:
    """Everyone who joined the session (acted or not)."""
    return db.session.scalar(db.select(func.count(Participant.id))
                             .where(Participant.workshop_id == workshop_id))


def participant_counts(workshop_id: int) -> dict:
    rows = db.session.execute(db.select(Participant.channel, func.count())
                              .where(Participant.workshop_id == workshop_id)
                              .group_by(Participant.channel)).all()
    counts = {channel.value: 0 for channel in Channel}
    for channel, count in rows:
        counts[channel] = count
    counts["total"] = sum(counts.values())
    return counts
