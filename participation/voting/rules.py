"""The rules of a dot, shared by placing (batch.py) and taking back (services.py): the
checks, their errors, the participant's lock and the `me` payload. Reads through
voting/queries.py; writes nothing but the lock."""
from flask_babel import lazy_gettext as _l

from ..errors import DomainError, ValidationError
from ..workshops import queries as workshop_queries
from ..workshops.models import Participant
from . import queries
from .models import Dot


def participant_gone() -> DomainError:
    return DomainError("not_authenticated", _l("Bitte treten Sie der Werkstatt neu bei."))


def id_taken() -> ValidationError:
    return ValidationError("invalid", _l("Diese Kennung ist schon vergeben."))


def own(dot: Dot, participant_id: int) -> Dot:
    """A repeated client_id is the same write only for the same participant."""
    if dot.participant_id != participant_id:
        raise id_taken()
    return dot


def check_new_dot(workshop, idea, mine: dict[int, int]) -> None:
    """One more dot on `idea` (visible, of this session), given the participant's active
    dots of the phase per idea (`mine`, earlier dots of the same batch included)."""
    if idea.phase != workshop.phase:
        raise DomainError("wrong_phase", _l("Punkte gibt es nur für Ideen der aktuellen Phase."))
    if sum(mine.values()) >= workshop.dots_per_participant:
        raise DomainError("budget_exhausted", _l("Sie haben alle Ihre Punkte vergeben."))
    if mine.get(idea.id, 0) >= workshop.max_dots_per_idea:
        raise DomainError("idea_limit_reached", _l(
            "Mehr als %(n)s Punkte pro Idee gehen nicht.", n=workshop.max_dots_per_idea))


def no_dot_to_remove() -> DomainError:
    return DomainError("no_dot_to_remove", _l("Auf dieser Idee liegt kein Punkt von Ihnen."))


def me_payload(workshop, participant_id: int, mine: dict[int, int]) -> dict:
    """The `me` of acks, `me:updated` and the snapshot (docs/realtime.md)."""
    return {"participant_id": participant_id,
            "dots_left": max(0, workshop.dots_per_participant - sum(mine.values())),
            "my_dots": {str(idea_id): count for idea_id, count in mine.items()}}


def me_dict(workshop, participant_id: int) -> dict:
    return me_payload(workshop, participant_id, queries.my_dots(workshop, participant_id))


def lock_participant(participant_id: int) -> Participant:
    """Serialise the writes of one participant (two tabs, two phones with one cookie).
    PostgreSQL: SELECT ... FOR UPDATE on the participant row. SQLite ignores FOR UPDATE, so a
    no-op UPDATE takes the database write lock first; the rest of the transaction then runs
    alone."""
    workshop_queries.take_sqlite_write_lock(participant_id)
    participant = workshop_queries.lock_participants([participant_id]).get(participant_id)
    if participant is None:
        raise participant_gone()
    return participant
