"""Facilitators set sessions up: list, new (German defaults), edit, open (join code), close."""
from participation.extensions import db
from participation.workshops.join_codes import ALPHABET
from participation.workshops.models import Workshop


def test_new_session_with_defaults_then_open_and_close(login_as, world):
    client = login_as("facilitator")
    home = world["home"].id
    form = client.get(f"/m/{home}/workshops/new").get_data(as_text=True)
    assert "Was stört Sie heute in unserem Ort?" in form and 'value="5"' in form
    response = client.post(f"/m/{home}/workshops/new", data={
        "title": "Älter werden im Quartier", "theme": "Wohnen", "question_kritik": "",
        "question_utopie": "Wie wäre es ideal?", "question_verwirklichung": "",
        "dots_per_participant": "5", "max_dots_per_idea": "3", "ask_age_band": "y",
        "moderation_mode": "post"})
    assert response.status_code == 302
    workshop = db.session.scalar(db.select(Workshop))
    # The redirect names the new session (its card on the list), so a program learns its id.
    assert response.headers["Location"].endswith(f"/m/{home}/workshops#w-{workshop.id}")
    assert workshop.status == "draft" and workshop.phase == "kritik" and workshop.join_code is None
    assert workshop.question_kritik == "Was stört Sie heute in unserem Ort?"
    assert workshop.question_utopie == "Wie wäre es ideal?"
    assert workshop.ask_migration_background is False
    listing = client.get(f"/m/{home}/workshops").get_data(as_text=True)
    assert "Älter werden im Quartier" in listing and "Entwurf" in listing
    assert f'id="w-{workshop.id}"' in listing

    assert client.post(f"/w/{workshop.id}/open").status_code == 302
    db.session.refresh(workshop)
    assert workshop.status == "open"
    assert len(workshop.join_code) == 6 and set(workshop.join_code) <= set(ALPHABET)
    console = client.get(f"/w/{workshop.id}")
    assert console.status_code == 200 and workshop.join_code[:3] in console.get_data(as_text=True)
    assert client.post(f"/w/{workshop.id}/close").status_code == 302
    db.session.refresh(workshop)
    assert workshop.status == "closed"


def test_bad_settings_are_refused_and_change_nothing(login_as, world):
    client = login_as("facilitator")
    response = client.post(f"/m/{world['home'].id}/workshops/new", data={
        "title": "", "dots_per_participant": "3", "max_dots_per_idea": "4",
        "moderation_mode": "post"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Höchstens so viele wie Punkte pro Person" in page
    assert db.session.scalar(db.select(db.func.count()).select_from(Workshop)) == 0


def test_edit_keeps_the_join_code(login_as, world):
    client = login_as("facilitator")
    from participation.workshops import services
    w = services.create_workshop(world["home"].id, world["facilitator"].id, {"title": "Alt"})
    w = services.open_workshop(w.id, world["facilitator"].id)
    code = w.join_code
    response = client.post(f"/w/{w.id}/edit", data={
        "title": "Neu", "dots_per_participant": "4", "max_dots_per_idea": "2",
        "moderation_mode": "pre"})
    assert response.status_code == 302
    db.session.refresh(w)
    assert (w.title, w.dots_per_participant, w.moderation_mode, w.join_code) == ("Neu", 4, "pre", code)


def test_staff_sees_the_list_but_cannot_create(login_as, world):
    client = login_as("staff")
    assert client.get(f"/m/{world['home'].id}/workshops").status_code == 200
    assert "Neue Sitzung anlegen" not in client.get(f"/m/{world['home'].id}/workshops").get_data(as_text=True)
    assert client.get(f"/m/{world['home'].id}/workshops/new").status_code == 403
    client = login_as("other_facilitator")
    assert client.get(f"/m/{world['home'].id}/workshops").status_code == 404


def test_projector_by_screen_key_needs_no_login(client, world, app):
    from participation.workshops import services
    from participation.workshops.cookies import screen_key
    w = services.create_workshop(world["home"].id, world["facilitator"].id, {"title": "Leinwand"})
    w = services.open_workshop(w.id, world["facilitator"].id)
    with app.test_request_context():
        key = screen_key(w.id)
    page = client.get(f"/screen/{key}")
    assert page.status_code == 200
    assert f'"screen": "{key}"' in page.get_data(as_text=True) or key in page.get_data(as_text=True)
    assert client.get("/screen/nonsense").status_code == 404
