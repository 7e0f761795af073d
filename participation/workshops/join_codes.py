"""Short join codes: 6 characters from an alphabet without look-alikes."""
import re
import secrets

# No 0/O/Q-like or 1/I/L, no 2/Z, 5/S, 8/B, U/V pairs: easy to read off a projector.
ALPHABET = "ACDEFGHJKMNPQRTWXY34679"
LENGTH = 6
_SEPARATORS = re.compile(r"[\s\-_.]+")


def generate() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(raw) -> str | None:
    """Upper case, without spaces or dashes; None when it cannot be a join code."""
    if not isinstance(raw, str):
        return None
    code = _SEPARATORS.sub("", raw).upper()
    if len(code) != LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code


def display(code: str) -> str:
    """"K7PM3Q" -> "K7P-M3Q": easier to read aloud and to type."""
    return f"{code[:3]}-{code[3:]}" if code else ""
