"""Start, stop and restart the real server (`python wsgi.py`) or the ceiling server as a
subprocess, and measure its CPU time and peak memory with psutil."""
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import psutil

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def raise_fd_limit():
    """Thousands of sockets need more than the usual 1,024 file descriptors."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


class ServerProcess:
    """One server process on a loopback port; `argv` defaults to the production entry point."""

    def __init__(self, env: dict, port: int, argv=None, cpus=None, log_path=None,
                 health_path="/socket.io/?EIO=4&transport=polling"):
        self.env = {**os.environ, **env, "PORT": str(port), "HOST": "127.0.0.1"}
        self.port = port
        self.argv = argv or [sys.executable, "wsgi.py"]
        self.cpus = cpus
        self.log_path = log_path
        self.health_path = health_path
        self.proc = None
        self.ps = None
        self.peak_rss = 0
        self._sampler = None
        self._sampling = False

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=60.0):
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        cpus = self.cpus

        def prepare():
            raise_fd_limit()
            if cpus:
                os.sched_setaffinity(0, cpus)

        self.proc = subprocess.Popen(self.argv, cwd=ROOT, env=self.env, stdout=log,
                                     stderr=subprocess.STDOUT, preexec_fn=prepare)
        self.ps = psutil.Process(self.proc.pid)
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}; see {self.log_path}")
            try:
                # With SO_REUSEPORT another process may answer on the port: this one
                # counts as ready once it listens itself.
                if self.listening():
                    with urllib.request.urlopen(self.base + self.health_path, timeout=2) as response:
                        if response.status < 500:
                            return
            except urllib.error.HTTPError as error:  # e.g. 400: a websocket-only server
                if error.code < 500:
                    return
            except Exception:  # noqa: BLE001  not listening yet
                pass
            time.sleep(0.05)
        raise RuntimeError(f"server on port {self.port} not ready after {timeout} s")

    def listening(self) -> bool:
        try:
            return any(c.status == psutil.CONN_LISTEN and c.laddr.port == self.port
                       for c in self.ps.net_connections("tcp"))
        except psutil.Error:
            return False

    def stop(self, timeout=10.0):
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)

    def kill(self):
        """An abrupt end, as in a crash or a power cut of the server."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)

    # -- measuring ------------------------------------------------------------------

    def rss(self) -> int:
        try:
            return self.ps.memory_info().rss
        except psutil.Error:
            return 0

    def cpu_seconds(self) -> float:
        try:
            times = self.ps.cpu_times()
            return times.user + times.system
        except psutil.Error:
            return 0.0

    def start_sampling(self, interval=0.2):
        self.peak_rss = self.rss()
        self._sampling = True

        def sample():
            while self._sampling:
                self.peak_rss = max(self.peak_rss, self.rss())
                time.sleep(interval)

        self._sampler = threading.Thread(target=sample, daemon=True)
        self._sampler.start()

    def stop_sampling(self) -> int:
        self._sampling = False
        if self._sampler:
            self._sampler.join(2)
        return self.peak_rss


class CpuMeter:
    """CPU seconds used by a group of server processes over a measured stretch."""

    def __init__(self, servers):
        self.servers = servers
        self.start_cpu = sum(s.cpu_seconds() for s in servers)
        self.start_wall = time.monotonic()

    def read(self) -> dict:
        cpu = sum(s.cpu_seconds() for s in self.servers) - self.start_cpu
        wall = max(time.monotonic() - self.start_wall, 1e-6)
        return {"cpu_s": round(cpu, 2), "cpu_pct": round(100 * cpu / wall, 1), "wall_s": round(wall, 2)}
