"""The benchmark's scenarios against one target (the app in one async mode, or the ceiling).

A `Run` owns the server process(es), the phones (a Fleet of worker processes), one
projector and one facilitator; each scenario returns result rows for the report.
"""
import asyncio
import json
import math
import os
import random
import sys
import tempfile
import time
import urllib.request

import aiohttp

from tests.support import setup_db
from tests.support.clients import LiveClient, client_id, join, login, now, timelines
from .fleet import Fleet, first_at
from tests.support.server import CpuMeter, ServerProcess, free_port

IDEAS = 20          # ideas on the wall during the city scenario
MAX_PER_IDEA = 3


def pct(values, q):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


def ms(value):
    return None if value is None else round(value * 1000, 1)


class Run:
    def __init__(self, target, args, rng):
        self.t = target
        self.args = args
        self.rng = rng
        self.tmp = tempfile.mkdtemp(prefix=f"bench-{target['name']}-")
        self.servers = []
        self.fleet = None
        self.http = None
        self.projector = None
        self.facilitator = None
        self.info = None
        self.ideas = []
        self.placed = {}     # phone -> {idea: dots}
        self.sent = set()    # dot client ids sent
        self.acked = set()   # dot client ids acknowledged ok
        self.seq = 0
        self.baseline_rss = 0

    # -- set-up -----------------------------------------------------------------------

    def env(self):
        env = {"ASYNC_MODE": self.t["mode"], "SECRET_KEY": "bench-secret-key",
               "INSTANCE_PATH": self.tmp, "DATABASE_URL": self.t.get("db_url", ""),
               "SOCKETIO_MESSAGE_QUEUE": self.t.get("queue", ""),
               "RATELIMIT_STORAGE_URI": "memory://", "PYTHONUNBUFFERED": "1",
               "REUSE_PORT": "1" if self.t.get("reuseport") else "",
               # The simulated phones all come from 127.0.0.1: the per-address join limit
               # and socket cap (integrity, meant for one hall's Wi-Fi) would refuse them.
               "JOIN_RATE_LIMIT": "1000000 per minute", "MAX_SOCKETS_PER_ADDRESS": "1000000",
               **self.t.get("env", {})}
        return {k: v for k, v in env.items() if v}

    async def start(self, budget):
        t = self.t
        # SO_REUSEPORT targets: several processes listen on one port, the kernel spreads
        # the connections; otherwise one port per process.
        shared = t.get("reuseport")
        ports = ([free_port()] * t.get("processes", 1) if shared
                 else [free_port() for _ in range(t.get("processes", 1))])
        bases = sorted({f"http://127.0.0.1:{port}" for port in ports})
        gen_cpus = self.args.generator_cpus if t.get("pin", True) else None
        # The workers start (imports take a while) while the database and server get ready.
        self.fleet = Fleet(bases, None, self.args.workers, gen_cpus)
        if t["kind"] == "app":
            if not t.get("db_url"):
                t["db_url"] = setup_db.sqlite_url(self.tmp)
            self.info = await asyncio.to_thread(setup_db.prepare, t["db_url"], budget, MAX_PER_IDEA)
            argv = None
        elif t["kind"] == "ref":
            self.info = {"workshop_id": 1, "code": "REF001", "email": "x@example.org",
                         "password": "x"}
            argv = ["node", os.path.join("tests", "load", "ref_server", "server.js")]
        else:
            self.info = {"workshop_id": 1, "code": "CEIL01", "email": "x@example.org",
                         "password": "x"}
            argv = [os.sys.executable, "-m", "tests.load.ceiling_server"]
        pins = self.args.server_cpus if t.get("pin", True) else None
        for n, port in enumerate(ports):
            server = ServerProcess(self.env(), port, argv=argv,
                                   cpus=pins if len(ports) == 1 else t.get("cpus"),
                                   log_path=os.path.join(self.tmp, f"server{n}.log"))
            self.servers.append(server)
        if shared:  # one at a time: each must be listening before the next is counted
            for server in self.servers:
                await asyncio.to_thread(server.start)
        else:
            await asyncio.gather(*(asyncio.to_thread(s.start) for s in self.servers))
        print(f"[bench] {t['name']}: server pid {[s.proc.pid for s in self.servers]}, "
              f"logs in {self.tmp}", file=sys.stderr, flush=True)
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar(),
                                          connector=aiohttp.TCPConnector(limit=0))
        base = self.servers[0].base
        staff = await login(self.http, base, self.info["email"], self.info["password"])
        wid = self.info["workshop_id"]
        await self.fleet.set_workshop(wid)
        self.projector = LiveClient(self.http, base, {"workshop": wid, "role": "projector"}, staff)
        self.projector.keep_events = True
        self.facilitator = LiveClient(self.http, base, {"workshop": wid, "role": "facilitator"},
                                      staff, keep_tallies=False)
        for client in (self.projector, self.facilitator):
            await client.connect()
            if client.refused:
                raise RuntimeError(f"{client.auth['role']} refused: {client.refused}")
        self.ideas = [i["id"] for i in self.projector.snapshot.get("ideas", [])]
        await asyncio.sleep(0.3)
        self.baseline_rss = sum(s.rss() for s in self.servers)
        for server in self.servers:
            server.start_sampling()

    async def stop(self):
        if self.fleet:
            await self.fleet.close()
        for client in (self.projector, self.facilitator):
            if client:
                await client.close()
        if self.http:
            await self.http.close()
        for server in self.servers:
            server.stop_sampling()
            await asyncio.to_thread(server.stop)

    # -- building blocks --------------------------------------------------------------

    def next_id(self, kind):
        self.seq += 1
        return client_id(f"{kind}{self.t['name'][:3]}", self.seq)

    async def seed_ideas(self, count, phones, window=0.0):
        schedule = [(self.rng.uniform(0, window), phones[n % len(phones)],
                     {"client_id": self.next_id("idea"),
                      "text": setup_db.random_text(self.rng)}) for n in range(count)]
        start = now() + 0.3
        rows = await self.fleet.run(schedule, start, "idea:submit")
        ok = [r for r in rows if r[4].get("ok")]
        self.ideas += [r[4]["idea"]["id"] for r in ok]
        latencies = []
        created = {p["idea"]["id"]: at for at, name, p in self.projector.events
                   if name == "idea:created"}
        for row in ok:
            seen = created.get(row[4]["idea"]["id"])
            if seen is not None:
                latencies.append(seen - row[2])
        return {"ideas": len(ok), "failed": len(rows) - len(ok), "latencies": latencies}

    def plan_dot(self, phone):
        mine = self.placed.setdefault(phone, {})
        options = [i for i in self.ideas if mine.get(i, 0) < MAX_PER_IDEA]
        if not options:
            return None
        idea = self.rng.choice(options)
        mine[idea] = mine.get(idea, 0) + 1
        cid = self.next_id("dot")
        self.sent.add(cid)
        return {"client_id": cid, "idea_id": idea}

    async def dots(self, schedule):
        """Send the planned dots; measure acks, projector latency and server CPU."""
        self.projector.tallies.clear()
        meter = CpuMeter(self.servers)
        start = now() + 0.5
        rows = await self.fleet.run(schedule, start)
        cpu = meter.read()
        await asyncio.sleep(self.args.settle)
        ok = [r for r in rows if r[4].get("ok")]
        self.acked.update(r[0] for r in ok)
        line = timelines(self.projector.tallies)
        projector = []
        missed = 0
        acked_dots = []
        for cid, idea, sent, acked, ack in ok:
            acked_dots.append((idea, ack.get("dots", 0), sent))
            at = first_at(line[idea], ack.get("dots", 0)) if idea in line else None
            if at is None:
                missed += 1
            else:
                projector.append(max(0.0, at - sent))
        sample = self.rng.sample(acked_dots, min(len(acked_dots), self.args.phone_sample))
        phone_lat, phone_miss = await self.fleet.tally_latency(sample)
        first, last = (min(r[2] for r in rows), max(r[3] or r[2] for r in rows)) if rows else (0, 1)
        errors = {}
        for row in rows:
            if not row[4].get("ok"):
                errors[row[4].get("error")] = errors.get(row[4].get("error"), 0) + 1
        ack_lat = [r[3] - r[2] for r in ok]
        return {"sent": len(rows), "acked": len(ok), "errors": errors,
                "p50": ms(pct(projector, 50)), "p95": ms(pct(projector, 95)),
                "p99": ms(pct(projector, 99)), "ack_p50": ms(pct(ack_lat, 50)),
                "ack_p95": ms(pct(ack_lat, 95)), "ack_p99": ms(pct(ack_lat, 99)),
                "projector_missed": missed, "phone_p99": ms(pct(phone_lat, 99)),
                "phone_missed": phone_miss,
                "dots_per_s": round(len(ok) / max(last - first, 1e-6), 1),
                "cpu_pct": cpu["cpu_pct"],
                "cpu_ms_per_dot": round(1000 * cpu["cpu_s"] / max(len(ok), 1), 2)}

    async def check_truth(self):
        """Lost and duplicated dots, against the database (or the ceiling's memory)."""
        await asyncio.sleep(0.5)
        final = {}
        for at, raw in self.projector.tallies:
            from tests.support.clients import parse_tally
            final.update(parse_tally(raw))
        if self.t["kind"] != "app":
            with urllib.request.urlopen(self.servers[0].base + "/_counts", timeout=10) as r:
                counts = {int(k): v for k, v in json.load(r)["counts"].items()}
            total = sum(counts.values())
            return {"lost": max(0, len(self.acked) - total), "dup": max(0, total - len(self.sent)),
                    "count_mismatch": 0,
                    "projector_mismatch": sum(1 for i, c in final.items() if counts.get(i) != c)}
        truth = await asyncio.to_thread(setup_db.dot_truth, self.t["db_url"], self.info["workshop_id"])
        rows = truth["client_ids"]
        stored = set(rows)
        mismatch = sum(1 for i, n in truth["rows_per_idea"].items() if truth["stored"].get(i) != n)
        return {"lost": len(self.acked - stored),
                "dup": len(stored - self.sent) + (len(rows) - len(stored)),
                "count_mismatch": mismatch,
                "projector_mismatch": sum(1 for i, c in final.items()
                                          if truth["rows_per_idea"].get(i, 0) != c)}

    def memory(self, clients):
        peak = sum(s.peak_rss for s in self.servers)
        return {"peak_rss_mb": round(peak / 2**20, 1),
                "kb_per_client": round((peak - self.baseline_rss) / 1024 / max(clients, 1), 1)}
