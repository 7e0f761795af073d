"""Login attempts are limited per account and per address (Flask-Limiter)."""
import uuid

import pytest

from participation.accounts.models import Role
from participation.accounts.services import create_user
from participation.extensions import db
from tests.conftest import PASSWORD, make_app


def _app(tmp_path, **config):
    tmp_path.mkdir(parents=True, exist_ok=True)
    app = make_app(tmp_path, RATELIMIT_ENABLED=True, **config)
    with app.app_context():
        db.create_all()
        for n in range(3):
            create_user(f"mod{n}@example.org", f"Mod {n}", PASSWORD, Role.FACILITATOR)
    return app


def attempt(client, email, password="wrong password!"):
    return client.post("/login", data={"email": email, "password": password})


def test_sixth_wrong_attempt_for_one_account_is_refused_clearly(tmp_path):
    app = _app(tmp_path)
    client = app.test_client()
    for _ in range(5):
        assert attempt(client, "mod0@example.org").status_code == 400
    response = attempt(client, "mod0@example.org")
    assert response.status_code == 429
    assert "Zu viele Versuche" in response.get_data(as_text=True)
    # Even the right password waits now: guessing is pointless.
    assert attempt(client, "mod0@example.org", PASSWORD).status_code == 429
    # The same address may still log in to another account (a colleague at the same desk).
    assert attempt(client, "mod1@example.org", PASSWORD).status_code == 302
    # Another address is not affected for a third account either.
    other = app.test_client()
    assert other.post("/login", data={"email": "mod2@example.org", "password": PASSWORD},
                      environ_base={"REMOTE_ADDR": "198.51.100.7"}).status_code == 302


def test_one_address_trying_many_accounts_is_limited(tmp_path):
    app = _app(tmp_path)
    client = app.test_client()
    for n in range(20):
        assert attempt(client, f"guess{n}@example.org").status_code == 400
    assert attempt(client, "mod0@example.org", PASSWORD).status_code == 429
    # Another address is unaffected.
    assert app.test_client().post("/login", data={"email": "mod0@example.org", "password": PASSWORD},
                                  environ_base={"REMOTE_ADDR": "198.51.100.8"}).status_code == 302


def test_rate_limit_is_off_when_disabled(client, world):
    for _ in range(8):
        assert attempt(client, "mod@example.org").status_code == 400


@pytest.mark.redis
def test_limits_are_shared_between_processes_through_redis(tmp_path):
    """Two app instances (as two worker processes) count together with a Redis storage."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/0", socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    config = {"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0",
              "RATELIMIT_KEY_PREFIX": "test-" + uuid.uuid4().hex}
    first = _app(tmp_path / "a", **config)
    for _ in range(3):
        assert attempt(first.test_client(), "mod0@example.org").status_code == 400
    second = _app(tmp_path / "b", **config)
    for _ in range(2):
        assert attempt(second.test_client(), "mod0@example.org").status_code == 400
    assert attempt(second.test_client(), "mod0@example.org").status_code == 429


def test_memory_storage_is_per_process(tmp_path):
    first = _app(tmp_path / "a")
    for _ in range(3):
        assert attempt(first.test_client(), "mod0@example.org").status_code == 400
    second = _app(tmp_path / "b")
    for _ in range(3):
        assert attempt(second.test_client(), "mod0@example.org").status_code == 400
