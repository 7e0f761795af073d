"""Every route, every role, a member of another municipality: the right ones get in, the
wrong ones are refused (302 to login, 403 or 404), and a refused request changes nothing.

The table lives in route_access_table.py; this file only walks it.
"""
import hashlib
import os
import secrets
import shutil
import tempfile

import pytest
from sqlalchemy import text

from participation.accounts.permissions import ROLE_PERMISSIONS
from participation.accounts.permissions import Permission as P
from participation.extensions import db
from tests.conftest import PASSWORD, login, make_app
from tests.http.route_access_table import (PARAMS, REQUEST_KWARGS, ROUTE_ACCESS, Access,
                                           participant_cookie)

ACCOUNT_ROLES = ("admin", "facilitator", "staff", "advisor", "other_facilitator", "other_staff",
                 "other_advisor")
ROLES = ("anonymous", "participant", *ACCOUNT_ROLES)
IGNORED_METHODS = {"HEAD", "OPTIONS"}


@pytest.fixture(scope="module")
def module_app():
    """One app for the module, its database on a RAM disk when there is one: this module
    commits thousands of times and SQLite syncs every commit to disk."""
    from pathlib import Path
    folder = Path(tempfile.mkdtemp(dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
    app = make_app(folder)
    _register_selftest_route(app)
    with app.app_context():
        yield app
        db.session.remove()
    shutil.rmtree(folder, ignore_errors=True)


SELFTEST_LEAK = "_access_selftest_leak"
SELFTEST_WRITES_THEN_REFUSES = "_access_selftest_writes_then_refuses"


def _register_selftest_route(app):
    """A deliberately unprotected route: the walk must flag it (see test_a_leaky_route)."""
    def leak(municipality_id):
        from participation.municipalities.models import Municipality
        db.session.get(Municipality, municipality_id).population += 1
        db.session.commit()
        return "ok"
    app.add_url_rule("/_selftest/m/<int:municipality_id>/leak", SELFTEST_LEAK, leak,
                     methods=["GET", "POST"])

    def writes_then_refuses(municipality_id):
        from flask import abort
        from flask_login import current_user
        from participation.accounts.permissions import is_member
        leak(municipality_id)
        if not current_user.is_authenticated:
            return app.login_manager.unauthorized()
        if not is_member(current_user, municipality_id):
            abort(404)
        return "ok"
    app.add_url_rule("/_selftest/m/<int:municipality_id>/writes", SELFTEST_WRITES_THEN_REFUSES,
                     writes_then_refuses, methods=["POST"])


@pytest.fixture
def app(module_app):
    """A fresh, empty schema for every test (overrides conftest's `app`)."""
    db.session.remove()
    db.drop_all()
    db.create_all()
    yield module_app
    db.session.remove()


@pytest.fixture
def world_for_access(world):
    """The conftest world plus an advisor for each municipality, and a workshop in the
    home municipality with one participant."""
    from participation.accounts.models import Role
    from participation.accounts.services import create_user
    from participation.workshops.models import Participant, Workshop
    from tests.conftest import PASSWORD
    advisors = {"advisor": create_user("berater@example.org", "Beratung", PASSWORD,
                                       Role.ADVISOR, [world["home"].id]),
                "other_advisor": create_user("berater2@example.org", "Andere Beratung",
                                             PASSWORD, Role.ADVISOR, [world["other"].id])}
    workshop = Workshop(municipality_id=world["home"].id, title="Werkstatt", join_code="K7PM3Q",
                        status="open", results_published=True)
    db.session.add(workshop)
    db.session.flush()
    participant = Participant(workshop_id=workshop.id, token=secrets.token_urlsafe(32))
    db.session.add(participant)
    db.session.commit()
    return {**world, **advisors, "workshop": workshop, "participant": participant}


def snapshot() -> dict[str, tuple[int, str]]:
    """Row count and a hash of every row of every table."""
    state = {}
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(table.select()).all()
        digest = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()
        state[table.name] = (len(rows), digest)
    return state


def build_url(app, endpoint: str, world) -> str:
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    values = {}
    for name in rule.arguments:
        builder = PARAMS.get(f"{endpoint}:{name}") or PARAMS.get(name)
        assert builder, (f"URL parameter {name!r} of {endpoint} has no builder: add one to "
                         "PARAMS in tests/http/route_access_table.py")
        values[name] = builder(world)
    with app.test_request_context():
        from flask import url_for
        return url_for(endpoint, **values)


def expected(access: Access, role: str):
    """'allowed', 'login' (302 to the login page), 'denied' (any refusal) or a status code."""
    if role in access.expect:
        return access.expect[role]
    if access.kind == "public":
        return "allowed"
    if access.kind == "participant":
        return "allowed" if role == "participant" else "denied"
    if role in ("anonymous", "participant"):
        return "login"
    if access.kind == "login":
        return "allowed"
    if access.kind == "admin":
        return "allowed" if role == "admin" else 403
    if access.kind == "member":
        if role.startswith("other_"):
            return 404
        return "allowed" if access.permission in ROLE_PERMISSIONS[role] else 403
    raise AssertionError(f"unknown access kind {access.kind}")


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and "/login" in response.headers.get("Location", "")


def outcome_matches(want, response) -> bool:
    status = response.status_code
    if want == "login":
        return is_login_redirect(response)
    if want == "denied":
        return status in (401, 403, 404) or status in (302, 303)
    if want == "allowed":
        return status < 500 and status not in (401, 403, 404) and not is_login_redirect(response)
    return status == want


@pytest.fixture
def role_cookies(app, world_for_access):
    """Session cookie per account role, and the resident's participant cookie."""
    from flask import g
    cookies = {}
    for role in ACCOUNT_ROLES:
        client = app.test_client()
        assert login(client, world_for_access[role].email, PASSWORD).status_code == 302
        g.pop("_login_user", None)
        cookies[role] = [("session", client.get_cookie("session").value)]
    cookies["anonymous"] = []
    cookie = participant_cookie(world_for_access)
    cookies["participant"] = [cookie] if cookie else []
    return cookies


def client_for(app, cookies):
    # The fixture's app context is shared by every request, and Flask-Login caches the
    # user in its `g`: forget it, so each request authenticates from its own cookies.
    from flask import g
    g.pop("_login_user", None)
    client = app.test_client()
    for name, value in cookies:
        client.set_cookie(name, value)
    return client


def test_every_endpoint_has_an_access_rule(app):
    endpoints = set(app.view_functions) - {SELFTEST_LEAK, SELFTEST_WRITES_THEN_REFUSES}
    missing = sorted(endpoints - set(ROUTE_ACCESS))
    assert not missing, ("Endpoints without a line in tests/http/route_access_table.py "
                         f"ROUTE_ACCESS: {missing}")
    stale = sorted(set(ROUTE_ACCESS) - endpoints)
    assert not stale, f"ROUTE_ACCESS lists endpoints the app does not have: {stale}"


def check_endpoint(app, world, cookies, endpoint: str, access: Access) -> list[str]:
    """Every role, every method of one endpoint; returns what went wrong."""
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    methods = sorted(rule.methods - IGNORED_METHODS)
    # Refusals first (they must change nothing), then the people who may: their requests
    # may change data, which is why every URL is built afresh.
    plan = sorted(((role, method) for role in ROLES for method in methods),
                  key=lambda rm: expected(access, rm[0]) == "allowed")
    failures = []
    for role, method in plan:
        want = expected(access, role)
        url = build_url(app, endpoint, world)
        kwargs = REQUEST_KWARGS[endpoint](world) if endpoint in REQUEST_KWARGS else {}
        before = snapshot() if want != "allowed" and role not in access.writes else None
        response = client_for(app, cookies[role]).open(url, method=method, **kwargs)
        db.session.rollback()
        db.session.expire_all()
        if not outcome_matches(want, response):
            failures.append(f"{method} {url} as {role}: expected {want}, got "
                            f"{response.status_code} {response.headers.get('Location', '')}")
        elif before is not None:
            after = snapshot()
            changed = [name for name in before if before[name] != after[name]]
            if changed:
                failures.append(f"{method} {url} as {role} was refused but changed {changed}")
    return failures


@pytest.mark.parametrize("endpoint", sorted(ROUTE_ACCESS))
def test_route_access(app, world_for_access, role_cookies, endpoint):
    if endpoint not in app.view_functions:
        pytest.fail(f"{endpoint} is in ROUTE_ACCESS but not in the app")
    failures = check_endpoint(app, world_for_access, role_cookies, endpoint, ROUTE_ACCESS[endpoint])
    assert not failures, "\n".join(failures)


def test_a_leaky_route_is_caught(app, world_for_access, role_cookies):
    """A route that forgets the tenant check and writes anyway fails the walk."""
    failures = check_endpoint(app, world_for_access, role_cookies, SELFTEST_LEAK,
                              Access("member", P.EDIT_PROFILE))
    assert any("as other_staff: expected 404, got 200" in f for f in failures), failures
    assert any("as anonymous: expected login" in f for f in failures), failures


def test_a_refusal_that_still_wrote_is_caught(app, world_for_access, role_cookies):
    failures = check_endpoint(app, world_for_access, role_cookies, SELFTEST_WRITES_THEN_REFUSES,
                              Access("member", P.VIEW))
    assert any("as other_staff was refused but changed ['municipality']" in f
               for f in failures), failures
    assert any("as anonymous was refused but changed" in f for f in failures), failures


def test_refused_post_really_changes_nothing_is_detected(app, world_for_access):
    """The snapshot notices a change, so the check above cannot pass by accident."""
    before = snapshot()
    db.session.execute(text("UPDATE municipality SET population = population + 1"))
    db.session.commit()
    assert snapshot() != before


@pytest.mark.parametrize("status, path", [(404, "/gibt-es-nicht"), (403, "/admin/users")])
def test_error_pages_render(app, world_for_access, role_cookies, status, path):
    response = client_for(app, role_cookies["staff"]).get(path)
    assert response.status_code == status
    page = response.get_data(as_text=True)
    assert "<h1>" in page and 'href="/"' in page


def test_bad_request_and_server_error_pages_render(tmp_path):
    from flask import abort
    app = make_app(tmp_path)

    @app.route("/_test/400")
    def bad():
        abort(400)

    @app.route("/_test/500")
    def broken():
        raise RuntimeError("boom")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = app.test_client()
    response = client.get("/_test/400")
    assert response.status_code == 400 and "<h1>" in response.get_data(as_text=True)
    response = client.get("/_test/500")
    assert response.status_code == 500 and "<h1>" in response.get_data(as_text=True)
    assert "boom" not in response.get_data(as_text=True)
