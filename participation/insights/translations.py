"""Interpreters' translations of ideas (issue 14) feed the similar-idea comparison: an
Arabic idea with a German translation is found for a German text, and the other way round."""
from ..extensions import db
from ..ideas.models import IdeaTranslation


def translation_texts(idea_ids) -> dict[int, list[str]]:
    """{idea id: [its translations]} for the ideas that have any."""
    found: dict[int, list[str]] = {}
    if not idea_ids:
        return found
    rows = db.session.execute(db.select(IdeaTranslation.idea_id, IdeaTranslation.text)
                              .where(IdeaTranslation.idea_id.in_(list(idea_ids))))
    for idea_id, text in rows:
        found.setdefault(idea_id, []).append(text)
    return found
