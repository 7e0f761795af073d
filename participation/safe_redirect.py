"""The one check for redirect targets taken from a request (`?next=`, a form's `next`).

Only a path on this site passes. Browsers drop tab, CR and LF inside a URL and read a
backslash as a slash, so `/%09/evil.com` or `/\\evil.com` would become `//evil.com` (another
host); a CR/LF would also break the Location header. Anything doubtful gives the fallback."""
from urllib.parse import urlsplit

MAX_LENGTH = 2000


def safe_next(target: str | None, fallback: str) -> str:
    if not target or not isinstance(target, str) or len(target) > MAX_LENGTH:
        return fallback
    if any(ord(char) < 0x21 or ord(char) == 0x7F for char in target) or "\\" in target:
        return fallback
    if not target.startswith("/") or target.startswith("//"):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return fallback
    return target
