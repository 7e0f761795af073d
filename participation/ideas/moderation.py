"""Moderation: hide, restore, correct, approve, merge, clusters. Every step is recorded in
ModerationAction (who, what, when) and the sensible ones can be undone."""
import json
import secrets

from flask_babel import lazy_gettext as _l

from .. import live
from ..accounts.models import User
from ..errors import DomainError, NotFound, ValidationError
from ..extensions import db
from ..workshops import services as workshop_services
from ..workshops.activity import actions, record  # noqa: F401  (part of this module's API)
from . import signals
from .models import Cluster, Idea, IdeaStatus, ModerationAction
from .services import broadcast_idea, clean_text, cluster_dict, get_idea
from .spotlight import set_spotlight

MAX_CLUSTER_NAME = 120
UNDOABLE = {"hide", "restore", "edit", "approve", "merge", "cluster_assign", "cluster_rename",
            "cluster_create", "spotlight", "bulk"}


def _set_status(workshop_id, idea_id, user_id, action, allowed_from, new_status) -> Idea:
    idea = get_idea(workshop_id, idea_id)
    if idea.status == new_status:
        return idea  # a repeat sets the same state
    if idea.status not in allowed_from:
        raise DomainError("invalid_state", _l("Das geht mit dieser Idee gerade nicht."))
    record(workshop_id, user_id, action, {"old": idea.status, "new": new_status}, idea.id)
    set_status(idea, new_status)
    db.session.commit()
    announce_idea_change(idea)
    return idea


def set_status(idea: Idea, new_status: str) -> None:
    """Inside the caller's transaction. An idea that becomes visible again (restored, approved,
    a hide undone) counts its dots again: voting takes back those above a budget."""
    idea.status = new_status
    if new_status == IdeaStatus.VISIBLE.value:
        db.session.flush()
        signals.idea_became_visible.send(
            idea, workshop=workshop_services.get_workshop(idea.workshop_id))


def announce_idea_change(idea: Idea) -> None:
    """After the commit: the idea's new state to whoever sees it."""
    broadcast_idea(idea)
    workshop = workshop_services.get_workshop(idea.workshop_id)
    # Dots on a hidden idea are given back while it is hidden: voting tells the owners.
    signals.idea_status_changed.send(idea, workshop=workshop)


def hide(workshop_id, idea_id, user_id) -> Idea:
    idea = _set_status(workshop_id, idea_id, user_id, "hide",
                       {IdeaStatus.VISIBLE.value, IdeaStatus.PENDING.value}, IdeaStatus.HIDDEN.value)
    workshop = workshop_services.get_workshop(workshop_id)
    if workshop.spotlight_idea_id == idea.id:
        set_spotlight(workshop_id, None, user_id)
    return idea


def restore(workshop_id, idea_id, user_id) -> Idea:
    return _set_status(workshop_id, idea_id, user_id, "restore",
                       {IdeaStatus.HIDDEN.value}, IdeaStatus.VISIBLE.value)


def approve(workshop_id, idea_id, user_id) -> Idea:
    return _set_status(workshop_id, idea_id, user_id, "approve",
                       {IdeaStatus.PENDING.value}, IdeaStatus.VISIBLE.value)


def edit(workshop_id, idea_id, text, user_id) -> Idea:
    idea = get_idea(workshop_id, idea_id)
    if idea.status == IdeaStatus.MERGED.value:
        raise DomainError("invalid_state", _l("Das geht mit dieser Idee gerade nicht."))
    text = clean_text(text)
    if text != idea.text:
        record(workshop_id, user_id, "edit", {"old": idea.text, "new": text}, idea.id)
        idea.text = text
        signals.idea_text_changing.send(idea)  # insights: the embedding follows the text
        db.session.commit()
    broadcast_idea(idea)
    return idea


def merge(workshop_id, keep_id, merge_ids, user_id) -> Idea:
    """Fold duplicates into one idea; their dots move to it (voting.merge_dots, through
    the ideas_merging signal)."""
    workshop = workshop_services.get_workshop(workshop_id)
    keep = get_idea(workshop_id, keep_id)
    merge_ids = [i for i in dict.fromkeys(merge_ids) if i != keep.id]
    if not merge_ids:
        raise ValidationError("invalid", _l("Bitte wählen Sie die Ideen, die zusammengeführt werden."))
    merged = [get_idea(workshop_id, idea_id) for idea_id in merge_ids]
    if keep.status in (IdeaStatus.MERGED.value, IdeaStatus.HIDDEN.value) or any(
            idea.status == IdeaStatus.MERGED.value or idea.phase != keep.phase for idea in merged):
        raise DomainError("invalid_state", _l(
            "Nur sichtbare Ideen derselben Phase lassen sich zusammenführen."))
    tag = secrets.token_hex(4)
    result = {"moved": {}, "refunded": [], "participants": [],
              **signals.collect(signals.ideas_merging, workshop, keep=keep,
                                merged_ids=merge_ids, tag=tag)}
    previous = {str(idea.id): idea.status for idea in merged}
    for idea in merged:
        idea.status = IdeaStatus.MERGED.value
        idea.merged_into_id = keep.id
    if keep.status == IdeaStatus.PENDING.value:
        keep.status = IdeaStatus.VISIBLE.value
    record(workshop_id, user_id, "merge", {"merged": merge_ids, "previous": previous,
                                           "moved": result["moved"],
                                           "refunded": result["refunded"]}, keep.id)
    if workshop.spotlight_idea_id in merge_ids:
        workshop.spotlight_idea_id = keep.id
    db.session.commit()
    db.session.expire_all()
    for idea in merged:
        broadcast_idea(db.session.get(Idea, idea.id))
    keep = db.session.get(Idea, keep.id)
    broadcast_idea(keep)
    signals.dots_moved.send(workshop, participant_ids=result["participants"])
    return keep


# --- clusters ------------------------------------------------------------------------------

def _clean_name(name) -> str:
    name = " ".join(name.split()) if isinstance(name, str) else ""
    if not name or len(name) > MAX_CLUSTER_NAME:
        raise ValidationError("invalid_name", _l("Bitte geben Sie einen Namen (bis 120 Zeichen) an."))
    return name


def get_cluster(workshop_id, cluster_id) -> Cluster:
    cluster = db.session.get(Cluster, cluster_id) if isinstance(cluster_id, int) else None
    if cluster is None or cluster.workshop_id != workshop_id:
        raise NotFound("cluster_not_found", _l("Diese Gruppe gibt es nicht (mehr)."))
    return cluster


def create_cluster(workshop_id, name, user_id, phase=None, idea_ids=()) -> Cluster:
    workshop = workshop_services.get_workshop(workshop_id)
    phase = phase or workshop.phase
    if phase not in workshop_services.PHASES:
        raise ValidationError("invalid", _l("Diese Phase gibt es nicht."))
    ideas = [get_idea(workshop_id, idea_id) for idea_id in idea_ids]
    position = db.session.scalar(db.select(db.func.count()).select_from(Cluster).where(
        Cluster.workshop_id == workshop_id, Cluster.phase == phase))
    cluster = Cluster(workshop_id=workshop_id, phase=phase, name=_clean_name(name), position=position)
    db.session.add(cluster)
    db.session.flush()
    for idea in ideas:
        idea.cluster_id = cluster.id
    record(workshop_id, user_id, "cluster_create", {"cluster_id": cluster.id, "name": cluster.name,
                                                    "idea_ids": [i.id for i in ideas]})
    db.session.commit()
    live.broadcast("cluster:updated", {"cluster": cluster_dict(cluster)},
                   live.session_room(workshop_id))
    for idea in ideas:
        broadcast_idea(idea)
    return cluster


def rename_cluster(workshop_id, cluster_id, name, user_id) -> Cluster:
    cluster = get_cluster(workshop_id, cluster_id)
    name = _clean_name(name)
    if name != cluster.name:
        record(workshop_id, user_id, "cluster_rename",
               {"cluster_id": cluster.id, "old": cluster.name, "new": name})
        cluster.name = name
        db.session.commit()
    live.broadcast("cluster:updated", {"cluster": cluster_dict(cluster)},
                   live.session_room(workshop_id))
    return cluster


def delete_cluster(workshop_id, cluster_id, user_id) -> None:
    cluster = get_cluster(workshop_id, cluster_id)
    ideas = list(db.session.scalars(db.select(Idea).where(Idea.cluster_id == cluster.id)))
    for idea in ideas:
        idea.cluster_id = None
    record(workshop_id, user_id, "cluster_delete", {"cluster_id": cluster.id, "name": cluster.name,
                                                    "idea_ids": [i.id for i in ideas]})
    db.session.delete(cluster)
    db.session.commit()
    live.broadcast("cluster:removed", {"cluster_id": cluster_id},
                   live.session_room(workshop_id))
    for idea in ideas:
        broadcast_idea(idea)


def assign_cluster(workshop_id, idea_id, cluster_id, user_id) -> Idea:
    idea = get_idea(workshop_id, idea_id)
    if cluster_id is not None:
        get_cluster(workshop_id, cluster_id)
    if idea.cluster_id != cluster_id:
        record(workshop_id, user_id, "cluster_assign",
               {"old": idea.cluster_id, "new": cluster_id}, idea.id)
        idea.cluster_id = cluster_id
        db.session.commit()
    broadcast_idea(idea)
    return idea


def action_dict(entry: ModerationAction) -> dict:
    user = db.session.get(User, entry.user_id) if entry.user_id else None
    details = json.loads(entry.details or "{}")
    return {"id": entry.id, "action": entry.action, "idea_id": entry.idea_id,
            "subject": _subject(entry.action, details),
            "user": user.name if user else None,
            "created_at": workshop_services.iso(entry.created_at),
            "undoable": entry.action in UNDOABLE and not details.get("undone"),
            # A bulk step: what it did and to how many ideas (ideas/bulk.py).
            "bulk": {"kind": details.get("kind"), "count": len(details.get("changes", []))}
            if entry.action == "bulk" else None}


def _subject(action: str, details: dict) -> str | None:
    """What a group step was about, so the undo list can name it ("Gruppe angelegt:
    Mobilität"): the group's name, the new name of a rename, the target of a move."""
    if action == "bulk":
        return details.get("group")
    if action in ("cluster_create", "cluster_delete"):
        return details.get("name")
    if action == "cluster_rename":
        return details.get("new")
    if action == "cluster_assign" and details.get("new"):
        cluster = db.session.get(Cluster, details["new"])
        return cluster.name if cluster else None
    return None
