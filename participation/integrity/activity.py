"""Who did something: a participant's first idea or dot sets `acted_at` (issue 13).

Noticed through the ORM (an Idea or Dot row inserted), in the same transaction, so every
path (phone, helper's paper card, tablet, any process) is covered. Only participants with
`acted_at` count in "who takes part": a join alone (a second browser, a script) is no voice."""
from sqlalchemy import event, update

from ..accounts.models import utcnow
from ..ideas.models import Idea
from ..voting.models import Dot
from ..workshops.models import Participant

_installed = False


def _first_action(mapper, connection, target) -> None:
    if target.participant_id is None:
        return
    table = Participant.__table__
    connection.execute(update(table).where(table.c.id == target.participant_id,
                                           table.c.acted_at.is_(None))
                       .values(acted_at=utcnow()))


def install() -> None:
    global _installed
    if _installed:
        return
    event.listen(Idea, "after_insert", _first_action)
    event.listen(Dot, "after_insert", _first_action)
    _installed = True
