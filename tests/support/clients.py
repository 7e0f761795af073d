"""Lean asyncio Socket.IO clients for the benchmark.

A python-socketio AsyncClient costs too much CPU per message to simulate thousands of
phones on the same two cores as the server, so these clients speak Engine.IO v4 /
Socket.IO v5 over one aiohttp websocket directly (no polling, no upgrade):

    server: 0{"sid":...}            client: 40/live,{auth}
    server: 40/live,{"sid":...}     (or 44/live,{"message":...} when refused)
    server: 2 (ping)                client: 3 (pong)
    client: 42/live,7["dot:add",{}] server: 43/live,7[{ack}]
    server: 42/live,["tally:update",{...}]

Tally messages are only time-stamped and kept as raw text while the clock runs; they are
parsed after the run (identical broadcasts are parsed once), so a phone costs little.
"""
import asyncio
import html.parser
import json
import random
import re
import time

import aiohttp

NAMESPACE = "/live"
PREFIX = "42" + NAMESPACE + ","
ACK_PREFIX = "43" + NAMESPACE + ","


def now() -> float:
    # CLOCK_MONOTONIC is system wide on Linux: comparable across the generator's processes.
    return time.monotonic()


class FormParser(html.parser.HTMLParser):
    """Collect the fields of the first form posting to `action` (or the first form)."""

    def __init__(self, action_hint=None):
        super().__init__()
        self.action_hint = action_hint
        self.in_form = False
        self.done = False
        self.fields = {}
        self.select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.done:
            return
        if tag == "form":
            action = a.get("action") or ""
            if self.action_hint is None or self.action_hint in action or not action:
                self.in_form = True
            return
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("hidden", "text", "email", "number", "tel", "search"):
                self.fields.setdefault(name, a.get("value") or "")
            elif kind == "radio" and name not in self.fields:
                self.fields[name] = a.get("value") or "on"
            elif kind == "checkbox" and ("required" in a or "checked" in a):
                self.fields[name] = a.get("value") or "y"
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and a.get("value"):
            self.fields.setdefault(self.select, a["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form" and self.in_form:
            self.in_form = False
            self.done = True


def form_fields(page: str, action_hint=None) -> dict:
    parser = FormParser(action_hint)
    parser.feed(page)
    return parser.fields


def _cookies(response) -> dict:
    return {name: morsel.value for name, morsel in response.cookies.items()}


def cookie_header(cookies: dict) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


async def join(http: aiohttp.ClientSession, base: str, code: str, nickname=None) -> dict:
    """Join a session through the real join form; return the cookies the phone holds."""
    cookies = {}
    async with http.get(f"{base}/j/{code}", allow_redirects=False) as response:
        page = await response.text()
        cookies.update(_cookies(response))
        if response.status >= 400:
            raise RuntimeError(f"GET /j/{code}: {response.status}")
    fields = form_fields(page, f"/j/{code}")
    if nickname and "nickname" in fields:
        fields["nickname"] = nickname
    async with http.post(f"{base}/j/{code}", data=fields, allow_redirects=False,
                         headers={"Cookie": cookie_header(cookies), "Origin": base,
                                  "Referer": f"{base}/j/{code}"}) as response:
        await response.read()
        cookies.update(_cookies(response))
        if response.status >= 400:
            raise RuntimeError(f"POST /j/{code}: {response.status}")
    if not any(name.startswith("zwp_") for name in cookies):
        raise RuntimeError(f"POST /j/{code} set no participant cookie")
    return cookies


async def login(http: aiohttp.ClientSession, base: str, email: str, password: str) -> dict:
    cookies = {}
    async with http.get(f"{base}/login") as response:
        page = await response.text()
        cookies.update(_cookies(response))
    fields = form_fields(page)
    fields.update(email=email, password=password)
    async with http.post(f"{base}/login", data=fields, allow_redirects=False,
                         headers={"Cookie": cookie_header(cookies), "Origin": base,
                                  "Referer": f"{base}/login"}) as response:
        await response.read()
        cookies.update(_cookies(response))
        if response.status != 302:
            raise RuntimeError(f"login failed: {response.status}")
    return cookies


class LiveClient:
    """One phone, projector or facilitator on the `/live` namespace."""

    def __init__(self, http, base, auth, cookies=None, keep_tallies=True, reconnect=True):
        self.http = http
        self.base = base
        self.auth = auth
        self.cookies = cookies or {}
        self.keep_tallies = keep_tallies
        self.reconnect = reconnect
        self.ws = None
        self.acks = {}
        self.next_ack = 0
        self.tallies = []        # (monotonic time, raw message text)
        self.events = []         # (time, event name, payload) of other events, when kept
        self.keep_events = False
        self.snapshot = None     # the last session:snapshot payload
        self.snapshot_at = None  # when it arrived
        self.snapshots = 0
        self.connected = asyncio.Event()
        self.refused = None
        self.closing = False
        self.reconnecting = False
        self.reader = None
        self.on_snapshot = None

    @property
    def url(self):
        return self.base.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"

    async def connect(self, timeout=30.0):
        self.connected.clear()
        self.ws = await self.http.ws_connect(
            self.url, timeout=timeout, autoping=False, max_msg_size=0, compress=0,
            headers={"Cookie": cookie_header(self.cookies), "Origin": self.base})
        self.reader = asyncio.ensure_future(self._read())
        await asyncio.wait_for(self.connected.wait(), timeout)

    async def _read(self):
        ws = self.ws
        try:
            async for msg in ws:
                if msg.type != aiohttp.WSMsgType.TEXT:
                    continue
                self._handle(msg.data)
        except Exception:  # noqa: BLE001  the connection dropped: treated like a close
            pass
        if self.ws is not ws:
            return  # an abandoned attempt: a newer connection owns the phone now
        self.connected.clear()
        for future in self.acks.values():
            if not future.done():
                future.set_exception(ConnectionError("disconnected"))
        self.acks.clear()
        if self.reconnect and not self.closing and not self.reconnecting:
            asyncio.ensure_future(self._reconnect())

    def _handle(self, data: str):
        kind = data[:1]
        if kind == "2":
            asyncio.ensure_future(self._send("3"))
        elif kind == "0":
            asyncio.ensure_future(self._send("40" + NAMESPACE + "," + json.dumps(self.auth)))
        elif data.startswith(PREFIX):
            if self.keep_tallies and data.startswith(PREFIX + '["tally:update"'):
                self.tallies.append((now(), data))
                return
            if data.startswith(PREFIX + '["tally:update"'):
                return
            name, payload = json.loads(data[len(PREFIX):])[:2]
            if name == "session:snapshot":
                self.snapshot, self.snapshot_at = payload, now()
                self.snapshots += 1
                if self.on_snapshot:
                    self.on_snapshot(self)
                self.connected.set()
            elif self.keep_events:
                self.events.append((now(), name, payload))
        elif data.startswith(ACK_PREFIX):
            body = data[len(ACK_PREFIX):]
            cut = body.index("[")
            future = self.acks.pop(int(body[:cut]), None)
            if future and not future.done():
                future.set_result(json.loads(body[cut:])[0])
        elif data.startswith("44" + NAMESPACE):
            self.refused = data
            self.connected.set()

    async def _send(self, text):
        try:
            await self.ws.send_str(text)
        except Exception:  # noqa: BLE001
            pass

    async def _reconnect(self):
        # Like socket.io-client: 1 s doubling to 5 s, randomised by +-50 %.
        # One loop per phone: a failed attempt's reader must not start a second one.
        self.reconnecting = True
        attempt = 0
        try:
            while not self.closing:
                delay = min(1.0 * 2 ** attempt, 5.0) * random.uniform(0.5, 1.5)
                await asyncio.sleep(delay)
                attempt += 1
                try:
                    await self.connect(timeout=20)  # socket.io-client's connect timeout
                    return
                except Exception:  # noqa: BLE001
                    if self.ws is not None and not self.ws.closed:
                        await self.ws.close()
        finally:
            self.reconnecting = False

    def emit(self, event, data) -> asyncio.Future:
        """Send an event with an ack; the future resolves to the ack dict."""
        self.next_ack += 1
        future = asyncio.get_running_loop().create_future()
        self.acks[self.next_ack] = future
        text = f"42{NAMESPACE},{self.next_ack}" + json.dumps([event, data], separators=(",", ":"))
        asyncio.ensure_future(self._send(text))
        return future

    async def call(self, event, data, timeout=30.0):
        return await asyncio.wait_for(self.emit(event, data), timeout)

    async def close(self):
        self.closing = True
        if self.ws is not None:
            await self.ws.close()
        if self.reader is not None:
            await asyncio.gather(self.reader, return_exceptions=True)


_TALLY_CACHE = {}


def parse_tally(raw: str) -> dict:
    """{idea_id: count} of one raw tally:update frame (identical frames parsed once)."""
    parsed = _TALLY_CACHE.get(raw)
    if parsed is None:
        payload = json.loads(raw[len(PREFIX):])[1]
        parsed = {int(k): v for k, v in (payload.get("counts") or {}).items()}
        if len(_TALLY_CACHE) > 200_000:
            _TALLY_CACHE.clear()
        _TALLY_CACHE[raw] = parsed
    return parsed


def timelines(tallies) -> dict:
    """{idea_id: ([times], [running maximum of counts])} from a client's raw tally frames."""
    lines = {}
    for at, raw in tallies:
        for idea, count in parse_tally(raw).items():
            times, counts = lines.setdefault(idea, ([], []))
            times.append(at)
            counts.append(max(count, counts[-1]) if counts else count)
    return lines


_CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")


def client_id(prefix: str, n: int) -> str:
    value = f"{prefix}-{n:08d}"
    assert _CLIENT_ID.fullmatch(value)
    return value
