"""The same server under gevent (eventlet: test_live_server.py; threading: the Socket.IO
test-client tests run the real ticker thread): residents vote, the tally ticker delivers
the database's counts to every client."""
import tempfile
import uuid
from pathlib import Path

import pytest

from tests.support import setup_db
from tests.support.server import ServerProcess, free_port

from .test_live_server import Phone, database_wall, http_join, wait_for

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("mode", ["gevent"])
def test_tallies_reach_every_client(mode):
    tmp = Path(tempfile.mkdtemp(prefix=f"live-{mode}-"))
    db_url = f"sqlite:///{tmp / 'live.db'}"
    info = setup_db.prepare(db_url)
    env = {"ASYNC_MODE": mode, "DATABASE_URL": db_url, "SECRET_KEY": "modes",
           "INSTANCE_PATH": str(tmp / "instance")}
    server = ServerProcess(env, free_port(), log_path=str(tmp / "server.log")).start()
    phones = []
    try:
        phones = [Phone(server.base, info["workshop_id"], "participant", http_join(server.base, info["code"]))
                  for _ in range(4)]
        for phone in phones:
            phone.connect()
        wait_for(lambda: all(p.snapshots for p in phones), what="snapshots")
        ideas = [phone.call("idea:submit", {"client_id": uuid.uuid4().hex, "text": f"Idee {n}"})["idea"]["id"]
                 for n, phone in enumerate(phones)]
        for phone in phones:
            for idea in ideas[:3]:
                assert phone.call("dot:add", {"client_id": uuid.uuid4().hex, "idea_id": idea})["ok"]
        truth, _ = database_wall(db_url, info["workshop_id"])
        assert sum(truth.values()) == 12
        wait_for(lambda: all(p.wall() == truth for p in phones), what=f"tallies under {mode}")
    finally:
        for phone in phones:
            phone.sio.disconnect()
        server.stop()
