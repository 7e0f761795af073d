"""Idea rules: submitting, who sees which idea, starting points, clusters, broadcasting."""

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from .. import live, text_input
from ..errors import DomainError, NotFound, ValidationError
from ..extensions import db
from ..i18n import LANGUAGES
from ..workshops import services as workshop_services
from ..workshops.models import ModerationMode, Phase
from . import signals
from .models import MAX_IDEA_LENGTH, Cluster, Idea, IdeaStatus

STARTING_POINTS = 5
# The phase whose top ideas a phase starts from.
PREVIOUS_PHASE = {Phase.UTOPIE.value: Phase.KRITIK.value,
                  Phase.VERWIRKLICHUNG.value: Phase.UTOPIE.value}


class IdeaNotFound(NotFound):
    code = "idea_not_found"
    default_message = _l("Diese Idee gibt es nicht (mehr).")


def get_idea(workshop_id: int, idea_id) -> Idea:
    idea = db.session.get(Idea, idea_id) if isinstance(idea_id, int) else None
    if idea is None or idea.workshop_id != workshop_id:
        raise IdeaNotFound()
    return idea


def idea_dict(idea: Idea, participant_id: int | None = None, hide_dots: bool = False) -> dict:
    """`hide_dots`: the counts are hidden (workshops.flow.counts_hidden) and the payload
    may reach a phone or a projector: `dots` is None (docs/realtime.md)."""
    return {
        "id": idea.id, "phase": idea.phase, "text": idea.text, "status": idea.status,
        "cluster_id": idea.cluster_id, "dots": None if hide_dots else idea.dot_count,
        "mine": participant_id is not None and idea.participant_id == participant_id,
        "channel": idea.channel, "created_at": workshop_services.iso(idea.created_at),
        # Issue 14: the language it was written in and its translations (ideas/translations.py).
        "language": idea.language or "de",
        "translations": {t.language: t.text for t in idea.translations},
    }


def cluster_dict(cluster: Cluster) -> dict:
    return {"id": cluster.id, "phase": cluster.phase, "name": cluster.name,
            "position": cluster.position}


def clean_text(text) -> str:
    if not isinstance(text, str):
        raise ValidationError("invalid")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text_input.FORBIDDEN_CONTROLS.sub("", text_input.strip_bidi(text))
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    if not text_input.has_visible_text(text):
        raise ValidationError("text_empty", _l("Bitte schreiben Sie Ihre Idee auf."))
    if text_input.is_zalgo(text):
        raise ValidationError("text_unreadable", _l(
            "Zu viele übereinandergesetzte Zeichen: so kann niemand die Idee lesen."))
    if len(text) > MAX_IDEA_LENGTH:
        raise ValidationError("text_too_long", _l(
            "Höchstens %(n)s Zeichen, bitte kürzen Sie Ihre Idee.", n=MAX_IDEA_LENGTH))
    return text


def submit_idea(workshop_id: int, participant_id: int, text, client_id: str, *,
                phase: str | None = None, allow_locked: bool = False,
                language: str | None = None) -> tuple[Idea, bool]:
    """A resident's idea for the current phase. Returns (idea, repeat).
    A helper typing in a paper card (assist) may name an earlier `phase` of the session and
    add it while submissions are locked (`allow_locked`), and names the `language` the card
    is written in (else: the author's page language); the session must be open."""
    if language is not None and language not in LANGUAGES:
        raise ValidationError("invalid_language", _l("Diese Sprache gibt es hier nicht."))
    workshop = workshop_services.get_workshop(workshop_id)
    existing = _by_client_id(workshop_id, client_id)
    if existing is not None:
        return _repeat(existing, participant_id), True
    workshop_services.require_open(workshop, participant_id, "ideas")
    if workshop.submissions_locked and not allow_locked:
        raise DomainError("submissions_locked", _l(
            "Die Sammlung ist beendet, jetzt wird gepunktet."), http_status=409)
    text = clean_text(text)
    participant = workshop_services.get_participant(participant_id)
    pending = workshop.moderation_mode == ModerationMode.PRE.value
    idea = Idea(workshop_id=workshop_id, participant_id=participant_id, client_id=client_id,
                phase=phase or workshop.phase, text=text,
                status=IdeaStatus.PENDING.value if pending else IdeaStatus.VISIBLE.value,
                channel=participant.channel if participant else "onsite",
                language=language or _page_language(participant))
    signals.idea_submitting.send(idea)  # insights: its embedding, computed once
    db.session.add(idea)
    try:
        db.session.commit()
    except IntegrityError:  # the same client_id arrived twice at once (two tabs)
        db.session.rollback()
        existing = _by_client_id(workshop_id, client_id)
        if existing is None:
            raise
        return _repeat(existing, participant_id), True
    broadcast_idea(idea, "idea:created")
    return idea, False


def _page_language(participant) -> str:
    return (participant.locale or "de")[:2] if participant else "de"


def _by_client_id(workshop_id: int, client_id: str) -> Idea | None:
    return db.session.scalar(db.select(Idea).where(Idea.workshop_id == workshop_id,
                                                   Idea.client_id == client_id))


def _repeat(idea: Idea, participant_id: int) -> Idea:
    if idea.participant_id != participant_id:
        raise ValidationError("invalid", _l("Diese Kennung ist schon vergeben."))
    return idea


def ideas_for(workshop_id: int, role: str, participant_id: int | None = None) -> list[Idea]:
    """What a viewer may see: facilitators everything but merged ideas; others the visible
    ideas, and participants also their own pending or hidden ones."""
    query = db.select(Idea).where(Idea.workshop_id == workshop_id).order_by(Idea.id)
    if role == live.ROLE_FACILITATOR:
        query = query.where(Idea.status != IdeaStatus.MERGED.value)
    elif participant_id is not None:
        query = query.where((Idea.status == IdeaStatus.VISIBLE.value) | (
            (Idea.participant_id == participant_id)
            & Idea.status.in_([IdeaStatus.PENDING.value, IdeaStatus.HIDDEN.value])))
    else:
        query = query.where(Idea.status == IdeaStatus.VISIBLE.value)
    return list(db.session.scalars(query))


def top_ideas(workshop_id: int, phase: str, limit: int = STARTING_POINTS) -> list[Idea]:
    return list(db.session.scalars(
        db.select(Idea).where(Idea.workshop_id == workshop_id, Idea.phase == phase,
                              Idea.status == IdeaStatus.VISIBLE.value)
        .order_by(Idea.dot_count.desc(), Idea.id).limit(limit)))


def starting_points(workshop) -> list[dict]:
    """In Utopie the top criticisms, in Verwirklichung the top utopias."""
    previous = PREVIOUS_PHASE.get(workshop.phase)
    if previous is None:
        return []
    hidden = workshop_services.counts_hidden(workshop)
    return [idea_dict(idea, hide_dots=hidden) for idea in top_ideas(workshop.id, previous)]


def clusters_for(workshop_id: int) -> list[Cluster]:
    return list(db.session.scalars(db.select(Cluster).where(Cluster.workshop_id == workshop_id)
                                   .order_by(Cluster.phase, Cluster.position, Cluster.id)))


def dot_counts(workshop_id: int) -> dict[int, int]:
    """Active dots per visible idea of the session (the tally)."""
    return dict(db.session.execute(
        db.select(Idea.id, Idea.dot_count).where(Idea.workshop_id == workshop_id,
                                                 Idea.status == IdeaStatus.VISIBLE.value)).all())


def broadcast_idea(idea: Idea, event: str = "idea:updated") -> None:
    """Tell everyone who may see the idea. The author's own sockets get `mine: true`.
    While the counts are hidden, what reaches phones and projectors has `dots` None (the
    facilitators keep theirs from the tally)."""
    author_room = live.participant_room(idea.participant_id) if idea.participant_id else None
    hidden = workshop_services.counts_hidden(workshop_services.get_workshop(idea.workshop_id))
    if idea.status == IdeaStatus.VISIBLE.value:
        skip = live.local_sids_of_participant(idea.participant_id) if author_room else None
        live.broadcast(event, {"idea": idea_dict(idea, hide_dots=hidden)},
                       live.session_room(idea.workshop_id), skip_sid=skip or None)
    elif idea.status == IdeaStatus.MERGED.value:
        live.broadcast("idea:removed", {"idea_id": idea.id, "reason": "merged",
                                        "merged_into": idea.merged_into_id},
                       live.session_room(idea.workshop_id))
        return
    else:
        if idea.status == IdeaStatus.HIDDEN.value:
            live.broadcast("idea:removed", {"idea_id": idea.id, "reason": "hidden",
                                            "merged_into": None},
                           live.session_room(idea.workshop_id))
        live.broadcast(event, {"idea": idea_dict(idea)},
                       live.facilitator_room(idea.workshop_id))
    if author_room:
        live.broadcast(event, {"idea": idea_dict(idea, idea.participant_id, hidden)}, author_room)
