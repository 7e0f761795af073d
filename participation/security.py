"""HTTP hardening: security headers on every response, cookie flags, a clear 429 page.

- Content-Security-Policy without 'unsafe-inline': scripts and styles come from our own
  files only; no inline <script> code, no on*= handlers, no style= attributes anywhere.
- HSTS only when the app is served over HTTPS (HTTPS=1 or a secure request), never on
  plain HTTP in a village hall without certificates.
- Session cookies: HttpOnly and SameSite=Lax always, Secure under HTTPS (config.py).
"""
import os
import re

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src {connect}; font-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# A Host header is only echoed into the policy when it is a plain host[:port].
_PLAIN_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")


def content_security_policy(host: str | None) -> str:
    """The socket may connect to this very host only (older Safari does not count ws: as
    'self'), never to `ws:`/`wss:` anywhere, which would let injected code send data out."""
    connect = "'self'"
    if host and _PLAIN_HOST.match(host):
        connect += f" ws://{host} wss://{host}"
    return CSP.format(connect=connect)
HSTS = "max-age=31536000; includeSubDomains"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def _served_over_https(app) -> bool:
    return request.is_secure or bool(app.config.get("SESSION_COOKIE_SECURE"))


def _trusted_proxies(app) -> int:
    value = app.config.get("TRUSTED_PROXIES")
    if value is None:
        value = os.environ.get("TRUSTED_PROXIES", "0")
    return max(0, int(value))


class SocketBodyLimit:
    """Refuse an oversized long-polling POST to /socket.io/ with 413 before the engine reads it.

    The engine itself would end the engine session but leave that HTTP request unanswered
    for good (it waits for a poll that never comes), one stuck connection per such request.
    Websocket messages over the limit are ended by the engine with close code 1009."""

    def __init__(self, wsgi_app, limit: int, path: str = "/socket.io"):
        self.wsgi_app, self.limit, self.path = wsgi_app, limit, path

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "POST" and environ.get("PATH_INFO", "").startswith(self.path):
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = self.limit + 1
            if length > self.limit:
                body = b'"Message too large."'
                start_response("413 Request Entity Too Large", [
                    ("Content-Type", "application/json"), ("Content-Length", str(len(body))),
                    ("Connection", "close")])
                return [body]
        return self.wsgi_app(environ, start_response)


def init_security(app):
    from .live.payload import MAX_MESSAGE_BYTES  # at init: loads the socket layer
    app.wsgi_app = SocketBodyLimit(app.wsgi_app, MAX_MESSAGE_BYTES)

    # Behind a reverse proxy (nginx, Caddy) the client's address and scheme arrive in
    # X-Forwarded-*; trust exactly that many proxies, so the per-address login limit and
    # HTTPS detection see the real values and a client cannot forge them.
    proxies = _trusted_proxies(app)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    if app.config.get("SESSION_COOKIE_SECURE"):
        app.config["REMEMBER_COOKIE_SECURE"] = True

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", content_security_policy(request.host))
        if request.endpoint != "static" and current_user and current_user.is_authenticated:
            # Pages behind the login must not stay in a shared computer's cache or history.
            response.headers["Cache-Control"] = "no-store"
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if _served_over_https(app):
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        return response

    @app.errorhandler(429)
    def too_many_requests(error):
        # Flask-Limiter raises this; say plainly what happened and when to try again.
        message = _("Zu viele Versuche in kurzer Zeit. Bitte warten Sie eine Minute "
                    "und versuchen Sie es dann noch einmal.")
        if request.is_json or request.accept_mimetypes.best == "application/json":
            response = {"ok": False, "error": "rate_limited", "message": message}, 429
        else:
            response = render_template("errors/400.html", message=message, status=429), 429
        return response
