"""Socket.IO set-up for the `/live` namespace. Room names and broadcast helpers live here."""
from .extensions import socketio

NAMESPACE = "/live"
# A socket message larger than this is refused (bytes).
MAX_MESSAGE_BYTES = 16 * 1024


def allowed_origins(app):
    """Origins that may open a socket. None means: same origin as the page only."""
    extra = list(app.config.get("SOCKETIO_ALLOWED_ORIGINS") or [])
    if not extra:
        return None
    if app.config.get("PUBLIC_URL"):
        extra.append(app.config["PUBLIC_URL"])
    return extra


def init_socketio(app):
    socketio.init_app(
        app,
        async_mode=app.config["ASYNC_MODE"],
        message_queue=app.config.get("SOCKETIO_MESSAGE_QUEUE"),
        cors_allowed_origins=allowed_origins(app),
        max_http_buffer_size=MAX_MESSAGE_BYTES,
        manage_session=False,
    )
