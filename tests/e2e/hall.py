"""A hall played by socket clients: 150 residents on their phones and a facilitator, for
the browser tests of the projector and console (issue 12). The clients are the lean
asyncio clients of the benchmark (tests/support/clients.py); they run on their own event
loop in a thread, because Playwright's sync API owns the main thread's loop."""
import asyncio
import random
import threading

import aiohttp

from tests.support.clients import LiveClient, join, login

PHASES = ("kritik", "utopie", "verwirklichung")
WORDS = ("Bus", "Radweg", "Bank", "Markt", "Jugendtreff", "Ärztehaus", "Bücherei", "Spielplatz",
         "Gehweg", "Nachbarschaftshilfe", "Ladestation", "Dorfladen", "Seniorentreff", "Schwimmbad")


def idea_text(phase: str, n: int) -> str:
    """Short, middle and a few very long ideas (280 characters), as in a real hall."""
    rng = random.Random(f"{phase}-{n}")
    base = f"{phase.capitalize()} {n:02d}: {rng.choice(WORDS)} und {rng.choice(WORDS)}"
    if n % 13 == 5:
        filler = " Wir brauchen dafür Menschen, die mitmachen, Geld aus dem Haushalt und einen Plan."
        return (base + filler * 4)[:280]
    if n % 3 == 0:
        return base + " für alle Generationen, gut erreichbar auch ohne Auto."
    return base


class Hall:
    """Start with Hall(base, workshop_id, code, email, password).start(); call run(coro)."""

    def __init__(self, base, workshop_id, code, email, password):
        self.base, self.workshop_id, self.code = base, workshop_id, code
        self.email, self.password = email, password
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.phones = []
        self.facilitator = None
        self.ideas = {phase: [] for phase in PHASES}

    def start(self):
        self.thread.start()
        return self

    def run(self, coro, timeout=120):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def stop(self):
        async def close():
            for client in [*self.phones, self.facilitator]:
                if client is not None:
                    await client.close()
            await self.http.close()
        try:
            self.run(close(), timeout=30)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(10)

    async def connect(self, residents=150):
        self.http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0),
                                          cookie_jar=aiohttp.DummyCookieJar(),
                                          timeout=aiohttp.ClientTimeout(total=60))
        cookies = await login(self.http, self.base, self.email, self.password)
        self.facilitator = LiveClient(self.http, self.base, {"workshop": self.workshop_id,
                                                             "role": "facilitator"}, cookies,
                                      keep_tallies=False)
        await self.facilitator.connect()
        gate = asyncio.Semaphore(16)

        async def phone():
            async with gate:
                jar = await join(self.http, self.base, self.code)
                client = LiveClient(self.http, self.base, {"workshop": self.workshop_id,
                                                           "role": "participant"}, jar,
                                    keep_tallies=False)
                await client.connect()
                assert client.refused is None, client.refused
                return client
        self.phones = await asyncio.gather(*(phone() for _ in range(residents)))
        return len(self.phones)

    async def act(self, event, payload):
        ack = await self.facilitator.call(event, payload)
        assert ack.get("ok"), (event, ack)
        return ack

    async def collect(self, phase, count):
        """The phase's ideas, each from another phone, a few at a time."""
        await self.act("phase:set", {"phase": phase})
        gate = asyncio.Semaphore(12)

        async def one(n):
            async with gate:
                ack = await self.phones[n].call("idea:submit", {
                    "client_id": f"hall-{phase}-{n:03d}-idea", "text": idea_text(phase, n)})
                assert ack.get("ok"), ack
                return ack["idea"]["id"]
        self.ideas[phase] = list(await asyncio.gather(*(one(n) for n in range(count))))

    async def dot(self, phase, per_phone=3):
        """Open dotting, every phone gives up to `per_phone` dots (skewed, so a ranking
        shows), then close dotting."""
        await self.act("flow:step", {"step": "dot"})
        ideas = self.ideas[phase]
        rng = random.Random(phase)
        gate = asyncio.Semaphore(24)

        async def one(index, phone):
            async with gate:
                for k in range(per_phone):
                    idea = ideas[min(len(ideas) - 1, int(rng.expovariate(0.12)))]
                    await phone.call("dot:add", {"client_id": f"hall-{phase}-{index:03d}-{k}",
                                                 "idea_id": idea})
        await asyncio.gather(*(one(i, p) for i, p in enumerate(self.phones)))
        await self.act("flow:step", {"step": "done"})

    async def more_ideas(self, phase, start, count):
        gate = asyncio.Semaphore(8)

        async def one(n):
            async with gate:
                ack = await self.phones[n % len(self.phones)].call("idea:submit", {
                    "client_id": f"hall-more-{phase}-{n:03d}", "text": idea_text(phase, n)})
                assert ack.get("ok"), ack
        await asyncio.gather(*(one(n) for n in range(start, start + count)))
