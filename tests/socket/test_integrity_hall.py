"""Issue 13 against the real server (`python wsgi.py`, eventlet) on a loopback port:

- the stuffing script: 300+ joins in 10 s from one address, each with a fresh cookie jar,
  then 20 of those fresh participants put 3 dots each on one idea. The per-address limit
  stops the flood at a hall's size, and the facilitator's console shows the alert;
- 150 real phones behind that same one address (python-socketio clients) all join and get
  their live snapshot within 60 s.
"""
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import socketio

from tests.support import setup_db
from tests.support.clients import form_fields
from tests.support.server import ServerProcess, free_port
from tests.socket.test_live_server import USER_AGENT, http_login

pytestmark = pytest.mark.slow
NAMESPACE = "/live"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("integrity-hall")
    db_url = f"sqlite:///{tmp / 'hall.db'}"
    info = setup_db.prepare(db_url, dots_per_participant=5, max_dots_per_idea=3)
    port = free_port()
    env = {"ASYNC_MODE": "eventlet", "DATABASE_URL": db_url, "SECRET_KEY": "integrity-test",
           "INSTANCE_PATH": str(tmp / "instance"), "PUBLIC_URL": f"http://127.0.0.1:{port}",
           "JOIN_RATE_LIMIT": "200 per minute"}
    process = ServerProcess(env, port, log_path=str(tmp / "server.log")).start()
    yield {"base": process.base, "db_url": db_url, **info}
    process.stop()


def new_session(state, title):
    """Another open session in the same database (each session has its own join limit)."""
    info = setup_db.prepare(state["db_url"], dots_per_participant=5, max_dots_per_idea=3,
                            title=title)
    return info["workshop_id"], info["code"]


def join_once(base, code):
    """One join with a fresh cookie jar, as the script does: (status, cookies)."""
    http = requests.Session()
    http.headers["User-Agent"] = USER_AGENT
    page = http.get(f"{base}/j/{code}", timeout=30)
    if page.status_code != 200:
        return page.status_code, {}
    response = http.post(f"{base}/j/{code}", data=form_fields(page.text, f"/j/{code}"),
                         allow_redirects=False, timeout=30,
                         headers={"Referer": f"{base}/j/{code}", "Origin": base})
    return response.status_code, http.cookies.get_dict()


class Phone:
    def __init__(self, base, workshop_id, cookies):
        self.base, self.workshop_id = base, workshop_id
        self.cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        self.snapshot = threading.Event()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("session:snapshot", lambda data: self.snapshot.set(), namespace=NAMESPACE)

    def connect(self):
        self.sio.connect(self.base, namespaces=[NAMESPACE], wait_timeout=30,
                         headers={"Cookie": self.cookie, "User-Agent": USER_AGENT},
                         auth={"workshop": self.workshop_id, "role": "participant"})
        return self

    def call(self, event, payload):
        return self.sio.call(event, payload, namespace=NAMESPACE, timeout=30)


def test_stuffing_script_is_throttled_and_the_facilitator_sees_the_alert(server):
    base = server["base"]
    workshop_id, code = new_session(server, "Stimmenfang-Probe")
    # One real resident with an idea the script then floods with dots.
    status, cookies = join_once(base, code)
    assert status == 303
    author = Phone(base, workshop_id, cookies).connect()
    ack = author.call("idea:submit", {"client_id": uuid.uuid4().hex, "text": "Ein Spielplatz"})
    assert ack["ok"], ack
    idea_id = ack["idea"]["id"]

    statuses, jars = [], []
    lock = threading.Lock()
    deadline = time.monotonic() + 10

    def script():
        while time.monotonic() < deadline:
            result = join_once(base, code)
            with lock:
                statuses.append(result[0])
                if result[0] == 303:
                    jars.append(result[1])

    started = time.monotonic()
    with ThreadPoolExecutor(16) as pool:
        for _ in range(16):
            pool.submit(script)
    elapsed = time.monotonic() - started
    attempts, admitted = len(statuses), statuses.count(303)
    print(f"stuffing script: {attempts} joins in {elapsed:.1f} s, {admitted} admitted, "
          f"{statuses.count(429)} refused with 429")
    assert attempts >= 300 and elapsed < 12
    assert admitted <= 200 and statuses.count(429) >= attempts - 200 - 1
    assert set(statuses) <= {303, 429}

    # 20 fresh participants put 3 dots each on the one idea.
    placed = 0
    for cookies in jars[:20]:
        phone = Phone(base, workshop_id, cookies).connect()
        for _ in range(3):
            placed += bool(phone.call("dot:add", {"client_id": uuid.uuid4().hex,
                                                  "idea_id": idea_id}).get("ok"))
        phone.sio.disconnect()
    assert placed == 60

    facilitator = requests.Session()
    facilitator.headers["User-Agent"] = USER_AGENT
    facilitator.cookies.update(http_login(base, server["email"], server["password"]))
    figures = facilitator.get(f"{base}/w/{workshop_id}/integrity.json", timeout=30).json()
    assert figures["alert"] is True, figures
    assert figures["idle_joins"] >= 150 and figures["fresh_dots"] == 60
    console = facilitator.get(f"{base}/w/{workshop_id}", timeout=30).text
    assert "das sieht nach Stimmenfang aus" in console
    author.sio.disconnect()


def test_150_phones_behind_one_address_all_join_within_60_seconds(server):
    base = server["base"]
    workshop_id, code = new_session(server, "Voller Saal")
    started = time.monotonic()

    def phone_joins(_n):
        status, cookies = join_once(base, code)
        assert status == 303, status
        phone = Phone(base, workshop_id, cookies).connect()
        assert phone.snapshot.wait(60)
        return phone

    with ThreadPoolExecutor(50) as pool:
        phones = list(pool.map(phone_joins, range(150)))
    elapsed = time.monotonic() - started
    print(f"150 phones joined and had their snapshot in {elapsed:.1f} s")
    assert elapsed < 60
    for phone in phones:
        phone.sio.disconnect()
