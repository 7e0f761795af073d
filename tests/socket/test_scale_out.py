"""Scale-out on the real engines: two server processes (`python wsgi.py`, eventlet) on one
PostgreSQL database and one Redis message queue serve the same session. A phone on process
A sees an idea submitted through process B at once, and the tallies stay exact when dots
arrive through both processes at the same time."""
import asyncio
import os

import aiohttp
import pytest

from tests.support import setup_db
from tests.support.clients import LiveClient, client_id, join, login, now, parse_tally
from tests.support.server import ServerProcess, free_port
from tests.pg import throwaway_database

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def require_redis():
    import redis
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception:
        if os.environ.get("CI"):
            pytest.fail("Redis is not reachable on 127.0.0.1:6379 in CI")
        pytest.skip("Redis is not running: start it with "
                    "'redis-server --daemonize yes --bind 127.0.0.1 --port 6379'")


@pytest.fixture(scope="module")
def two_processes(tmp_path_factory):
    """Both tests share the two processes (a start costs seconds); each uses its own phones
    and ideas."""
    require_redis()
    tmp_path = tmp_path_factory.mktemp("scale-out")
    with throwaway_database() as url:
        info = setup_db.prepare(url, dots_per_participant=10, max_dots_per_idea=3)
        env = {"ASYNC_MODE": "eventlet", "DATABASE_URL": url, "SOCKETIO_MESSAGE_QUEUE": REDIS_URL,
               "SECRET_KEY": "scale-out-secret", "INSTANCE_PATH": str(tmp_path)}
        servers = [ServerProcess(env, free_port(), log_path=str(tmp_path / f"server{n}.log"))
                   for n in range(2)]
        try:
            for server in servers:
                server.start()
            yield servers, info, url
        finally:
            for server in servers:
                server.stop()


async def _phone(http, base, info):
    cookies = await join(http, base, info["code"])
    phone = LiveClient(http, base, {"workshop": info["workshop_id"], "role": "participant"},
                       cookies, reconnect=False)
    phone.keep_events = True
    await phone.connect()
    assert phone.refused is None, phone.refused
    return phone


async def _wait_for(predicate, timeout=5.0):
    deadline = now() + timeout
    while now() < deadline:
        if predicate():
            return True
        await asyncio.sleep(0.02)
    return predicate()


def _shown(client) -> dict:
    counts = {idea["id"]: idea["dots"] for idea in client.snapshot["ideas"]}
    for _, raw in client.tallies:
        counts.update(parse_tally(raw))
    return counts


def test_idea_through_b_reaches_a_phone_at_once(two_processes):
    servers, info, _ = two_processes
    a, b = servers

    async def scenario():
        async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
            on_a = await _phone(http, a.base, info)
            on_b = await _phone(http, b.base, info)
            sent = now()
            ack = await on_b.call("idea:submit", {"client_id": client_id("idea", 1),
                                                  "text": "Mehr Bänke am Marktplatz"})
            assert ack["ok"], ack
            idea_id = ack["idea"]["id"]
            arrived = await _wait_for(lambda: any(
                name == "idea:created" and payload["idea"]["id"] == idea_id
                for _, name, payload in on_a.events))
            assert arrived, "the phone on process A never saw the idea from process B"
            at = next(t for t, name, p in on_a.events if name == "idea:created")
            assert at - sent < 1.0
            texts = [p["idea"]["text"] for _, name, p in on_a.events if name == "idea:created"]
            assert texts == ["Mehr Bänke am Marktplatz"]
            for phone in (on_a, on_b):
                await phone.close()

    asyncio.run(scenario())


def test_tallies_stay_exact_with_dots_through_both_processes(two_processes):
    servers, info, url = two_processes
    a, b = servers

    async def scenario():
        async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
            phones = [await _phone(http, (a, b)[n % 2].base, info) for n in range(8)]
            ideas = []
            for n in range(3):
                ack = await phones[n].call("idea:submit", {"client_id": client_id("tally-idea", n),
                                                           "text": f"Idee Nummer {n}"})
                assert ack["ok"], ack
                ideas.append(ack["idea"]["id"])
            watcher_a, watcher_b = await _phone(http, a.base, info), await _phone(http, b.base, info)
            # Every phone places 3 dots at once, one on each idea: half of them through A.
            writes = [phone.call("dot:add", {"client_id": client_id(f"d{p}", i), "idea_id": idea})
                      for p, phone in enumerate(phones) for i, idea in enumerate(ideas)]
            acks = await asyncio.gather(*writes)
            assert all(ack["ok"] for ack in acks), [a for a in acks if not a["ok"]][:3]
            expected = {idea: len(phones) for idea in ideas}

            for watcher in (watcher_a, watcher_b):
                ok = await _wait_for(lambda w=watcher: all(
                    _shown(w).get(i) == n for i, n in expected.items()), timeout=5)
                assert ok, f"{watcher.base} shows {_shown(watcher)}, expected {expected}"
            truth = setup_db.dot_truth(url, info["workshop_id"])
            assert truth["rows_per_idea"] == expected
            assert {i: truth["stored"][i] for i in ideas} == expected
            assert len(set(truth["client_ids"])) == len(phones) * len(ideas)
            for phone in (*phones, watcher_a, watcher_b):
                await phone.close()

    asyncio.run(scenario())
