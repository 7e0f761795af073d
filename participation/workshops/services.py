"""Live-session rules: set-up, opening with a join code, phases, lock, timer, spotlight,
and residents joining. Services commit once, then broadcast."""
import secrets
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError

from .. import live
from ..accounts.models import utcnow
from ..age_bands import NO_ANSWER
from ..errors import DomainError, NotFound, ValidationError
from ..extensions import db
from . import flow, join_bands, join_codes, online, session_languages
from .models import (PHASE_ORDER, Channel, ModerationMode, Participant, Phase, Workshop,
                     WorkshopStatus)
from .public_url import join_url

DEFAULT_QUESTIONS = {
    Phase.KRITIK.value: _l("Was stört Sie heute in unserem Ort?"),
    Phase.UTOPIE.value: _l("Wie sähe unser Ort aus, wenn alles möglich wäre?"),
    Phase.VERWIRKLICHUNG.value: _l("Was können wir wirklich tun: wer, mit wem, bis wann?"),
}
PHASES = tuple(p.value for p in PHASE_ORDER)
MAX_TIMER_SECONDS = 7200
MAX_DOTS = 20
SETTINGS = ("title", "theme", "question_kritik", "question_utopie", "question_verwirklichung",
            "dots_per_participant", "max_dots_per_idea", "ask_age_band",
            "ask_migration_background", "moderation_mode", "show_representation_on_projector",
            "max_participants")
ONLINE_WINDOW = ("online_ideas_from", "online_ideas_until", "online_dots_from", "online_dots_until")


class SessionNotOpen(DomainError):
    code = "session_not_open"
    http_status = 409
    default_message = _l("Die Werkstatt ist gerade nicht geöffnet.")


def iso(value) -> str | None:
    return value.replace(microsecond=0).isoformat() + "Z" if value else None


# --- reading -----------------------------------------------------------------------------

def get_workshop(workshop_id: int) -> Workshop:
    workshop = db.session.get(Workshop, workshop_id) if isinstance(workshop_id, int) else None
    if workshop is None:
        raise NotFound()
    return workshop


def list_workshops(municipality_id: int) -> list[Workshop]:
    return list(db.session.scalars(db.select(Workshop)
                                   .where(Workshop.municipality_id == municipality_id)
                                   .order_by(Workshop.created_at.desc(), Workshop.id.desc())))


def participant_by_token(workshop_id: int, token: str | None) -> Participant | None:
    if not token:
        return None
    return db.session.scalar(db.select(Participant).where(
        Participant.token == token, Participant.workshop_id == workshop_id))


def participant_counts(workshop_id: int) -> dict:
    rows = db.session.execute(db.select(Participant.channel, func.count())
                              .where(Participant.workshop_id == workshop_id)
                              .group_by(Participant.channel)).all()
    counts = {channel.value: 0 for channel in Channel}
    for channel, count in rows:
        counts[channel] = count
    counts["total"] = sum(counts.values())
    return counts


def workshop_dict(workshop: Workshop) -> dict:
    return {
        "id": workshop.id, "title": workshop.title, "theme": workshop.theme,
        "status": workshop.status, "phase": workshop.phase,
        "question": workshop.question_for(workshop.phase),
        "questions": {phase: workshop.question_for(phase) for phase in PHASES},
        "submissions_locked": workshop.submissions_locked,
        "phase_deadline": iso(workshop.phase_deadline),
        "server_time": iso(utcnow()),
        "dots_per_participant": workshop.dots_per_participant,
        "max_dots_per_idea": workshop.max_dots_per_idea,
        "moderation_mode": workshop.moderation_mode,
        "spotlight_idea_id": workshop.spotlight_idea_id,
        "join_code": workshop.join_code,
        "join_url": join_url(workshop.join_code) if workshop.join_code else None,
        "online": online.window_dict(workshop),
        **session_languages.question_payload(workshop),
        **flow.flow_dict(workshop),
    }


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


# --- set-up ------------------------------------------------------------------------------

def _clean_settings(data: dict) -> dict:
    clean = {key: data[key] for key in SETTINGS + ONLINE_WINDOW if key in data}
    online.check_order(clean)
    for key in ("title", "theme", "question_kritik", "question_utopie", "question_verwirklichung"):
        if key in clean:
            clean[key] = (clean[key] or "").strip()
    if "title" in clean and not clean["title"]:
        raise ValidationError("invalid_title", _l("Bitte geben Sie einen Titel an."))
    for phase in PHASES:
        key = f"question_{phase}"
        if key in clean and not clean[key]:
            clean[key] = str(DEFAULT_QUESTIONS[phase])
    if clean.get("moderation_mode", ModerationMode.POST.value) not in {m.value for m in ModerationMode}:
        raise ValidationError("invalid_moderation_mode", _l("Diese Moderationsart gibt es nicht."))
    return clean


def _check_dots(workshop: Workshop) -> None:
    if not 1 <= (workshop.dots_per_participant or 0) <= MAX_DOTS:
        raise ValidationError("invalid_dots", _l("Punkte pro Person: 1 bis %(n)s.", n=MAX_DOTS))
    if not 1 <= (workshop.max_dots_per_idea or 0) <= workshop.dots_per_participant:
        raise ValidationError("invalid_dots_per_idea", _l(
            "Punkte pro Idee: mindestens 1, höchstens so viele wie Punkte pro Person."))


def create_workshop(municipality_id: int, user_id: int | None, data: dict) -> Workshop:
    settings = _clean_settings({**{f"question_{p}": "" for p in PHASES}, **data})
    languages = session_languages.clean_language_settings(data)
    workshop = Workshop(municipality_id=municipality_id, created_by_id=user_id,
                        status=WorkshopStatus.DRAFT.value, phase=Phase.KRITIK.value, **settings)
    workshop.dots_per_participant = workshop.dots_per_participant or 5
    workshop.max_dots_per_idea = workshop.max_dots_per_idea or 3
    _check_dots(workshop)
    db.session.add(workshop)
    _ensure_join_code(workshop)
    session_languages.store_language_settings(workshop, languages)
    db.session.commit()
    return workshop


def _ensure_join_code(workshop: Workshop) -> None:
    """A session with an online window needs its join link before it is opened."""
    if workshop.join_code or not online.any_window_set(workshop):
        return
    for _attempt in range(20):
        code = join_codes.generate()
        if db.session.scalar(db.select(Workshop.id).where(Workshop.join_code == code)) is None:
            workshop.join_code = code
            return


def update_workshop(workshop_id: int, user_id: int | None, data: dict) -> Workshop:
    workshop = get_workshop(workshop_id)
    languages = session_languages.clean_language_settings(data)
    for key, value in _clean_settings(data).items():
        setattr(workshop, key, value)
    _check_dots(workshop)
    _ensure_join_code(workshop)
    session_languages.store_language_settings(workshop, languages)
    _record(workshop, user_id, "settings", {})
    db.session.commit()
    _broadcast_session(workshop)
    return workshop


def open_workshop(workshop_id: int, user_id: int | None) -> Workshop:
    workshop = get_workshop(workshop_id)
    if workshop.status == WorkshopStatus.OPEN.value:
        return workshop
    workshop.status = WorkshopStatus.OPEN.value
    workshop.opened_at = workshop.opened_at or utcnow()
    workshop.closed_at = None
    _record(workshop, user_id, "open", {})
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
            _record(workshop, user_id, "open", {})
    else:  # pragma: no cover - 20 collisions in a space of 148 million codes
        raise DomainError("no_join_code")
    _broadcast_session(workshop)
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
    _record(workshop, user_id, "close", {})
    db.session.commit()
    _broadcast_session(workshop)
    return workshop


# --- running the session ------------------------------------------------------------------

def set_phase(workshop_id: int, phase: str, user_id: int | None) -> Workshop:
    if phase not in PHASES:
        raise ValidationError("invalid", _l("Diese Phase gibt es nicht."))
    workshop = get_workshop(workshop_id)
    if workshop.phase != phase:
        # A new phase starts fresh: open for ideas, no timer, nothing in the spotlight.
        _record(workshop, user_id, "phase", {"old": workshop.phase, "new": phase})
        workshop.phase = phase
        workshop.submissions_locked = False
        workshop.phase_deadline = None
        workshop.spotlight_idea_id = None
        db.session.commit()
    _broadcast_session(workshop)
    return workshop


def lock_submissions(workshop_id: int, locked: bool, user_id: int | None) -> Workshop:
    workshop = get_workshop(workshop_id)
    if workshop.submissions_locked != locked:
        workshop.submissions_locked = locked
        _record(workshop, user_id, "lock" if locked else "unlock", {})
        db.session.commit()
    _broadcast_session(workshop)
    return workshop


def start_timer(workshop_id: int, seconds: int, user_id: int | None) -> Workshop:
    if not isinstance(seconds, int) or not 1 <= seconds <= MAX_TIMER_SECONDS:
        raise ValidationError("invalid", _l("Der Timer läuft 1 Sekunde bis 2 Stunden."))
    workshop = get_workshop(workshop_id)
    workshop.phase_deadline = utcnow().replace(microsecond=0) + timedelta(seconds=seconds)
    _record(workshop, user_id, "timer", {"seconds": seconds, "deadline": iso(workshop.phase_deadline)})
    db.session.commit()
    _broadcast_session(workshop)
    return workshop


def stop_timer(workshop_id: int, user_id: int | None) -> Workshop:
    workshop = get_workshop(workshop_id)
    if workshop.phase_deadline is not None:
        workshop.phase_deadline = None
        _record(workshop, user_id, "timer_stop", {})
        db.session.commit()
    _broadcast_session(workshop)
    return workshop


def set_spotlight(workshop_id: int, idea_id: int | None, user_id: int | None) -> Workshop:
    from ..ideas import services as idea_services
    workshop = get_workshop(workshop_id)
    if idea_id is not None:
        idea = idea_services.get_idea(workshop_id, idea_id)
        if idea.status != "visible":
            raise DomainError("idea_not_visible", _l("Nur sichtbare Ideen können ins Rampenlicht."))
    if workshop.spotlight_idea_id != idea_id:
        _record(workshop, user_id, "spotlight",
                {"old": workshop.spotlight_idea_id, "new": idea_id}, idea_id=idea_id)
        workshop.spotlight_idea_id = idea_id
        db.session.commit()
    _broadcast_session(workshop)
    return workshop


def _record(workshop, user_id, action, details, idea_id=None):
    from ..ideas.moderation import record
    record(workshop.id, user_id, action, details, idea_id=idea_id)


def session_update_payload(workshop: Workshop) -> dict:
    from ..ideas import services as idea_services
    return {"workshop": workshop_dict(workshop),
            "starting_points": idea_services.starting_points(workshop)}


def _broadcast_session(workshop: Workshop) -> None:
    live.broadcast("session:updated", session_update_payload(workshop),
                   live.session_room(workshop.id))


# --- residents ----------------------------------------------------------------------------

def join(workshop_id: int, *, age_band: str | None = None,
         channel: str = Channel.ONSITE.value, migration_background: str | None = None,
         locale: str | None = None, device: str | None = None) -> Participant:
    """A resident joins. Only what the session asks for is kept; nothing identifying.
    `device` ("assisted" or "kiosk") is set by the helper page and the hall's tablet, never
    by a resident's form: it replaces the channel and needs the live session."""
    workshop = get_workshop(workshop_id)
    if device is not None:
        if device not in (Channel.ASSISTED.value, Channel.KIOSK.value):
            raise ValidationError("invalid_channel")
        require_open(workshop)
        channel = device
    elif workshop.status != WorkshopStatus.OPEN.value:
        # Outside the live session only from home, while an online window is open.
        if not online.any_window_open(workshop):
            raise SessionNotOpen(message=online.WINDOW_CLOSED_MESSAGE
                                 if online.any_window_set(workshop) else None)
        if channel != Channel.ONLINE.value:
            raise ValidationError("invalid_channel", _l(
                "Außerhalb der Werkstatt können Sie nur von zu Hause mitmachen."))
    if age_band in (None, "", NO_ANSWER):
        age_band = None
    elif not join_bands.is_offered(workshop, age_band):
        raise ValidationError("invalid_age_band", _l("Diese Altersgruppe gibt es nicht."))
    if device is None and channel not in (Channel.ONSITE.value, Channel.ONLINE.value):
        raise ValidationError("invalid_channel", _l("Bitte wählen Sie: im Saal oder von zu Hause."))
    if migration_background not in ("yes", "no"):
        migration_background = None
    participant = Participant(
        workshop_id=workshop.id, token=secrets.token_urlsafe(32),
        age_band=age_band if workshop.ask_age_band or device == Channel.ASSISTED.value else None,
        migration_background=migration_background if workshop.ask_migration_background else None,
        channel=channel, locale=(locale or None) and locale[:8])
    db.session.add(participant)
    db.session.commit()
    from ..voting import tally
    tally.mark_dirty(workshop.id, joined=True)
    return participant
