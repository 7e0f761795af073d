"""The online window over the socket: a participant who joined from home writes outside the
live session inside the window, gets `session_not_open` outside it, and sees the window in
the snapshot (docs/realtime.md, Workshop.online)."""
from datetime import timedelta

from participation.accounts.models import utcnow
from participation.live import NAMESPACE
from participation.workshops import services as workshop_services

from .conftest import cid, emit, events

HOUR = timedelta(hours=1)


def test_ideas_from_home_before_the_event_over_the_socket(app, world, live):
    now = utcnow()
    workshop = workshop_services.create_workshop(world["home"].id, world["facilitator"].id, {
        "title": "Vorab online", "online_ideas_from": now - HOUR, "online_ideas_until": now + HOUR})
    http = app.test_client()
    assert http.post(f"/j/{workshop.join_code}", data={"channel": "online"}).status_code == 303
    socket = live.connect(http, workshop.id, "participant")
    assert socket.is_connected(NAMESPACE)
    snapshot = events(socket, "session:snapshot")[0]
    assert snapshot["workshop"]["status"] == "draft"
    assert snapshot["workshop"]["online"]["ideas_open"] is True
    assert snapshot["workshop"]["online"]["dots_open"] is False
    facilitator = live.facilitator(workshop)
    ack = emit(socket, "idea:submit", {"client_id": cid(), "text": "Sitzbank am Friedhof"})
    assert ack["ok"] and ack["idea"]["channel"] == "online", ack
    assert [e["idea"]["text"] for e in events(facilitator, "idea:created")] == ["Sitzbank am Friedhof"]
    ack = emit(socket, "dot:add", {"client_id": cid(), "idea_id": ack["idea"]["id"]})
    assert not ack["ok"] and ack["error"] == "session_not_open"
