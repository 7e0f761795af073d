"""User text never executes: a corpus of XSS payloads is submitted as ideas (and a cluster
name), then the phone page, the projector, the console, the results, the public results and
the exports are opened in Chromium. No dialog opens, no payload sets `window.__xss`, no
element is created from a payload, and the text is shown literally.

The pages are opened with the Content-Security-Policy bypassed, so the proof rests on the
escaping alone; one more pass with the CSP in force checks that it reports no violation.
"""
import csv
import io
import json
import re

import pytest
from playwright.sync_api import expect
from tests.conftest import open_dotting

PAYLOADS = [
    "<script>window.__xss=1</script>",
    "<img src=x onerror=\"window.__xss=1\">",
    "<svg onload=window.__xss=1></svg>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "<iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
    "<a href=\"javascript:window.__xss=1\">klick</a>",
    "</textarea><script>window.__xss=1</script>",
    "<details open ontoggle=window.__xss=1>",
    "<body onload=alert(1)>",
    "javascript:alert(1)",
    "{{7*7}} ${alert(1)} <%= 7*7 %>",
    "<style>*{display:none}</style>",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "\u202e<script>window.__xss=1</script>",
]
CLUSTER_PAYLOAD = "<img src=x onerror=window.__xss=1>"
INJECTED = ("img[src='x'], svg[onload], iframe, details[ontoggle], a[href^='javascript'], "
            "mglyph, [onerror], [onload], [ontoggle]")
# Script and style elements made from a payload (the app's own have none of these markers),
# and JSON data blocks a payload broke out of (they would no longer parse).
FIND_INJECTED = """sel => {
  const found = Array.from(document.querySelectorAll(sel)).map(e => e.outerHTML.slice(0, 80));
  for (const el of document.querySelectorAll('script, style')) {
    const isData = el.tagName === 'SCRIPT' && el.type === 'application/json';
    if (isData) {
      try { JSON.parse(el.textContent); } catch (e) { found.push('broken JSON block: ' + el.id); }
    } else if (/__xss|alert\(|display:none/.test(el.textContent)) {
      found.push(el.outerHTML.slice(0, 80));
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def session(live_server):
    from participation.ideas import moderation
    from participation.ideas.services import submit_idea
    from participation.voting.services import add_dot
    from participation.workshops import services
    world = live_server.world
    with live_server.app.app_context():
        workshop = services.create_workshop(world["home"], world["facilitator"], {
            "title": "XSS-Probe", "question_kritik": "Was stört Sie?",
            "dots_per_participant": 5, "max_dots_per_idea": 3})
        workshop = open_dotting(services.open_workshop(workshop.id, world["facilitator"]))
        voter = services.join(workshop.id)
        for n, text in enumerate(PAYLOADS):
            author = services.join(workshop.id)
            idea, _ = submit_idea(workshop.id, author.id, text, f"xss-payload-{n:03d}")
            if n < 5:  # the public results list the ideas with the most dots
                add_dot(workshop.id, voter.id, idea.id, f"xss-dot-{n:03d}")
        moderation.create_cluster(workshop.id, CLUSTER_PAYLOAD, world["facilitator"], "kritik", [idea.id])
        return {"id": workshop.id, "code": workshop.join_code}


def shown_texts():
    # After the app's own cleaning (no bidi override), this is what must be on screen.
    return [p.replace("\u202e", "") for p in PAYLOADS]


def assert_nothing_ran(page, label, dialogs, shown_at_least=len(PAYLOADS) // 2):
    page.wait_for_timeout(300)  # let late handlers (onerror of a broken image) fire
    assert dialogs == [], f"{label}: a dialog opened: {dialogs}"
    assert page.evaluate("() => window.__xss") is None, f"{label}: a payload ran"
    injected = page.evaluate(FIND_INJECTED, INJECTED)
    assert injected == [], f"{label}: elements made from user text: {injected}"
    body = page.evaluate("() => document.body.innerText")
    visible = [p for p in shown_texts() if p in body]
    assert len(visible) >= shown_at_least, f"{label}: payloads not shown literally: {body[:800]}"


def watch(page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


@pytest.mark.parametrize("csp", ["bypassed", "enforced"])
def test_payloads_never_run_on_live_pages_and_results(open_page, live_server, session, csp):
    options = {"bypass_csp": csp == "bypassed"}
    workshop_id, code = session["id"], session["code"]

    phone = open_page("phone", **options)
    phone_dialogs = watch(phone)
    phone.goto(f"/j/{code}")
    phone.get_by_role("button", name="Mitmachen").click()
    phone.wait_for_url(re.compile(rf".*/j/{code}/live$"))
    expect(phone.locator(".idea-card").first).to_be_visible()
    assert_nothing_ran(phone, "phone", phone_dialogs)

    for label, url in (("projector", f"/w/{workshop_id}/projector"), ("console", f"/w/{workshop_id}")):
        page = open_page("desktop", who="facilitator", **options)
        dialogs = watch(page)
        page.goto(url)
        expect(page.get_by_text(shown_texts()[0], exact=False).first).to_be_visible()
        # The projector shows only as many cards as fit on the wall.
        assert_nothing_ran(page, label, dialogs, shown_at_least=2 if label == "projector" else len(PAYLOADS) // 2)
        if csp == "enforced":
            assert not [e for e in page.errors if "Content Security Policy" in e], page.errors

    results = open_page("desktop", who="facilitator", **options)
    dialogs = watch(results)
    results.goto(f"/w/{workshop_id}/results")
    assert_nothing_ran(results, "results", dialogs)
    if csp == "enforced":
        assert not [e for e in phone.errors + results.errors if "Content Security Policy" in e]


def test_payloads_never_run_on_public_results_and_exports(open_page, live_server, session):
    from participation.results import services as results_services
    from participation.workshops import services
    world = live_server.world
    with live_server.app.app_context():
        from participation.accounts.models import User
        from participation.extensions import db
        services.close_workshop(session["id"], world["facilitator"])
        results_services.set_published(db.session.get(User, world["facilitator"]), session["id"], True)

    public = open_page("phone", bypass_csp=True)
    dialogs = watch(public)
    response = public.goto(f"/r/{session['code']}")
    assert response.status == 200
    assert_nothing_ran(public, "public results", dialogs, shown_at_least=3)

    facilitator = open_page("desktop", who="facilitator")
    exported = facilitator.context.request.get(f"/w/{session['id']}/results.json")
    assert exported.ok and exported.headers["content-type"].startswith("application/json")
    assert exported.headers["x-content-type-options"] == "nosniff"
    assert "attachment" in exported.headers["content-disposition"]
    texts = json.dumps(json.loads(exported.text()), ensure_ascii=False)
    assert all(json.dumps(t, ensure_ascii=False)[1:-1] in texts for t in shown_texts())

    exported = facilitator.context.request.get(f"/w/{session['id']}/results.csv")
    assert exported.ok and "attachment" in exported.headers["content-disposition"]
    cells = [cell for row in csv.reader(io.StringIO(exported.text())) for cell in row]
    # No cell may start a spreadsheet formula (CSV injection).
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")], cells
    assert any("HYPERLINK" in c for c in cells)

    # Opening an export in the browser shows text, never a page.
    page = open_page("desktop", who="facilitator", bypass_csp=True)
    dialogs = watch(page)
    def inline(route):
        fetched = route.fetch()
        route.fulfill(response=fetched, headers={**fetched.headers, "content-disposition": "inline"})
    page.route("**/results.json", inline)
    page.goto(f"/w/{session['id']}/results.json")
    assert_nothing_ran(page, "json export", dialogs, shown_at_least=0)
