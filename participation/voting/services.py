"""Dot voting: a budget per participant and phase, a limit per idea, take-backs, and
idempotent writes (a repeated client_id is the same write, even from two tabs at once)."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func, update
from sqlalchemy.exc import IntegrityError

from .. import live
from ..accounts.models import utcnow
from ..errors import DomainError, ValidationError
from ..extensions import db
from ..ideas import services as idea_services
from ..ideas.models import Idea, IdeaStatus
from ..workshops import services as workshop_services
from ..workshops.models import Participant
from . import tally
from .models import Dot


def lock_participant(participant_id: int) -> Participant:
    """Serialise the writes of one participant (two tabs, two phones with one cookie).
    PostgreSQL: SELECT ... FOR UPDATE on the participant row. SQLite ignores FOR UPDATE, so a
    no-op UPDATE takes the database write lock first; the rest of the transaction then runs
    alone."""
    take_sqlite_write_lock(participant_id)
    participant = db.session.scalar(db.select(Participant).where(Participant.id == participant_id)
                                    .with_for_update())
    if participant is None:
        raise participant_gone()
    return participant


_statements: dict = {}  # built once: building SQL expressions costs more than running them


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


def participant_gone() -> DomainError:
    return DomainError("not_authenticated", _l("Bitte treten Sie der Werkstatt neu bei."))


def _active():
    return Dot.removed_at.is_(None)


def dots_of(workshop, participant_ids) -> dict[int, dict[int, int]]:
    """Per participant, active dots of the current phase per idea (one query for many);
    dots on a hidden idea are given back while it is hidden."""
    if "dots_of" not in _statements:
        _statements["dots_of"] = (
            db.select(Dot.participant_id, Dot.idea_id, func.count()).join(Idea, Idea.id == Dot.idea_id)
            .where(Dot.participant_id.in_(bindparam("participants", expanding=True)),
                   Dot.phase == bindparam("phase"), _active(),
                   Idea.status != IdeaStatus.HIDDEN.value)
            .group_by(Dot.participant_id, Dot.idea_id))
    rows = db.session.execute(_statements["dots_of"], {"participants": list(participant_ids),
                                                       "phase": workshop.phase}).all()
    found = {participant_id: {} for participant_id in participant_ids}
    for participant_id, idea_id, count in rows:
        found[participant_id][idea_id] = count
    return found


def my_dots(workshop, participant_id: int) -> dict[int, int]:
    return dots_of(workshop, [participant_id])[participant_id]


def me_dict(workshop, participant_id: int) -> dict:
    mine = my_dots(workshop, participant_id)
    return {"participant_id": participant_id,
            "dots_left": max(0, workshop.dots_per_participant - sum(mine.values())),
            "my_dots": {str(idea_id): count for idea_id, count in mine.items()}}


def _result(workshop, participant_id, idea_id, repeat):
    idea = db.session.get(Idea, idea_id)
    return {"me": me_dict(workshop, participant_id), "dots": idea.dot_count if idea else 0,
            "repeat": repeat}


def _own(dot: Dot, participant_id: int) -> Dot:
    if dot.participant_id != participant_id:
        raise ValidationError("invalid", _l("Diese Kennung ist schon vergeben."))
    return dot


def add_dot(workshop_id: int, participant_id: int, idea_id, client_id: str, sid=None) -> dict:
    """Place one dot. Returns {"me", "dots", "repeat"}. The rules and the grouped commit
    (several dots of a process in one transaction, acked only after it) are in batch.py.
    `sid`: the socket that sent it (its ack carries `me`; no `me:updated` for it)."""
    from . import batch
    return batch.add_dot(workshop_id, participant_id, idea_id, client_id, sid)


def remove_dot(workshop_id: int, participant_id: int, idea_id, client_id: str) -> dict:
    """Take one dot back from an idea (the newest one). Returns {"me", "dots", "repeat"}."""
    workshop = workshop_services.get_workshop(workshop_id)
    find = db.select(Dot).where(Dot.workshop_id == workshop_id, Dot.removed_client_id == client_id)
    existing = db.session.scalar(find)
    if existing is not None:
        return _result(workshop, _own(existing, participant_id).participant_id, existing.idea_id, True)
    workshop_services.require_open(workshop, participant_id, "dots")
    lock_participant(participant_id)
    existing = db.session.scalar(find)
    if existing is not None:
        db.session.commit()
        return _result(workshop, _own(existing, participant_id).participant_id, existing.idea_id, True)
    idea = idea_services.get_idea(workshop_id, idea_id)
    if idea.status == IdeaStatus.MERGED.value:
        raise idea_services.IdeaNotFound()
    dot = db.session.scalar(db.select(Dot).where(Dot.idea_id == idea.id, _active(),
                                                 Dot.participant_id == participant_id,
                                                 Dot.phase == workshop.phase)
                            .order_by(Dot.id.desc()).limit(1))
    if dot is None:
        raise DomainError("no_dot_to_remove", _l("Auf dieser Idee liegt kein Punkt von Ihnen."))
    dot.removed_client_id = client_id
    dot.removed_at = utcnow()
    db.session.execute(update(Idea).where(Idea.id == idea.id)
                       .values(dot_count=Idea.dot_count - 1)
                       .execution_options(synchronize_session=False))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        existing = db.session.scalar(find)
        if existing is None:
            raise
        return _result(workshop, _own(existing, participant_id).participant_id, existing.idea_id, True)
    return _after_write(workshop, participant_id, idea.id)


def _after_write(workshop, participant_id: int, idea_id: int) -> dict:
    db.session.expire_all()
    tally.mark_dirty(workshop.id)
    result = _result(workshop, participant_id, idea_id, False)
    live.broadcast("me:updated", result["me"], live.participant_room(participant_id))
    return result


def trim_to_budget(workshop, idea_id: int) -> list[int]:
    """After a hidden idea comes back (finding 10): its dots count again, so an owner who
    spent the given-back dots elsewhere meanwhile would hold more than the budget. The
    newest surplus dots on the restored idea are taken back; returns the owners touched.
    The caller commits."""
    touched = []
    for owner in owners_of(idea_id):
        surplus = sum(my_dots(workshop, owner).values()) - workshop.dots_per_participant
        if surplus <= 0:
            continue
        newest = db.session.scalars(
            db.select(Dot).where(Dot.idea_id == idea_id, Dot.participant_id == owner, _active())
            .order_by(Dot.id.desc()).limit(surplus))
        for dot in newest:
            dot.removed_at = utcnow()
            dot.removed_client_id = f"over-budget:{dot.id}"
        touched.append(owner)
    if touched:
        db.session.flush()
        recount([idea_id])
        tally.mark_dirty(workshop.id)
    return touched


def recount(idea_ids) -> None:
    """Set the denormalised dot_count from the dots themselves."""
    for idea_id in set(idea_ids):
        count = db.session.scalar(db.select(func.count()).select_from(Dot)
                                  .where(Dot.idea_id == idea_id, _active()))
        db.session.execute(update(Idea).where(Idea.id == idea_id).values(dot_count=count)
                           .execution_options(synchronize_session=False))


def merge_dots(workshop, keep: Idea, merged_ids: list[int], tag: str) -> dict:
    """Move the active dots of merged ideas to the kept idea. A participant who would end
    above the per-idea limit gets the surplus back (those dots are taken back), so nobody
    ends above a limit. Part of the caller's transaction; the caller commits."""
    dots = list(db.session.scalars(db.select(Dot).where(Dot.idea_id.in_(merged_ids), _active())))
    owners = sorted({dot.participant_id for dot in dots if dot.participant_id})
    for participant_id in owners:
        lock_participant(participant_id)
    moved = {}
    for dot in dots:
        moved[str(dot.id)] = dot.idea_id
        dot.idea_id = keep.id
    db.session.flush()
    refunded = []
    now = utcnow()
    for participant_id in owners:
        on_keep = list(db.session.scalars(
            db.select(Dot).where(Dot.idea_id == keep.id, Dot.participant_id == participant_id,
                                 _active()).order_by(Dot.id.desc())))
        # Give back the moved dots first: the dots already on the kept idea stay.
        on_keep.sort(key=lambda dot: str(dot.id) not in moved)
        for dot in on_keep[:max(0, len(on_keep) - workshop.max_dots_per_idea)]:
            dot.removed_at = now
            dot.removed_client_id = f"merge-{tag}-{dot.id}"[:64]
            refunded.append(dot.id)
    db.session.flush()
    recount([keep.id, *merged_ids])
    return {"moved": moved, "refunded": refunded, "participants": owners}


def unmerge_dots(moved: dict) -> list[int]:
    """Undo of a merge: dots still active on the kept idea go back where they came from."""
    touched, owners = set(), set()
    for dot_id, original_idea_id in moved.items():
        dot = db.session.get(Dot, int(dot_id))
        if dot is not None and dot.removed_at is None:
            touched.update({dot.idea_id, original_idea_id})
            dot.idea_id = original_idea_id
            if dot.participant_id:
                owners.add(dot.participant_id)
    db.session.flush()
    recount(touched)
    return sorted(owners)


def notify_participants(workshop, participant_ids) -> None:
    """After a moderation step changed budgets: each participant's sockets get `me:updated`."""
    tally.mark_dirty(workshop.id)
    for participant_id in participant_ids:
        live.broadcast("me:updated", me_dict(workshop, participant_id),
                       live.participant_room(participant_id))


def owners_of(idea_id: int) -> list[int]:
    return sorted(db.session.scalars(db.select(Dot.participant_id).distinct().where(
        Dot.idea_id == idea_id, _active(), Dot.participant_id.is_not(None))))
