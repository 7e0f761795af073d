"""Who took part, next to who lives there, live: facilitators get `representation:update`
while residents join (coalesced), residents never do, the projector only when the session
shows it there."""
import time

from participation.extensions import db
from participation.results import live as live_representation
from participation.workshops import cookies
from participation.workshops import services as workshop_services
from tests.builders import set_population
from tests.socket.conftest import events

UNDER_18_29 = "Menschen von 18 bis 29: 0 % der Teilnehmenden, 14 % der Einwohnerschaft"


def join(app, workshop, age_band):
    """A resident joins and writes an idea: only people who did something are counted."""
    import uuid

    from participation.ideas.services import submit_idea
    from participation.workshops.models import Participant
    response = app.test_client().post(f"/j/{workshop.join_code}",
                                      data={"channel": "onsite", "age_band": age_band})
    assert response.status_code == 303, response.data
    newest = db.session.scalar(db.select(Participant).order_by(Participant.id.desc()))
    submit_idea(workshop.id, newest.id, f"Idee {uuid.uuid4().hex[:6]}", uuid.uuid4().hex)


def test_a_join_alone_is_not_counted_until_the_person_does_something(app, world, live):
    workshop = live.workshop()
    facilitator = live.facilitator(workshop)
    for _ in range(3):
        assert app.test_client().post(f"/j/{workshop.join_code}", data={"channel": "onsite"}
                                      ).status_code == 303
    join(app, workshop, "50-64")
    update = wait_for(facilitator, "representation:update", lambda p: total(p) == 1)
    assert update is not None, events(facilitator, "representation:update")
    time.sleep(1.2)
    assert all(total(p) <= 1 for p in events(facilitator, "representation:update"))


def test_a_lost_pending_update_does_not_block_later_ones(app, world, live):
    """A pending update whose task never ran (its app or green thread ended) must not keep
    the console's comparison frozen for the rest of the session."""
    workshop = live.workshop()
    facilitator = live.facilitator(workshop)
    key = live_representation.pending_key(app, workshop.id)
    live_representation._due[key] = time.monotonic() - 60  # long overdue: lost
    try:
        join(app, workshop, "50-64")
        assert wait_for(facilitator, "representation:update", lambda p: total(p) == 1), \
            events(facilitator, "representation:update")
    finally:
        live_representation._due.pop(key, None)


def wait_for(socket, name, predicate, timeout=8.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [payload for payload in events(socket, name) if predicate(payload)]
        if found:
            return found[-1]
        time.sleep(0.05)
    return None


def total(payload):
    return (payload.get("participants") or {}).get("total")


def snapshot_of(socket):
    return events(socket, "session:snapshot")[0]


def test_facilitator_sees_who_joined_next_to_the_population_and_residents_do_not(app, world, live):
    set_population(world["home"], {"18-29": 1400, "50-64": 8600})
    workshop = live.workshop()
    facilitator = live.facilitator(workshop)
    first = snapshot_of(facilitator)["representation"]
    assert total(first) == 0 and first["under_represented"] == []

    resident = live.resident(workshop, age_band="50-64")
    assert "representation" not in snapshot_of(resident)
    started = time.monotonic()
    for _ in range(5):
        join(app, workshop, "50-64")
    # The resident socket above joined but did nothing yet: not counted.
    update = wait_for(facilitator, "representation:update", lambda p: total(p) == 5)
    elapsed = time.monotonic() - started
    assert update is not None, events(facilitator, "representation:update")
    assert [u["sentence"] for u in update["under_represented"]] == [UNDER_18_29]
    assert update["participants"]["by_channel"]["onsite"] == 5
    band = next(b for b in update["bands"] if b["band"] == "50-64")
    assert (band["participants"], band["participant_pct"], band["population_pct"]) == (5, 100.0, 86.0)
    assert "Unterrepräsentiert" in update["summary"]
    # Coalesced: never one update per join, at most about one a second.
    updates = events(facilitator, "representation:update")
    assert len(updates) < 6
    assert len(updates) <= 2 + elapsed / live_representation.MIN_INTERVAL
    # Residents never get the comparison.
    time.sleep(0.3)
    assert events(resident, "representation:update") == []


def test_no_share_from_fewer_than_5_answers(app, world, live):
    """Small numbers: with 4 age answers the shares are withheld, in words; from 5 on shown."""
    set_population(world["home"], {"18-29": 1400, "50-64": 8600})
    workshop = live.workshop()
    facilitator = live.facilitator(workshop)
    for _ in range(4):
        join(app, workshop, "50-64")
    few = wait_for(facilitator, "representation:update", lambda p: total(p) == 4)
    assert few["small_numbers"] is True and few["under_represented"] == []
    assert all(b["participant_pct"] is None for b in few["bands"])
    assert "weniger als 5" in few["summary"]
    join(app, workshop, "50-64")
    enough = wait_for(facilitator, "representation:update", lambda p: total(p) == 5)
    assert enough["small_numbers"] is False
    assert next(b for b in enough["bands"] if b["band"] == "50-64")["participant_pct"] == 100.0


def test_the_comparison_follows_the_facilitators_language(app, world, live):
    set_population(world["home"], {"18-29": 1400, "50-64": 8600})
    workshop = live.workshop()
    german_socket = live.facilitator(workshop)
    from tests.conftest import login
    http = app.test_client()
    http.set_cookie("lang", "en")
    assert login(http, world["facilitator"].email).status_code == 302
    socket = live.connect(http, workshop.id, "facilitator")
    for _ in range(5):  # shares are shown from 5 answers on (small numbers)
        join(app, workshop, "50-64")
    update = wait_for(socket, "representation:update", lambda p: total(p) == 5)
    assert update is not None
    assert update["under_represented"][0]["sentence"] != UNDER_18_29  # English, not German
    german = wait_for(german_socket, "representation:update", lambda p: total(p) == 5)
    assert german["under_represented"][0]["sentence"] == UNDER_18_29


def test_projector_gets_the_comparison_only_when_the_session_shows_it(app, world, live):
    set_population(world["home"], {"18-29": 1400, "50-64": 8600})
    workshop = live.workshop()
    projector = live.projector(workshop, screen=cookies.screen_key(workshop.id))
    facilitator = live.facilitator(workshop)
    assert "representation" not in snapshot_of(projector)
    for _ in range(5):
        join(app, workshop, "50-64")
    assert wait_for(facilitator, "representation:update", lambda p: total(p) == 5) is not None
    time.sleep(0.3)
    # The option was never on: the projector hears nothing at all (not even "hide it").
    assert events(projector, "representation:update") == []

    workshop_services.update_workshop(workshop.id, world["facilitator"].id,
                                      {"show_representation_on_projector": True})
    shown = wait_for(projector, "representation:update", lambda p: p.get("on_projector") is True)
    assert shown is not None and total(shown) == 5
    assert [u["sentence"] for u in shown["under_represented"]] == [UNDER_18_29]
    join(app, workshop, "18-29")
    assert wait_for(projector, "representation:update", lambda p: total(p) == 6) is not None
    # A projector connecting now finds it in its snapshot.
    late = live.projector(workshop, screen=cookies.screen_key(workshop.id))
    assert total(snapshot_of(late)["representation"]) == 6

    workshop_services.update_workshop(workshop.id, world["facilitator"].id,
                                      {"show_representation_on_projector": False})
    hidden = wait_for(projector, "representation:update", lambda p: p.get("on_projector") is False)
    assert hidden == {"workshop_id": workshop.id, "on_projector": False}
