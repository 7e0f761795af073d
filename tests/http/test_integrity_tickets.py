"""Issue 13: verified mode (entry tickets), the cap per session, rejoin of the same browser,
and finding 8 (the word cloud of a closed, unpublished session)."""
import re
import uuid

import pytest

from participation.errors import DomainError
from participation.extensions import db
from participation.integrity import services as integrity
from participation.integrity.models import EntryTicket
from participation.voting import services as voting
from participation.workshops import services
from participation.workshops.models import Participant
from tests.builders import open_session


@pytest.fixture
def workshop(app, world):
    return open_session(world, dotting=True, title="Verifiziert")


def _join(client, code, **data):
    return client.post(f"/j/{code}", data={"channel": "onsite", **data})


def test_with_tickets_on_nobody_joins_and_no_dot_counts_without_a_ticket(app, workshop, login_as, world):
    facilitator = login_as("facilitator")
    assert facilitator.post(f"/w/{workshop.id}/tickets", data={"action": "mode", "required": "1"}).status_code == 303
    assert facilitator.post(f"/w/{workshop.id}/tickets", data={"action": "issue", "count": "3"}).status_code == 303
    sheet = facilitator.get(f"/w/{workshop.id}/tickets/print").get_data(as_text=True)
    assert sheet.count('class="qr-code"') == 3
    codes = [t.code for t in db.session.scalars(db.select(EntryTicket))]

    resident = app.test_client()
    refused = _join(resident, workshop.join_code)
    assert refused.status_code == 400 and "Eintrittskarte" in refused.get_data(as_text=True)
    assert _join(resident, workshop.join_code, ticket="FALSCH12345").status_code == 400
    assert db.session.scalar(db.select(db.func.count(Participant.id))) == 0
    # The QR code's URL fills the ticket in; the ticket admits one person once.
    page = resident.get(f"/j/{workshop.join_code}?karte={codes[0]}").get_data(as_text=True)
    assert codes[0] in page
    assert _join(resident, workshop.join_code, ticket=codes[0]).status_code == 303
    assert _join(app.test_client(), workshop.join_code, ticket=codes[0]).status_code == 400
    assert db.session.scalar(db.select(db.func.count(Participant.id))) == 1

    # A participant without a ticket (slipped in some other way) places no dot.
    stray = Participant(workshop_id=workshop.id, token=uuid.uuid4().hex, channel="onsite")
    db.session.add(stray)
    db.session.commit()
    holder = db.session.scalar(db.select(Participant).where(Participant.id != stray.id))
    from participation.ideas.services import submit_idea
    idea, _ = submit_idea(workshop.id, holder.id, "Mehr Bänke", uuid.uuid4().hex)
    with pytest.raises(DomainError) as error:
        voting.add_dot(workshop.id, stray.id, idea.id, uuid.uuid4().hex)
    assert error.value.code == "ticket_required"
    assert voting.add_dot(workshop.id, holder.id, idea.id, uuid.uuid4().hex)["dots"] == 1

    figures = facilitator.get(f"/w/{workshop.id}/integrity.json").get_json()
    assert figures["tickets"] == {"required": True, "issued": 3, "used": 1}
    # The mode cannot be switched off once people take part.
    facilitator.post(f"/w/{workshop.id}/tickets", data={"action": "mode", "required": "0"})
    db.session.refresh(workshop)
    assert workshop.tickets_required is True


def test_the_same_browser_joining_again_keeps_its_participant(app, workshop):
    resident = app.test_client()
    assert _join(resident, workshop.join_code).status_code == 303
    again = _join(resident, workshop.join_code)
    assert again.status_code == 303 and again.headers["Location"].endswith("/live")
    assert db.session.scalar(db.select(db.func.count(Participant.id))) == 1


def test_an_optional_cap_per_session(app, workshop):
    workshop.max_participants = 2
    db.session.commit()
    for _ in range(2):
        assert _join(app.test_client(), workshop.join_code).status_code == 303
    full = _join(app.test_client(), workshop.join_code)
    assert full.status_code == 400 and "voll" in full.get_data(as_text=True)




def test_closed_unpublished_session_has_no_public_word_cloud(app, workshop, world):
    services.close_workshop(workshop.id, world["facilitator"].id)
    assert app.test_client().get(f"/j/{workshop.join_code}/wordcloud").status_code == 404
    workshop.results_published = True
    db.session.commit()
    assert app.test_client().get(f"/j/{workshop.join_code}/wordcloud").status_code == 200


def test_join_limit_is_per_address_and_session_and_configurable(tmp_path):
    from tests.conftest import open_dotting, make_app, seed_world
    app = make_app(tmp_path, RATELIMIT_ENABLED=True, JOIN_RATE_LIMIT="3 per minute")
    with app.app_context():
        db.create_all()
        world = seed_world()
        codes = []
        for title in ("A", "B"):
            ws = services.create_workshop(world["home"].id, world["facilitator"].id, {"title": title})
            codes.append(services.open_workshop(ws.id, world["facilitator"].id).join_code)
        hall = {"REMOTE_ADDR": "203.0.113.9"}
        statuses = [app.test_client().post(f"/j/{codes[0]}", data={"channel": "onsite"},
                                           environ_base=hall).status_code for _ in range(4)]
        assert statuses == [303, 303, 303, 429]
        # Another session in the same hall, and another address, have their own allowance.
        assert app.test_client().post(f"/j/{codes[1]}", data={"channel": "onsite"},
                                      environ_base=hall).status_code == 303
        assert app.test_client().post(f"/j/{codes[0]}", data={"channel": "onsite"},
                                      environ_base={"REMOTE_ADDR": "198.51.100.1"}).status_code == 303
        db.session.remove()


def test_a_session_expecting_more_people_than_the_join_limit_lets_them_all_in(tmp_path):
    """A hall's Wi-Fi puts everyone behind one address: a session whose cap is above the
    per-address join limit admits its whole cap from that address, and the one too many
    hears that the session is full, not to wait a minute (a session without a cap keeps the
    configured limit: the test above)."""
    from tests.conftest import make_app, seed_world
    app = make_app(tmp_path, RATELIMIT_ENABLED=True, JOIN_RATE_LIMIT="3 per minute")
    with app.app_context():
        db.create_all()
        world = seed_world()
        big = services.create_workshop(world["home"].id, world["facilitator"].id,
                                       {"title": "Großer Saal", "max_participants": 6})
        code = services.open_workshop(big.id, world["facilitator"].id).join_code
        hall = {"REMOTE_ADDR": "203.0.113.10"}
        responses = [app.test_client().post(f"/j/{code}", data={"channel": "onsite"},
                                            environ_base=hall) for _ in range(7)]
        assert [r.status_code for r in responses] == [303] * 6 + [400]
        assert "Diese Werkstatt ist voll" in responses[-1].get_data(as_text=True)
        assert db.session.scalar(db.select(db.func.count(Participant.id)).where(
            Participant.workshop_id == big.id)) == 6
        db.session.remove()


def test_a_hall_filling_up_is_no_alert_but_idle_joins_later_are(app, workshop, world):
    from datetime import timedelta

    from participation.accounts.models import utcnow
    for _ in range(60):
        db.session.add(Participant(workshop_id=workshop.id, token=uuid.uuid4().hex))
    db.session.commit()
    with app.test_request_context():
        assert integrity.join_figures(workshop)["alert"] is False  # just opened: people read
        workshop.opened_at = utcnow() - timedelta(minutes=8)
        db.session.commit()
        figures = integrity.join_figures(workshop)
    assert figures["alert"] is True and figures["joins_per_minute"] == 60
    assert "ohne jede weitere Aktion" in figures["alert_text"]


def test_the_raised_limit_keeps_the_configured_window():
    from participation.workshops.join_limit import raised_to_cap
    assert raised_to_cap("200 per minute", None) == "200 per minute"
    assert raised_to_cap("200 per minute", 100) == "200 per minute"
    assert raised_to_cap("200 per minute", 400) == "800 per 1 minute"
    assert raised_to_cap("50/10 minutes", 30) == "60 per 10 minute"
