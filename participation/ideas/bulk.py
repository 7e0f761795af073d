"""Bulk moderation: approve, hide or move many ideas at once, in one transaction and with one
entry in the activity log, so one "Rückgängig" takes the whole step back.

Ideas already as wanted (approved, hidden, in the group) and, for a move, ideas of another
phase than the group are left as they are and counted as skipped. An id that is not an idea
of this session refuses the whole step: nothing changes."""
from flask_babel import lazy_gettext as _l

from ..errors import NotFound, ValidationError
from ..extensions import db
from ..workshops import services as workshop_services
from ..workshops.activity import record
from . import moderation
from .models import Cluster, IdeaStatus
from .queries import ideas_by_id
from .services import broadcast_idea
from .spotlight import set_spotlight

KINDS = ("approve", "hide", "move")
MAX_IDEAS = 500
_HIDEABLE = {IdeaStatus.VISIBLE.value, IdeaStatus.PENDING.value}
_UNCHANGED = object()  # what _change returns for an idea it leaves as it is


def apply(workshop_id: int, kind: str, idea_ids, user_id: int | None,
          cluster_id: int | None = None) -> dict:
    """Returns {"changed", "skipped", "action_id"} (no log entry when nothing changed)."""
    if kind not in KINDS:
        raise ValidationError("invalid", _l("Diese Aktion gibt es nicht."))
    if len(idea_ids) > MAX_IDEAS:
        raise ValidationError("too_many", _l("Höchstens %(n)s Ideen auf einmal.", n=MAX_IDEAS))
    ideas = _session_ideas(workshop_id, idea_ids)
    cluster = moderation.get_cluster(workshop_id, cluster_id) if (
        kind == "move" and cluster_id is not None) else None
    changed = []
    for idea in ideas:
        old = _change(kind, idea, cluster)
        if old is not _UNCHANGED:
            changed.append((idea, old))
    if not changed:
        return {"changed": 0, "skipped": len(ideas), "action_id": None}
    entry = record(workshop_id, user_id, "bulk", {
        "kind": kind, "group": cluster.name if cluster else None,
        "changes": [{"idea_id": idea.id, "old": old,
                     "new": idea.cluster_id if kind == "move" else idea.status}
                    for idea, old in changed]})
    db.session.commit()
    _announce(workshop_id, kind, [idea for idea, _old in changed], user_id)
    return {"changed": len(changed), "skipped": len(ideas) - len(changed), "action_id": entry.id}


def _change(kind, idea, cluster):
    """Apply one idea's change inside the transaction; returns what it was before."""
    if kind == "approve" and idea.status == IdeaStatus.PENDING.value:
        moderation.set_status(idea, IdeaStatus.VISIBLE.value)
        return IdeaStatus.PENDING.value
    if kind == "hide" and idea.status in _HIDEABLE:
        old = idea.status
        moderation.set_status(idea, IdeaStatus.HIDDEN.value)
        return old
    target = cluster.id if cluster else None
    if (kind == "move" and idea.status != IdeaStatus.MERGED.value and idea.cluster_id != target
            and (cluster is None or cluster.phase == idea.phase)):
        old = idea.cluster_id
        idea.cluster_id = target
        return old
    return _UNCHANGED


def _session_ideas(workshop_id: int, idea_ids) -> list:
    wanted = list(dict.fromkeys(idea_ids))
    found = ideas_by_id(wanted)
    if len(found) != len(wanted) or any(i.workshop_id != workshop_id for i in found.values()):
        raise NotFound()
    return [found[i] for i in wanted]


def _announce(workshop_id, kind, ideas, user_id) -> None:
    announce(kind, ideas)
    workshop = workshop_services.get_workshop(workshop_id)
    if kind == "hide" and workshop.spotlight_idea_id in {idea.id for idea in ideas}:
        set_spotlight(workshop_id, None, user_id)


def undo(workshop_id: int, details: dict) -> list:
    """Take a bulk step back for every idea still as the step left it (an idea moved or
    hidden again since keeps its newer state; an approved idea with dots stays approved).
    Returns the ideas taken back; the caller records and commits."""
    kind = details.get("kind")
    changes = details.get("changes", [])
    ideas = ideas_by_id([change["idea_id"] for change in changes])
    back = []
    for change in changes:
        idea = ideas.get(change["idea_id"])
        if idea is None or idea.workshop_id != workshop_id:
            continue
        if kind == "move":
            old = change["old"]
            if idea.cluster_id != change["new"] or (
                    old is not None and db.session.get(Cluster, old) is None):
                continue
            idea.cluster_id = old
        elif idea.status != change["new"] or (kind == "approve" and idea.dot_count):
            continue
        else:
            moderation.set_status(idea, change["old"])
        back.append(idea)
    return back


def announce(kind: str, ideas) -> None:
    """After the commit: every phone, screen and console hears of each idea it sees (and
    voting tells the owners of dots given back or counted again)."""
    for idea in ideas:
        if kind == "move":
            broadcast_idea(idea)
        else:
            moderation.announce_idea_change(idea)
