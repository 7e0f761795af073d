"""Insight services: similar ideas for residents, duplicate pairs and theme suggestions
for facilitators, word cloud data for the projector.

Integration with the ideas feature: receivers.py answers the ideas signals
(`idea_submitting` -> prepare_idea before the commit that stores a new idea,
`idea_text_changing` -> on_idea_text_changed). The idea's embedding is computed once (a
few ms) and stored in Idea.embedding; nothing is recomputed per request.
"""
import logging
import threading

from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from ..accounts.permissions import Permission, require
from ..errors import DomainError, NotFound, ValidationError
from ..extensions import db
from ..ideas import moderation
from ..ideas.models import MAX_IDEA_LENGTH, Idea, IdeaStatus
from ..workshops import services as workshop_services
from ..workshops.cookies import token_from
from ..workshops.models import Workshop, WorkshopStatus
from . import clustering, similarity
from .embeddings import get_embedder, to_bytes
from .models import DismissedPair
from .wordcloud import word_counts

log = logging.getLogger(__name__)
MIN_QUERY_LENGTH = 12   # characters typed before similar ideas are looked up
SIMILAR_LIMIT = 3


class NotAvailable(DomainError):
    code = "not_available"
    http_status = 501
    default_message = _l("Diese Funktion ist noch nicht verfügbar.")


# ---- integration with the ideas feature -------------------------------------------

def prepare_idea(idea: Idea) -> None:
    """Set the idea's embedding (no commit). Call before the commit that stores the idea.
    Never raises: a submission must not fail for a hint; a missing vector is made later
    by the first lookup that needs it."""
    if idea.workshop_id is not None:
        similarity.mark_changed(idea.workshop_id)
    if idea.embedding is not None or not idea.text:
        return
    try:
        idea.embedding = to_bytes(get_embedder().encode([idea.text])[0])
    except Exception:  # noqa: BLE001
        log.exception("could not embed idea %s", idea.id)


def on_idea_created(idea: Idea) -> None:
    """Call after the idea was committed: stores its embedding if it has none yet.
    The per-session matrix notices the new idea on its next use by itself."""
    similarity.mark_changed(idea.workshop_id)
    if idea.embedding is None:
        prepare_idea(idea)
        db.session.commit()


def on_idea_text_changed(idea: Idea) -> None:
    """Call before the commit that corrects an idea's text: its vector is recomputed once.
    The cached matrices hold rows by idea id, so this process drops them; another server
    process keeps the old row until it restarts (a corrected typo barely moves a vector)."""
    idea.embedding = None
    prepare_idea(idea)
    similarity.clear_cache()


# ---- helpers ---------------------------------------------------------------------

def _workshop(workshop_id: int) -> Workshop:
    return workshop_services.get_workshop(workshop_id)


def _facilitated(workshop_id: int, actor) -> Workshop:
    workshop = _workshop(workshop_id)
    require(actor, Permission.RUN_WORKSHOPS, workshop.municipality_id)
    return workshop


def _idea_dict(idea: Idea, score: float | None = None, hide_dots: bool = False) -> dict:
    data = {"id": idea.id, "text": idea.text, "phase": idea.phase,
            "dots": None if hide_dots else idea.dot_count,
            "cluster_id": idea.cluster_id}
    if score is not None:
        data["score"] = round(score, 3)
    return data


def _ideas_by_id(ids) -> dict[int, Idea]:
    ids = list(ids)
    if not ids:
        return {}
    return {idea.id: idea for idea in db.session.query(Idea).filter(Idea.id.in_(ids))}


# ---- residents: similar ideas as they type -------------------------------------------

def participant_for(workshop: Workshop, cookies):
    """The resident identified by the signed session cookie, or None."""
    return workshop_services.participant_by_token(workshop.id, token_from(cookies, workshop.id))


def similar_ideas(workshop_id: int, text: str, limit: int = SIMILAR_LIMIT) -> list[dict]:
    """Up to three visible ideas of the session's CURRENT phase that say much the same
    (dots go to ideas of the current phase, so only those help the resident)."""
    workshop = _workshop(workshop_id)
    text = (text or "").strip()
    if len(text) > MAX_IDEA_LENGTH:
        raise ValidationError("text_too_long")
    if workshop.status != WorkshopStatus.OPEN.value or len(text) < MIN_QUERY_LENGTH:
        return []
    vector = get_embedder().encode([text])[0]
    found = similarity.nearest(workshop.id, workshop.phase, vector, limit=limit, texts=[text])
    ideas = _ideas_by_id(i for i, _ in found)
    hidden = workshop_services.counts_hidden(workshop)  # no counts to residents while hidden
    return [_idea_dict(ideas[i], score, hidden) for i, score in found if i in ideas]


# ---- facilitators: duplicates ---------------------------------------------------------

def _dismissed(workshop_id: int) -> set[tuple[int, int]]:
    rows = db.session.query(DismissedPair.idea_low_id, DismissedPair.idea_high_id).filter_by(
        workshop_id=workshop_id)
    return {(a, b) for a, b in rows}


def duplicate_suggestions(workshop_id: int, actor, phase: str | None = None, limit: int = 20) -> list[dict]:
    """Likely duplicate pairs of one phase (default: the current one), best first."""
    workshop = _facilitated(workshop_id, actor)
    pairs = similarity.duplicate_pairs(workshop.id, phase or workshop.phase,
                                       skip=_dismissed(workshop.id), limit=limit)
    ideas = _ideas_by_id({i for a, b, _ in pairs for i in (a, b)})
    return [{"a": _idea_dict(ideas[a]), "b": _idea_dict(ideas[b]), "score": round(score, 3)}
            for a, b, score in pairs if a in ideas and b in ideas]


def dismiss_duplicate(workshop_id: int, actor, idea_a: int, idea_b: int) -> None:
    workshop = _facilitated(workshop_id, actor)
    low, high = sorted((int(idea_a), int(idea_b)))
    ideas = _ideas_by_id((low, high))
    if low == high or len(ideas) != 2 or any(i.workshop_id != workshop.id for i in ideas.values()):
        raise NotFound()
    exists = db.session.query(DismissedPair).filter_by(
        workshop_id=workshop.id, idea_low_id=low, idea_high_id=high).first()
    if exists is None:
        db.session.add(DismissedPair(workshop_id=workshop.id, idea_low_id=low, idea_high_id=high,
                                     dismissed_by_id=getattr(actor, "id", None)))
        db.session.commit()


def merge_duplicate(workshop_id: int, actor, keep_id: int, merge_id: int):
    """One click merge: hands over to the ideas feature's merge service, which moves the
    dots, records the moderation action and broadcasts."""
    _facilitated(workshop_id, actor)
    return moderation.merge(workshop_id, int(keep_id), [int(merge_id)], getattr(actor, "id", None))


# ---- facilitators: theme suggestions ------------------------------------------------

def suggest_clusters(workshop_id: int, actor, phase: str | None = None) -> list[dict]:
    """Groups of not yet clustered visible ideas of one phase, each with a label."""
    workshop = _facilitated(workshop_id, actor)
    phase = phase or workshop.phase
    cache = similarity.session_matrix(workshop.id, phase)
    ideas = _ideas_by_id(int(i) for i in cache.ids)
    rows = [r for r, i in enumerate(cache.ids) if ideas[int(i)].cluster_id is None]
    if len(rows) < 2:
        return []
    matrix = cache.matrix[rows]
    groups = clustering.group_rows(matrix, get_embedder().cluster_threshold)
    all_texts = [ideas[int(cache.ids[r])].text for r in rows]
    suggestions = []
    for group in groups:
        members = [ideas[int(cache.ids[rows[g]])] for g in group]
        label = clustering.label_for([m.text for m in members], all_texts)
        suggestions.append({"label": label, "phase": phase,
                            "ideas": [_idea_dict(m) for m in members]})
    return suggestions


def accept_cluster(workshop_id: int, actor, name: str, idea_ids: list[int], phase: str | None = None):
    """The facilitator accepted (maybe edited) a suggestion: the ideas feature creates
    the cluster with these ideas and broadcasts it."""
    workshop = _facilitated(workshop_id, actor)
    name = (name or "").strip()
    if not name or len(name) > 120:
        raise ValidationError("name_invalid", _l("Bitte geben Sie einen Namen mit höchstens 120 Zeichen an."))
    ids = [int(i) for i in idea_ids or []]
    ideas = _ideas_by_id(ids)
    if not ids or len(ideas) != len(set(ids)) or any(i.workshop_id != workshop.id for i in ideas.values()):
        raise NotFound()
    return moderation.create_cluster(workshop.id, name, getattr(actor, "id", None),
                          phase=phase or workshop.phase, idea_ids=ids)


# ---- projector: word cloud --------------------------------------------------------

_cloud_cache: dict[tuple, tuple] = {}
_cloud_lock = threading.Lock()


def word_cloud(workshop_id: int, phase: str | None = None, limit: int = 40) -> dict:
    """Words of the visible ideas (of one phase, or all). Cached until an idea changes,
    so a projector polling every few seconds costs one aggregate query."""
    workshop = _workshop(workshop_id)
    query = db.session.query(func.count(Idea.id), func.max(Idea.updated_at)).filter(
        Idea.workshop_id == workshop.id, Idea.status == IdeaStatus.VISIBLE.value)
    if phase:
        query = query.filter(Idea.phase == phase)
    count, latest = query.one()
    signature = f"{count}-{latest.isoformat() if latest else ''}"
    key = (workshop.id, phase, limit)
    cached = _cloud_cache.get(key)
    if cached and cached[0] == signature:
        return cached[1]
    texts = db.session.query(Idea.text).filter(
        Idea.workshop_id == workshop.id, Idea.status == IdeaStatus.VISIBLE.value)
    if phase:
        texts = texts.filter(Idea.phase == phase)
    result = {"version": signature, "phase": phase, "ideas": count,
              "words": word_counts([t for (t,) in texts], limit)}
    with _cloud_lock:
        _cloud_cache[key] = (signature, result)
    return result
