"""Socket security through the Socket.IO test client: who may send which event, and one
flooding person is throttled while everybody else carries on (docs/realtime.md)."""
import pytest
from sqlalchemy import inspect, text

from participation.extensions import db, socketio
from participation.live import NAMESPACE
from participation.workshops import services as workshop_services

from .conftest import cid, emit

RESIDENT_EVENTS = {"idea:submit", "dot:add", "dot:remove", "session:sync"}
NOT_EVENTS = {"connect", "disconnect", "*"}


def facilitator_events(a):
    """Every facilitator event with a payload that would change session A if it were let in."""
    return {
        "session:open": {},
        "session:close": {},
        "phase:set": {"phase": "utopie"},
        "submissions:lock": {"locked": True},
        "timer:start": {"seconds": 60},
        "timer:stop": {},
        "idea:hide": {"idea_id": a["ideas"][0]},
        "idea:restore": {"idea_id": a["hidden"]},
        "idea:approve": {"idea_id": a["ideas"][1]},
        "idea:edit": {"idea_id": a["ideas"][0], "text": "Übernommen!"},
        "idea:merge": {"keep_id": a["ideas"][0], "merge_ids": [a["ideas"][1]]},
        "cluster:create": {"name": "Fremd", "idea_ids": a["ideas"]},
        "cluster:rename": {"cluster_id": a["cluster"], "name": "Umbenannt"},
        "cluster:delete": {"cluster_id": a["cluster"]},
        "idea:cluster": {"idea_id": a["ideas"][1], "cluster_id": a["cluster"]},
        "spotlight:set": {"idea_id": a["ideas"][0]},
        "moderation:undo": {"action_id": a["action"]},
        "moderation:log": {},
        "flow:step": {"step": "dot"},
        "flow:hide_counts": {"hidden": True},
        "display:set": {"mode": "top", "seconds": 30, "top_n": 5},
        "idea:translate": {"idea_id": a["ideas"][0], "language": "ar", "text": "ترجمة"},
        "idea:set_language": {"idea_id": a["ideas"][0], "language": "tr"},
        "ideas:bulk": {"kind": "hide", "idea_ids": a["ideas"]},
    }


# Events that refer to session A only through ids: from another session they must fail.
REFER_BY_ID = {"idea:hide", "idea:restore", "idea:approve", "idea:edit", "idea:merge",
               "cluster:rename", "cluster:delete", "idea:cluster", "spotlight:set",
               "moderation:undo", "idea:translate", "idea:set_language", "ideas:bulk"}


def registered_events(app):
    return set(socketio.server.handlers.get(NAMESPACE, {})) - NOT_EVENTS


def database_rows():
    db.session.remove()
    with db.engine.connect() as conn:
        return {name: sorted(map(tuple, conn.execute(text(f'SELECT * FROM "{name}"'))), key=repr)
                for name in inspect(db.engine).get_table_names()}


def session_rows(workshop_id):
    """Everything that belongs to one session."""
    rows = database_rows()
    result = {}
    for name, table_rows in rows.items():
        columns = [c["name"] for c in inspect(db.engine).get_columns(name)]
        if name == "workshop":
            result[name] = [r for r in table_rows if r[columns.index("id")] == workshop_id]
        elif "workshop_id" in columns:
            result[name] = [r for r in table_rows if r[columns.index("workshop_id")] == workshop_id]
    return result


@pytest.fixture
def session_a(live):
    """An open session in Heimstadt with ideas, a hidden idea, a cluster and a logged action."""
    workshop = live.workshop()
    resident = live.resident(workshop)
    ideas = [emit(resident, "idea:submit", {"client_id": cid(), "text": f"Idee {n}"})["idea"]["id"]
             for n in range(3)]
    facilitator = live.facilitator(workshop)
    cluster = emit(facilitator, "cluster:create", {"name": "Verkehr"})["cluster"]["id"]
    assert emit(facilitator, "idea:hide", {"idea_id": ideas[2]})["ok"]
    log = emit(facilitator, "moderation:log", {})
    action = log["actions"][0]["id"]
    return {"workshop": workshop, "resident": resident, "ideas": ideas[:2], "hidden": ideas[2],
            "cluster": cluster, "action": action}


def test_the_table_covers_every_facilitator_event(app, session_a):
    assert registered_events(app) - RESIDENT_EVENTS == set(facilitator_events(session_a))


@pytest.mark.parametrize("sender", ["resident", "projector", "staff_projector"])
def test_facilitator_events_from_sockets_without_the_role_are_forbidden(live, app, session_a, sender):
    workshop = session_a["workshop"]
    if sender == "resident":
        socket = session_a["resident"]
    elif sender == "projector":
        from participation.workshops.cookies import screen_key
        with app.test_request_context():
            socket = live.projector(workshop, screen=screen_key(workshop.id))
    else:
        from tests.conftest import login
        http = app.test_client()
        login(http, live.world["staff"].email)
        assert not live.connect(http, workshop.id, "facilitator").is_connected(NAMESPACE)
        socket = live.connect(http, workshop.id, "projector")
    assert socket.is_connected(NAMESPACE)
    before = database_rows()
    for event, payload in facilitator_events(session_a).items():
        ack = emit(socket, event, payload)
        assert ack["ok"] is False and ack["error"] == "forbidden", (sender, event, ack)
        assert ack["message"]
    assert database_rows() == before


@pytest.mark.parametrize("who", ["facilitator", "other_facilitator"])
def test_a_facilitator_socket_of_another_session_cannot_touch_this_one(live, app, world, session_a, who):
    home_or_other = world["home"] if who == "facilitator" else world["other"]
    other = workshop_services.create_workshop(home_or_other.id, world[who].id, {"title": "Andere"})
    other = workshop_services.open_workshop(other.id, world[who].id)
    socket = live.facilitator(other, who=who)
    assert socket.is_connected(NAMESPACE)
    if who == "other_facilitator":  # and into session A it is not let in at all
        assert not live.facilitator(session_a["workshop"], who=who).is_connected(NAMESPACE)
    before = session_rows(session_a["workshop"].id)
    for event, payload in facilitator_events(session_a).items():
        ack = emit(socket, event, payload)
        if event in REFER_BY_ID:
            assert ack["ok"] is False and ack["error"] in {
                "not_found", "idea_not_found", "cluster_not_found", "action_not_found",
                "forbidden", "invalid"}, (event, ack)
    # Session-wide events acted on the socket's own session; session A is untouched.
    assert session_rows(session_a["workshop"].id) == before


def test_a_resident_of_another_session_cannot_vote_here(live, world, session_a):
    other = live.workshop(title="Zweite Werkstatt")
    stranger = live.resident(other)
    before = session_rows(session_a["workshop"].id)
    for event in ("dot:add", "dot:remove"):
        ack = emit(stranger, event, {"client_id": cid(), "idea_id": session_a["ideas"][0]})
        assert ack["ok"] is False and ack["error"] in {"idea_not_found", "not_found"}, ack
    assert session_rows(session_a["workshop"].id) == before


# --- flood throttling ---------------------------------------------------------------------

def test_a_flooding_participant_is_throttled_others_carry_on(live, app):
    app.config.update(LIVE_EVENTS_PER_SECOND=0.5, LIVE_EVENT_BURST=10)
    workshop = live.workshop()
    flooder = live.resident(workshop)
    neighbour = live.resident(workshop)  # same address: the test client is one "IP"
    acks = [emit(flooder, "session:sync", {}) for _ in range(30)]
    limited = [a for a in acks if not a["ok"]]
    assert len(limited) >= 15
    assert {a["error"] for a in limited} == {"rate_limited"}
    assert "Moment" in limited[0]["message"]
    # Writes are refused too, and nothing is stored.
    ack = emit(flooder, "idea:submit", {"client_id": cid(), "text": "Flut"})
    assert ack["error"] == "rate_limited"
    # The neighbour in the same hall (same address) is not affected.
    for n in range(5):
        ack = emit(neighbour, "idea:submit", {"client_id": cid(), "text": f"Ruhig {n}"})
        assert ack["ok"], ack
    # A second tab of the flooder shares the bucket: the limit is per participant.
    second_tab = live.connect(flooder.flask_test_client, workshop.id, "participant")
    assert second_tab.is_connected(NAMESPACE)
    assert emit(second_tab, "session:sync", {})["error"] == "rate_limited"


def test_throttle_refills_over_time():
    from participation.live.flood import Throttle
    throttle = Throttle()
    assert all(throttle.allow("p:1", rate=10, burst=5, now=100.0) for _ in range(5))
    assert not throttle.allow("p:1", rate=10, burst=5, now=100.0)
    assert throttle.allow("p:2", rate=10, burst=5, now=100.0)  # another person
    assert throttle.allow("p:1", rate=10, burst=5, now=100.15)  # 1.5 tokens refilled
    assert not throttle.allow("p:1", rate=10, burst=5, now=100.16)


def test_throttle_forgets_idle_buckets():
    from participation.live.flood import Throttle
    throttle = Throttle(max_keys=3)
    for n in range(3):
        throttle.allow(f"p:{n}", rate=10, burst=5, now=0.0)
    throttle.allow("p:9", rate=10, burst=5, now=60.0)
    assert set(throttle._buckets) == {"p:9"}
