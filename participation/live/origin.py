"""A socket from a foreign page: refused with an error code and a message, not a bare 400.

Engine.IO refuses a handshake whose `Origin` is not allowed with a plain-text HTTP 400
"Not an accepted origin." that a client cannot tell from any other failure. This gate runs
just before it with the very same rule (Engine.IO's own list: the page's own origin, or
the `SOCKETIO_ALLOWED_ORIGINS` check) and answers such requests itself: HTTP 400 with
`{"error": "origin_not_allowed", "message": "<translated>", "origin": "<origin>"}`. A page
of the app's own host that is refused (a proxy that does not pass `Host` on) can read it
and show the message; a foreign page cannot read it (no CORS headers), as before. The
operator gets one log line per origin naming the likely cause.
"""
import json
import logging

from flask_babel import lazy_gettext as _l

log = logging.getLogger(__name__)
CODE = "origin_not_allowed"
MESSAGE = _l("Diese Seite darf keine Live-Verbindung öffnen. Bitte öffnen Sie die Werkstatt "
             "über ihre eigene Adresse.")


class OriginGate:
    def __init__(self, wsgi_app, app, engine, path="/socket.io"):
        self.wsgi_app = wsgi_app
        self.app = app
        self.engine = engine
        self.path = path
        self.logged = set()

    def __call__(self, environ, start_response):
        origin = environ.get("HTTP_ORIGIN")
        if origin and environ.get("PATH_INFO", "").startswith(self.path) \
                and self.engine.cors_allowed_origins != []:
            allowed = self.engine._cors_allowed_origins(environ)
            if allowed is not None and origin not in allowed:
                return self.refuse(environ, start_response, origin)
        return self.wsgi_app(environ, start_response)

    def refuse(self, environ, start_response, origin):
        if origin not in self.logged and len(self.logged) < 100:
            self.logged.add(origin)
            log.warning("socket from origin %s refused (host %s): a foreign page, or a proxy "
                        "that does not pass Host on; see SOCKETIO_ALLOWED_ORIGINS",
                        origin, environ.get("HTTP_HOST"))
        with self.app.request_context(environ):
            message = str(MESSAGE)
        body = json.dumps({"error": CODE, "message": message, "origin": origin}).encode()
        start_response("400 BAD REQUEST", [("Content-Type", "application/json"),
                                           ("Content-Length", str(len(body)))])
        return [body]


def install(app, engine) -> None:
    app.wsgi_app = OriginGate(app.wsgi_app, app, engine)
