"""Languages and the display choice: which language a page is shown in (languages), which
pages are resident pages (resident_pages), the large-text switch (prefs), the catalogues
(catalogues), and init_i18n(app). See languages.py for the rules."""
from flask import request
from flask_babel import get_locale, refresh

from ..extensions import babel
from .catalogues import AppDomain, compile_catalogues
from .languages import (COOKIE_MAX_AGE, DISPLAY_COOKIE, EASY_LANGUAGE, LANG_COOKIE, LANGUAGES,
                        RESIDENT_ONLY_LANGUAGES, RTL_LANGUAGES, STAFF_LANGUAGES,
                        chosen_language, large_text, offered_languages, page_language,
                        select_locale, text_direction)
from . import prefs
from .resident_pages import (RESIDENT_BLUEPRINTS, RESIDENT_ENDPOINTS, is_resident_request,
                             resident_page)

__all__ = [
    "AppDomain", "COOKIE_MAX_AGE", "DISPLAY_COOKIE", "EASY_LANGUAGE", "LANGUAGES",
    "LANG_COOKIE", "RESIDENT_BLUEPRINTS", "RESIDENT_ENDPOINTS", "RESIDENT_ONLY_LANGUAGES",
    "RTL_LANGUAGES", "STAFF_LANGUAGES", "chosen_language", "compile_catalogues", "init_i18n",
    "is_resident_request", "large_text", "offered_languages", "page_language",
    "resident_page", "select_locale", "text_direction",
]


def init_i18n(app):
    directory = str(app.root_path + "/translations")
    compile_catalogues(directory)
    babel.init_app(app, locale_selector=select_locale,
                   default_translation_directories=directory)
    # Babel.domain_instance is a cached property: replace it with the Leichte-Sprache-aware one.
    babel.domain_instance = AppDomain(directory)
    app.register_blueprint(prefs.bp)

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
