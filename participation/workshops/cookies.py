"""The resident's signed cookie `zwp_<workshop id>`: it carries only a random token."""
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

MAX_AGE = 365 * 24 * 3600


def cookie_name(workshop_id: int) -> str:
    return f"zwp_{workshop_id}"


def _serializer(workshop_id: int) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=f"participant-{workshop_id}")


def sign_token(workshop_id: int, token: str) -> str:
    return _serializer(workshop_id).dumps(token)


def token_from(cookies, workshop_id: int) -> str | None:
    raw = cookies.get(cookie_name(workshop_id))
    if not raw or len(raw) > 200:
        return None
    try:
        token = _serializer(workshop_id).loads(raw)
    except BadSignature:
        return None
    return token if isinstance(token, str) else None


def set_participant_cookie(response, workshop_id: int, token: str) -> None:
    response.set_cookie(cookie_name(workshop_id), sign_token(workshop_id, token),
                        max_age=MAX_AGE, httponly=True, samesite="Lax",
                        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))


def screen_key(workshop_id: int) -> str:
    """Signed key for a projector URL that works without a login."""
    return URLSafeSerializer(current_app.secret_key, salt="screen").dumps(workshop_id)


def workshop_for_screen_key(key: str) -> int | None:
    if not isinstance(key, str) or len(key) > 200:
        return None
    try:
        value = URLSafeSerializer(current_app.secret_key, salt="screen").loads(key)
    except BadSignature:
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None
