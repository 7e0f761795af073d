"""Set-up of the `/live` socket layer for one app: the Socket.IO server, the flood gate in
front of the dispatch, access revocation, the guard against malformed frames, the origin
gate and the socket's cookie session."""
from ..extensions import socketio
from . import cookie_session, flood, frames, origin, revocation
from .clients import _clients, rate_limited_error
from .payload import MAX_MESSAGE_BYTES
from .rooms import NAMESPACE


def allowed_origins(app):
    """Who may open a socket: None means the page's own origin only (the engine's default);
    with SOCKETIO_ALLOWED_ORIGINS, a check that allows the own origin, PUBLIC_URL and exactly
    the listed origins. Never "*" (the engine would then accept every origin)."""
    extra = {o.strip().rstrip("/") for o in (app.config.get("SOCKETIO_ALLOWED_ORIGINS") or [])
             if o.strip() not in ("*", "")}
    if not extra:
        return None
    if app.config.get("PUBLIC_URL"):
        extra.add(app.config["PUBLIC_URL"].rstrip("/"))

    def is_allowed(origin, environ=None):
        if origin in extra:
            return True
        host = (environ or {}).get("HTTP_HOST")
        return bool(host) and origin == f"{(environ or {}).get('wsgi.url_scheme', 'http')}://{host}"

    return is_allowed


def init_live(app):
    """Make this app's Socket.IO server. Handlers are attached later, once every feature
    has imported its events (handlers.register_handlers, called by create_app)."""
    socketio.init_app(
        app,
        async_mode=app.config["ASYNC_MODE"],
        message_queue=app.config.get("SOCKETIO_MESSAGE_QUEUE"),
        cors_allowed_origins=allowed_origins(app),
        max_http_buffer_size=MAX_MESSAGE_BYTES,
        manage_session=False,
        # Always given: Flask-SocketIO keeps options between init_app calls.
        transports=["websocket"] if app.config.get("WEBSOCKET_ONLY") else ["polling", "websocket"],
    )

    def refusal(client):
        if client.refusal is None:
            with app.app_context():
                client.refusal = rate_limited_error().to_ack()
        return client.refusal

    flood.install_gate(app, socketio.server, _clients, NAMESPACE, refusal)
    revocation.install()
    frames.install(socketio.server)
    origin.install(app, socketio.server.eio)
    cookie_session.init_socket_sessions(app)
