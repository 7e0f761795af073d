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
from flask import Blueprint, current_app, has_request_context, redirect, request, url_for
from flask_babel import Domain, get_locale, refresh

from .extensions import babel
from .safe_redirect import safe_next

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

# Endpoints residents see. Views elsewhere can instead use the @resident_page decorator.
RESIDENT_ENDPOINTS = {
    "pages.index", "pages.help", "pages.privacy", "pages.accessibility", "prefs.display",
    "workshops.join_redirect", "workshops.join", "workshops.live", "results.public",
    "assist.kiosk_start", "assist.kiosk_next",
}
# Blueprints whose every page is for residents.
RESIDENT_BLUEPRINTS: set[str] = set()


def resident_page(view):
    """Mark a view as resident-facing: it may be shown in every resident language."""
    view.resident_page = True
    return view


def is_resident_request() -> bool:
    """True on resident pages, error pages and socket events (residents' acks)."""
    if getattr(request, "namespace", None):  # a Socket.IO event
        return True
    endpoint = request.endpoint
    if endpoint is None:  # 404 and other error pages
        return True
    if endpoint in RESIDENT_ENDPOINTS or request.blueprint in RESIDENT_BLUEPRINTS:
        return True
    view = current_app.view_functions.get(endpoint)
    return bool(getattr(view, "resident_page", False))


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


class _AppDomain(Domain):
    """The default gettext domain; in Leichte Sprache it reads the easy catalogue first."""

    def __init__(self, directory: str):
        super().__init__(translation_directories=[directory], domain="messages")
        self.easy = Domain(translation_directories=[directory], domain="leichte_sprache")

    def get_translations(self):
        if has_request_context() and page_language() == EASY_LANGUAGE:
            return self.easy.get_translations()
        return super().get_translations()


prefs = Blueprint("prefs", __name__)


@prefs.route("/anzeige", methods=["POST"])
def display():
    """The large-text switch without JavaScript: flip the cookie, go back to the page."""
    wanted = request.form.get("display")
    response = redirect(safe_next(request.form.get("next"), url_for("pages.index")), 303)
    if wanted == "large":
        response.set_cookie(DISPLAY_COOKIE, "large", max_age=COOKIE_MAX_AGE, samesite="Lax")
    else:
        response.delete_cookie(DISPLAY_COOKIE, samesite="Lax")
    return response


def compile_catalogues(directory: str) -> list[str]:
    """Build each .mo that is missing or older than its .po (`make translations` does the
    same); so a fresh checkout, a test run or `python wsgi.py` never shows untranslated pages."""
    import logging
    import os
    import tempfile
    from pathlib import Path

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    built = []
    for po_path in Path(directory).glob("*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        try:
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file, locale=po_path.parent.parent.name)
            handle, tmp = tempfile.mkstemp(dir=str(po_path.parent), suffix=".mo.tmp")
            with os.fdopen(handle, "wb") as mo_file:
                write_mo(mo_file, catalog)
            os.chmod(tmp, 0o644)  # mkstemp makes it private; the server may run as another user
            os.replace(tmp, mo_path)  # atomic: parallel processes never read half a file
            built.append(str(mo_path))
        except OSError as error:  # a read-only installation: `make translations` built them
            logging.getLogger(__name__).warning("Cannot compile %s: %s", po_path, error)
    return built


def init_i18n(app):
    directory = str(app.root_path + "/translations")
    compile_catalogues(directory)
    babel.init_app(app, locale_selector=select_locale,
                   default_translation_directories=directory)
    # Babel.domain_instance is a cached property: replace it with the Leichte-Sprache-aware one.
    babel.domain_instance = _AppDomain(directory)
    app.register_blueprint(prefs)

    @app.before_request
    def fresh_locale():
        # Flask-Babel caches the locale on g, which a test's app context shares between requests.
        refresh()

    @app.context_processor
    def language_context():
        return {
            "current_locale": str(get_locale()),
            "current_language": page_language(),
            "text_direction": text_direction(),
            "languages": offered_languages(),
            "large_text": large_text(),
        }

    @app.after_request
    def remember_language(response):
        chosen = request.args.get("lang")
        if chosen in LANGUAGES and request.cookies.get(LANG_COOKIE) != chosen:
            response.set_cookie(LANG_COOKIE, chosen, max_age=COOKIE_MAX_AGE,
                                samesite="Lax", httponly=True)
        return response
