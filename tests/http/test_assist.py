"""People without a phone: the helper page (paper cards, channel "assisted") and the hall's
shared tablet (kiosk): writes follow the ordinary rules, and the results count them."""
import csv
import io
import re

import pytest

from participation.assist import services as assist
from participation.extensions import db
from participation.ideas.models import Idea
from participation.results import services as results_services
from participation.voting.models import Dot
from participation.workshops import cookies
from participation.workshops import services as workshop_services
from participation.workshops.models import Participant
from tests.builders import open_session


@pytest.fixture
def workshop(app, world):
    return open_session(world, dotting=True, title="Älter werden", dots_per_participant=3,
                        max_dots_per_idea=2)


def client_id(n) -> str:
    return f"helper-test-{n:04d}"


def new_card(client, url, age_band="65-79"):
    response = client.post(url, data={"action": "new_card", "age_band": age_band})
    assert response.status_code == 303, response.data
    return int(re.search(r"card=(\d+)", response.headers["Location"]).group(1))


def test_helper_types_a_card_and_results_count_it_as_assisted(login_as, workshop):
    client = login_as("facilitator")
    url = f"/w/{workshop.id}/helper"
    page = client.get(url).get_data(as_text=True)
    assert "Neue Karte" in page and "Tablet im Saal" in page
    card = new_card(client, url, "80+")
    person = db.session.get(Participant, card)
    assert (person.channel, person.age_band, person.workshop_id) == ("assisted", "80+", workshop.id)

    response = client.post(url, data={"action": "idea", "card": card, "client_id": client_id(1),
                                      "text": "  Eine Bank an der Bushaltestelle "})
    assert response.status_code == 303
    idea = db.session.scalar(db.select(Idea).where(Idea.workshop_id == workshop.id))
    assert (idea.text, idea.channel, idea.participant_id, idea.status) == \
        ("Eine Bank an der Bushaltestelle", "assisted", card, "visible")
    # A resend of the same form (same client id) is the same write.
    client.post(url, data={"action": "idea", "card": card, "client_id": client_id(1),
                           "text": "Eine Bank an der Bushaltestelle"})
    assert db.session.scalar(db.select(db.func.count()).select_from(Idea)) == 1

    for n in (2, 3):
        assert client.post(url, data={"action": "dot", "card": card, "idea": idea.id,
                                      "client_id": client_id(n)}).status_code == 303
    # The per-idea limit (2) holds for a card like for a phone.
    response = client.post(url, data={"action": "dot", "card": card, "idea": idea.id,
                                      "client_id": client_id(4)})
    assert response.status_code == 400
    assert "Mehr als 2 Punkte pro Idee gehen nicht." in response.get_data(as_text=True)
    dots = list(db.session.scalars(db.select(Dot).where(Dot.removed_at.is_(None))))
    assert [(d.channel, d.age_band) for d in dots] == [("assisted", "80+")] * 2

    page = client.get(f"{url}?card={card}").get_data(as_text=True)
    assert "Noch 1 von 3 Punkten" in page and "2 von dieser Karte" in page

    results = results_services.session_results(workshop)
    kritik = results["phases"][0]
    assert kritik["by_channel"]["assisted"] == 2 and kritik["by_age_band"]["80+"] == 2
    assert results_services.representation(workshop)["participants"]["by_channel"]["assisted"] == 1
    page = client.get(f"/w/{workshop.id}/results").get_data(as_text=True)
    assert "Papierkarte (übertragen): 2" in page
    body = client.get(f"/w/{workshop.id}/results.csv").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    column = rows[0].index("Punkte Papierkarte (übertragen)")
    idea_row = next(r for r in rows if "Eine Bank an der Bushaltestelle" in r)
    assert idea_row[column] == "2"


def test_helper_takes_a_dot_back_and_budget_is_the_cards_own(login_as, workshop):
    client = login_as("facilitator")
    url = f"/w/{workshop.id}/helper"
    first, second = new_card(client, url), new_card(client, url, "none")
    assert db.session.get(Participant, second).age_band is None
    client.post(url, data={"action": "idea", "card": first, "client_id": client_id(1), "text": "A"})
    client.post(url, data={"action": "idea", "card": first, "client_id": client_id(2), "text": "B"})
    a, b = db.session.scalars(db.select(Idea.id).order_by(Idea.id)).all()
    for n, idea in enumerate((a, a, b), start=10):
        client.post(url, data={"action": "dot", "card": first, "idea": idea, "client_id": client_id(n)})
    response = client.post(url, data={"action": "dot", "card": first, "idea": b,
                                      "client_id": client_id(20)})
    assert "Sie haben alle Ihre Punkte vergeben." in response.get_data(as_text=True)
    # Another card has its own budget.
    assert client.post(url, data={"action": "dot", "card": second, "idea": b,
                                  "client_id": client_id(21)}).status_code == 303
    assert client.post(url, data={"action": "undot", "card": first, "idea": a,
                                  "client_id": client_id(22)}).status_code == 303
    assert db.session.get(Idea, a).dot_count == 1 and db.session.get(Idea, b).dot_count == 2


def test_helper_cannot_write_for_a_phone_participant(login_as, workshop):
    resident = workshop_services.join(workshop.id, channel="onsite")
    client = login_as("facilitator")
    response = client.post(f"/w/{workshop.id}/helper", data={
        "action": "idea", "card": resident.id, "client_id": client_id(1), "text": "Fremd"})
    assert response.status_code == 404
    assert db.session.scalar(db.select(db.func.count()).select_from(Idea)) == 0


def created_on_screens(app, world, workshop, write) -> list[list[dict]]:
    """The ideas of `idea:created` that the projector and the console got while
    write(http_client_logged_in_as_facilitator) ran."""
    from tests.conftest import login
    from tests.socket.conftest import Live, events
    live = Live(app, world)
    try:
        projector = live.projector(workshop, screen=cookies.screen_key(workshop.id))
        facilitator = live.facilitator(workshop)
        http = app.test_client()
        login(http, world["facilitator"].email)
        write(http)
        return [[e["idea"] for e in events(socket, "idea:created")] for socket in (projector, facilitator)]
    finally:
        live.close()


def test_helper_writes_are_broadcast_like_socket_writes(app, world, workshop):
    def write(http):
        card = new_card(http, f"/w/{workshop.id}/helper")
        http.post(f"/w/{workshop.id}/helper", data={"action": "idea", "card": card,
                                                     "client_id": client_id(1), "text": "Live"})
    for created in created_on_screens(app, world, workshop, write):
        assert [(i["text"], i["channel"]) for i in created] == [("Live", "assisted")]


def test_helper_link_works_without_an_account_for_one_session(app, client, world, workshop):
    with app.test_request_context():
        key = assist.helper_key(workshop.id)
    url = f"/h/{key}"
    page = client.get(url).get_data(as_text=True)
    assert "Neue Karte" in page and "Tablet im Saal" not in page
    card = new_card(client, url)
    assert db.session.get(Participant, card).channel == "assisted"
    assert client.get("/h/" + key[:-2] + "xx").status_code == 404
    # The key expires after a workshop day.
    import time
    from unittest import mock
    later = time.time() + (assist.HELPER_KEY_HOURS + 1) * 3600
    with mock.patch("participation.assist.keys.time.time", return_value=later):
        assert client.get(url).status_code == 404


def test_no_card_while_the_session_is_not_open(login_as, world, workshop):
    workshop_services.close_workshop(workshop.id, world["facilitator"].id)
    client = login_as("facilitator")
    response = client.post(f"/w/{workshop.id}/helper", data={"action": "new_card", "age_band": "none"})
    assert response.status_code == 409
    assert db.session.scalar(db.select(db.func.count()).select_from(Participant)) == 0


# --- kiosk ---------------------------------------------------------------------------------

def kiosk_url(app, workshop):
    with app.test_request_context():
        return f"/kiosk/{assist.kiosk_key(workshop.id)}"


def kiosk_join(client, url, **answers):
    response = client.post(url, data={"age_band": "none", **answers})
    assert response.status_code == 303, response.data
    return response


def test_kiosk_gives_each_person_a_fresh_participant(app, client, world, workshop):
    url = kiosk_url(app, workshop)
    start = client.get(url).get_data(as_text=True)
    assert "Tablet im Saal" in start and 'name="channel"' not in start
    kiosk_join(client, url, age_band="50-64")
    first = db.session.scalar(db.select(Participant).order_by(Participant.id.desc()))
    assert (first.channel, first.age_band) == ("kiosk", "50-64")
    page = client.get(f"/j/{workshop.join_code}/live").get_data(as_text=True)
    assert "Fertig – nächste Person" in page and "js/kiosk.js" in page
    assert 'data-idle-seconds="180"' in page
    workshop_services.join  # the live page is the normal one
    idea, _ = __import__("participation.ideas.services", fromlist=["x"]).submit_idea(
        workshop.id, first.id, "Mehr Bänke", client_id(1))

    response = client.post(f"{url}/next")
    assert response.status_code == 303 and response.headers["Location"].endswith(url)
    assert client.get_cookie(cookies.cookie_name(workshop.id)) is None
    # Without a participant the live page sends the next person to the join form.
    assert client.get(f"/j/{workshop.join_code}/live").status_code == 302
    kiosk_join(client, url, age_band="18-29")
    second = db.session.scalar(db.select(Participant).order_by(Participant.id.desc()))
    assert second.id != first.id and second.token != first.token and second.channel == "kiosk"

    from participation.voting import services as voting
    voting.add_dot(workshop.id, second.id, idea.id, client_id(2))
    results = results_services.session_results(workshop)
    assert results["phases"][0]["by_channel"]["kiosk"] == 1
    assert results_services.representation(workshop)["participants"]["by_channel"]["kiosk"] == 2
    with app.test_request_context():
        client2 = app.test_client()
    from tests.conftest import login
    login(client2, world["facilitator"].email)
    assert "Tablet im Saal: 1" in client2.get(f"/w/{workshop.id}/results").get_data(as_text=True)


def test_next_person_starts_in_the_default_language_and_text_size(app, client, workshop):
    url = kiosk_url(app, workshop)
    client.get(f"{url}?lang=tr")
    client.set_cookie("display", "large")
    assert client.get_cookie("lang").value == "tr"
    kiosk_join(client, url)
    client.post(f"{url}/next")
    assert client.get_cookie("lang") is None and client.get_cookie("display") is None
    assert 'lang="de"' in client.get(url).get_data(as_text=True)


def test_kiosk_start_page_forgets_the_previous_person(app, client, workshop):
    url = kiosk_url(app, workshop)
    kiosk_join(client, url)
    assert client.get_cookie(cookies.cookie_name(workshop.id)) is not None
    client.get(url)  # e.g. the idle return reloading the start page
    assert client.get_cookie(cookies.cookie_name(workshop.id)) is None


def test_kiosk_idle_time_comes_from_the_config(app, client, workshop):
    app.config.update(KIOSK_IDLE_SECONDS=5, KIOSK_WARN_SECONDS=2)
    url = kiosk_url(app, workshop)
    assert 'data-idle-seconds="5"' in client.get(url).get_data(as_text=True)
    kiosk_join(client, url)
    page = client.get(f"/j/{workshop.join_code}/live").get_data(as_text=True)
    assert 'data-idle-seconds="5" data-warn-seconds="2"' in page
    assert re.search(r'<form method="post" action="/kiosk/[^"]+/next" data-kiosk-next>', page)


def test_a_phone_on_the_live_page_has_no_kiosk_bar(client, workshop):
    client.post(f"/j/{workshop.join_code}", data={"channel": "onsite"})
    page = client.get(f"/j/{workshop.join_code}/live").get_data(as_text=True)
    assert "Fertig – nächste Person" not in page and "kiosk.js" not in page


def test_kiosk_refuses_a_forged_key_and_a_closed_session(app, client, world, workshop):
    url = kiosk_url(app, workshop)
    assert client.get(url[:-3] + "abc").status_code == 404
    workshop_services.close_workshop(workshop.id, world["facilitator"].id)
    assert client.get(url).status_code == 404
    assert client.post(url, data={"age_band": "none"}).status_code == 404
    assert db.session.scalar(db.select(db.func.count()).select_from(Participant)) == 0
