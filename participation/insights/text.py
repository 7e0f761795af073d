"""Tokens and word-form folding for the word cloud, the theme labels and the lexical
fallback. A light, rule-based stemmer: "Busse", "Bus" and "buses" fold to one key, as do
"Ärzte"/"Arzt", "Wohnungen"/"Wohnung", "otobüsler"/"otobüs"."""
import re
import unicodedata
from collections import Counter, defaultdict

from .stopwords import ENGLISH, GERMAN, STOP_WORDS, TURKISH

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
MIN_LENGTH = 3

LATIN_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "ı": "i", "ş": "s",
                            "ç": "c", "ğ": "g", "é": "e", "è": "e", "â": "a"})
# Longest first; a suffix is cut only when the stem left is long enough.
LATIN_SUFFIXES = (("ungen", "ung", 3), ("ies", "y", 3), ("ing", "", 4), ("ler", "", 5),
                  ("lar", "", 5), ("ern", "", 4), ("em", "", 4), ("en", "", 4), ("er", "", 4),
                  ("es", "", 3), ("e", "", 3), ("n", "", 4), ("s", "", 4))
CYRILLIC_SUFFIXES = ("ями", "ами", "ого", "ему", "ому", "ими", "ыми", "ій", "ий", "ый", "ой",
                     "ая", "яя", "ое", "ее", "ые", "ие", "ов", "ев", "ей", "ах", "ях", "ом",
                     "ем", "ам", "ям", "ів", "а", "я", "ы", "и", "і", "у", "ю", "е", "о", "ь")
ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")
ARABIC_SUFFIXES = ("ات", "ون", "ين", "ة")
ARABIC_DIACRITICS = re.compile("[\u064b-\u0652\u0640]")


def script_of(word: str) -> str:
    for char in word:
        if "\u0400" <= char <= "\u04ff":
            return "cyrillic"
        if "\u0600" <= char <= "\u06ff":
            return "arabic"
    return "latin"


_LATIN_FUNCTION_WORDS = {"de": frozenset(GERMAN.split()), "en": frozenset(ENGLISH.split()),
                         "tr": frozenset(TURKISH.split())}
_LATIN_LETTERS = {"de": re.compile("[äöüß]"), "tr": re.compile("[şğı]")}
_UKRAINIAN_LETTERS = re.compile("[іїєґ]")


def guess_language(text: str) -> str:
    """A rough language guess for short idea texts: "de", "en", "tr", "ar", "uk" or "ru".
    Scripts decide Arabic and Cyrillic (Ukrainian by its own letters); Latin texts go to
    the language whose function words and special letters they use most (German on ties).
    Used only to tell whether two texts can be compared word by word."""
    lower = unicodedata.normalize("NFC", text or "").lower()
    script = script_of(lower)
    if script == "arabic":
        return "ar"
    if script == "cyrillic":
        return "uk" if _UKRAINIAN_LETTERS.search(lower) else "ru"
    tokens = WORD.findall(lower)
    score = {lang: sum(token in vocabulary for token in tokens)
             for lang, vocabulary in _LATIN_FUNCTION_WORDS.items()}
    for lang, letters in _LATIN_LETTERS.items():
        score[lang] += 2 * len(letters.findall(lower))
    return max(("de", "en", "tr"), key=lambda lang: score[lang])


def _fold_latin(word: str) -> str:
    word = word.translate(LATIN_FOLD)
    for suffix, replacement, min_stem in LATIN_SUFFIXES:
        if suffix == "s" and word[-2:-1] in ("s", "u", "i"):
            continue  # "Haus", "Bus", "otobüs", "Kiosk"... are not plurals
        if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
            word = word[: len(word) - len(suffix)] + replacement
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # "buss" (from Busse) -> "bus"
    return word


def _fold_cyrillic(word: str) -> str:
    for suffix in CYRILLIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _fold_arabic(word: str) -> str:
    word = ARABIC_DIACRITICS.sub("", word)
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix):]
            break
    for suffix in ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
            break
    return word


def fold(word: str) -> str:
    """The key under which forms of one word are counted together."""
    word = unicodedata.normalize("NFC", word).lower()
    script = script_of(word)
    if script == "cyrillic":
        return _fold_cyrillic(word)
    if script == "arabic":
        return _fold_arabic(word)
    return _fold_latin(word)


def words(text: str) -> list[str]:
    """Meaningful words of a text, as written (stop words and very short words dropped)."""
    found = []
    for word in WORD.findall(unicodedata.normalize("NFC", text or "")):
        lower = word.lower()
        if len(word) < MIN_LENGTH or lower in STOP_WORDS:
            continue
        found.append(word)
    return found


def folded_words(text: str) -> list[str]:
    return [fold(word) for word in words(text)]


def count_per_idea(texts: list[str]) -> tuple[Counter, dict[str, Counter]]:
    """How many ideas use each folded word (once per idea, so one long card repeating a word
    does not dominate), and the written forms seen for each folded word."""
    counts, forms = Counter(), defaultdict(Counter)
    for text in texts:
        seen = set()
        for word in words(text):
            key = fold(word)
            forms[key][word] += 1
            if key not in seen:
                counts[key] += 1
                seen.add(key)
    return counts, forms


def most_used_form(forms: Counter) -> str:
    """The form the ideas write most often; ties go to the shorter, then alphabetical."""
    return sorted(forms.items(), key=lambda item: (-item[1], len(item[0]), item[0]))[0][0]
