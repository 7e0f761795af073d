"""Rules for text people type, shared by every form, socket payload and export.

- NUL and other control characters (except tab and line breaks) are refused: PostgreSQL
  cannot store NUL at all, and the others only hide text.
- Bidirectional embeddings, overrides and isolates are removed: they reorder text on the
  wall and in exports ("Trojan Source"). Pages set the direction with dir="auto".
- "Blank" text (only spaces, Hangul fillers, braille blanks, combining marks) and "Zalgo"
  text (towers of combining marks) is not an idea.
"""
import re
import unicodedata

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
FORBIDDEN_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Characters that render as nothing although Unicode does not call them spaces.
BLANK_LOOKALIKES = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u200b\u2060\ufeff")
# More stacked marks than any written language needs (Vietnamese and Indic scripts use up
# to three or four on one letter).
MAX_MARKS_PER_LETTER = 4
# A generous upper bound for any single text field of any form (1 MB would pass the body
# limit but is never a real answer).
MAX_FIELD_CHARS = 20_000


def strip_bidi(text: str) -> str:
    return BIDI_CONTROLS.sub("", text)


def has_forbidden_controls(text: str) -> bool:
    return bool(FORBIDDEN_CONTROLS.search(text))


def has_visible_text(text: str) -> bool:
    return any(not ch.isspace() and ch not in BLANK_LOOKALIKES and ch.isprintable()
               and not unicodedata.category(ch).startswith(("M", "C"))
               for ch in text)


def is_zalgo(text: str) -> bool:
    run = 0
    for ch in text:
        if unicodedata.category(ch).startswith("M"):
            run += 1
            if run > MAX_MARKS_PER_LETTER:
                return True
        else:
            run = 0
    return False


def clean_for_export(value):
    """Exports of text stored before these rules: no bidi overrides, no control characters."""
    if not isinstance(value, str):
        return value
    return FORBIDDEN_CONTROLS.sub("", strip_bidi(value))
