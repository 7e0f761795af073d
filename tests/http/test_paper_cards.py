"""Issue 12, item 4: paper cards at any time.

Helpers type cards into any phase, also while the phones are locked (the facilitator
decides); the helper link is short, on PUBLIC_URL, with a QR code; the tablet starts on
another device from a QR code or a link, not on the facilitator's laptop."""
import re

import pytest

from participation.assist import keys
from participation.assist import services as assist
from participation.extensions import db
from participation.ideas.models import Idea
from participation.workshops import services as workshop_services
from participation.workshops.qr import qr_inline
from tests.http.test_assist import client_id, created_on_screens, new_card
from tests.builders import open_session

PUBLIC = "https://werkstatt.heimstadt.example"


@pytest.fixture
def workshop(app, world):
    app.config["PUBLIC_URL"] = PUBLIC
    return open_session(world, title="Älter werden")


def ideas():
    return [(i.phase, i.text, i.channel) for i in db.session.scalars(db.select(Idea).order_by(Idea.id))]


def type_card(client, url, card, text, n, **extra):
    return client.post(url, data={"action": "idea", "card": card, "client_id": client_id(n),
                                  "text": text, **extra})


def test_cards_go_in_while_the_phones_are_locked(login_as, world, workshop):
    client = login_as("facilitator")
    url = f"/w/{workshop.id}/helper"
    card = new_card(client, url)
    workshop_services.lock_submissions(workshop.id, True, world["facilitator"].id)
    page = client.get(f"{url}?card={card}").get_data(as_text=True)
    assert 'name="text"' in page and "Papierkarten können Sie trotzdem eintragen" in page
    assert type_card(client, url, card, "Sitzbank am Friedhof", 1).status_code == 303
    assert ideas() == [("kritik", "Sitzbank am Friedhof", "assisted")]


def test_the_facilitator_can_stop_cards_after_the_lock(app, client, login_as, world, workshop):
    staff = login_as("facilitator")
    url = f"/w/{workshop.id}/helper"
    card = new_card(staff, url)
    assert staff.post(url, data={"action": "settings"}).status_code == 303  # box unticked
    assert assist.cards_while_locked(workshop.id) is False
    # Before the lock, cards still go in as usual.
    assert type_card(staff, url, card, "Vor dem Sperren", 1).status_code == 303
    workshop_services.lock_submissions(workshop.id, True, world["facilitator"].id)
    page = staff.get(f"{url}?card={card}").get_data(as_text=True)
    assert 'name="text"' not in page and "Eintragen von Karten gesperrt" in page
    response = type_card(staff, url, card, "Nach dem Sperren", 2)
    assert response.status_code == 409
    assert [text for _p, text, _c in ideas()] == ["Vor dem Sperren"]
    # A volunteer with the helper link cannot change the facilitator's decision.
    with app.test_request_context():
        volunteer_url = f"/h/{assist.helper_key(workshop.id)}"
    assert client.post(volunteer_url, data={"action": "settings", "cards_while_locked": "y"}
                       ).status_code == 400
    assert assist.cards_while_locked(workshop.id) is False
    staff.post(url, data={"action": "settings", "cards_while_locked": "y"})
    assert type_card(staff, url, card, "Nach dem Sperren", 2).status_code == 303


def test_a_late_card_goes_into_the_phase_it_was_written_in(login_as, world, workshop):
    client = login_as("facilitator")
    url = f"/w/{workshop.id}/helper"
    card = new_card(client, url)
    workshop_services.set_phase(workshop.id, "utopie", world["facilitator"].id)
    page = client.get(f"{url}?card={card}").get_data(as_text=True)
    assert re.search(r'<option selected value="utopie">|<option value="utopie" selected', page)
    assert type_card(client, url, card, "Zu wenig Ärzte", 1, phase="kritik").status_code == 303
    assert type_card(client, url, card, "Ein Ärztehaus", 2, phase="utopie").status_code == 303
    assert type_card(client, url, card, "Egal", 3, phase="gibtsnicht").status_code == 400
    assert ideas() == [("kritik", "Zu wenig Ärzte", "assisted"),
                       ("utopie", "Ein Ärztehaus", "assisted")]
    # The same card form sent twice is one idea.
    assert type_card(client, url, card, "Zu wenig Ärzte", 1, phase="kritik").status_code == 303
    assert len(ideas()) == 2


def test_a_late_card_is_broadcast_like_any_idea(app, world, workshop):
    def write(http):
        url = f"/w/{workshop.id}/helper"
        card = new_card(http, url)
        workshop_services.lock_submissions(workshop.id, True, world["facilitator"].id)
        type_card(http, url, card, "Spät, aber da", 1, phase="kritik")
    for created in created_on_screens(app, world, workshop, write):
        assert [(i["text"], i["phase"], i["channel"]) for i in created] == [
            ("Spät, aber da", "kritik", "assisted")]


def test_helper_and_tablet_links_are_short_on_public_url_with_qr_codes(app, login_as, workshop):
    page = login_as("facilitator").get(f"/w/{workshop.id}/helper").get_data(as_text=True)
    helper = re.search(r'data-helper-link>([^<]+)<', page).group(1)
    kiosk = re.search(r'data-kiosk-link>([^<]+)<', page).group(1)
    assert helper.startswith(PUBLIC + "/h/") and kiosk.startswith(PUBLIC + "/kiosk/")
    assert "localhost" not in page
    assert len(helper) - len(PUBLIC) <= 28, helper  # was about 60 characters after the host
    with app.test_request_context():
        assert str(qr_inline(helper, "QR-Code des Helfer-Links")) in page
        assert str(qr_inline(kiosk, "QR-Code für das Tablet im Saal")) in page
    # The tablet mode does not open on this laptop: no link or button leads there.
    assert not re.search(r'href="[^"]*/kiosk/', page)
    assert "Tablet-Modus starten" not in page


def test_short_keys_are_bound_to_session_purpose_and_time(app):
    with app.test_request_context():
        now = 1_800_000_000
        key = keys.make("helper", 42, 12, now=now)
        assert keys.read("helper", key, now=now) == 42
        assert keys.read("helper", key, now=now + 11 * 3600) == 42
        assert keys.read("helper", key, now=now + 13 * 3600) is None   # expired
        assert keys.read("kiosk", key, now=now) is None                # other purpose
        other = key.replace("42-", "43-", 1)
        assert keys.read("helper", other, now=now) is None             # other session
        assert keys.read("helper", key[:-1] + ("a" if key[-1] != "a" else "b"), now=now) is None
        for junk in (None, 42, "", "x" * 300, "../42-abc-defghjkmnp"):
            assert keys.read("helper", junk, now=now) is None
        # Typed from paper: upper case, and I, L, O for 1, 1, 0, still work.
        typed = key.upper().replace("1", "L").replace("0", "O")
        assert keys.read("helper", typed, now=now) == 42
        assert not set(key) & set("ilou")
