"""Security headers, cookie flags, and pages free of inline script and style."""
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from participation.security import content_security_policy
from tests.conftest import login, make_app

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_strict_headers_on_every_page(client):
    for url in ("/", "/login", "/datenschutz", "/does-not-exist"):
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "*" not in csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        # Plain HTTP (a laptop in a village hall): no HSTS that would lock the address.
        assert "Strict-Transport-Security" not in headers
    assert client.get("/").headers["Content-Security-Policy"] == content_security_policy("localhost")


def test_hsts_only_under_https(client):
    response = client.get("/login", base_url="https://werkstatt.example")
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]


def test_session_cookie_is_httponly_and_samesite(client, world):
    response = login(client, "mod@example.org")
    cookie = next(v for v in response.headers.getlist("Set-Cookie") if v.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_session_cookie_is_secure_under_https(tmp_path):
    from participation.extensions import db
    app = make_app(tmp_path, SESSION_COOKIE_SECURE=True)
    with app.app_context():
        db.create_all()
        from participation.accounts.services import create_user
        create_user("mod@example.org", "Mod", "correct horse battery", "facilitator")
        client = app.test_client()
        response = client.post("/login", base_url="https://werkstatt.example",
                               data={"email": "mod@example.org", "password": "correct horse battery"})
        cookie = next(v for v in response.headers.getlist("Set-Cookie") if v.startswith("session="))
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert app.config["REMEMBER_COOKIE_SECURE"] is True
        db.session.remove()


def test_a_new_session_at_login(client, world):
    client.get("/login")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    before = client.get_cookie("session").value
    assert login(client, "mod@example.org").status_code == 302
    after = client.get_cookie("session").value
    assert after != before
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == f"{world['facilitator'].id}:{world['facilitator'].session_token}"


# --- no inline script or style anywhere ----------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
HANDLER_OR_STYLE = re.compile(r"<[a-zA-Z][^<>]*?\s(on[a-z]+|style)\s*=", re.I)


def test_templates_have_no_inline_script_handlers_or_style_attributes():
    files = sorted(TEMPLATES.rglob("*.html"))
    assert files
    problems = []
    for path in files:
        source = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, HANDLER_OR_STYLE):
            problems += [f"{path.relative_to(TEMPLATES)}: {m.group(0)[:80]}" for m in pattern.finditer(source)]
        if re.search(r"<style\b", source, re.I):
            problems.append(f"{path.relative_to(TEMPLATES)}: <style> element")
    assert not problems, "\n".join(problems)


class InlineFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/json":
            self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style> element")
        for name in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action") and (attrs[name] or "").lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=javascript:...>")


def _get_urls(app, world):
    params = {"municipality_id": world["home"].id, "user_id": world["admin"].id}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        if not set(rule.arguments) <= set(params):
            continue
        yield rule.endpoint, rule.build({k: params[k] for k in rule.arguments}, append_unknown=False)[1]


@pytest.mark.parametrize("who", [None, "admin", "facilitator"])
def test_rendered_pages_have_no_inline_script_or_style(app, client, world, login_as, who):
    if who:
        login_as(who)
    rendered = 0
    for endpoint, url in _get_urls(app, world):
        try:
            response = client.get(url)
        except Exception:  # a broken page is the route-access test's business, not this one's
            continue
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        finder = InlineFinder()
        finder.feed(response.get_data(as_text=True))
        assert not finder.problems, (endpoint, finder.problems)
        rendered += 1
    assert rendered >= 3


def test_behind_a_trusted_proxy_the_real_scheme_counts(tmp_path):
    app = make_app(tmp_path, TRUSTED_PROXIES=1)
    response = app.test_client().get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in response.headers
    plain = make_app(tmp_path)  # no proxy trusted: the header is ignored
    response = plain.test_client().get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers
