"""Other people's ideas in the reader's language (issue 14).

Interpreters and bilingual helpers translate ideas: a non-German idea into German (the
projector and the hall read German), a German idea into the session's other languages.
Each translation is broadcast as `idea:translated`; every phone in that language and the
projector update without a reload (docs/realtime.md). No machine translation: see
docs/machine-translation.md.
"""
from flask_babel import lazy_gettext as _l

from .. import live
from ..errors import ValidationError
from ..extensions import db
from ..i18n import LANGUAGES
from ..workshops import session_languages
from .models import Idea, IdeaStatus, IdeaTranslation
from .services import broadcast_idea, clean_text, get_idea

SOURCE_LANGUAGE = "de"
QUEUE_LIMIT = 40


def original_language(idea: Idea) -> str:
    return idea.language if idea.language in LANGUAGES else SOURCE_LANGUAGE


def _check_language(idea: Idea, language) -> str:
    if language not in LANGUAGES:
        raise ValidationError("invalid_language", _l("Diese Sprache gibt es hier nicht."))
    if language == original_language(idea):
        raise ValidationError("same_language", _l(
            "Die Idee ist schon in dieser Sprache geschrieben."))
    return language


def translate_idea(workshop_id: int, idea_id, language, text,
                   user_id: int | None = None) -> IdeaTranslation:
    """Store (or replace) the idea's translation into `language` and tell everyone."""
    idea = get_idea(workshop_id, idea_id)
    language = _check_language(idea, language)
    text = clean_text(text)
    translation = db.session.scalar(db.select(IdeaTranslation).where(
        IdeaTranslation.idea_id == idea.id, IdeaTranslation.language == language))
    if translation is None:
        translation = IdeaTranslation(idea_id=idea.id, language=language)
        db.session.add(translation)
    translation.text = text
    translation.translated_by_id = user_id
    db.session.commit()
    db.session.refresh(idea)  # its `translations` collection now holds the new row
    broadcast_translation(idea, translation)
    return translation


def translation_payload(idea: Idea, translation: IdeaTranslation) -> dict:
    return {"idea_id": idea.id, "language": translation.language, "text": translation.text,
            "original_language": original_language(idea)}


def broadcast_translation(idea: Idea, translation: IdeaTranslation) -> None:
    """Visible ideas: the whole session (phones keep what is in their language). Others:
    the facilitators, and the author's own phones."""
    payload = translation_payload(idea, translation)
    if idea.status == IdeaStatus.VISIBLE.value:
        live.broadcast("idea:translated", payload, live.session_room(idea.workshop_id))
        return
    live.broadcast("idea:translated", payload, live.facilitator_room(idea.workshop_id))
    if idea.participant_id:
        live.broadcast("idea:translated", payload, live.participant_room(idea.participant_id))


def queue(workshop_id: int) -> list[dict]:
    """Visible ideas that still need a translation, newest first (the helper's queue)."""
    languages = session_languages.languages_of(workshop_id)
    ideas = db.session.scalars(db.select(Idea).where(
        Idea.workshop_id == workshop_id, Idea.status == IdeaStatus.VISIBLE.value)
        .order_by(Idea.id.desc()))
    entries = []
    for idea in ideas:
        wanted = _wanted(idea, languages)
        if wanted:
            entries.append({"idea": idea, "language": original_language(idea), "wanted": wanted})
        if len(entries) >= QUEUE_LIMIT:
            break
    return entries


def _wanted(idea: Idea, session_langs: list[str]) -> list[str]:
    """German for an idea in another language; the session's other languages (Leichte
    Sprache readers read German) for a German one; minus what exists already."""
    have = {t.language for t in idea.translations}
    original = original_language(idea)
    wanted = [SOURCE_LANGUAGE] if original != SOURCE_LANGUAGE else [
        c for c in session_langs if c != "ls"]
    return [code for code in wanted if code not in have and code != original]


def set_original_language(workshop_id: int, idea_id, language) -> Idea:
    """Correct the language an idea was written in (a paper card typed by a German-speaking
    helper is stored as German). A translation into the new original language is dropped
    (the original says it now); the others stay. Every page gets the idea again as
    `idea:updated`, so phones pick their version anew and the projector marks it."""
    idea = get_idea(workshop_id, idea_id)
    if language not in LANGUAGES:
        raise ValidationError("invalid_language", _l("Diese Sprache gibt es hier nicht."))
    if language == original_language(idea):
        return idea
    for translation in [t for t in idea.translations if t.language == language]:
        db.session.delete(translation)
    idea.language = language
    db.session.commit()
    db.session.refresh(idea)
    broadcast_idea(idea, "idea:updated")
    return idea


def reader_versions(idea_ids, language: str) -> dict[int, dict]:
    """What a reader in `language` sees of each idea on a page rendered by the server (the
    public results): its translation into that language, else the German one, else the
    original; with the original language and text when the shown text is a translation."""
    ids = sorted({int(i) for i in idea_ids})
    found = {}
    if not ids:
        return found
    for idea in db.session.scalars(db.select(Idea).where(Idea.id.in_(ids))):
        original = original_language(idea)
        have = {t.language: t.text for t in idea.translations}
        code = None
        if language != original and not (language == "ls" and original == SOURCE_LANGUAGE):
            code = next((c for c in (language, SOURCE_LANGUAGE) if c != original and c in have), None)
        shown_lang = original if code is None else code
        found[idea.id] = {
            "text": idea.text if code is None else have[code],
            "lang": "de" if shown_lang == "ls" else shown_lang,
            "translated": code is not None,
            "original_language": original,
            "original_lang": "de" if original == "ls" else original,
            "original_text": idea.text,
            # Named when a reader may not read the text as shown (as the projector does).
            "marked": original not in (SOURCE_LANGUAGE, "ls", language) or code is not None,
        }
    return found
