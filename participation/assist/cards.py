"""A paper card's idea for a phase the phones cannot write into right now.

Paper cards arrive late: the Kritik cards are typed while the hall is already in Utopie, or
after the facilitator locked the phones for dotting. `ideas.services.submit_idea` always
writes into the current, unlocked phase, so this writes the card with the same steps
(repeat by client_id, session open, clean text, pre-moderation, embedding, broadcast) and
only the phase and the lock differ.
TODO(lead, after the live-core move): fold into submit_idea(phase=..., past_lock=True)."""
from sqlalchemy.exc import IntegrityError

from ..errors import ValidationError
from ..extensions import db
from ..ideas import services as idea_services
from ..ideas.models import Idea, IdeaStatus
from ..insights import services as insights
from ..workshops import services as workshop_services
from ..workshops.models import Channel, ModerationMode


def _by_client_id(workshop_id: int, client_id: str) -> Idea | None:
    return db.session.scalar(db.select(Idea).where(Idea.workshop_id == workshop_id,
                                                   Idea.client_id == client_id))


def _repeat(idea: Idea, participant_id: int) -> tuple[Idea, bool]:
    if idea.participant_id != participant_id:
        raise ValidationError("invalid")
    return idea, True


def paper_idea(workshop, participant_id: int, text, client_id: str, phase: str) -> tuple[Idea, bool]:
    """Returns (idea, repeat), like submit_idea."""
    existing = _by_client_id(workshop.id, client_id)
    if existing is not None:
        return _repeat(existing, participant_id)
    workshop_services.require_open(workshop, participant_id, "ideas")
    text = idea_services.clean_text(text)
    pending = workshop.moderation_mode == ModerationMode.PRE.value
    idea = Idea(workshop_id=workshop.id, participant_id=participant_id, client_id=client_id,
                phase=phase, text=text, channel=Channel.ASSISTED.value,
                status=IdeaStatus.PENDING.value if pending else IdeaStatus.VISIBLE.value)
    insights.prepare_idea(idea)
    db.session.add(idea)
    try:
        db.session.commit()
    except IntegrityError:  # the same card sent twice at once (a double tap)
        db.session.rollback()
        existing = _by_client_id(workshop.id, client_id)
        if existing is None:
            raise
        return _repeat(existing, participant_id)
    idea_services.broadcast_idea(idea, "idea:created")
    return idea, False
