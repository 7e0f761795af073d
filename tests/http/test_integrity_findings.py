"""Issue 13, findings 4 to 7 and the HTTP parts of 11 and 12 (each failed on the old code)."""
import pytest

from participation.accounts.models import Role
from participation.accounts.services import create_user
from participation.extensions import db
from participation.safe_redirect import safe_next
from tests.conftest import PASSWORD, login, make_app
from tests.pg import throwaway_database


# --- 4: nobody can lock a facilitator out from elsewhere -----------------------------------

def test_wrong_passwords_from_one_address_do_not_lock_the_real_user_out(tmp_path):
    app = make_app(tmp_path, RATELIMIT_ENABLED=True)
    with app.app_context():
        db.create_all()
        create_user("mod@example.org", "Mod", PASSWORD, Role.FACILITATOR)
    attacker = app.test_client()
    for _ in range(8):
        attacker.post("/login", data={"email": "mod@example.org", "password": "falsch falsch"},
                      environ_base={"REMOTE_ADDR": "203.0.113.66"})
    # The attacker's own address is slowed down ...
    assert attacker.post("/login", data={"email": "mod@example.org", "password": PASSWORD},
                         environ_base={"REMOTE_ADDR": "203.0.113.66"}).status_code == 429
    # ... but the real person, in another browser at another address, logs in.
    real = app.test_client().post("/login", data={"email": "mod@example.org", "password": PASSWORD},
                                  environ_base={"REMOTE_ADDR": "198.51.100.20"})
    assert real.status_code == 302


# --- 5: one safe-redirect check, no open redirect, no 500 ----------------------------------

EVIL = ["/%09/evil.com", "/\t/evil.com", "//evil.com", "/\\evil.com", "https://evil.com",
        "/%0d%0a/x", "/\r\n/x", "/ /evil.com", "javascript:alert(1)", "/\x00x", "\x01/x"]


@pytest.mark.parametrize("target", EVIL)
def test_safe_next_refuses_anything_but_a_local_path(target):
    from urllib.parse import unquote
    assert safe_next(unquote(target), "/fallback") == "/fallback"


def test_safe_next_keeps_local_paths():
    assert safe_next("/m/3/plan?tab=2#x", "/f") == "/m/3/plan?tab=2#x"


@pytest.mark.parametrize("raw", ["/%09/evil.com", "/%0d%0a/x", "/%5C%5Cevil.com", "//evil.com"])
def test_login_next_never_leaves_the_site_and_never_fails(client, world, raw):
    response = client.post(f"/login?next={raw}", data={"email": "mod@example.org", "password": PASSWORD})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith("//") and "evil" not in location


def test_display_switch_and_erase_use_the_same_check(client, world):
    response = client.post("/anzeige", data={"display": "large", "next": "/\t/evil.com"})
    assert response.status_code == 303 and response.headers["Location"] == "/"
    import participation.accounts.routes as accounts_routes
    import participation.privacy.routes as privacy_routes
    assert not hasattr(accounts_routes, "_safe_next") and not hasattr(privacy_routes, "_safe_next")


# --- 6: a NUL byte is a clear 400 on SQLite and PostgreSQL ---------------------------------

def _nul_requests(app):
    from participation.workshops import services
    with app.app_context():
        db.create_all()
        from tests.conftest import seed_world
        world = seed_world()
        workshop = services.create_workshop(world["home"].id, world["facilitator"].id, {"title": "W"})
        code = services.open_workshop(workshop.id, world["facilitator"].id).join_code
        db.session.remove()
    client = app.test_client()
    login_page = client.post("/login", data={"email": "mod\x00@example.org", "password": "x\x00"})
    join_page = client.post(f"/j/{code}", data={"channel": "onsite", "age_band": "30-49\x00"})
    query = client.get("/j?code=AB\x00C")
    return [login_page, join_page, query]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_nul_bytes_get_a_clear_error_not_a_500(tmp_path, backend):
    if backend == "sqlite":
        responses = _nul_requests(make_app(tmp_path))
    else:
        with throwaway_database() as url:
            app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=url)
            responses = _nul_requests(app)
            with app.app_context():
                db.engine.dispose()
    for response in responses:
        assert response.status_code == 400
        assert "Steuerzeichen" in response.get_data(as_text=True)


# --- 7: logout ends the session, also for a copied cookie ----------------------------------

def test_a_cookie_copied_before_logout_no_longer_opens_the_dashboard(app, client, world):
    from flask import g
    login(client, "mod@example.org")
    copied = client.get_cookie("session").value
    client.post("/logout")
    g.pop("_login_user", None)
    thief = app.test_client()
    thief.set_cookie("session", copied)
    response = thief.get("/dashboard")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


# --- 12: CSP, Cache-Control, CSRF expiry ---------------------------------------------------

def test_sockets_may_connect_to_this_host_only(client):
    csp = client.get("/", base_url="http://192.0.2.10:5000").headers["Content-Security-Policy"]
    connect = next(part for part in csp.split(";") if "connect-src" in part).split()[1:]
    assert connect == ["'self'", "ws://192.0.2.10:5000", "wss://192.0.2.10:5000"]
    # A forged Host header cannot smuggle a directive in.
    csp = client.get("/", headers={"Host": "a.example; script-src *"}).headers["Content-Security-Policy"]
    assert "script-src *" not in csp and " ws:" not in csp


def test_logged_in_pages_are_not_cached_public_pages_may_be(client, world):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    login(client, "mod@example.org")
    for url in ("/dashboard", f"/m/{world['home'].id}"):
        assert client.get(url).headers["Cache-Control"] == "no-store"


def test_csrf_tokens_expire(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    assert app.config["WTF_CSRF_TIME_LIMIT"] and app.config["WTF_CSRF_TIME_LIMIT"] <= 24 * 3600
