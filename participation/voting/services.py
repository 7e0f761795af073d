"""Dot voting: a budget per participant and phase, a limit per idea, take-backs, and
idempotent writes (a repeated client_id is the same write, even from two tabs at once).

What the `/live` handlers and the helper page call. Placing a dot: the rules are in
rules.py, the grouped writer in batch.py (several dots in one transaction under eventlet
and gevent, acked only after the commit). Moderation's dot moves are in moderation.py."""
from flask import current_app
from sqlalchemy.exc import IntegrityError

from .. import live
from ..accounts.models import utcnow
from ..extensions import db
from ..ideas import queries as idea_queries
from ..workshops import services as workshop_services
from . import batch, queries, rules, tally
from .models import Dot
from .moderation import (merge_dots, notify_participants, recount,  # noqa: F401  (the API)
                         trim_to_budget, unmerge_dots)
from .queries import dots_of, my_dots, owners_of  # noqa: F401  (the feature's API)
from .rules import lock_participant, me_dict, participant_gone  # noqa: F401  (the API)

GROUPED_MODES = ("eventlet", "gevent")


def add_dot(workshop_id: int, participant_id: int, idea_id, client_id: str, sid=None) -> dict:
    """Place one dot. Returns {"me", "dots", "repeat"}. Under eventlet and gevent the dot
    waits for the process's writer (batch.py), which commits many at once; otherwise it is
    written in this transaction. `sid`: the socket that sent it (its ack carries `me`; no
    `me:updated` for it)."""
    request = (workshop_id, participant_id, idea_id, client_id, sid)
    if current_app.config.get("ASYNC_MODE") in GROUPED_MODES:
        result = batch.write_grouped(request)
    else:
        result = batch.write_now(request)
    if isinstance(result, Exception):
        raise result
    return result


def _result(workshop, participant_id, idea_id, repeat):
    """The ack's fields; while the counts are hidden no `dots` (the idea's total)."""
    hidden = workshop_services.counts_hidden(workshop)
    return {"me": me_dict(workshop, participant_id),
            "dots": None if hidden else idea_queries.dot_count(idea_id), "repeat": repeat}


def remove_dot(workshop_id: int, participant_id: int, idea_id, client_id: str) -> dict:
    """Take one dot back from an idea (the newest one). Returns {"me", "dots", "repeat"}."""
    workshop = workshop_services.get_workshop(workshop_id)
    find = db.select(Dot).where(Dot.workshop_id == workshop_id, Dot.removed_client_id == client_id)
    existing = db.session.scalar(find)
    if existing is not None:
        return _result(workshop, rules.own(existing, participant_id).participant_id, existing.idea_id, True)
    workshop_services.require_open(workshop, participant_id, "dots")
    lock_participant(participant_id)
    existing = db.session.scalar(find)
    if existing is not None:
        db.session.commit()
        return _result(workshop, rules.own(existing, participant_id).participant_id, existing.idea_id, True)
    idea = idea_queries.require_undottable(workshop_id, idea_id)
    dot = db.session.scalar(db.select(Dot).where(Dot.idea_id == idea.id, queries.active(),
                                                 Dot.participant_id == participant_id,
                                                 Dot.phase == workshop.phase)
                            .order_by(Dot.id.desc()).limit(1))
    if dot is None:
        raise rules.no_dot_to_remove()
    dot.removed_client_id = client_id
    dot.removed_at = utcnow()
    idea_queries.add_dots(idea.id, -1)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        existing = db.session.scalar(find)
        if existing is None:
            raise
        return _result(workshop, rules.own(existing, participant_id).participant_id, existing.idea_id, True)
    db.session.expire_all()
    tally.mark_dirty(workshop.id)
    result = _result(workshop, participant_id, idea.id, False)
    live.broadcast("me:updated", result["me"], live.participant_room(participant_id))
    return result
