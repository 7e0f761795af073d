"""Short signed keys for the helper link and the hall's tablet.

A helper types the link from a sheet of paper, or scans it: "/h/12-1ax4f-x4kq7m2vtp" rather
than a 60-character token. The key names the session, the hour it expires and 50 bits of an
HMAC over both with the app's secret: it cannot be guessed, cannot be moved to another
session, and stops working by itself. Crockford's base 32 (no i, l, o, u) keeps it easy to
type; a typed I, L or O is read as 1, 1 or 0."""
import hashlib
import hmac
import re
import time

from flask import current_app

DIGITS = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford's base 32, lower case
_KEY = re.compile(r"^([1-9][0-9]{0,9})-([0-9a-hjkmnp-tv-z]{1,8})-([0-9a-hjkmnp-tv-z]{10})$")
_TYPED = str.maketrans("ilo", "110")


def _base32(number: int, width: int = 1) -> str:
    text = ""
    while number or len(text) < width:
        number, rest = divmod(number, 32)
        text = DIGITS[rest] + text
    return text


def _signature(purpose: str, workshop_id: int, expires: int) -> str:
    secret = current_app.secret_key
    secret = secret.encode() if isinstance(secret, str) else secret
    digest = hmac.new(secret, f"{purpose}:{workshop_id}:{expires}".encode(), hashlib.sha256).digest()
    return _base32(int.from_bytes(digest[:7], "big") >> 6, 10)  # 50 bits


def make(purpose: str, workshop_id: int, hours: int, now: float | None = None) -> str:
    expires = int((now if now is not None else time.time()) // 3600) + hours
    return f"{workshop_id}-{_base32(expires)}-{_signature(purpose, workshop_id, expires)}"


def read(purpose: str, key, now: float | None = None) -> int | None:
    """The session the key was made for, or None when it is forged, foreign or expired."""
    if not isinstance(key, str) or len(key) > 40:
        return None
    match = _KEY.match(key.lower().translate(_TYPED))
    if match is None:
        return None
    workshop_id = int(match.group(1))
    expires = 0
    for char in match.group(2):
        expires = expires * 32 + DIGITS.index(char)
    if not hmac.compare_digest(match.group(3), _signature(purpose, workshop_id, expires)):
        return None
    if (now if now is not None else time.time()) >= expires * 3600:
        return None
    return workshop_id
