"""Socket security against the real server (`python wsgi.py`, eventlet): foreign origins are
refused at the handshake, oversized messages end only the sender's connection."""
import asyncio
import json

import aiohttp
import pytest
import requests

from tests.support import setup_db
from tests.support.clients import NAMESPACE, LiveClient, join
from tests.support.server import ServerProcess, free_port

pytestmark = pytest.mark.slow
EXTRA_ORIGIN = "https://beamer.example"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("socket-security")
    url = f"sqlite:///{tmp / 'live.db'}"
    info = dict(setup_db.prepare(url), db_url=url)
    process = ServerProcess({"ASYNC_MODE": "eventlet", "DATABASE_URL": url, "SECRET_KEY": "sec",
                             "INSTANCE_PATH": str(tmp / "instance"),
                             "SOCKETIO_ALLOWED_ORIGINS": f"{EXTRA_ORIGIN},*"},
                            free_port(), log_path=str(tmp / "server.log"))
    process.start()
    try:
        yield process, info
    finally:
        process.stop()


def polling_handshake(base, origin):
    headers = {"Origin": origin} if origin else {}
    return requests.get(f"{base}/socket.io/?EIO=4&transport=polling", headers=headers, timeout=10)


async def websocket_handshake(base, origin):
    async with aiohttp.ClientSession() as http:
        try:
            ws = await http.ws_connect(base.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket",
                                       headers={"Origin": origin}, timeout=10)
        except aiohttp.WSServerHandshakeError as error:
            return error.status
        message = await ws.receive(timeout=10)
        await ws.close()
        return message.data[:1]  # "0": the engine's open packet


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1.evil.example",
                                    "https://beamer.example.evil.example"])
def test_foreign_origin_is_refused(server, origin):
    process, _ = server
    response = polling_handshake(process.base, origin)
    assert response.status_code == 400
    # An error code and a message the client can show, not a bare "Bad Request".
    body = response.json()
    assert body["error"] == "origin_not_allowed" and body["origin"] == origin
    assert "Adresse" in body["message"]
    assert asyncio.run(websocket_handshake(process.base, origin)) == 400


def test_own_and_configured_origins_are_allowed_never_star(server):
    process, _ = server
    for origin in (EXTRA_ORIGIN,):
        assert polling_handshake(process.base, origin).status_code == 200
        assert asyncio.run(websocket_handshake(process.base, origin)) == "0"
    # "*" in SOCKETIO_ALLOWED_ORIGINS is ignored: everything else stays refused (see above).
    assert polling_handshake(process.base, "http://anything.example").status_code == 400


def test_oversized_message_ends_only_the_senders_connection(server):
    process, info = server
    auth = {"workshop": info["workshop_id"], "role": "participant"}

    async def scenario():
        async with aiohttp.ClientSession() as http:
            big = LiveClient(http, process.base, auth, await join(http, process.base, info["code"]),
                             reconnect=False)
            others = [LiveClient(http, process.base, auth, await join(http, process.base, info["code"]),
                                 reconnect=False) for _ in range(3)]
            for client in [big, *others]:
                await client.connect()
            ok = await big.call("idea:submit", {"client_id": "big-client-1", "text": "klein"})
            assert ok["ok"], ok
            future = big.emit("idea:submit", {"client_id": "big-client-2", "text": "x" * (17 * 1024)})
            with pytest.raises(ConnectionError):
                await asyncio.wait_for(future, 10)
            await asyncio.wait_for(big.reader, 10)
            assert big.ws.closed and big.ws.close_code == 1009  # "message too big"
            for n, client in enumerate(others):
                ack = await client.call("idea:submit", {"client_id": f"other-client-{n}", "text": f"weiter {n}"})
                assert ack["ok"], ack
            # Just under the limit the message arrives and gets a clear ack.
            near = LiveClient(http, process.base, auth, await join(http, process.base, info["code"]),
                              reconnect=False)
            await near.connect()
            ack = await near.call("idea:submit", {"client_id": "near-client-1", "text": "y" * (15 * 1024)})
            assert ack["ok"] is False and ack["error"] in {"invalid", "text_too_long"} and ack["message"]
            for client in [near, *others]:
                await client.close()
            await big.close()

    asyncio.run(scenario())
    texts = [row[0] for row in _ideas(info)]
    assert "klein" in texts and not any(t.startswith("x" * 100) for t in texts)
    assert {"weiter 0", "weiter 1", "weiter 2"} <= set(texts)


def test_oversized_polling_post_is_refused(server):
    process, info = server
    session = requests.Session()
    open_packet = session.get(f"{process.base}/socket.io/?EIO=4&transport=polling", timeout=10).text
    sid = json.loads(open_packet[1:])["sid"]
    body = "42" + NAMESPACE + "," + json.dumps(["idea:submit", {"client_id": "poll-client-1", "text": "z" * 20000}])
    response = session.post(f"{process.base}/socket.io/?EIO=4&transport=polling&sid={sid}", data=body,
                            timeout=10)
    assert response.status_code == 413  # answered at once, no connection left hanging
    small = "42" + NAMESPACE + "," + json.dumps(["session:sync", {}])
    assert requests.post(f"{process.base}/socket.io/?EIO=4&transport=polling&sid={sid}", data=small,
                         timeout=10).status_code == 200
    # The server is fine for the next client.
    assert polling_handshake(process.base, None).status_code == 200


def _ideas(info):
    from sqlalchemy import create_engine, text
    engine = create_engine(info["db_url"])
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT text FROM idea WHERE workshop_id = :w"),
                            {"w": info["workshop_id"]}).all()
    engine.dispose()
    return rows
