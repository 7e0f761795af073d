"""Finding 3: a facilitator whose access ends stops reading over an already open socket.

Sockets of logged-in people (facilitators; projectors opened from an account) are checked
again on every event they send, and disconnected at once when an account changes
(membership removed, deactivated, role or password changed, logged out everywhere):
accounts/services.py sends `access_changed` after such a commit."""
import logging

from ..accounts.models import User
from ..accounts.permissions import Permission, can
from ..accounts.services import access_changed
from ..extensions import db, socketio
from .clients import all_clients, unregister_client
from .rooms import NAMESPACE, ROLE_FACILITATOR

log = logging.getLogger(__name__)


def still_allowed(client) -> bool:
    """Is the account behind this socket still allowed in its session?"""
    if client.user_id is None:
        return True  # residents (their cookie) and projectors opened by a screen key
    user = db.session.get(User, client.user_id)
    if user is None or not user.is_active:
        return False
    db.session.refresh(user)  # membership changes committed by another request
    needed = Permission.RUN_WORKSHOPS if client.role == ROLE_FACILITATOR else Permission.VIEW
    return can(user, needed, client.municipality_id)


def drop(client) -> None:
    unregister_client(client.sid)
    try:
        socketio.server.disconnect(client.sid, namespace=NAMESPACE)
    except Exception:  # already gone
        log.debug("socket %s was already gone", client.sid)


def _on_access_changed(_sender, user_id: int, **_extra) -> None:
    for client in [c for c in all_clients() if c.user_id == user_id]:
        if not still_allowed(client):
            drop(client)


def install() -> None:
    access_changed.connect(_on_access_changed, weak=False)
