"""Real-browser fixtures: one Chromium per test session, one live server per test module.

- `browser`: Debian's Chromium driven by Playwright (never `playwright install`).
- `live_server`: `python wsgi.py` (eventlet) on a free loopback port, with a fresh SQLite
  database whose schema is built with create_all and seeded with the `tests/conftest.py`
  world (admin, facilitators, staff, two municipalities). `live_server.app` is an in-process
  app on the same database, for seeding more data and for looking at results.
- `desktop` / `phone`: a fresh page in a fresh context (phone: 360x740, touch, mobile).
- `screenshot(page, name)`: PNG into $ARTIFACTS_DIR/screenshots (test-artifacts/screenshots).
- `axe_violations(page)`: axe-core run inside the page for WCAG 2.0/2.1 A and AA.
"""
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import PASSWORD, make_app

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(os.environ.get("ARTIFACTS_DIR", ROOT / "test-artifacts"))
SCREENSHOTS = ARTIFACTS / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True,
         "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


# ---------------------------------------------------------------- browser

# Package scope: Playwright's sync API keeps an asyncio loop running while it is open,
# which would break the asyncio clients of the socket tests collected after this folder.
@pytest.fixture(scope="package")
def playwright_instance():
    from playwright.sync_api import expect
    expect.set_options(timeout=TIMEOUT_MS)  # 2 shared cores in CI: 5 s is tight under load
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM} in CI: `make chromium` should install it")
        pytest.skip(f"Chromium not found at {CHROMIUM}: run `make chromium`")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="package")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def new_page(browser, base_url, storage_state=None, locale="de-DE", **options):
    """A page in its own context (own cookies). Closed with its context by the fixtures."""
    context = browser.new_context(base_url=base_url, locale=locale,
                                  storage_state=storage_state, **options)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.errors = []  # uncaught JavaScript errors and CSP refusals, asserted by tests
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda msg: page.errors.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text else None)
    return page


@pytest.fixture
def open_page(browser, live_server):
    """Factory: open_page(kind="phone"|"desktop", who=None|"facilitator"|..., **context options)."""
    contexts = []

    def _open(kind="desktop", who=None, **options):
        settings = dict(PHONE if kind == "phone" else DESKTOP)
        settings.update(options)
        state = live_server.storage_state(browser, who) if who else None
        page = new_page(browser, live_server.url, storage_state=state, **settings)
        contexts.append(page.context)
        return page

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def desktop(open_page):
    return open_page("desktop")


@pytest.fixture
def phone(open_page):
    return open_page("phone")


def screenshot(page, name: str, full_page: bool = True) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / (re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") + ".png")
    page.screenshot(path=str(path), full_page=full_page)
    return path


# ---------------------------------------------------------------- axe-core

def _axe_source() -> str:
    vendored = ROOT / "static" / "vendor" / "axe.min.js"  # `make assets` copies it from npm
    if vendored.exists():
        return vendored.read_text(encoding="utf-8")
    import axe_playwright_python
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


AXE_SOURCE = None


def axe_violations(page, tags=None, rules=None, exclude=None) -> list[dict]:
    """Run axe-core in the page (evaluate is not subject to the page's CSP).

    tags: axe tags to run (default WCAG 2.0/2.1 A and AA); rules: run only these rule ids.
    """
    global AXE_SOURCE
    if AXE_SOURCE is None:
        AXE_SOURCE = _axe_source()
    # Check the settled page: a card fading in has a lower contrast for a moment.
    page.evaluate("""() => Promise.race([
        Promise.all(document.getAnimations()
            .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
            .map(a => a.finished.catch(() => null))),
        new Promise(resolve => setTimeout(resolve, 3000))])""")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    run_only = ({"type": "rule", "values": rules} if rules
                else {"type": "tag", "values": tags or WCAG_TAGS})
    context = {"exclude": exclude} if exclude else None
    result = page.evaluate(
        """([context, runOnly]) => axe.run(context || document,
               {runOnly, resultTypes: ['violations']})""",
        [context, run_only])
    return result["violations"]


def describe(violations) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '')[:300]}")
    return "\n".join(lines)


def assert_accessible(page, label: str, **options):
    violations = axe_violations(page, **options)
    assert not violations, f"axe violations on {label} ({page.url}):\n" + describe(violations)


# ---------------------------------------------------------------- layout checks

def horizontal_overflow(page) -> int:
    """How many CSS px the page scrolls sideways (0 when it fits)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


def small_targets(page, selector: str, minimum: int = 44) -> list[str]:
    """Visible elements matching selector smaller than minimum x minimum CSS px."""
    return page.evaluate(
        """([selector, minimum]) => Array.from(document.querySelectorAll(selector))
             .filter(el => el.getClientRects().length > 0)
             .map(el => [el, el.getBoundingClientRect()])
             .filter(([el, r]) => r.width < minimum - 0.5 || r.height < minimum - 0.5)
             .map(([el, r]) => `${el.outerHTML.slice(0, 120)} ${Math.round(r.width)}x${Math.round(r.height)}`)""",
        [selector, minimum])


# ---------------------------------------------------------------- live server

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    def __init__(self, workdir: Path, name: str):
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db_uri = f"sqlite:///{workdir / 'live.db'}"
        self.log_path = ARTIFACTS / "logs" / f"server-{name}.log"
        self.process = None
        self._states = {}
        self.app = make_app(workdir, SQLALCHEMY_DATABASE_URI=self.db_uri, PUBLIC_URL=self.url,
                            SECRET_KEY="e2e-secret")
        self.world = {}

    def seed(self):
        from participation.extensions import db
        from tests.conftest import seed_world
        with self.app.app_context():
            db.create_all()
            world = seed_world()
            self.world = {key: value.id for key, value in world.items()}
            self.emails = {key: value.email for key, value in world.items()
                           if hasattr(value, "email")}

    def start(self):
        env = dict(os.environ, ASYNC_MODE="eventlet", HOST="127.0.0.1", PORT=str(self.port),
                   INSTANCE_PATH=str(self.workdir / "instance"), DATABASE_URL=self.db_uri,
                   PUBLIC_URL=self.url, SECRET_KEY="e2e-secret", PYTHONUNBUFFERED="1")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen([sys.executable, "wsgi.py"], cwd=str(ROOT), env=env,
                                        stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: see {self.log_path}\n"
                                   + self.log_path.read_text()[-3000:])
            try:
                if requests.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"server did not answer within 30 s: see {self.log_path}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if getattr(self, "_log", None):
            self._log.close()

    def storage_state(self, browser, who: str):
        """Cookies of a logged-in person, made once per server (the login is rate limited)."""
        if who not in self._states:
            page = new_page(browser, self.url, **DESKTOP)
            page.goto("/login")
            page.fill("input[name=email]", self.emails[who])
            page.fill("input[name=password]", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_url(re.compile(r".*/(dashboard|m/\d+|admin.*)$"))
            self._states[who] = page.context.storage_state()
            page.context.close()
        return self._states[who]


@pytest.fixture(scope="module")
def live_server(tmp_path_factory, request):
    server = LiveServer(tmp_path_factory.mktemp("live"), request.module.__name__.split(".")[-1])
    server.seed()
    server.start()
    yield server
    server.stop()
