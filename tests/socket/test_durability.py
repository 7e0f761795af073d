"""No acknowledged write is ever lost: many phones stream ideas and dots into the real server
(`python wsgi.py`, eventlet); the server is killed with SIGKILL at a random moment and
restarted; the phones reconnect and resend every unacknowledged write with the same client
id. Afterwards every acknowledged write is in the database exactly once, nothing is
duplicated, the dot counts match the dot rows, and (SQLite) the integrity check says ok.
Runs on SQLite and on PostgreSQL."""
import asyncio
import os
import random
import sqlite3
import time

import aiohttp
import pytest
from sqlalchemy import create_engine, text

from tests.support import setup_db
from tests.support.clients import LiveClient, join
from tests.support.server import ServerProcess, free_port
from tests.pg import throwaway_database

pytestmark = pytest.mark.slow

PHONES = 16
IDEAS_EACH = 6
DOTS_EACH = 10
SEED = int(os.environ.get("DURABILITY_SEED", random.randrange(1_000_000)))


class Phone:
    """One resident: a queue of writes, each resent with the same client id until acked."""

    def __init__(self, n, client: LiveClient, rng, shared_ideas):
        self.n, self.client, self.rng, self.shared = n, client, rng, shared_ideas
        self.acked_ideas = {}   # client_id -> idea id
        self.acked_dots = {}    # client_id -> idea id
        self.resends = 0

    async def write(self, event, payload):
        while True:
            if not self.client.connected.is_set():
                await asyncio.wait_for(self.client.connected.wait(), 90)
            try:
                ack = await self.client.call(event, payload, timeout=5)
            except (ConnectionError, asyncio.TimeoutError):
                self.resends += 1  # unacknowledged: send again, same client id
                await asyncio.sleep(0.05)
                continue
            if not ack.get("ok") and ack.get("error") in ("rate_limited", "internal"):
                self.resends += 1
                await asyncio.sleep(0.2)
                continue
            return ack

    async def run(self):
        for k in range(IDEAS_EACH):
            client_id = f"idea-{self.n:03d}-{k:03d}"
            ack = await self.write("idea:submit", {"client_id": client_id,
                                                   "text": f"Idee {k} von Telefon {self.n}"})
            assert ack["ok"], ack
            self.acked_ideas[client_id] = ack["idea"]["id"]
            self.shared.append(ack["idea"]["id"])
            await asyncio.sleep(self.rng.uniform(0, 0.05))
        for k in range(DOTS_EACH):
            client_id = f"dot-{self.n:03d}-{k:03d}"
            idea_id = self.rng.choice(self.shared)
            ack = await self.write("dot:add", {"client_id": client_id, "idea_id": idea_id})
            if ack["ok"]:
                self.acked_dots[client_id] = idea_id
            else:  # a rule (never a lost write): the idea has its limit of dots from me
                assert ack["error"] == "idea_limit_reached", ack
            await asyncio.sleep(self.rng.uniform(0, 0.05))


def _engine(url):
    return create_engine(url)


def database_state(url, workshop_id):
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            ideas = conn.execute(text("SELECT client_id, id FROM idea WHERE workshop_id = :w"),
                                 {"w": workshop_id}).all()
            dots = conn.execute(text("SELECT client_id, idea_id FROM dot WHERE workshop_id = :w "
                                     "AND removed_at IS NULL"), {"w": workshop_id}).all()
            counts = dict(conn.execute(text("SELECT id, dot_count FROM idea WHERE workshop_id = :w"),
                                       {"w": workshop_id}).all())
    finally:
        engine.dispose()
    return ideas, dots, counts


def run_scenario(url, tmp_path):
    info = setup_db.prepare(url, dots_per_participant=DOTS_EACH, max_dots_per_idea=DOTS_EACH)
    port = free_port()
    env = {"ASYNC_MODE": "eventlet", "DATABASE_URL": url, "SECRET_KEY": "durability",
           "INSTANCE_PATH": str(tmp_path / "instance"), "LIVE_EVENTS_PER_SECOND": "1000"}
    log = str(tmp_path / "server.log")
    server = ServerProcess(env, port, log_path=log).start()
    rng = random.Random(SEED)
    # A random moment in the middle of the stream: after a random number of acknowledged
    # writes, plus a random fraction of a second (so it often lands mid-transaction).
    kill_at_acks = rng.randint(10, PHONES * (IDEAS_EACH + DOTS_EACH) // 2)
    kill_delay = rng.uniform(0, 0.1)
    killed = {}

    async def scenario():
        async with aiohttp.ClientSession() as http:
            shared = []
            phones = []
            for n in range(PHONES):
                cookies = await join(http, server.base, info["code"])
                client = LiveClient(http, server.base, {"workshop": info["workshop_id"],
                                                        "role": "participant"}, cookies,
                                    keep_tallies=False, reconnect=True)
                await client.connect()
                phones.append(Phone(n, client, random.Random(SEED + n), shared))
            tasks = [asyncio.ensure_future(phone.run()) for phone in phones]

            def acked():
                return sum(len(p.acked_ideas) + len(p.acked_dots) for p in phones)
            deadline = time.monotonic() + 60
            while acked() < kill_at_acks and time.monotonic() < deadline:
                await asyncio.sleep(0.005)
            await asyncio.sleep(kill_delay)
            acked_before = sum(len(p.acked_ideas) + len(p.acked_dots) for p in phones)
            killed["acked_before"] = acked_before
            # SIGKILL: no shutdown handler runs, like a power cut of the process.
            await asyncio.get_running_loop().run_in_executor(None, server.kill)
            killed["at"] = time.monotonic()
            await asyncio.get_running_loop().run_in_executor(None, server.start)
            await asyncio.wait_for(asyncio.gather(*tasks), 120)
            for phone in phones:
                await phone.client.close()
            return phones

    try:
        phones = asyncio.run(scenario())
    finally:
        server.stop()
    return info, phones, killed


def assert_nothing_lost(url, info, phones, killed):
    ideas, dots, counts = database_state(url, info["workshop_id"])
    idea_ids = [client_id for client_id, _ in ideas]
    dot_ids = [client_id for client_id, _ in dots]
    assert len(idea_ids) == len(set(idea_ids)) and len(dot_ids) == len(set(dot_ids))
    stored_ideas = dict(ideas)
    stored_dots = dict(dots)
    acked_ideas = {cid: iid for p in phones for cid, iid in p.acked_ideas.items()}
    acked_dots = {cid: iid for p in phones for cid, iid in p.acked_dots.items()}
    assert killed["acked_before"] > 0, "the kill came before any write was acknowledged"
    assert len(acked_ideas) == PHONES * IDEAS_EACH
    # Every acknowledged write is there, with the id the phone was told.
    for client_id, idea_id in acked_ideas.items():
        assert stored_ideas.get(client_id) == idea_id, client_id
    for client_id, idea_id in acked_dots.items():
        assert stored_dots.get(client_id) == idea_id, client_id
    # And nothing else: no duplicate, no write the phones do not know about.
    assert set(stored_ideas) == set(acked_ideas)
    assert set(stored_dots) == set(acked_dots)
    # The denormalised dot counts agree with the dot rows.
    per_idea = {}
    for _, idea_id in dots:
        per_idea[idea_id] = per_idea.get(idea_id, 0) + 1
    assert {i: c for i, c in counts.items() if c} == per_idea
    return sum(p.resends for p in phones)


def test_sigkill_loses_no_acknowledged_write_sqlite(tmp_path):
    db_file = tmp_path / "durability.db"
    url = f"sqlite:///{db_file}"
    info, phones, killed = run_scenario(url, tmp_path)
    resends = assert_nothing_lost(url, info, phones, killed)
    conn = sqlite3.connect(db_file)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    print(f"seed {SEED}: {killed['acked_before']} writes acknowledged before the kill, "
          f"{resends} resends after it")


@pytest.mark.postgres
def test_sigkill_loses_no_acknowledged_write_postgresql(tmp_path):
    with throwaway_database() as url:
        info, phones, killed = run_scenario(url, tmp_path)
        resends = assert_nothing_lost(url, info, phones, killed)
        engine = create_engine(url)
        with engine.connect() as conn:  # the database answers and the tables are readable
            assert conn.execute(text("SELECT count(*) FROM idea")).scalar() == PHONES * IDEAS_EACH
        engine.dispose()
    print(f"seed {SEED}: {killed['acked_before']} writes acknowledged before the kill, "
          f"{resends} resends after it")
