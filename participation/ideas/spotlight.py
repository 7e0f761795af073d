"""The projector's spotlight: one visible idea (or none) shown large. It needs the idea,
so it belongs to ideas; the session's payload carries it (`spotlight_idea_id`)."""
from flask_babel import lazy_gettext as _l

from ..errors import DomainError
from ..extensions import db
from ..workshops import services as workshop_services
from ..workshops.activity import record
from .services import get_idea


def set_spotlight(workshop_id: int, idea_id: int | None, user_id: int | None):
    workshop = workshop_services.get_workshop(workshop_id)
    if idea_id is not None:
        idea = get_idea(workshop_id, idea_id)
        if idea.status != "visible":
            raise DomainError("idea_not_visible", _l("Nur sichtbare Ideen können ins Rampenlicht."))
    if workshop.spotlight_idea_id != idea_id:
        record(workshop.id, user_id, "spotlight",
               {"old": workshop.spotlight_idea_id, "new": idea_id}, idea_id=idea_id)
        workshop.spotlight_idea_id = idea_id
        db.session.commit()
    workshop_services.broadcast_session(workshop)
    return workshop
