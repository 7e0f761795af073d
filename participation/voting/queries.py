"""Reading dots: the documented query module of the voting feature (results, assist and
voting's own rules read dots through here)."""
from sqlalchemy import bindparam, func

from ..extensions import db
from ..ideas import queries as idea_queries
from ..ideas.models import Idea
from .models import Dot

_statements: dict = {}  # built once: building SQL expressions costs more than running them


def active():
    """SQL condition: the dot was not taken back."""
    return Dot.removed_at.is_(None)


def active_dot_rows(workshop_id: int):
    """(idea id, age band, channel) of every dot of the session not taken back."""
    return db.session.execute(
        db.select(Dot.idea_id, Dot.age_band, Dot.channel)
        .where(Dot.workshop_id == workshop_id, active()))


def dots_of(workshop, participant_ids) -> dict[int, dict[int, int]]:
    """Per participant, active dots of the current phase per idea (one query for many);
    dots on a hidden idea are given back while it is hidden."""
    if "dots_of" not in _statements:
        _statements["dots_of"] = (
            db.select(Dot.participant_id, Dot.idea_id, func.count()).join(Idea, Idea.id == Dot.idea_id)
            .where(Dot.participant_id.in_(bindparam("participants", expanding=True)),
                   Dot.phase == bindparam("phase"), active(), idea_queries.dots_count_on())
            .group_by(Dot.participant_id, Dot.idea_id))
    rows = db.session.execute(_statements["dots_of"], {"participants": list(participant_ids),
                                                       "phase": workshop.phase}).all()
    found = {participant_id: {} for participant_id in participant_ids}
    for participant_id, idea_id, count in rows:
        found[participant_id][idea_id] = count
    return found


def my_dots(workshop, participant_id: int) -> dict[int, int]:
    return dots_of(workshop, [participant_id])[participant_id]


def owners_of(idea_id: int) -> list[int]:
    return sorted(db.session.scalars(db.select(Dot.participant_id).distinct().where(
        Dot.idea_id == idea_id, active(), Dot.participant_id.is_not(None))))


def active_count(idea_id: int) -> int:
    return db.session.scalar(db.select(func.count()).select_from(Dot)
                             .where(Dot.idea_id == idea_id, active()))
