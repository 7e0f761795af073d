"""The load generator: phones spread over one or more worker processes.

The bench (main process) sends a worker a command `(method, args)` over a pipe; the worker
runs `Phones.<method>(*args)` in its own asyncio loop and sends back the result. Phones
are numbered globally; phone i lives in worker i % workers.
"""
import asyncio
import bisect
import multiprocessing
import os
import random
import time

import aiohttp

from tests.support.clients import LiveClient, client_id, join, now, timelines
from tests.support.server import raise_fd_limit


class Phones:
    """The phones of one worker process."""

    def __init__(self, bases, workshop_id):
        self.bases = bases
        self.workshop_id = workshop_id
        self.phones = {}  # global index -> LiveClient
        self.http = None
        self.flooding = False

    async def setup(self):
        connector = aiohttp.TCPConnector(limit=0, force_close=False)
        self.http = aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar(),
                                          timeout=aiohttp.ClientTimeout(total=60))

    async def add(self, indices, code, concurrency=64):
        """Join and connect these phones; return how many are held and how long it took."""
        started = time.monotonic()
        gate = asyncio.Semaphore(concurrency)
        errors = []

        async def one(i):
            base = self.bases[i % len(self.bases)]
            async with gate:
                try:
                    cookies = await join(self.http, base, code)
                    phone = LiveClient(self.http, base, {"workshop": self.workshop_id,
                                                        "role": "participant"}, cookies)
                    await phone.connect()
                    if phone.refused:
                        raise RuntimeError(phone.refused)
                    self.phones[i] = phone
                except Exception as error:  # noqa: BLE001
                    errors.append(f"{type(error).__name__}: {error}")

        await asyncio.gather(*(one(i) for i in indices))
        return {"held": sum(1 for i in indices if i in self.phones), "failed": len(errors),
                "errors": errors[:3], "seconds": time.monotonic() - started}

    async def set_workshop(self, workshop_id):
        self.workshop_id = workshop_id
        return True

    async def held(self):
        return sum(1 for p in self.phones.values() if p.connected.is_set())

    async def clear(self):
        for phone in self.phones.values():
            phone.tallies.clear()

    async def run(self, schedule, start_at, event="dot:add", ack_timeout=30.0):
        """Send writes at planned times. schedule: [(offset, phone, payload)].
        Returns [(client_id, idea_id, sent_at, acked_at or None, ack)]."""
        results = []

        async def one(offset, index, payload):
            delay = start_at + offset - now()
            if delay > 0:
                await asyncio.sleep(delay)
            phone = self.phones.get(index)
            sent = now()
            if phone is None or not phone.connected.is_set():
                results.append((payload.get("client_id"), payload.get("idea_id"), sent, None,
                                {"ok": False, "error": "not_connected"}))
                return
            try:
                ack = await asyncio.wait_for(phone.emit(event, payload), ack_timeout)
                results.append((payload.get("client_id"), payload.get("idea_id"), sent, now(), ack))
            except Exception as error:  # noqa: BLE001
                results.append((payload.get("client_id"), payload.get("idea_id"), sent, None,
                                {"ok": False, "error": type(error).__name__}))

        await asyncio.gather(*(one(*item) for item in schedule))
        return results

    async def tally_latency(self, dots, sample_phones=None):
        """For each acked dot (idea_id, count after it, sent_at): how long until each phone
        showed at least that count. Returns (latencies, misses)."""
        latencies, misses = [], 0
        phones = list(self.phones.values())
        if sample_phones and len(phones) > sample_phones:
            phones = random.Random(7).sample(phones, sample_phones)
        for phone in phones:
            lines = timelines(phone.tallies)
            for idea_id, count, sent in dots:
                line = lines.get(idea_id)
                at = first_at(line, count) if line else None
                if at is None:
                    misses += 1
                else:
                    latencies.append(max(0.0, at - sent))
        return latencies, misses

    async def back_since(self, since):
        """Times at which phones got a snapshot again after `since` (a reconnect)."""
        return [p.snapshot_at for p in self.phones.values()
                if p.snapshot_at is not None and p.snapshot_at > since]

    async def close(self):
        await asyncio.gather(*(p.close() for p in self.phones.values()), return_exceptions=True)
        self.phones.clear()
        if self.http:
            await self.http.close()
        return True


def first_at(line, count):
    """When a phone first showed at least `count` (line: times and running maximum)."""
    times, running = line
    index = bisect.bisect_left(running, count)
    return times[index] if index < len(times) else None


def worker_main(conn, bases, workshop_id, cpus):
    raise_fd_limit()
    if cpus:
        os.sched_setaffinity(0, cpus)

    async def serve():
        phones = Phones(bases, workshop_id)
        await phones.setup()
        loop = asyncio.get_running_loop()
        while True:
            method, args = await loop.run_in_executor(None, conn.recv)
            try:
                result = await getattr(phones, method)(*args)
            except Exception as error:  # noqa: BLE001  reported to the bench
                result = {"error": f"{type(error).__name__}: {error}"}
            conn.send(result)
            if method == "close":
                return

    asyncio.run(serve())


class Fleet:
    """The bench's handle on all worker processes."""

    def __init__(self, bases, workshop_id, workers=1, cpus=None):
        ctx = multiprocessing.get_context("spawn")
        self.workers = []
        for _ in range(workers):
            ours, theirs = ctx.Pipe()
            proc = ctx.Process(target=worker_main, args=(theirs, bases, workshop_id, cpus),
                               daemon=True)
            proc.start()
            self.workers.append((proc, ours))
        self.count = 0

    def owner(self, index):
        return index % len(self.workers)

    async def call_all(self, method, per_worker_args):
        loop = asyncio.get_running_loop()

        def call(conn, args):
            conn.send((method, args))
            return conn.recv()

        return await asyncio.gather(*(
            loop.run_in_executor(None, call, conn, args)
            for (proc, conn), args in zip(self.workers, per_worker_args)))

    async def grow(self, total, code):
        new = list(range(self.count, total))
        self.count = total
        results = await self.call_all("add", [([i for i in new if self.owner(i) == w], code)
                                             for w in range(len(self.workers))])
        return {"held": sum(r.get("held", 0) for r in results),
                "failed": sum(r.get("failed", 0) for r in results),
                "errors": [e for r in results for e in r.get("errors", [])][:3],
                "seconds": max(r.get("seconds", 0) for r in results)}

    async def set_workshop(self, workshop_id):
        await self.call_all("set_workshop", [(workshop_id,)] * len(self.workers))

    async def held(self):
        return sum(await self.call_all("held", [()] * len(self.workers)))

    async def clear(self):
        await self.call_all("clear", [()] * len(self.workers))

    async def run(self, schedule, start_at, event="dot:add"):
        split = [[] for _ in self.workers]
        for item in schedule:
            split[self.owner(item[1])].append(item)
        results = await self.call_all("run", [(part, start_at, event) for part in split])
        return [row for part in results for row in part]

    async def tally_latency(self, dots, sample_phones=None):
        results = await self.call_all("tally_latency", [(dots, sample_phones)] * len(self.workers))
        return ([x for lat, _ in results for x in lat], sum(m for _, m in results))

    async def back_since(self, since):
        results = await self.call_all("back_since", [(since,)] * len(self.workers))
        return sorted(t for part in results for t in part)

    async def close(self):
        try:
            await asyncio.wait_for(self.call_all("close", [()] * len(self.workers)), 60)
        except Exception:  # noqa: BLE001
            pass
        for proc, conn in self.workers:
            proc.join(5)
            if proc.is_alive():
                proc.kill()
