"""Language choice: an explicit choice (cookie) wins, then the browser's preference."""
from flask import g, request
from flask_babel import get_locale

from .extensions import babel

# Every language of the UI. Staff pages are complete in de and en; resident pages in all.
LANGUAGES = {
    "de": "Deutsch",
    "en": "English",
}
RTL_LANGUAGES = {"ar"}
LANG_COOKIE = "lang"


def select_locale():
    chosen = request.args.get("lang") or request.cookies.get(LANG_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(list(LANGUAGES)) or "de"


def text_direction() -> str:
    return "rtl" if str(get_locale()).split("_")[0] in RTL_LANGUAGES else "ltr"


def init_i18n(app):
    babel.init_app(app, locale_selector=select_locale,
                   default_translation_directories=str(app.root_path + "/translations"))

    @app.context_processor
    def language_context():
        return {
            "current_locale": str(get_locale()),
            "text_direction": text_direction(),
            "languages": LANGUAGES,
        }

    @app.after_request
    def remember_language(response):
        chosen = request.args.get("lang")
        if chosen in LANGUAGES and request.cookies.get(LANG_COOKIE) != chosen:
            response.set_cookie(LANG_COOKIE, chosen, max_age=365 * 24 * 3600,
                                samesite="Lax", httponly=True)
        return response
