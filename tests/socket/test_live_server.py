"""The real server (`python wsgi.py`, eventlet) with real python-socketio clients: a
facilitator, a projector and 22 residents work through two phases and all end with the
database's tallies; a killed and restarted server loses nothing and the clients come back
by themselves."""
import random
import threading
import time
import uuid

import pytest
import requests
import socketio
from sqlalchemy import create_engine, text

from tests.support import setup_db
from tests.support.clients import form_fields
from tests.support.server import ServerProcess, free_port

pytestmark = pytest.mark.slow
NAMESPACE = "/live"
RESIDENTS = 22
USER_AGENT = "zw-live-test/1.0"


def wait_for(condition, timeout=20.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


class Phone:
    """One python-socketio client that keeps the wall as the contract describes it."""

    def __init__(self, base, workshop_id, role, cookies):
        self.base, self.workshop_id, self.role = base, workshop_id, role
        self.cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        self.counts, self.ideas, self.snapshots, self.workshop = {}, {}, 0, None
        self.lock = threading.Lock()
        self.sio = socketio.Client(reconnection=True, reconnection_delay=0.2,
                                   reconnection_delay_max=1, randomization_factor=0.2)
        on = lambda name: self.sio.on(name, namespace=NAMESPACE)  # noqa: E731
        on("session:snapshot")(self._snapshot)
        on("session:updated")(lambda data: setattr(self, "workshop", data["workshop"]))
        on("tally:update")(self._tally)
        on("idea:created")(self._idea)
        on("idea:updated")(self._idea)
        on("idea:removed")(self._removed)
        # python-engineio deletes the Cookie header from the dict it was given once it has
        # upgraded to a websocket; put it back so the automatic reconnect still carries it.
        self.sio.on("disconnect", namespace=NAMESPACE)(self._restore_cookie)

    def _restore_cookie(self, *_reason):
        if self.sio.connection_headers is not None:
            self.sio.connection_headers["Cookie"] = self.cookie

    def connect(self):
        self.sio.connect(self.base, namespaces=[NAMESPACE], wait_timeout=20,
                         headers={"Cookie": self.cookie, "User-Agent": USER_AGENT},
                         auth={"workshop": self.workshop_id, "role": self.role})

    def _snapshot(self, data):
        with self.lock:
            self.snapshots += 1
            self.workshop = data["workshop"]
            self.ideas = {i["id"]: i for i in data["ideas"] if i["status"] == "visible"}
            self.counts = {i["id"]: i["dots"] for i in data["ideas"] if i["status"] == "visible"}

    def _tally(self, data):
        with self.lock:
            for key, value in data["counts"].items():
                self.counts[int(key)] = value

    def _idea(self, data):
        idea = data["idea"]
        with self.lock:
            if idea["status"] == "visible":
                self.ideas[idea["id"]] = idea
                self.counts.setdefault(idea["id"], idea["dots"])

    def _removed(self, data):
        with self.lock:
            self.ideas.pop(data["idea_id"], None)
            self.counts.pop(data["idea_id"], None)

    def call(self, event, payload, timeout=20):
        return self.sio.call(event, payload, namespace=NAMESPACE, timeout=timeout)

    def wall(self):
        with self.lock:
            return {idea_id: self.counts.get(idea_id, 0) for idea_id in self.ideas}


def http_join(base, code):
    http = requests.Session()
    http.headers["User-Agent"] = USER_AGENT
    page = http.get(f"{base}/j/{code}", timeout=20)
    assert page.status_code == 200, page.status_code
    response = http.post(f"{base}/j/{code}", data=form_fields(page.text, f"/j/{code}"),
                         headers={"Referer": f"{base}/j/{code}"}, allow_redirects=False, timeout=20)
    assert response.status_code == 303, response.status_code
    return http.cookies.get_dict()


def http_login(base, email, password):
    http = requests.Session()
    http.headers["User-Agent"] = USER_AGENT
    fields = form_fields(http.get(f"{base}/login", timeout=20).text)
    fields.update(email=email, password=password)
    response = http.post(f"{base}/login", data=fields, allow_redirects=False,
                         headers={"Referer": f"{base}/login"}, timeout=20)
    assert response.status_code == 302, response.status_code
    return http.cookies.get_dict()


def database_wall(db_url, workshop_id):
    engine = create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT idea.id, (SELECT count(*) FROM dot WHERE dot.idea_id = idea.id "
            "AND dot.removed_at IS NULL) FROM idea WHERE idea.workshop_id = :w "
            "AND idea.status = 'visible'"), {"w": workshop_id}).all()
        workshop = conn.execute(text("SELECT phase, phase_deadline FROM workshop WHERE id = :w"),
                                {"w": workshop_id}).one()
    engine.dispose()
    return {row[0]: row[1] for row in rows}, workshop


@pytest.fixture(scope="module")
def hall(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("live-server")
    db_url = f"sqlite:///{tmp / 'live.db'}"
    info = setup_db.prepare(db_url, dots_per_participant=5, max_dots_per_idea=3)
    port = free_port()
    env = {"ASYNC_MODE": "eventlet", "DATABASE_URL": db_url, "SECRET_KEY": "live-server-test",
           "INSTANCE_PATH": str(tmp / "instance"), "PUBLIC_URL": f"http://127.0.0.1:{port}"}
    server = ServerProcess(env, port, log_path=str(tmp / "server.log")).start()
    base = server.base
    facilitator_cookies = http_login(base, info["email"], info["password"])
    phones = [Phone(base, info["workshop_id"], "facilitator", facilitator_cookies),
              Phone(base, info["workshop_id"], "projector", facilitator_cookies)]
    phones += [Phone(base, info["workshop_id"], "participant", http_join(base, info["code"]))
               for _ in range(RESIDENTS)]
    for phone in phones:
        phone.connect()
    wait_for(lambda: all(p.snapshots and NAMESPACE in p.sio.namespaces for p in phones),
             what="every snapshot")
    state = {"server": server, "phones": phones, "db_url": db_url, **info}
    yield state
    for phone in phones:
        phone.sio.disconnect()
    state["server"].stop()


def residents(hall):
    return hall["phones"][2:]


def run_phase(hall, phase_number, rng):
    """Every resident submits one idea, then spends its dots (with a few take-backs)."""
    for index, phone in enumerate(residents(hall)):
        ack = phone.call("idea:submit", {"client_id": uuid.uuid4().hex,
                                         "text": f"Idee {phase_number}.{index}"})
        assert ack["ok"], ack
    wait_for(lambda: all(len(p.wall()) >= RESIDENTS * phase_number for p in hall["phones"]),
             what="every idea on every wall")
    phase = hall["phones"][0].workshop["phase"]
    ideas = [i for i, idea in hall["phones"][0].ideas.items() if idea["phase"] == phase]
    errors = set()

    def vote(phone):
        for _ in range(7):
            ack = phone.call("dot:add", {"client_id": uuid.uuid4().hex, "idea_id": rng.choice(ideas)})
            if not ack["ok"]:
                errors.add(ack["error"])
        ack = phone.call("dot:remove", {"client_id": uuid.uuid4().hex, "idea_id": rng.choice(ideas)})
        if not ack["ok"]:
            errors.add(ack["error"])

    threads = [threading.Thread(target=vote, args=(p,)) for p in residents(hall)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors <= {"budget_exhausted", "idea_limit_reached", "no_dot_to_remove"}, errors


def assert_walls_match_database(hall):
    truth, _ = database_wall(hall["db_url"], hall["workshop_id"])
    assert sum(truth.values()) > 0
    # The ticker sends changes a few times a second: every client converges within seconds.
    wait_for(lambda: all(phone.wall() == truth for phone in hall["phones"]), timeout=20,
             what="every client's tallies equal the database")
    return truth


def test_two_phases_with_22_residents_end_with_the_database_tallies(hall):
    rng = random.Random(7)
    run_phase(hall, 1, rng)
    assert_walls_match_database(hall)
    facilitator = hall["phones"][0]
    assert facilitator.call("phase:set", {"phase": "utopie"})["ok"]
    wait_for(lambda: all(p.workshop["phase"] == "utopie" for p in hall["phones"]), what="new phase")
    run_phase(hall, 2, rng)
    truth = assert_walls_match_database(hall)
    # Budgets held: nobody spent more than 5 dots per phase.
    engine = create_engine(hall["db_url"])
    with engine.connect() as conn:
        most = conn.execute(text("SELECT max(n) FROM (SELECT count(*) AS n FROM dot WHERE "
                                 "removed_at IS NULL GROUP BY participant_id, phase)")).scalar()
    engine.dispose()
    assert most <= 5 and len(truth) == 2 * RESIDENTS


def test_restart_mid_session_loses_nothing_and_clients_reconnect(hall):
    facilitator = hall["phones"][0]
    timer = facilitator.call("timer:start", {"seconds": 600})
    assert timer["ok"]
    deadline = timer["workshop"]["phase_deadline"]
    before, _ = database_wall(hall["db_url"], hall["workshop_id"])
    snapshots = [phone.snapshots for phone in hall["phones"]]

    server = hall["server"]
    server.kill()
    restarted = ServerProcess({k: v for k, v in server.env.items() if k not in ("PORT", "HOST")},
                              server.port, log_path=server.log_path).start()
    hall["server"] = restarted
    # Every client reconnects by itself and gets a fresh snapshot.
    # (python-socketio may run the snapshot handler just before it marks the namespace
    # connected: wait for both.)
    wait_for(lambda: all(p.snapshots > n and NAMESPACE in p.sio.namespaces
                         for p, n in zip(hall["phones"], snapshots)), timeout=60,
             what="every client reconnected with a new snapshot")
    for phone in hall["phones"]:
        assert phone.workshop["phase"] == "utopie"
        assert phone.workshop["phase_deadline"] == deadline
        assert phone.wall() == before
    after, workshop = database_wall(hall["db_url"], hall["workshop_id"])
    assert after == before and workshop[0] == "utopie"
    # And the session goes on: a resident takes a dot back, everyone sees it.
    resident = residents(hall)[0]
    mine = resident.call("session:sync", {})["snapshot"]["me"]["my_dots"]
    idea_id = int(next(iter(mine)))
    assert resident.call("dot:remove", {"client_id": uuid.uuid4().hex, "idea_id": idea_id})["ok"]
    assert_walls_match_database(hall)


def test_a_socket_without_the_cookie_is_refused_with_a_code(hall):
    refused = []
    sio = socketio.Client(reconnection=False)
    sio.on("connect_error", namespace=NAMESPACE)(lambda *data: refused.append(data))
    with pytest.raises(socketio.exceptions.ConnectionError):
        sio.connect(hall["server"].base, namespaces=[NAMESPACE], wait_timeout=10,
                    auth={"workshop": hall["workshop_id"], "role": "participant"})
    sio.disconnect()
    assert refused and "not_authenticated" in repr(refused[0])
