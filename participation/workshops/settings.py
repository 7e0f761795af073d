"""Setting a session up: its title, questions, dots, moderation, online window and
languages. Creating and changing the settings; running the session is in services.py."""
from flask_babel import lazy_gettext as _l

from ..errors import ValidationError
from ..extensions import db
from . import join_codes, online, session_languages
from .activity import record
from .broadcast import broadcast_session
from .models import PHASES, ModerationMode, Phase, Workshop, WorkshopStatus
from .queries import get_workshop

DEFAULT_QUESTIONS = {
    Phase.KRITIK.value: _l("Was stört Sie heute in unserem Ort?"),
    Phase.UTOPIE.value: _l("Wie sähe unser Ort aus, wenn alles möglich wäre?"),
    Phase.VERWIRKLICHUNG.value: _l("Was können wir wirklich tun: wer, mit wem, bis wann?"),
}
MAX_DOTS = 20
SETTINGS = ("title", "theme", "question_kritik", "question_utopie", "question_verwirklichung",
            "dots_per_participant", "max_dots_per_idea", "ask_age_band",
            "ask_migration_background", "moderation_mode", "show_representation_on_projector",
            "max_participants")
ONLINE_WINDOW = ("online_ideas_from", "online_ideas_until", "online_dots_from", "online_dots_until")


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
    record(workshop.id, user_id, "settings", {})
    db.session.commit()
    broadcast_session(workshop)
    return workshop
