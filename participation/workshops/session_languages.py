"""The languages of a live session and its phase questions in each of them (issue 14).

German is always offered: its questions are the workshop's own `question_*` columns. The
other languages a facilitator picks are rows of `session_language`, their questions rows of
`session_question`. A phone in a language without a question sees the German one, marked
as German (the live page says so), never an empty heading.
"""
import json
from functools import lru_cache
from pathlib import Path

from flask_babel import lazy_gettext as _l

from ..errors import ValidationError
from ..extensions import db

SOURCE_LANGUAGE = "de"
# Languages a session can offer besides German, in the order of the language picker.
QUESTION_LANGUAGES = ("en", "tr", "ar", "uk", "ru", "ls")
PHASE_KEYS = ("kritik", "utopie", "verwirklichung")
MAX_QUESTION_LENGTH = 300
LIBRARY_FILE = Path(__file__).with_name("question_library.json")
LIBRARY_THEMES = {
    "allgemein": _l("Allgemein, ohne besonderes Thema"),
    "aelter_werden": _l("Älter werden im Ort"),
    "mobilitaet": _l("Unterwegs im Ort (Mobilität)"),
    "jugend": _l("Jung sein im Ort"),
    "zusammenleben": _l("Zusammenleben und Ankommen"),
}


class SessionLanguage(db.Model):
    """A language the facilitator offers in this session (besides German)."""

    __tablename__ = "session_language"

    workshop_id = db.Column(db.Integer, db.ForeignKey("workshop.id", ondelete="CASCADE"),
                            primary_key=True)
    language = db.Column(db.String(8), primary_key=True)


class SessionQuestion(db.Model):
    """One phase's question in one language other than German."""

    __tablename__ = "session_question"
    __table_args__ = (db.UniqueConstraint("workshop_id", "phase", "language"),)

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshop.id", ondelete="CASCADE"),
                            nullable=False, index=True)
    phase = db.Column(db.String(16), nullable=False)
    language = db.Column(db.String(8), nullable=False)
    text = db.Column(db.String(MAX_QUESTION_LENGTH), nullable=False)


# --- the library of ready questions --------------------------------------------------------

@lru_cache(maxsize=1)
def library() -> dict:
    """{theme: {language: {phase: question}}}, every theme in German and every language."""
    data = json.loads(LIBRARY_FILE.read_text(encoding="utf-8"))
    return {theme: data[theme] for theme in LIBRARY_THEMES}


def library_questions(theme: str) -> dict:
    if theme not in LIBRARY_THEMES:
        raise ValidationError("invalid_theme", _l("Dieses Thema gibt es in der Bibliothek nicht."))
    return library()[theme]


# --- reading ------------------------------------------------------------------------------

def languages_of(workshop_id: int) -> list[str]:
    """The session's languages besides German, in picker order."""
    rows = set(db.session.scalars(db.select(SessionLanguage.language)
                                  .where(SessionLanguage.workshop_id == workshop_id)))
    return [code for code in QUESTION_LANGUAGES if code in rows]


def questions_of(workshop) -> dict:
    """{language: {phase: question}} for German and every stored translation."""
    result = {SOURCE_LANGUAGE: {phase: workshop.question_for(phase) for phase in PHASE_KEYS}}
    rows = db.session.execute(db.select(SessionQuestion.language, SessionQuestion.phase,
                                        SessionQuestion.text)
                              .where(SessionQuestion.workshop_id == workshop.id)).all()
    for language, phase, text in rows:
        result.setdefault(language, {})[phase] = text
    return result


def question_in(workshop, language: str) -> dict:
    """The current phase's question for a page in `language`: {"text", "fallback"}; German
    (fallback True) when the session has none in that language."""
    german = workshop.question_for(workshop.phase)
    if language == SOURCE_LANGUAGE:
        return {"text": german, "fallback": False}
    text = db.session.scalar(db.select(SessionQuestion.text).where(
        SessionQuestion.workshop_id == workshop.id, SessionQuestion.phase == workshop.phase,
        SessionQuestion.language == language))
    return {"text": text or german, "fallback": not text}


def missing_questions(workshop) -> list[tuple[str, str]]:
    """(language, phase) pairs the session offers but has no question for."""
    questions = questions_of(workshop)
    return [(language, phase) for language in languages_of(workshop.id)
            for phase in PHASE_KEYS if not questions.get(language, {}).get(phase)]


def question_payload(workshop) -> dict:
    """The part of `workshop_dict` that phones use to pick their question."""
    languages = languages_of(workshop.id)
    questions = questions_of(workshop)
    return {"languages": [SOURCE_LANGUAGE, *languages],
            "question_languages": {code: questions.get(code, {})
                                   for code in languages if questions.get(code)}}


# --- writing (inside the caller's transaction; the caller commits) -------------------------

def clean_language_settings(data: dict) -> tuple[list[str], dict] | None:
    """Validated (languages, questions) from a settings dict, or None when it has neither."""
    if "languages" not in data and "questions" not in data:
        return None
    languages = data.get("languages") or []
    if not isinstance(languages, (list, tuple)) or any(c not in QUESTION_LANGUAGES for c in languages):
        raise ValidationError("invalid_language", _l("Diese Sprache kann eine Sitzung nicht anbieten."))
    questions = data.get("questions") or {}
    clean = {}
    for code, by_phase in questions.items():
        if code not in QUESTION_LANGUAGES or not isinstance(by_phase, dict):
            raise ValidationError("invalid_language", _l("Diese Sprache kann eine Sitzung nicht anbieten."))
        for phase, text in by_phase.items():
            text = (text or "").strip() if isinstance(text, str) or text is None else None
            if phase not in PHASE_KEYS or text is None or len(text) > MAX_QUESTION_LENGTH:
                raise ValidationError("invalid_question", _l(
                    "Eine Frage hat höchstens %(n)s Zeichen.", n=MAX_QUESTION_LENGTH))
            if text:
                clean.setdefault(code, {})[phase] = text
    return [c for c in QUESTION_LANGUAGES if c in languages], clean


def store_language_settings(workshop, settings: tuple[list[str], dict] | None) -> None:
    """Replace the session's languages and translated questions (no commit)."""
    if settings is None:
        return
    languages, questions = settings
    if workshop.id is None:
        db.session.flush()
    db.session.execute(db.delete(SessionLanguage).where(SessionLanguage.workshop_id == workshop.id))
    db.session.execute(db.delete(SessionQuestion).where(SessionQuestion.workshop_id == workshop.id))
    for code in languages:
        db.session.add(SessionLanguage(workshop_id=workshop.id, language=code))
    for code, by_phase in questions.items():
        for phase, text in by_phase.items():
            db.session.add(SessionQuestion(workshop_id=workshop.id, language=code,
                                           phase=phase, text=text))
