"""Malformed Socket.IO frames (finding 12): one warning line, and the sender is cut off.

A frame that is not a valid Socket.IO packet (broken JSON, an unknown packet type) made the
engine log a full traceback per frame: a cheap way to flood the log. Real clients never
send such frames, so the connection is closed."""
import logging

log = logging.getLogger(__name__)
MALFORMED = (ValueError, TypeError, KeyError, IndexError, AttributeError)


def install(server) -> None:
    handle = server.eio.handlers.get("message")
    if handle is None or getattr(handle, "_malformed_guard", False):
        return

    def guarded(eio_sid, data):
        try:
            return handle(eio_sid, data)
        except MALFORMED as error:
            log.warning("malformed socket frame from %s closed the connection (%s)",
                        eio_sid, type(error).__name__)
            try:
                server.eio.disconnect(eio_sid)
            except Exception:  # noqa: BLE001  already gone
                pass
            return None

    guarded._malformed_guard = True
    server.eio.handlers["message"] = guarded
