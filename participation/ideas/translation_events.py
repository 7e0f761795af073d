"""`/live` handler for translating an idea from the facilitator's console (issue 14).
Contract: docs/realtime.md. Helpers without an account translate through the helper page."""
from ..accounts.permissions import require_facilitator
from ..i18n import LANGUAGES
from ..live import ROLE_FACILITATOR, get_choice, get_client_id, get_int, get_str, live_event
from .events import MAX_RAW_TEXT
from .services import idea_dict
from .translations import set_original_language, translate_idea, translation_payload


@live_event("idea:translate", roles=(ROLE_FACILITATOR,), allowed={"idea_id", "language", "text"})
def on_translate(client, payload):
    """Facilitator (or an interpreter at the console) stores a translation of an idea. The
    session gets `idea:translated`; phones in that language show it at once. Saving the same
    translation twice stores it once (the write is an upsert per idea and language)."""
    require_facilitator(client)
    get_client_id(payload, required=False)
    idea_id = get_int(payload, "idea_id")
    language = get_choice(payload, "language", tuple(LANGUAGES))
    text = get_str(payload, "text", max_length=MAX_RAW_TEXT)
    translation = translate_idea(client.workshop_id, idea_id, language, text, client.user_id)
    return {"ok": True, "translation": translation_payload(translation.idea, translation)}


@live_event("idea:set_language", roles=(ROLE_FACILITATOR,), allowed={"idea_id", "language"})
def on_set_language(client, payload):
    """Facilitator corrects the language an idea is written in (a card typed as German that
    is Turkish): everyone who sees it gets `idea:updated`, the translation queue follows."""
    require_facilitator(client)
    get_client_id(payload, required=False)
    idea_id = get_int(payload, "idea_id")
    language = get_choice(payload, "language", tuple(LANGUAGES))
    return {"ok": True, "idea": idea_dict(set_original_language(client.workshop_id, idea_id,
                                                                  language))}
