"""Checks of a `/live` message: its envelope (size, known keys) and each typed field."""
import json
import re

from flask_babel import lazy_gettext as _l

from ..errors import DomainError, ValidationError

# A socket message larger than this is refused (bytes).
MAX_MESSAGE_BYTES = 16 * 1024
CLIENT_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def _invalid(what: str):
    return ValidationError("invalid", _l("Die Anfrage ist ungültig (%(what)s).", what=what))


def check_payload(payload, allowed: set[str]) -> dict:
    """A dict, of bounded size, with only known keys (`client_id` is always allowed)."""
    if payload is None:
        payload = {}
    if not isinstance(payload, dict):
        raise _invalid("payload")
    try:
        size = len(json.dumps(payload, ensure_ascii=False).encode())
    except (TypeError, ValueError):
        raise _invalid("payload")
    if size > MAX_MESSAGE_BYTES:
        raise DomainError("too_large", _l("Die Nachricht ist zu groß."))
    unknown = set(payload) - allowed - {"client_id"}
    if unknown:
        raise _invalid(sorted(unknown)[0][:40])
    return payload


def get_int(payload: dict, key: str, *, minimum: int = 1, maximum: int = 2**31 - 1,
            required: bool = True, nullable: bool = False):
    value = payload.get(key)
    if value is None:
        if nullable and key in payload:
            return None
        if not required:
            return None
        raise _invalid(key)
    # bool is a subclass of int: refuse it explicitly.
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise _invalid(key)
    return value


def get_str(payload: dict, key: str, *, max_length: int, required: bool = True):
    value = payload.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or len(value) > max_length:
        raise _invalid(key)
    return value


def get_bool(payload: dict, key: str) -> bool:
    value = payload.get(key)
    if not isinstance(value, bool):
        raise _invalid(key)
    return value


def get_choice(payload: dict, key: str, choices, *, required: bool = True):
    value = payload.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or value not in choices:
        raise _invalid(key)
    return value


def get_int_list(payload: dict, key: str, *, max_items: int = 50, required: bool = True):
    value = payload.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list) or len(value) > max_items:
        raise _invalid(key)
    return [get_int({"v": item}, "v") for item in value]


def get_client_id(payload: dict, *, required: bool = True):
    value = payload.get("client_id")
    if value is None and not required:
        return None
    if not isinstance(value, str) or not CLIENT_ID_PATTERN.match(value):
        raise _invalid("client_id")
    return value
