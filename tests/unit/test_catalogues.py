"""Translation catalogues are complete, and the app shows each language where it should.

Strings are extracted from the source itself (not from a committed .pot), so a string added
without translating it makes these tests fail:
- every string (babel.cfg) must be translated in English;
- every resident-facing string (babel-resident.cfg) in Turkish, Arabic, Ukrainian, Russian;
- every resident-facing string (babel-leichte-sprache.cfg, the same file set) in Leichte Sprache.
"""
import re
from functools import lru_cache
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "participation" / "translations"
KEYWORDS = dict(DEFAULT_KEYWORDS, _l=None, lazy_gettext=None, lazy_ngettext=(1, 2))
RESIDENT_LANGUAGES = ["tr", "ar", "uk", "ru"]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}")


def _wanted_directory(path: str) -> bool:
    # Unlike Babel's default, keep folders starting with "_" (templates/_macros).
    name = Path(path).name
    return not name.startswith(".") and name not in ("node_modules", "__pycache__", "test-artifacts")


@lru_cache(maxsize=None)
def extracted(cfg: str) -> dict[str, str]:
    """msgid -> first location, for every string in the file set of `cfg`."""
    with open(ROOT / cfg) as fileobj:
        method_map, options_map = parse_mapping_cfg(fileobj)
    found = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS,
            directory_filter=_wanted_directory):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault(msgid, f"{filename}:{lineno}")
    return found


@lru_cache(maxsize=None)
def catalogue(locale: str, domain: str = "messages"):
    path = TRANSLATIONS / locale / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as fileobj:
        return read_po(fileobj, locale=locale if domain == "messages" else None)


def untranslated(cfg: str, locale: str, domain: str = "messages") -> list[str]:
    cat = catalogue(locale, domain)
    missing = []
    for msgid, where in sorted(extracted(cfg).items()):
        message = cat.get(msgid)
        strings = message.string if message else None
        if isinstance(strings, tuple):
            ok = all(strings)
        else:
            ok = bool(strings)
        if not ok or (message and message.fuzzy):
            missing.append(f"{where}: {msgid!r}")
    return missing


def test_extraction_finds_the_strings():
    every = extracted("babel.cfg")
    resident = extracted("babel-resident.cfg")
    easy = extracted("babel-leichte-sprache.cfg")
    assert "Zum Inhalt springen" in resident  # base.html
    assert "Hilfe: So machen Sie mit" in easy  # the help page
    assert "Ideen an der Wand" in easy  # the live page (issue 14: every resident page)
    assert set(resident) <= set(every)
    # Every resident page exists in Leichte Sprache: the two file sets stay equal.
    assert set(easy) == set(resident)
    assert len(every) > len(resident) > 10


def test_english_catalogue_has_every_string():
    missing = untranslated("babel.cfg", "en")
    assert not missing, ("English lacks %d strings (run `make translations-update` and "
                         "translate):\n" % len(missing)) + "\n".join(missing[:60])


@pytest.mark.parametrize("locale", RESIDENT_LANGUAGES)
def test_resident_languages_have_every_resident_string(locale):
    missing = untranslated("babel-resident.cfg", locale)
    assert not missing, (f"{locale} lacks %d resident-facing strings:\n" % len(missing)
                         ) + "\n".join(missing[:60])


def test_leichte_sprache_has_every_resident_text():
    missing = untranslated("babel-leichte-sprache.cfg", "de", "leichte_sprache")
    assert not missing, "Leichte Sprache lacks:\n" + "\n".join(missing)


@pytest.mark.parametrize("locale,domain", [(lang, "messages") for lang in ["en"] + RESIDENT_LANGUAGES]
                         + [("de", "leichte_sprache")])
def test_translations_keep_the_placeholders(locale, domain):
    wrong = []
    for message in catalogue(locale, domain):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[-1]))
        for text in filter(None, strings):  # untranslated forms are another test's business
            # A plural form may say "one" instead of the number: %(n)s may be dropped there.
            got = set(PLACEHOLDER.findall(text))
            if got - expected or (len(strings) == 1 and expected - got):
                wrong.append(f"{ids[0]!r} -> {text!r}")
    assert not wrong, "\n".join(wrong)


# The app really serves these catalogues (the .mo files are built at start when missing).

@pytest.fixture
def fresh(client):
    client.delete_cookie("lang")
    return client


@pytest.mark.parametrize("lang,expected,direction", [
    ("de", "Hilfe: So machen Sie mit", "ltr"),
    ("en", "Help: how to take part", "ltr"),
    ("tr", "Yardım: Nasıl katılırsınız", "ltr"),
    ("ar", "مساعدة: كيف تشارك", "rtl"),
    ("uk", "Довідка: як взяти участь", "ltr"),
    ("ru", "Помощь: как принять участие", "ltr"),
])
def test_help_page_in_each_resident_language(fresh, lang, expected, direction):
    page = fresh.get(f"/hilfe?lang={lang}").get_data(as_text=True)
    assert expected in page
    assert f'lang="{lang}" dir="{direction}"' in page


def test_language_choice_is_remembered(fresh):
    response = fresh.get("/hilfe?lang=tr")
    assert "lang=tr" in response.headers["Set-Cookie"]
    assert "Yardım" in fresh.get("/hilfe").get_data(as_text=True)
    assert 'lang="tr"' in fresh.get("/datenschutz").get_data(as_text=True)


def test_staff_pages_fall_back_to_german_or_english(fresh):
    page = fresh.get("/login?lang=ar").get_data(as_text=True)
    assert 'lang="de" dir="ltr"' in page and "Anmelden" in page
    page = fresh.get("/login?lang=ru", headers={"Accept-Language": "en-GB,en;q=0.8"}).get_data(
        as_text=True)
    assert 'lang="en"' in page and "Log in" in page
    # The staff page offers only German and English; a resident page offers all seven.
    assert "Türkçe" not in page
    assert "Türkçe" in fresh.get("/hilfe").get_data(as_text=True)


def test_leichte_sprache_rewrites_help_but_keeps_german(fresh):
    page = fresh.get("/hilfe?lang=ls").get_data(as_text=True)
    assert 'lang="de"' in page
    normal = fresh.get("/hilfe?lang=de").get_data(as_text=True)
    lead = "Bei der Zukunftswerkstatt sammeln wir Ideen für unseren Ort. Sie brauchen kein Konto und keine App."
    easy_lead = catalogue("de", "leichte_sprache").get(lead).string
    assert easy_lead != lead
    assert easy_lead in page and lead not in page
    assert lead in normal and easy_lead not in normal
    # The footer too (every resident string has an easy version, issue 14); staff pages
    # offer no Leichte Sprache and stay in plain German.
    assert ">Barriere·freiheit</a>" in page
    assert ">Barrierefreiheit</a>" in fresh.get("/login?lang=ls").get_data(as_text=True)


def test_large_text_switch_sets_the_cookie_and_the_body_class(fresh):
    response = fresh.post("/anzeige", data={"display": "large", "next": "/hilfe"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/hilfe")
    assert "display=large" in response.headers["Set-Cookie"]
    page = fresh.get("/hilfe").get_data(as_text=True)
    assert 'class=" large-text"' in page or "large-text" in page.split("<body", 1)[1][:80]
    assert 'aria-pressed="true"' in page
    response = fresh.post("/anzeige", data={"display": "normal", "next": "https://evil.example/"})
    assert response.headers["Location"].endswith("/")  # no open redirect
    assert "large-text" not in fresh.get("/hilfe").get_data(as_text=True).split("<body", 1)[1][:80]


def test_join_page_in_turkish_and_in_leichte_sprache(fresh, world):
    from participation.workshops import services
    workshop = services.create_workshop(world["home"].id, world["facilitator"].id, {
        "title": "Ortsmitte", "question_kritik": "Was stört Sie?"})
    code = services.open_workshop(workshop.id, world["facilitator"].id).join_code
    page = fresh.get(f"/j/{code}?lang=tr").get_data(as_text=True)
    assert 'lang="tr"' in page and "Katıl" in page and "Neredesiniz?" in page
    assert 'class="lang-picker"' in page and ">العربية</a>" in page and ">Leichte Sprache</a>" in page
    page = fresh.get(f"/j/{code}?lang=ls").get_data(as_text=True)
    easy = catalogue("de", "leichte_sprache")
    for msgid in ("Wo sind Sie?", "Ihr Alter (freiwillig)", "Mitmachen"):
        assert easy.get(msgid).string in page, msgid
    assert "Wo sind Sie?" not in page
