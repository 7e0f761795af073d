"""Running a live session: opening with a join code, closing, phases, lock, timer.
Services commit once, then broadcast.

This is the workshops feature's API: it also re-exports the reading (queries.py), the
gate (access.py), the set-up (settings.py), joining (participants.py) and the flow's
steps and the projector's display (steps.py). The spotlight
needs an idea, so it belongs to ideas (ideas/spotlight.py)."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from ..accounts.models import utcnow
from ..errors import DomainError, ValidationError
from ..extensions import db
from . import join_codes
from .access import SessionNotOpen, require_open  # noqa: F401  (the feature's API)
from .activity import record
from .flow import counts_hidden  # noqa: F401  (the feature's API)
from .broadcast import broadcast_session, session_update_payload, workshop_dict  # noqa: F401
from .models import PHASES, Workshop, WorkshopStatus
from .participants import join  # noqa: F401  (the feature's API)
from .queries import (get_participant, get_workshop, iso, list_workshops,  # noqa: F401
                      participant_by_token, participant_counts)
from .settings import (DEFAULT_QUESTIONS, MAX_DOTS, ONLINE_WINDOW, SETTINGS,  # noqa: F401
                       create_workshop, update_workshop)
from .steps import set_display, set_hide_counts, set_step  # noqa: F401  (the feature's API)

MAX_TIMER_SECONDS = 7200


def open_workshop(workshop_id: int, user_id: int | None) -> Workshop:
    workshop = get_workshop(workshop_id)
    if workshop.status == WorkshopStatus.OPEN.value:
        return workshop
    workshop.status = WorkshopStatus.OPEN.value
    workshop.opened_at = workshop.opened_at or utcnow()
    workshop.closed_at = None
    record(workshop.id, user_id, "open", {})
    for _attempt in range(20):
        if not workshop.join_code:
            workshop.join_code = join_codes.generate()
        try:
            db.session.commit()
            break
        except IntegrityError:  # the code is taken: draw another one
            db.session.rollback()
            workshop = get_workshop(workshop_id)
            workshop.status = WorkshopStatus.OPEN.value
            workshop.opened_at = workshop.opened_at or utcnow()
            workshop.join_code = None
            record(workshop.id, user_id, "open", {})
    else:  # pragma: no cover - 20 collisions in a space of 148 million codes
        raise DomainError("no_join_code")
    broadcast_session(workshop)
    return workshop


def close_workshop(workshop_id: int, user_id: int | None) -> Workshop:
    workshop = get_workshop(workshop_id)
    if workshop.status == WorkshopStatus.CLOSED.value:
        return workshop
    if workshop.status == WorkshopStatus.DRAFT.value:
        raise DomainError("not_opened", _l("Die Werkstatt wurde noch nicht geöffnet."))
    workshop.status = WorkshopStatus.CLOSED.value
    workshop.closed_at = utcnow()
    workshop.phase_deadline = None
    record(workshop.id, user_id, "close", {})
    db.session.commit()
    broadcast_session(workshop)
    return workshop


def set_phase(workshop_id: int, phase: str, user_id: int | None) -> Workshop:
    if phase not in PHASES:
        raise ValidationError("invalid", _l("Diese Phase gibt es nicht."))
    workshop = get_workshop(workshop_id)
    if workshop.phase != phase:
        # A new phase starts fresh: open for ideas, no timer, nothing in the spotlight.
        record(workshop.id, user_id, "phase", {"old": workshop.phase, "new": phase})
        workshop.phase = phase
        workshop.submissions_locked = False
        workshop.phase_deadline = None
        workshop.spotlight_idea_id = None
        db.session.commit()
    broadcast_session(workshop)
    return workshop


def lock_submissions(workshop_id: int, locked: bool, user_id: int | None) -> Workshop:
    workshop = get_workshop(workshop_id)
    if workshop.submissions_locked != locked:
        workshop.submissions_locked = locked
        record(workshop.id, user_id, "lock" if locked else "unlock", {})
        db.session.commit()
    broadcast_session(workshop)
    return workshop


def start_timer(workshop_id: int, seconds: int, user_id: int | None) -> Workshop:
    if not isinstance(seconds, int) or not 1 <= seconds <= MAX_TIMER_SECONDS:
        raise ValidationError("invalid", _l("Der Timer läuft 1 Sekunde bis 2 Stunden."))
    workshop = get_workshop(workshop_id)
    workshop.phase_deadline = utcnow().replace(microsecond=0) + timedelta(seconds=seconds)
    record(workshop.id, user_id, "timer", {"seconds": seconds, "deadline": iso(workshop.phase_deadline)})
    db.session.commit()
    broadcast_session(workshop)
    return workshop


def stop_timer(workshop_id: int, user_id: int | None) -> Workshop:
    workshop = get_workshop(workshop_id)
    if workshop.phase_deadline is not None:
        workshop.phase_deadline = None
        record(workshop.id, user_id, "timer_stop", {})
        db.session.commit()
    broadcast_session(workshop)
    return workshop
