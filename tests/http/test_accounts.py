import pytest

from participation.accounts.models import User
from tests.conftest import PASSWORD, login


def test_login_with_right_password_reaches_dashboard(client, world):
    response = login(client, "mod@example.org")
    assert response.status_code == 302
    page = client.get("/dashboard")
    assert "Heimstadt".encode() in page.data
    assert "Anderdorf".encode() not in page.data


def test_wrong_password_is_refused_with_a_clear_message(client, world):
    response = login(client, "mod@example.org", "wrong password!")
    assert response.status_code == 400
    assert "Passwort stimmen nicht".encode() in response.data
    assert client.get("/dashboard").status_code == 302


@pytest.mark.real_hashing
def test_passwords_are_stored_hashed(app, world):
    user = User.query.filter_by(email="mod@example.org").one()
    assert PASSWORD not in user.password_hash
    assert user.password_hash.startswith("scrypt:")
    assert login(app.test_client(), "mod@example.org").status_code == 302


def test_logout_ends_the_session(client, world):
    login(client, "mod@example.org")
    assert client.get("/dashboard").status_code == 200
    client.post("/logout")
    assert client.get("/dashboard").status_code == 302


def test_open_redirect_after_login_is_refused(client, world):
    response = client.post("/login?next=//evil.example/x",
                           data={"email": "mod@example.org", "password": PASSWORD})
    assert response.headers["Location"] == "/dashboard"


def test_only_admin_manages_accounts(login_as):
    for who in ("facilitator", "staff"):
        assert login_as(who).get("/admin/users").status_code == 403
    assert login_as("admin").get("/admin/users").status_code == 200


def test_create_admin_command(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-admin", "--email", "boss@example.org", "--name", "Boss",
                                 "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    assert User.query.filter_by(email="boss@example.org").one().is_admin
