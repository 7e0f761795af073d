"""The cookie session of a socket, decoded once per connection instead of once per event.

Flask-SocketIO pushes a request context for every socket event, built from the environ of
the connecting request, and (with manage_session=False) opens the Flask session from that
same, unchanging cookie each time: parse the cookie header, verify its HMAC, decode it.
The profile of the benchmark's city scenario showed this at about a tenth of the server's
CPU while residents voted. The result is the same every time (the cookie of a socket never
changes: writes in socket handlers never reach the browser), so it is decoded at connect
and each later event gets a fresh copy of it.
"""
from flask.sessions import SecureCookieSessionInterface

CACHE_KEY = "participation.socket_session"


class SocketSessionInterface(SecureCookieSessionInterface):
    def open_session(self, app, request):
        environ = request.environ
        if not environ.get("PATH_INFO", "").startswith("/socket.io"):
            return super().open_session(app, request)
        cached = environ.get(CACHE_KEY)
        if cached is None:
            cached = super().open_session(app, request)
            if cached is None:
                return None
            environ[CACHE_KEY] = cached
        # A copy: a handler that writes to it changes nothing for the next event, as before.
        return self.session_class(cached)


def init_socket_sessions(app):
    if type(app.session_interface) is SecureCookieSessionInterface:
        app.session_interface = SocketSessionInterface()
