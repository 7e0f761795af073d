"""The `/live` handler registry: the event decorator (roles, access, payload envelope,
errors) and the registration of every collected handler on the app's Socket.IO server."""
import functools
import logging

from flask_babel import lazy_gettext as _l

from ..errors import DomainError
from ..extensions import db, socketio
from . import revocation
from .clients import current_client
from .payload import check_payload
from .rooms import NAMESPACE, ROLES

log = logging.getLogger(__name__)

# Handlers are collected here and attached to the Socket.IO server of each app in
# register_handlers(), which create_app calls once after every feature is set up:
# create_app may run many times (tests), and each init_app makes a new server.
_handlers: dict = {}


def live_event(name: str, roles=ROLES, allowed: set[str] = frozenset()):
    """Register a `/live` handler. The wrapped function gets (client, payload) and returns an
    ack dict; this wrapper checks the role and the payload envelope, turns domain errors into
    `{"ok": false, ...}` acks and never lets an exception escape. The rate limit (per
    participant, not per socket or IP) is checked before this, by the gate that init_live
    puts in front of the dispatch (flood.install_gate)."""

    def decorator(func):
        @functools.wraps(func)
        def handler(payload=None, *extra):
            try:
                client = current_client()
                if client is None:
                    return DomainError("not_authenticated",
                                       _l("Bitte verbinden Sie sich neu.")).to_ack()
                if client.role not in roles or not revocation.still_allowed(client):
                    if client.role in roles:  # access ended while the socket was open
                        revocation.drop(client)
                    return DomainError("forbidden",
                                       _l("Dafür fehlt Ihnen die Berechtigung.")).to_ack()
                payload = check_payload(payload, set(allowed))
                ack = func(client, payload)
                return ack if ack is not None else {"ok": True}
            except DomainError as error:
                db.session.rollback()
                return error.to_ack()
            except Exception:
                log.exception("socket event %s failed", name)
                try:
                    db.session.rollback()
                except Exception:
                    log.exception("rollback failed")
                return {"ok": False, "error": "internal",
                        "message": str(_l("Ein Fehler ist aufgetreten. Bitte versuchen Sie es erneut."))}

        _handlers[name] = handler
        return handler

    return decorator


def raw_handler(name: str):
    """Collect a handler that is not an acked event (connect, disconnect)."""
    def decorator(func):
        _handlers[name] = func
        return func
    return decorator


def register_handlers() -> None:
    """Attach every collected handler to the current Socket.IO server (once per app)."""
    for name, handler in _handlers.items():
        socketio.on_event(name, handler, namespace=NAMESPACE)
