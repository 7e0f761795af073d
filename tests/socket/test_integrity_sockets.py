"""Finding 3 (a facilitator removed from a municipality stops reading over an open socket)
and finding 12's socket caps (per participant and per address)."""
from participation.accounts import services as accounts
from participation.live import NAMESPACE
from tests.socket.conftest import emit, events


def test_removed_facilitator_loses_the_open_socket_at_once(app, world, live):
    workshop = live.workshop()
    socket = live.facilitator(workshop)
    assert emit(socket, "moderation:log", {})["ok"] is True
    assert emit(socket, "session:sync", {})["ok"] is True
    accounts.remove_membership(world["facilitator"].id, world["home"].id)
    assert not socket.is_connected(NAMESPACE)


def test_a_revoked_facilitator_gets_nothing_more_even_if_the_socket_stayed(app, world, live):
    """Another server process removed the membership (no signal here): the next event of
    that socket is refused and the socket closed."""
    from participation.accounts.models import Membership
    from participation.extensions import db
    workshop = live.workshop()
    sockets = {event: live.facilitator(workshop) for event in ("moderation:log", "session:sync")}
    db.session.execute(db.delete(Membership).where(Membership.user_id == world["facilitator"].id))
    db.session.commit()
    for event, socket in sockets.items():
        ack = emit(socket, event, {})
        assert ack["ok"] is False and ack["error"] == "forbidden", ack
        assert "snapshot" not in ack and "entries" not in ack
        assert not socket.is_connected(NAMESPACE)


def test_sockets_per_participant_are_capped(app, world, live):
    app.config["MAX_SOCKETS_PER_PARTICIPANT"] = 2
    workshop = live.workshop()
    http = app.test_client()
    assert http.post(f"/j/{workshop.join_code}", data={"channel": "onsite"}).status_code == 303
    first = live.connect(http, workshop.id, "participant")
    second = live.connect(http, workshop.id, "participant")
    assert first.is_connected(NAMESPACE) and second.is_connected(NAMESPACE)
    third = live.connect(http, workshop.id, "participant")
    assert not third.is_connected(NAMESPACE)


def test_sockets_per_address_are_capped(app, world, live):
    app.config["MAX_SOCKETS_PER_ADDRESS"] = 3
    workshop = live.workshop()
    sockets = [live.resident(workshop) for _ in range(3)]
    assert all(s.is_connected(NAMESPACE) for s in sockets)
    http = app.test_client()
    assert http.post(f"/j/{workshop.join_code}", data={"channel": "onsite"}).status_code == 303
    assert not live.connect(http, workshop.id, "participant").is_connected(NAMESPACE)
    assert events(sockets[0], "session:snapshot")


def test_a_malformed_frame_logs_one_line_without_a_traceback(app, world, live, caplog):
    import logging

    from participation.extensions import socketio
    workshop = live.workshop()
    live.resident(workshop)
    handler = socketio.server.eio.handlers["message"]
    logger = logging.getLogger("participation.live.frames")
    logger.disabled = False  # another test's logging set-up may have switched it off
    with caplog.at_level(logging.DEBUG, logger="participation.live.frames"):
        for frame in ('2/live,{"broken', "9nonsense", '2/live,1["idea:submit",{]'):
            handler("not-a-real-sid", frame)
    warnings = [r for r in caplog.records if "malformed socket frame" in r.getMessage()]
    assert len(warnings) == 3
    assert not any(r.exc_info for r in caplog.records)
    assert "Traceback" not in caplog.text
