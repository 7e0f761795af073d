"""Language and display choice.

Languages: the whole UI exists in German (the source language) and English. Resident pages
(join, live, results, help, privacy notice, error pages) also exist in Turkish, Arabic,
Ukrainian and Russian; staff pages fall back to German or English when a resident chose one
of those. "Leichte Sprache" (easy German) is a pseudo-language `ls`: the locale stays `de`
(dates, numbers, `lang="de"`), but gettext looks first in a second, small catalogue
(`translations/de/LC_MESSAGES/leichte_sprache.po`) that rewrites the join and help texts in
easy German; every other string falls back to the normal German text.

The choice comes from `?lang=<code>` (remembered in the `lang` cookie), else the browser's
Accept-Language. Socket events see the cookie of their handshake, so acks use the same
language as the page.

Display: `display=large` (cookie) turns on the large-text, high-contrast mode.
"""
from flask import has_request_context, request
from flask_babel import get_locale

from .resident_pages import is_resident_request

# Every language a resident can pick, each named in its own language (picker order).
LANGUAGES = {
    "de": "Deutsch",
    "en": "English",
    "tr": "Türkçe",
    "ar": "العربية",
    "uk": "Українська",
    "ru": "Русский",
    "ls": "Leichte Sprache",
}
STAFF_LANGUAGES = ("de", "en")          # complete catalogues: every page
RESIDENT_ONLY_LANGUAGES = ("tr", "ar", "uk", "ru")  # resident pages only
EASY_LANGUAGE = "ls"                    # Leichte Sprache: German with easier texts
RTL_LANGUAGES = {"ar"}
LANG_COOKIE = "lang"
DISPLAY_COOKIE = "display"
COOKIE_MAX_AGE = 365 * 24 * 3600

def chosen_language() -> str | None:
    """The language the person picked (query or cookie), whatever page this is."""
    for value in (request.args.get("lang"), request.cookies.get(LANG_COOKIE)):
        if value in LANGUAGES:
            return value
    return None


def page_language() -> str:
    """The language code this page is shown in (`ls` for Leichte Sprache)."""
    if not has_request_context():
        return "de"
    # Cached on the request, not on g: tests reuse one app context for many requests.
    cached = getattr(request, "_page_language", None)
    if cached:
        return cached
    resident = is_resident_request()
    offered = list(LANGUAGES) if resident else list(STAFF_LANGUAGES)
    chosen = chosen_language()
    if chosen in offered:
        code = chosen
    else:
        # A staff page for someone who chose Turkish etc.: German or English, by browser.
        best = request.accept_languages.best_match(
            [c for c in offered if c != EASY_LANGUAGE])
        code = best or "de"
    request._page_language = code
    return code


def select_locale() -> str:
    code = page_language()
    return "de" if code == EASY_LANGUAGE else code


def offered_languages() -> dict:
    """The languages the switch on this page offers."""
    if has_request_context() and is_resident_request():
        return LANGUAGES
    return {code: LANGUAGES[code] for code in STAFF_LANGUAGES}


def text_direction() -> str:
    return "rtl" if str(get_locale()).split("_")[0] in RTL_LANGUAGES else "ltr"


def large_text() -> bool:
    return has_request_context() and request.cookies.get(DISPLAY_COOKIE) == "large"
