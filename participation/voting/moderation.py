"""Dots moved by moderation: a restored idea's surplus taken back, the dots of merged
ideas moved (and moved back by an undo), and the owners told. Voting's receivers of the
ideas signals call these (receivers.py); each is part of the caller's transaction."""
from .. import live
from ..accounts.models import utcnow
from ..extensions import db
from ..ideas import queries as idea_queries
from . import queries, rules, tally
from .models import Dot


def trim_to_budget(workshop, idea_id: int) -> list[int]:
    """After a hidden idea comes back (finding 10): its dots count again, so an owner who
    spent the given-back dots elsewhere meanwhile would hold more than the budget. The
    newest surplus dots on the restored idea are taken back; returns the owners touched.
    The caller commits."""
    touched = []
    for owner in queries.owners_of(idea_id):
        surplus = sum(queries.my_dots(workshop, owner).values()) - workshop.dots_per_participant
        if surplus <= 0:
            continue
        newest = db.session.scalars(
            db.select(Dot).where(Dot.idea_id == idea_id, Dot.participant_id == owner,
                                 queries.active())
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
        idea_queries.set_dots(idea_id, queries.active_count(idea_id))


def merge_dots(workshop, keep, merged_ids: list[int], tag: str) -> dict:
    """Move the active dots of merged ideas to the kept idea. A participant who would end
    above the per-idea limit gets the surplus back (those dots are taken back), so nobody
    ends above a limit. Part of the caller's transaction; the caller commits."""
    dots = list(db.session.scalars(db.select(Dot).where(Dot.idea_id.in_(merged_ids),
                                                        queries.active())))
    owners = sorted({dot.participant_id for dot in dots if dot.participant_id})
    for participant_id in owners:
        rules.lock_participant(participant_id)
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
                                 queries.active()).order_by(Dot.id.desc())))
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
        live.broadcast("me:updated", rules.me_dict(workshop, participant_id),
                       live.participant_room(participant_id))
