"""Settings from environment variables, with defaults that work on a laptop."""
import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH", PROJECT_ROOT / "instance"))


# Phones in the hall must reach a laptop server: listen on every interface.
DEFAULT_HOST = "0.0.0.0"  # nosec B104


def _secret_key(instance_dir: Path) -> str:
    """Use SECRET_KEY, else a key generated once and kept in instance/."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    instance_dir.mkdir(parents=True, exist_ok=True)
    key_file = instance_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def database_url(raw: str | None, instance_dir: Path) -> str:
    """Normalise DATABASE_URL; PostgreSQL goes through psycopg 3."""
    if not raw:
        return f"sqlite:///{instance_dir / 'participation.db'}"
    if raw.startswith("postgres://"):
        raw = "postgresql://" + raw[len("postgres://"):]
    if raw.startswith("postgresql://"):
        raw = "postgresql+psycopg://" + raw[len("postgresql://"):]
    return raw


def _list(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def load_config() -> dict:
    env = os.environ
    instance_dir = INSTANCE_DIR
    return {
        "SECRET_KEY": _secret_key(instance_dir),
        "SQLALCHEMY_DATABASE_URI": database_url(env.get("DATABASE_URL"), instance_dir),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SOCKETIO_MESSAGE_QUEUE": env.get("SOCKETIO_MESSAGE_QUEUE") or None,
        "ASYNC_MODE": env.get("ASYNC_MODE", "eventlet"),
        # Websocket only, no HTTP long-polling: needed when several processes share one
        # port (REUSE_PORT=1), where the polling requests of one client could reach
        # different processes (docs/deployment.md).
        "WEBSOCKET_ONLY": env.get("WEBSOCKET_ONLY", env.get("REUSE_PORT", "")) == "1",
        "PUBLIC_URL": (env.get("PUBLIC_URL") or "").rstrip("/") or None,
        "HOST": env.get("HOST", DEFAULT_HOST),
        "PORT": int(env.get("PORT", "5000")),
        # Extra origins allowed to open a socket (the app's own host is always allowed).
        "SOCKETIO_ALLOWED_ORIGINS": _list(env.get("SOCKETIO_ALLOWED_ORIGINS")),
        # Send budget: tally frames a second to one session's phones, per process; the
        # interval is phones / budget, never below 250 ms (docs/realtime.md).
        "LIVE_TALLY_BUDGET": float(env.get("LIVE_TALLY_BUDGET", "3000")),
        "PARTICIPANT_RETENTION_DAYS": int(env.get("PARTICIPANT_RETENTION_DAYS", "90")),
        # Joins per address and session: a hall's Wi-Fi puts every phone behind one address.
        "JOIN_RATE_LIMIT": env.get("JOIN_RATE_LIMIT", "200 per minute"),
        "MAX_SOCKETS_PER_PARTICIPANT": int(env.get("MAX_SOCKETS_PER_PARTICIPANT", "8")),
        "MAX_SOCKETS_PER_ADDRESS": int(env.get("MAX_SOCKETS_PER_ADDRESS", "1000")),
        "STUFFING_MIN_JOINS": int(env.get("STUFFING_MIN_JOINS", "40")),
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        "BABEL_DEFAULT_LOCALE": "de",
        "BABEL_DEFAULT_TIMEZONE": env.get("TIMEZONE", "Europe/Berlin"),
        # A form's token expires; long enough for a whole workshop evening on one page.
        "WTF_CSRF_TIME_LIMIT": int(env.get("CSRF_TIME_LIMIT", str(12 * 3600))),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env.get("HTTPS", "") == "1",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "ACCESSIBILITY_CONTACT": env.get("ACCESSIBILITY_CONTACT", "barrierefreiheit@example.org"),
    }
