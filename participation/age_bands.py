"""The age bands shared by the Kommunalprofil and the participants of a workshop."""
from flask_babel import lazy_gettext as _l

AGE_BANDS = ("0-17", "18-29", "30-49", "50-64", "65-79", "80+")
NO_ANSWER = "none"

AGE_BAND_LABELS = {
    "0-17": _l("unter 18"),
    "18-29": _l("18 bis 29"),
    "30-49": _l("30 bis 49"),
    "50-64": _l("50 bis 64"),
    "65-79": _l("65 bis 79"),
    "80+": _l("80 und älter"),
    NO_ANSWER: _l("keine Angabe"),
}


def is_age_band(value) -> bool:
    return value in AGE_BANDS
