"""The facilitator's steps through a phase and the projector's display (issue 12): the
setters. The rules and the payload are in flow.py, the handlers in events.py."""
from flask_babel import lazy_gettext as _l

from ..errors import ValidationError
from ..extensions import db
from . import flow
from .activity import record
from .broadcast import broadcast_session
from .models import Workshop
from .queries import get_workshop


def set_step(workshop_id: int, step: str, user_id: int | None) -> Workshop:
    """Move the current phase to `step`. Collecting unlocks submissions, dotting and done
    lock them; the timer of the previous step ends."""
    if step not in flow.STEPS:
        raise ValidationError("invalid", _l("Diesen Schritt gibt es nicht."))
    workshop = get_workshop(workshop_id)
    before = workshop.step_for(workshop.phase)
    if before != step:
        setattr(workshop, f"step_{workshop.phase}", step)
        workshop.submissions_locked = step != flow.COLLECT
        workshop.phase_deadline = None
        record(workshop.id, user_id, "step", {"phase": workshop.phase, "old": before, "new": step})
        db.session.commit()
    broadcast_session(workshop)
    return workshop


def set_hide_counts(workshop_id: int, hidden: bool, user_id: int | None) -> Workshop:
    workshop = get_workshop(workshop_id)
    if bool(workshop.hide_counts) != hidden:
        workshop.hide_counts = hidden
        record(workshop.id, user_id, "hide_counts", {"hidden": hidden})
        db.session.commit()
    broadcast_session(workshop)
    return workshop


def set_display(workshop_id: int, user_id: int | None, *, mode: str | None = None,
                seconds: int | None = None, top_n: int | None = None) -> Workshop:
    """What the projector shows and how fast its pages turn."""
    if mode is not None and mode not in flow.DISPLAY_MODES:
        raise ValidationError("invalid", _l("Diese Ansicht gibt es nicht."))
    if seconds is not None and not flow.MIN_SECONDS <= seconds <= flow.MAX_SECONDS:
        raise ValidationError("invalid", _l("Eine Seite steht 5 bis 120 Sekunden."))
    if top_n is not None and not 1 <= top_n <= flow.MAX_TOP_N:
        raise ValidationError("invalid", _l("Es gehen 1 bis 30 Ideen."))
    workshop = get_workshop(workshop_id)
    changes = {k: v for k, v in (("display_mode", mode), ("display_seconds", seconds),
                                 ("display_top_n", top_n)) if v is not None}
    if any(getattr(workshop, k) != v for k, v in changes.items()):
        for key, value in changes.items():
            setattr(workshop, key, value)
        record(workshop.id, user_id, "display", changes)
        db.session.commit()
    broadcast_session(workshop)
    return workshop
