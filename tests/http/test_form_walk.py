"""Bad input on every form: NUL, other control characters, 1 MB, bidi overrides.

The walk opens every page the admin (who sees everything) and a resident can open, finds
each POST form on it, and sends it with every text field set to the bad value. A NUL, a
control character or 1 MB gets a clear error page (400 or 413), never a 500, and changes
nothing. A bidi override never reaches the database."""
import re
import secrets
from html.parser import HTMLParser

import pytest

from participation.extensions import db
from tests.conftest import PASSWORD, login
from tests.http.route_access_table import PARAMS, participant_cookie
from tests.http.test_route_access import build_url, snapshot

TEXT_TYPES = {"text", "email", "search", "url", "tel", "password", None}
SKIP_PAGES = {"static", "workshops.service_worker", "pages.health", "accounts.logout"}


class FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self._form = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "text": [], "other": {}}
            self.forms.append(self._form)
        elif self._form is None or not attrs.get("name"):
            return
        elif tag == "textarea" or (tag == "input" and attrs.get("type") in TEXT_TYPES):
            self._form["text"].append(attrs["name"])
        elif tag == "input" and attrs.get("type") in ("hidden", "number", "date"):
            self._form["other"].setdefault(attrs["name"], attrs.get("value") or "1")
        elif tag == "input" and attrs.get("type") in ("radio", "checkbox") and "checked" in attrs:
            self._form["other"].setdefault(attrs["name"], attrs.get("value") or "y")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _forms(app, client, world):
    """(page, action, text fields, other fields) of every POST form with text fields."""
    found = {}
    urls = [build_url(app, rule.endpoint, world) for rule in app.url_map.iter_rules()
            if "GET" in rule.methods and rule.endpoint not in SKIP_PAGES
            and not rule.endpoint.startswith("_")]
    # The helper's page shows the idea field once a paper card is open.
    urls.append(f"/w/{world['workshop'].id}/helper?card={world['card'].id}")
    for url in urls:
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.mimetype:
            continue
        parser = FormParser()
        parser.feed(response.get_data(as_text=True))
        for form in parser.forms:
            if form["text"]:
                form["action"] = action = form["action"] or url
                found.setdefault((action, tuple(form["text"])), (url, form))
    return list(found.values())


@pytest.fixture
def walk_world(world):
    from participation.workshops.models import Participant, Workshop
    workshop = Workshop(municipality_id=world["home"].id, title="Werkstatt", join_code="K7PM3Q",
                        status="open", results_published=True)
    db.session.add(workshop)
    db.session.flush()
    participant = Participant(workshop_id=workshop.id, token=secrets.token_urlsafe(32))
    card = Participant(workshop_id=workshop.id, token=secrets.token_urlsafe(32), channel="assisted")
    db.session.add_all([participant, card])
    db.session.commit()
    return {**world, "workshop": workshop, "participant": participant, "card": card}


def _admin_client(app):
    from flask import g
    client = app.test_client()
    assert login(client, "admin@example.org", PASSWORD).status_code == 302
    g.pop("_login_user", None)
    return client


BAD = {
    "nul": "Idee\x00mit NUL",
    "control": "Text\x1b[31m mit Steuerzeichen\x07",
    "megabyte": "x" * (1024 * 1024),
}


def test_the_walk_finds_the_forms_people_type_into(app, walk_world):
    forms = _forms(app, _admin_client(app), walk_world)
    actions = " ".join(form["action"] for _url, form in forms)
    # Profile, plan, accounts, sessions and the resident's join form are all walked.
    for part in ("/admin/users/new", "/profil", "/plan", "/workshops/new", "/w/1/helper"):
        assert part in actions, (part, actions)
    assert len(forms) >= 15


@pytest.mark.parametrize("kind", sorted(BAD))
def test_every_form_refuses_bad_text_clearly_and_changes_nothing(app, walk_world, kind):
    from flask import g
    client = _admin_client(app)
    failures = []
    for page, form in _forms(app, client, walk_world):
        data = dict(form["other"]) | {name: BAD[kind] for name in form["text"]}
        before = snapshot()
        g.pop("_login_user", None)
        response = client.post(form["action"] or page, data=data)
        db.session.rollback()
        db.session.expire_all()
        text = response.get_data(as_text=True)
        if response.status_code not in (400, 413):
            failures.append(f"{form['action']} ({page}): {response.status_code}")
        elif not re.search(r"Steuerzeichen|zu lang|zu groß", text):
            failures.append(f"{form['action']}: no clear message")
        elif snapshot() != before:
            failures.append(f"{form['action']}: changed the database")
    assert not failures, "\n".join(failures)


def test_no_form_stores_a_bidi_override(app, walk_world):
    from flask import g
    client = _admin_client(app)
    name, value = participant_cookie(walk_world)
    client.set_cookie(name, value)
    statuses = []
    for page, form in _forms(app, client, walk_world):
        data = dict(form["other"]) | {n: "Bahnhof \u202eredro\u202c 2030 \u2066x\u2069"
                                      for n in form["text"]}
        g.pop("_login_user", None)
        statuses.append(client.post(form["action"] or page, data=data).status_code)
        db.session.rollback()
    assert 500 not in statuses
    stored = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(table.select()).all():
            stored += [v for v in row if isinstance(v, str) and re.search("[\u202a-\u202e\u2066-\u2069]", v)]
    assert not stored, stored[:5]
    # The walk did store text (the bidi marks were removed, the words kept).
    assert any(isinstance(v, str) and "Bahnhof redro 2030" in v
               for table in db.metadata.sorted_tables
               for row in db.session.execute(table.select()).all() for v in row)
