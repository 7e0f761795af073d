"""Issue 14 in real browsers: the facilitator sets questions in three languages; phones in
Turkish, Arabic and Ukrainian show their question (a Russian phone the German one, marked);
a helper translates an Arabic idea into German and a German idea into Arabic, and the
projector and the Arabic phone show it without a reload."""
import re

from playwright.sync_api import expect

from .conftest import screenshot

GERMAN = "Was stört Sie am Leben in Heimstadt?"
QUESTIONS = {"tr": "Heimstadt'ta sizi ne rahatsız ediyor?",
             "ar": "ما الذي يزعجك في الحياة في هايمشتات؟",
             "uk": "Що вам заважає в житті в Гаймштадті?"}
ARABIC_IDEA = "نحتاج إلى حديقة للأطفال قرب المدرسة"
GERMAN_IDEA = "Mehr Bänke am Marktplatz"
ARABIC_IDEA_DE = "Wir brauchen einen Spielplatz bei der Schule"
GERMAN_IDEA_AR = "المزيد من المقاعد في ساحة السوق"


def create_session(console, home) -> int:
    console.goto(f"/m/{home}/workshops/new")
    console.fill("#title", "Heimstadt in vielen Sprachen")
    console.fill("#question_kritik", GERMAN)
    for code, question in QUESTIONS.items():
        console.check(f"input[name=languages][value={code}]")
        console.locator(f"[data-question-language={code}] summary").click()
        console.fill(f"#q_{code}_kritik", question)
    console.press("#title", "Enter")  # Enter saves (the library's button comes after "Speichern")
    console.wait_for_url(re.compile(rf".*/m/{home}/workshops(#w-\d+)?$"))
    card = console.locator(".card", has=console.get_by_role("heading", name="Heimstadt in vielen Sprachen"))
    # Utopie and Verwirklichung are not translated yet: the list says so before opening.
    expect(card.locator("[data-missing-questions]")).to_contain_text("Türkçe: Utopie")
    card.locator("form[action$='/open'] button[type=submit]").click()
    console.wait_for_url(re.compile(r".*/w/\d+$"))
    return int(console.url.rsplit("/", 1)[1])


def join(open_page, join_url, code, lang):
    phone = open_page("phone")
    phone.goto(f"{join_url}?lang={lang}")
    phone.locator("main form[method=post] button[type=submit]").click()
    phone.wait_for_url(re.compile(rf".*/j/{code}/live$"))
    phone.evaluate("() => { window.__sameDocument = true; }")  # gone after any reload
    return phone


def test_questions_and_translations_across_languages(open_page, live_server):
    home = live_server.world["home"]
    console = open_page("desktop", who="facilitator")
    workshop_id = create_session(console, home)

    projector = open_page("desktop", who="facilitator", viewport={"width": 1920, "height": 1080})
    projector.goto(f"/w/{workshop_id}/projector")
    expect(projector.locator("[data-question]")).to_have_text(GERMAN)
    join_url = "http://" + projector.locator("[data-join-url]").inner_text().strip()
    code = join_url.rsplit("/", 1)[1]
    projector.evaluate("() => { window.__sameDocument = true; }")

    phones = {lang: join(open_page, join_url, code, lang) for lang in ("tr", "ar", "uk", "ru", "de")}
    for lang, question in QUESTIONS.items():
        expect(phones[lang].locator("[data-question]")).to_have_text(question)
        expect(phones[lang].locator("[data-question-fallback]")).to_be_hidden()
        screenshot(phones[lang], f"languages-question-{lang}", full_page=False)
    # Russian is not offered: the German question, visibly marked as German.
    expect(phones["ru"].locator("[data-question]")).to_have_text(GERMAN)
    expect(phones["ru"].locator("[data-question]")).to_have_attribute("lang", "de")
    expect(phones["ru"].locator("[data-question-fallback]")).to_be_visible()

    for lang, text in (("ar", ARABIC_IDEA), ("de", GERMAN_IDEA)):
        phones[lang].fill("#idea-text", text)
        phones[lang].locator("[data-idea-form] button[type=submit]").click()
    arabic_phone = phones["ar"]
    expect(arabic_phone.locator(".idea-card .idea-text", has_text=GERMAN_IDEA)).to_be_visible()
    wall = projector.locator(".wall-card", has_text=ARABIC_IDEA)
    expect(wall.locator("[data-original-mark]")).to_have_text("Original auf Arabisch · Übersetzung folgt")

    # A bilingual helper works through the queue on the helper page.
    helper = open_page("desktop", who="facilitator")
    helper.goto(f"/w/{workshop_id}/helper")
    entry = helper.locator(".queue-entry", has_text=ARABIC_IDEA)
    expect(entry.locator("select[name=language]")).to_have_value("de")
    entry.locator("textarea[name=text]").fill(ARABIC_IDEA_DE)
    entry.get_by_role("button", name="Übersetzung speichern").click()
    expect(helper.locator(".flash, [role=status], .notice").first).to_be_visible()
    expect(helper.locator(".queue-entry", has_text=ARABIC_IDEA)).to_have_count(0)
    entry = helper.locator(".queue-entry", has_text=GERMAN_IDEA)
    entry.locator("select[name=language]").select_option("ar")
    entry.locator("textarea[name=text]").fill(GERMAN_IDEA_AR)
    entry.get_by_role("button", name="Übersetzung speichern").click()
    screenshot(helper, "languages-helper-queue")

    # The projector shows the German translation and marks the original language.
    wall = projector.locator(".wall-card", has=projector.locator("[data-original-mark]"))
    expect(wall.locator(".idea-text")).to_have_text(ARABIC_IDEA_DE)
    expect(wall.locator("[data-original-mark]")).to_have_text("Original auf Arabisch")
    expect(projector.locator(".wall-card .idea-text", has_text=GERMAN_IDEA)).to_be_visible()
    screenshot(projector, "languages-projector", full_page=False)
    # The console's incoming cards read the same: German, the original marked beside it.
    mod = console.locator(".mod-card", has=console.locator("[data-original-mark]"))
    expect(mod.locator(".idea-text")).to_have_text(ARABIC_IDEA_DE)
    expect(mod.locator("[data-original-mark]")).to_have_text(f"Original auf Arabisch: {ARABIC_IDEA}")
    expect(console.locator(".mod-card .idea-text", has_text=GERMAN_IDEA)).to_be_visible()

    # The Arabic phone reads the German idea in Arabic, the original one tap away.
    card = arabic_phone.locator(".idea-card", has=arabic_phone.locator("[data-original-toggle]"))
    expect(card.locator(".idea-text")).to_have_text(GERMAN_IDEA_AR)
    screenshot(arabic_phone, "languages-phone-ar-translated", full_page=False)
    card.locator("[data-original-toggle]").click()
    expect(card.locator(".idea-text")).to_have_text(GERMAN_IDEA)
    expect(card.locator("[data-original-toggle]")).to_have_attribute("aria-pressed", "true")
    # The Turkish phone has no Turkish version yet: the German original.
    expect(phones["tr"].locator(".idea-card .idea-text", has_text=GERMAN_IDEA)).to_be_visible()

    for page in (projector, arabic_phone):
        assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"
        assert page.errors == []
    assert console.errors == []
