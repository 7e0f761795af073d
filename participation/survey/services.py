"""Questionnaire rules: anonymous answers, one per person, results as counts per factor.

"Once per person" online: the browser keeps a random key in a cookie; only a hash of it is
stored, so a second answer from the same phone replaces the first and no answer can be
traced to a person. On paper every sheet a helper types in is one new answer.
"""
import hashlib
import secrets

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer

from ..errors import NotFound, ValidationError
from ..extensions import db
from ..municipalities.services import get_municipality
from .models import SurveyResponse
from .questions import FACTORS, MAX_TYPICAL, QUESTIONS

CHANNELS = ("online", "phone", "paper")


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="survey-link")


def survey_key(municipality_id: int) -> str:
    """The public link's key: it names the municipality and cannot be guessed for another."""
    return _serializer().dumps(municipality_id)


def municipality_for_key(key: str):
    try:
        municipality_id = _serializer().loads(key)
    except BadSignature as error:
        raise NotFound() from error
    return get_municipality(int(municipality_id))


def new_respondent_key() -> str:
    return secrets.token_urlsafe(24)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _codes(values) -> str:
    chosen = [v for v in (values or []) if v in FACTORS]
    if len(chosen) != len(values or []):
        raise ValidationError("invalid_factor", _l("Diese Antwort gibt es nicht."))
    return ",".join(dict.fromkeys(chosen))


def has_answered(municipality_id: int, respondent_key: str | None) -> bool:
    if not respondent_key:
        return False
    return db.session.scalar(db.select(SurveyResponse.id).where(
        SurveyResponse.municipality_id == municipality_id,
        SurveyResponse.respondent == _hash(respondent_key))) is not None


def submit(municipality_id: int, respondent_key: str, answers: dict, channel: str = "online",
           language: str = "de") -> SurveyResponse:
    """Store or replace this person's answers. `answers`: keeps, would_leave, would_come
    (lists of factor codes) and typical (text)."""
    get_municipality(municipality_id)
    if channel not in CHANNELS:
        channel = "online"
    values = {field: _codes(answers.get(field)) for field, _q, _h in QUESTIONS}
    typical = (answers.get("typical") or "").strip()
    if len(typical) > MAX_TYPICAL:
        raise ValidationError("too_long", _l("Der Text ist zu lang (höchstens %(n)s Zeichen).",
                                             n=MAX_TYPICAL))
    if not typical and not any(values.values()):
        raise ValidationError("empty", _l("Bitte beantworten Sie mindestens eine Frage."))
    respondent = _hash(respondent_key)
    row = db.session.scalar(db.select(SurveyResponse).where(
        SurveyResponse.municipality_id == municipality_id,
        SurveyResponse.respondent == respondent))
    if row is None:
        row = SurveyResponse(municipality_id=municipality_id, respondent=respondent)
        db.session.add(row)
    row.channel, row.language, row.typical = channel, (language or "de")[:5], typical
    for field, value in values.items():
        setattr(row, field, value)
    db.session.commit()
    return row


def results(municipality_id: int) -> dict:
    """{"count", "by_channel", "questions": [{"field", "question", "rows": [(label, n)]}],
    "typical": [texts]}; factors sorted by how often they were named."""
    rows = db.session.scalars(db.select(SurveyResponse).where(
        SurveyResponse.municipality_id == municipality_id).order_by(SurveyResponse.id)).all()
    questions = []
    for field, question, _hint in QUESTIONS:
        counts = {code: 0 for code in FACTORS}
        for row in rows:
            for code in filter(None, getattr(row, field).split(",")):
                counts[code] = counts.get(code, 0) + 1
        ranked = sorted(((code, n) for code, n in counts.items() if n), key=lambda c: -c[1])
        questions.append({"field": field, "question": str(question),
                          "rows": [(str(FACTORS[code]), n) for code, n in ranked],
                          "codes": [code for code, _n in ranked]})
    by_channel = {c: sum(1 for r in rows if r.channel == c) for c in CHANNELS}
    return {"count": len(rows), "by_channel": by_channel, "questions": questions,
            "typical": [r.typical for r in rows if r.typical]}


def theme_suggestions(municipality_id: int, limit: int = 3) -> list[dict]:
    """The most named factors of "keeps" and "would leave", offered as Kick-Off themes."""
    data = results(municipality_id)
    suggestions = []
    for question in data["questions"][:2]:
        for label, n in question["rows"][:limit]:
            suggestions.append({"name": label, "reason": str(_l(
                "Aus der Befragung „%(q)s“: %(n)s von %(total)s Antworten.", q=question["question"],
                n=n, total=data["count"]))})
    return suggestions
