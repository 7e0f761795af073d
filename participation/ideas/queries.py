"""Reading ideas for other features: the documented query module of the ideas feature.
The rule which idea takes dots lives here, so voting does not repeat it."""
from sqlalchemy import bindparam, update

from ..extensions import db
from .models import Idea, IdeaStatus
from .services import IdeaNotFound

_statements: dict = {}  # built once: building SQL expressions costs more than running them


def ideas_by_id(ids) -> dict[int, Idea]:
    """The ideas with these ids (one query), by id."""
    ids = sorted({i for i in ids if isinstance(i, int)})
    if not ids:
        return {}
    if "by_id" not in _statements:
        _statements["by_id"] = db.select(Idea).where(Idea.id.in_(bindparam("ids", expanding=True)))
    return {idea.id: idea for idea in db.session.scalars(_statements["by_id"], {"ids": ids})}


def ideas_of_session(workshop_id: int) -> list[Idea]:
    """Every idea of the session, in any status, oldest first (results count from these)."""
    return list(db.session.scalars(
        db.select(Idea).where(Idea.workshop_id == workshop_id).order_by(Idea.id)))


def dots_count_on():
    """SQL condition on Idea: its dots count towards a budget. Dots on a hidden idea are
    given back while it is hidden (they count again when it is restored)."""
    return Idea.status != IdeaStatus.HIDDEN.value


def require_dottable(idea: Idea | None, workshop_id: int) -> Idea:
    """A new dot goes only to a visible idea of this session; else IdeaNotFound."""
    if idea is None or idea.workshop_id != workshop_id or idea.status != IdeaStatus.VISIBLE.value:
        raise IdeaNotFound()
    return idea


def require_undottable(workshop_id: int, idea_id) -> Idea:
    """A dot can be taken back from any idea of the session that was not merged away."""
    idea = db.session.get(Idea, idea_id) if isinstance(idea_id, int) else None
    if idea is None or idea.workshop_id != workshop_id or idea.status == IdeaStatus.MERGED.value:
        raise IdeaNotFound()
    return idea


def add_dots(idea_id: int, n: int) -> int:
    """Raise (or lower) the idea's denormalised dot count by n in the current transaction;
    returns the new count. Voting calls this in the transaction that writes the dots."""
    if "add" not in _statements:
        _statements["add"] = (update(Idea).where(Idea.id == bindparam("idea"))
                              .values(dot_count=Idea.dot_count + bindparam("n"))
                              .returning(Idea.dot_count)
                              .execution_options(synchronize_session=False))
    return db.session.scalar(_statements["add"], {"idea": idea_id, "n": n})


def set_dots(idea_id: int, count: int) -> None:
    """Set the denormalised dot count (a recount by voting)."""
    db.session.execute(update(Idea).where(Idea.id == idea_id).values(dot_count=count)
                       .execution_options(synchronize_session=False))


def dot_count(idea_id: int) -> int:
    idea = db.session.get(Idea, idea_id)
    return idea.dot_count if idea else 0
