"""Finding 11: blank and "Zalgo" ideas are refused; bidi overrides reach no export."""
import pytest

from participation.errors import ValidationError
from participation.ideas.services import clean_text
from participation.results.csv_safe import write_csv


@pytest.mark.parametrize("text", ["\u3164", "\u3164 \u3164", "\u2800\u2800", "\u200b",
                                  "a" + "\u0301" * 200, "\u0301" * 20, " \u115f\u1160 "])
def test_blank_and_zalgo_ideas_are_refused(text):
    with pytest.raises(ValidationError) as error:
        clean_text(text)
    assert error.value.code in ("text_empty", "text_unreadable")


@pytest.mark.parametrize("text", ["Mehr Bänke am Marktplatz", "Tiếng Việt: đường phố",
                                  "مزيد من المقاعد", "हिन्दी में विचार", "👩‍👩‍👧 Spielplatz"])
def test_real_languages_pass(text):
    assert clean_text(text) == text


def test_bidi_overrides_never_reach_a_csv_cell():
    csv = write_csv(["Titel"], [["Bahnhof \u202eredro\u202c", "\u2066x\u2069"]])
    assert not any(ch in csv for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "Bahnhof redro" in csv
