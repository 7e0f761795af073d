"""Issue 12, item 6, measured in the page: the weighted table's header is not cut, and the
measure list breaks lines between words ("Wochenende", never "Wochenend e")."""
import pytest

from .conftest import screenshot

# Every word in the elements must sit on one line unless it is wider than the element
# itself (the card: a narrow column inside it is no excuse). getClientRects() of a Range over
# the word gives one rect per line fragment.
SPLIT_WORDS = """(selector) => {
  const broken = [];
  for (const box of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const style = getComputedStyle(box);
      const line = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const width = rects.reduce((sum, r) => sum + r.width, 0);
        if (rects.length > 1 && width <= line) broken.push(rects.length + ":" + match[0]);
      }
    }
  }
  return broken;
}"""

CUT_CELLS = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => el.getClientRects().length > 0)
  .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
  .map((el) => `${el.textContent.trim()} ${el.scrollWidth}>${el.clientWidth}`)"""


@pytest.fixture(scope="module")
def data(live_server):
    from datetime import date

    from participation.extensions import db
    from participation.municipalities.models import Municipality
    from participation.plan import services as plan_services
    from participation.accounts.models import User
    from tests.builders import run_workshop
    with live_server.app.test_request_context():
        home = db.session.get(Municipality, live_server.world["home"])
        run = run_workshop(home)
        staff = db.session.get(User, live_server.world["staff"])
        mobility = [f for f in plan_services.fields_of_action() if f.name == "Mobilität"][0]
        for title, responsible, budget in (
                ("Bürgerbus am Wochenende", "Verein Bürgerbus Heimstadt e. V.",
                 "Versicherung über den Landkreis, Fahrzeug geleast"),
                ("Mitfahrbänke in allen Ortsteilen", "Ortsvorsteherinnen und Ortsvorsteher",
                 "Ehrenamtsversicherung und Materialkosten")):
            plan_services.create_measure(staff, home.id, {
                "title": title, "responsible": responsible, "budget": budget,
                "partners": "Seniorenbeirat, Jugendzentrum, Wochenendmarkt",
                "goal": "Mobilität am Wochenende für alle Generationen sichern",
                "field_of_action_id": mobility.id, "starts_on": date(2026, 5, 1),
                "ends_on": date(2027, 10, 31)})
        return {"workshop": run["workshop"].id, "municipality": home.id}


@pytest.mark.parametrize("width", [1024, 1280, 1920])
def test_weighted_table_headers_are_not_cut(open_page, data, width):
    page = open_page("desktop", who="staff", viewport={"width": width, "height": 900})
    page.goto(f"/w/{data['workshop']}/results?weighted=1")
    assert page.locator(".weighted th", has_text="Rang ungewichtet").first.is_visible()
    assert page.evaluate(CUT_CELLS, ".phase-results th") == []
    assert page.evaluate(CUT_CELLS, ".phase-results .table-wrap") == []
    screenshot(page, f"results-weighted-{width}", full_page=True)


@pytest.mark.parametrize("width", [360, 1024, 1280])
def test_measure_list_breaks_between_words(open_page, data, width):
    page = open_page("desktop", who="staff", viewport={"width": width, "height": 900})
    page.goto(f"/m/{data['municipality']}/plan")
    assert page.locator(".measure-card").count() >= 2
    assert page.evaluate(SPLIT_WORDS, ".measure-card") == []
    screenshot(page, f"plan-measures-{width}", full_page=True)
