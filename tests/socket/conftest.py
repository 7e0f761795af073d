"""Helpers for the Socket.IO test-client tests: a session, residents who join over HTTP
(so they carry the real signed cookie), a facilitator and a projector socket."""
import uuid

import pytest

from participation.extensions import socketio
from participation.live import NAMESPACE
from participation.voting import tally
from tests.builders import open_session
from tests.conftest import login


def cid() -> str:
    return uuid.uuid4().hex


def events(socket, name):
    """Every `name` event this socket received so far (reading does not lose the others)."""
    seen = socket.__dict__.setdefault("_seen", [])
    seen.extend(socket.get_received(NAMESPACE))
    return [item["args"][0] for item in seen if item["name"] == name]


class Live:
    def __init__(self, app, world):
        self.app, self.world = app, world
        self.sockets = []

    def workshop(self, **settings):
        data = {"dots_per_participant": 5, "max_dots_per_idea": 3, **settings}
        return open_session(self.world, dotting=True, **data)

    def connect(self, http_client, workshop_id, role, **auth):
        socket = socketio.test_client(self.app, namespace=NAMESPACE, flask_test_client=http_client,
                                      auth={"workshop": workshop_id, "role": role, **auth})
        self.sockets.append(socket)
        return socket

    def resident(self, workshop, **answers):
        http = self.app.test_client()
        response = http.post(f"/j/{workshop.join_code}", data={"channel": "onsite", **answers})
        assert response.status_code == 303, response.data
        socket = self.connect(http, workshop.id, "participant")
        assert socket.is_connected(NAMESPACE)
        return socket

    def facilitator(self, workshop, who="facilitator"):
        http = self.app.test_client()
        assert login(http, self.world[who].email).status_code == 302
        return self.connect(http, workshop.id, "facilitator")

    def projector(self, workshop, **auth):
        return self.connect(self.app.test_client(), workshop.id, "projector", **auth)

    def close(self):
        for socket in self.sockets:
            if socket.is_connected(NAMESPACE):
                socket.disconnect(namespace=NAMESPACE)
        tally.stop_all()


@pytest.fixture
def live(app, world):
    helper = Live(app, world)
    yield helper
    helper.close()


def emit(socket, event, payload=None):
    return socket.emit(event, payload if payload is not None else {}, namespace=NAMESPACE,
                       callback=True)
