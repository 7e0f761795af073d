"""Dates in a document's language (the locale of the request that builds it: German by
default, English with ?lang=en): "1. Dezember 2026" / "December 1, 2026" in running text,
"01.12.2026" / "Dec 1, 2026" in tables and lists. Never a fixed pattern such as %d.%m.%Y,
which an English reader would take for a different day."""
from flask_babel import format_date, get_locale


def long_date(value) -> str:
    return format_date(value, "long") if value else "–"


def short_date(value) -> str:
    return format_date(value, "medium") if value else "–"


def date_range(first, last) -> str:
    return short_date(first) if first == last else f"{short_date(first)} – {short_date(last)}"


def document_language() -> str:
    """For the Word file's own language property, e.g. "de-DE" or "en-GB"."""
    locale = get_locale()
    language = locale.language if locale else "de"
    return {"de": "de-DE", "en": "en-GB"}.get(language, language)
