"""Short signed keys for the helper link and the hall's tablet.

A helper types the link from a sheet of paper, or scans it: "/h/12-l8c3a-x4kq7m2vtp" rather
than a 60-character token. The key names the session, the hour it expires (base 36) and
50 bits of an HMAC over both with the app's secret: it cannot be guessed, cannot be moved to
another session, and stops working by itself."""
import base64
import hashlib
import hmac
import re
import time

from flask import current_app

_KEY = re.compile(r"^([1-9][0-9]{0,9})-([0-9a-z]{1,8})-([a-z2-7]{10})$")


def _signature(purpose: str, workshop_id: int, expires: int) -> str:
    secret = current_app.secret_key
    secret = secret.encode() if isinstance(secret, str) else secret
    digest = hmac.new(secret, f"{purpose}:{workshop_id}:{expires}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest).decode().lower()[:10]


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def make(purpose: str, workshop_id: int, hours: int, now: float | None = None) -> str:
    expires = int((now if now is not None else time.time()) // 3600) + hours
    return f"{workshop_id}-{_base36(expires)}-{_signature(purpose, workshop_id, expires)}"


def read(purpose: str, key, now: float | None = None) -> int | None:
    """The session the key was made for, or None when it is forged, foreign or expired."""
    match = _KEY.match(key) if isinstance(key, str) else None
    if match is None:
        return None
    workshop_id, expires = int(match.group(1)), int(match.group(2), 36)
    if not hmac.compare_digest(match.group(3), _signature(purpose, workshop_id, expires)):
        return None
    if (now if now is not None else time.time()) >= expires * 3600:
        return None
    return workshop_id
