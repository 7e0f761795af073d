"""A whole Zukunftswerkstatt, played in real browsers as people would.

A facilitator on a desktop page creates a session and opens it; three residents on phone
pages (360x740, touch) open the join URL and pick German, Turkish and Arabic on the join
page; they write ideas and place dots; the facilitator changes the phase and hides an idea;
the projector shows every change without a reload. Screenshots of each phone at each step go
to $ARTIFACTS_DIR/screenshots (whole-workshop-*).
"""
import re

from playwright.sync_api import expect

from .conftest import assert_accessible, horizontal_overflow, screenshot

QUESTIONS = {
    "question_kritik": "Was stört Sie am Leben in Heimstadt?",
    "question_utopie": "Wie sieht Heimstadt 2040 aus, wenn alles möglich ist?",
    "question_verwirklichung": "Was packen wir als Erstes an?",
}
RESIDENTS = {
    # language picked on the join page: (label in the picker, an idea, budget text at the start)
    "de": ("Deutsch", "Der Bus fährt sonntags gar nicht", "Noch 3 von 3 Punkten"),
    "tr": ("Türkçe", "Gençler için buluşma yeri yok", "3 puandan 3 puan kaldı"),
    "ar": ("العربية", "لا توجد دورات لغة مسائية", "بقي 3 من 3 نقاط"),
}


def shoot(phones, step):
    for lang, page in phones.items():
        screenshot(page, f"whole-workshop-{step}-{lang}", full_page=False)


def test_a_whole_workshop(open_page, live_server):
    home = live_server.world["home"]

    # The facilitator creates the session on a desktop page and opens it.
    console = open_page("desktop", who="facilitator")
    console.goto(f"/m/{home}/workshops/new")
    console.fill("#title", "Heimstadt 2040")
    console.fill("#theme", "Älter werden und jung bleiben")
    for field, question in QUESTIONS.items():
        console.fill(f"#{field}", question)
    console.fill("#dots_per_participant", "3")
    console.fill("#max_dots_per_idea", "2")
    console.locator("main form button[type=submit]").click()
    console.wait_for_url(re.compile(rf".*/m/{home}/workshops#w-\d+$"))
    card = console.locator(".card", has=console.get_by_role("heading", name="Heimstadt 2040"))
    card.locator("form[action$='/open'] button[type=submit]").click()  # open it: the console
    console.wait_for_url(re.compile(r".*/w/\d+$"))
    workshop_id = int(console.url.rsplit("/", 1)[1])
    expect(console.locator("[data-open]")).to_be_hidden()
    screenshot(console, "whole-workshop-console-open", full_page=False)

    projector = open_page("desktop", who="facilitator", viewport={"width": 1920, "height": 1080})
    projector.goto(f"/w/{workshop_id}/projector")
    expect(projector.locator("[data-question]")).to_have_text(QUESTIONS["question_kritik"])
    join_url = "http://" + projector.locator("[data-join-url]").inner_text().strip()
    assert re.fullmatch(rf"{re.escape(live_server.url)}/j/[A-Z0-9]{{6}}", join_url), join_url
    code = join_url.rsplit("/", 1)[1]

    # Three residents on phones open the join URL and pick their language there.
    phones = {}
    for lang, (label, _idea, budget) in RESIDENTS.items():
        phone = open_page("phone")
        phone.goto(join_url)
        if lang != "de":
            phone.locator(".lang-picker").get_by_role("link", name=label).click()
            expect(phone.locator("html")).to_have_attribute("lang", lang)
        expect(phone.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
        screenshot(phone, f"whole-workshop-join-{lang}", full_page=False)
        phone.locator("main form[method=post] button[type=submit]").click()
        phone.wait_for_url(re.compile(rf".*/j/{code}/live$"))
        expect(phone.locator("[data-question]")).to_have_text(QUESTIONS["question_kritik"])
        expect(phone.locator("[data-budget-text]")).to_have_text(budget)
        phones[lang] = phone
    expect(projector.locator("[data-count-onsite]")).to_have_text("3")
    shoot(phones, "joined")

    # Each writes an idea: everybody's phone and the projector show all three.
    for lang, (_label, idea, _budget) in RESIDENTS.items():
        phones[lang].locator("[data-idea-form] textarea").fill(idea)
        phones[lang].locator("[data-idea-form] button[type=submit]").click()
        expect(phones[lang].locator("[data-status]")).not_to_have_text("")
    for _lang, (_label, idea, _budget) in RESIDENTS.items():
        for page in phones.values():
            expect(page.locator(".idea-card", has_text=idea)).to_be_visible()
        expect(projector.locator(".wall-card", has_text=idea)).to_be_visible()
    shoot(phones, "ideas")

    # The facilitator opens dotting (issue 12: no "+ Punkt" while ideas are collected).
    expect(phones["de"].locator("button[data-action=add]")).to_have_count(0)
    console.locator("[data-step=dot]").click()
    expect(phones["de"].locator("button[data-action=add]")).to_have_count(3)
    # Dots: the bus idea gets 2 + 1, the meeting place 1, the language courses 1.
    bus, meeting, courses = (RESIDENTS[lang][1] for lang in ("de", "tr", "ar"))
    plan = {"de": [bus, bus, courses], "tr": [bus, meeting], "ar": [courses]}
    for lang, ideas in plan.items():
        for idea in ideas:
            phones[lang].locator(".idea-card", has_text=idea).locator("button[data-action=add]").click()
    expect(phones["de"].locator("[data-budget-text]")).to_have_text("Noch 0 von 3 Punkten")
    expected = {bus: "3", meeting: "1", courses: "2"}
    for idea, count in expected.items():
        expect(projector.locator(".wall-card", has_text=idea).locator(".count")).to_have_text(count)
    expect(console.locator("[data-fig-dots]")).to_have_text("6")
    shoot(phones, "dots")
    screenshot(projector, "whole-workshop-projector-dots", full_page=False)

    # The facilitator hides an idea: it leaves the projector and the other phones.
    console.locator(".mod-card", has_text=meeting).locator("button", has_text="Ausblenden").click()
    expect(projector.locator(".wall-card", has_text=meeting)).to_have_count(0)
    expect(phones["de"].locator(".idea-card", has_text=meeting)).to_have_count(0)
    expect(phones["tr"].locator(".idea-card", has_text=meeting).locator(".notice")).to_be_visible()
    shoot(phones, "hidden")

    # The facilitator changes the phase: phones and projector follow without a reload.
    console.locator("[data-phase=utopie]").click()
    for page in list(phones.values()) + [projector]:
        expect(page.locator("[data-question]")).to_have_text(QUESTIONS["question_utopie"])
    expect(phones["tr"].locator("[data-budget-text]")).to_have_text("3 puandan 3 puan kaldı")
    expect(phones["ar"].locator("[data-status]")).not_to_have_text("")
    phones["ar"].locator("[data-idea-form] textarea").fill("حديقة للأجيال في وسط البلدة")
    phones["ar"].locator("[data-idea-form] button[type=submit]").click()
    expect(projector.locator(".wall-card", has_text="حديقة للأجيال")).to_be_visible()
    expect(projector.locator(".wall-card", has_text=bus)).to_have_count(0)  # other phase
    shoot(phones, "utopie")
    screenshot(projector, "whole-workshop-projector-utopie", full_page=False)
    screenshot(console, "whole-workshop-console-utopie", full_page=False)

    for lang, page in phones.items():
        assert horizontal_overflow(page) == 0, lang
        assert_accessible(page, f"whole workshop, resident [{lang}]")
    for page in [console, projector, *phones.values()]:
        assert not page.errors, page.errors
