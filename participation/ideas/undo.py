"""Undo of a recorded moderation step, where that makes sense."""
import json

from flask_babel import lazy_gettext as _l

from ..errors import DomainError, NotFound
from ..extensions import db
from ..workshops import services as workshop_services
from . import bulk, moderation, signals
from .models import Cluster, Idea, IdeaStatus, ModerationAction
from .services import broadcast_idea
from .spotlight import set_spotlight


class NotUndoable(DomainError):
    code = "not_undoable"
    http_status = 409
    default_message = _l("Dieser Schritt lässt sich nicht rückgängig machen.")


def undo(workshop_id: int, action_id, user_id: int | None) -> None:
    entry = db.session.get(ModerationAction, action_id) if isinstance(action_id, int) else None
    if entry is None or entry.workshop_id != workshop_id:
        raise NotFound()
    if entry.action not in moderation.UNDOABLE:
        raise NotUndoable()
    details = json.loads(entry.details or "{}")
    if details.get("undone"):
        return  # a repeat of the same undo
    _mark_undone(entry, details)
    handler = globals()[f"_undo_{entry.action}"]
    handler(workshop_id, entry, details, user_id)


def _mark_undone(entry, details):
    details["undone"] = True
    entry.details = json.dumps(details, ensure_ascii=False)


def _undo_hide(workshop_id, entry, details, user_id):
    idea = db.session.get(Idea, entry.idea_id)
    if idea is None or idea.status != IdeaStatus.HIDDEN.value:
        raise NotUndoable()
    moderation.set_status(idea, details.get("old", IdeaStatus.VISIBLE.value))
    _commit_idea(workshop_id, idea, user_id, entry)


def _undo_restore(workshop_id, entry, details, user_id):
    idea = db.session.get(Idea, entry.idea_id)
    if idea is None or idea.status != IdeaStatus.VISIBLE.value:
        raise NotUndoable()
    idea.status = IdeaStatus.HIDDEN.value
    _commit_idea(workshop_id, idea, user_id, entry)


def _undo_approve(workshop_id, entry, details, user_id):
    idea = db.session.get(Idea, entry.idea_id)
    if idea is None or idea.status != IdeaStatus.VISIBLE.value or idea.dot_count:
        raise NotUndoable()  # once dotted, an approved idea stays
    idea.status = IdeaStatus.PENDING.value
    _commit_idea(workshop_id, idea, user_id, entry)


def _undo_edit(workshop_id, entry, details, user_id):
    idea = db.session.get(Idea, entry.idea_id)
    if idea is None:
        raise NotUndoable()
    idea.text = details["old"]
    _commit_idea(workshop_id, idea, user_id, entry)


def _undo_cluster_assign(workshop_id, entry, details, user_id):
    idea = db.session.get(Idea, entry.idea_id)
    old = details.get("old")
    if idea is None or (old is not None and db.session.get(Cluster, old) is None):
        raise NotUndoable()
    idea.cluster_id = old
    _commit_idea(workshop_id, idea, user_id, entry)


def _commit_idea(workshop_id, idea, user_id, entry):
    moderation.record(workshop_id, user_id, "undo", {"action_id": entry.id}, idea.id)
    db.session.commit()
    moderation.announce_idea_change(idea)


def _undo_merge(workshop_id, entry, details, user_id):
    workshop = workshop_services.get_workshop(workshop_id)
    # Voting moves the dots back and names their owners.
    owners = signals.collect(signals.merge_undoing, workshop,
                             moved=details.get("moved", {})).get("participants", [])
    merged = []
    for idea_id, status in details.get("previous", {}).items():
        idea = db.session.get(Idea, int(idea_id))
        if idea is not None and idea.status == IdeaStatus.MERGED.value:
            idea.status = status
            idea.merged_into_id = None
            merged.append(idea)
    moderation.record(workshop_id, user_id, "undo", {"action_id": entry.id}, entry.idea_id)
    db.session.commit()
    db.session.expire_all()
    for idea in merged:
        broadcast_idea(db.session.get(Idea, idea.id))
    keep = db.session.get(Idea, entry.idea_id)
    if keep is not None:
        broadcast_idea(keep)
    signals.dots_moved.send(workshop, participant_ids=owners)


def _undo_bulk(workshop_id, entry, details, user_id):
    back = bulk.undo(workshop_id, details)
    if not back:
        raise NotUndoable()
    moderation.record(workshop_id, user_id, "undo", {"action_id": entry.id})
    db.session.commit()
    bulk.announce(details.get("kind"), back)


def _undo_cluster_rename(workshop_id, entry, details, user_id):
    db.session.rollback()
    moderation.rename_cluster(workshop_id, details["cluster_id"], details["old"], user_id)
    _mark_entry_undone(entry.id)


def _undo_cluster_create(workshop_id, entry, details, user_id):
    db.session.rollback()
    moderation.delete_cluster(workshop_id, details["cluster_id"], user_id)
    _mark_entry_undone(entry.id)


def _undo_spotlight(workshop_id, entry, details, user_id):
    db.session.rollback()
    old = details.get("old")
    if old is not None and db.session.get(Idea, old).status != IdeaStatus.VISIBLE.value:
        old = None
    set_spotlight(workshop_id, old, user_id)
    _mark_entry_undone(entry.id)


def _mark_entry_undone(action_id):
    entry = db.session.get(ModerationAction, action_id)
    _mark_undone(entry, json.loads(entry.details or "{}"))
    db.session.commit()
