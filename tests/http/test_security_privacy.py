"""Privacy routes: a facilitator erases a session's participant data; everyone logged in
exports and deletes their own account."""
import json

from participation.accounts.models import User
from participation.extensions import db
from participation.ideas.models import Idea
from participation.workshops.models import Workshop
from tests.conftest import PASSWORD
from tests.unit.test_privacy import counts, make_session


def erase(client, workshop, **data):
    return client.post(f"/w/{workshop.id}/erase-participants", data={"confirm": "y", **data})


def test_facilitator_erases_a_closed_session(login_as, world):
    workshop = make_session(world)
    response = erase(login_as("facilitator"), workshop, next="/m/%d" % world["home"].id)
    assert response.status_code == 302 and response.headers["Location"] == "/m/%d" % world["home"].id
    assert counts(workshop.id)["participants"] == 0 and counts(workshop.id)["ideas"] == 3
    assert db.session.scalar(db.select(db.func.count()).select_from(Idea)
                             .where(Idea.participant_id.is_not(None), Idea.workshop_id == workshop.id)) == 0


def test_erasure_needs_confirmation_and_a_closed_session(login_as, world, client):
    workshop = make_session(world)
    login_as("facilitator")
    response = client.post(f"/w/{workshop.id}/erase-participants", data={})
    assert response.status_code == 302
    assert "bestätigen" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert counts(workshop.id)["participants"] == 3
    running = make_session(world, status="open")
    response = erase(client, running, next="//evil.example/")
    assert response.headers["Location"] == "/m/%d" % world["home"].id  # no open redirect
    assert "läuft noch" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert counts(running.id)["participants"] == 3


def test_others_cannot_erase(login_as, world, client):
    workshop = make_session(world)
    assert erase(client, workshop).status_code == 302  # anonymous: to the login page
    assert "/login" in erase(client, workshop).headers["Location"]
    assert erase(login_as("staff"), workshop).status_code == 403
    assert erase(login_as("other_facilitator"), workshop).status_code == 404
    assert erase(login_as("facilitator"), Workshop(id=9999)).status_code == 404
    assert counts(workshop.id)["participants"] == 3


def test_erase_form_partial_renders(app, world):
    from flask import render_template
    workshop = make_session(world)
    with app.test_request_context(f"/w/{workshop.id}/console"):
        html = render_template("privacy/_erase_form.html", workshop=workshop)
    assert f'action="/w/{workshop.id}/erase-participants"' in html
    assert 'name="csrf_token"' in html and 'name="confirm"' in html


def test_account_page_export_and_delete(login_as, world, client):
    login_as("facilitator")
    page = client.get("/account")
    assert page.status_code == 200 and "mod@example.org" in page.get_data(as_text=True)
    export = client.get("/account/export")
    assert export.mimetype == "application/json"
    assert "attachment" in export.headers["Content-Disposition"]
    data = json.loads(export.data)
    assert data["account"]["email"] == "mod@example.org"
    assert "password" not in json.dumps(data["account"])

    wrong = client.post("/account/delete", data={"password": "nope nope nope", "confirm": "y"})
    assert wrong.status_code == 400 and "Passwort stimmt nicht" in wrong.get_data(as_text=True)
    unconfirmed = client.post("/account/delete", data={"password": PASSWORD})
    assert unconfirmed.status_code == 400
    assert db.session.scalar(db.select(User).where(User.email == "mod@example.org")) is not None

    done = client.post("/account/delete", data={"password": PASSWORD, "confirm": "y"})
    assert done.status_code == 302 and done.headers["Location"].endswith("/login")
    db.session.expire_all()
    assert db.session.scalar(db.select(User).where(User.email == "mod@example.org")) is None
    assert client.get("/account").status_code == 302  # logged out


def test_account_pages_need_login(client):
    for url in ("/account", "/account/export"):
        assert client.get(url).status_code == 302
    assert client.post("/account/delete", data={"password": PASSWORD, "confirm": "y"}).status_code == 302


def test_last_admin_keeps_their_account(login_as, world, client):
    login_as("admin")
    response = client.post("/account/delete", data={"password": PASSWORD, "confirm": "y"})
    assert response.status_code == 400 and "einzige Administration" in response.get_data(as_text=True)
    assert db.session.get(User, world["admin"].id) is not None


def test_privacy_notice_is_complete(app, client):
    app.config["PARTICIPANT_RETENTION_DAYS"] = 45
    app.config["PRIVACY_CONTACT"] = "datenschutz@heimstadt.example"
    page = client.get("/datenschutz").get_data(as_text=True)
    for must in ("Verantwortlich", "IP-Adresse", "45 Tage", "Art. 6", "Art. 15", "Art. 77",
                 "zwp_", "localStorage", "Mein Konto", "datenschutz@heimstadt.example"):
        assert must in page, must
