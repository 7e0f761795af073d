"""Is the session open for this action? The gate ideas and dots pass through."""
from flask_babel import lazy_gettext as _l

from ..errors import DomainError
from . import flow, online
from .models import Workshop, WorkshopStatus


class SessionNotOpen(DomainError):
    code = "session_not_open"
    http_status = 409
    default_message = _l("Die Werkstatt ist gerade nicht geöffnet.")


def require_open(workshop: Workshop, participant_id: int | None = None,
                 action: str | None = None) -> None:
    """The session is open, or (`action` "ideas"/"dots") this participant joined from home
    and the online window for that action is open."""
    if workshop.status == WorkshopStatus.OPEN.value:
        if action == online.DOTS and not flow.dotting_open(workshop):
            raise flow.DottingClosed()
        return
    if action is not None and online.admits(workshop, participant_id, action):
        return
    if action is not None and online.any_window_set(workshop):
        raise SessionNotOpen(message=online.WINDOW_CLOSED_MESSAGE)
    raise SessionNotOpen()
