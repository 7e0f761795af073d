"""The same-run comparison with the bare Node socket.io 4 reference (tests/load/ref_server/).

    python -m tests.load.bench --compare            # the table of issue 16 (about 6 minutes)

For each target (the app under eventlet, under gevent, the Node reference) one server is
started, pinned to one core with the load generator on the other: 300 phones place 30 dots/s,
then 2,000 phones place 200 dots/s, each for `--compare-seconds`; then, with `--hold`,
5,000 phones are held while they place dots, and every acked dot is checked against the
server's truth (database, or the reference's memory). The report prints app/ref ratios
for server CPU, ack p50 and p99 and vote-to-projector p99, and the issue's targets.
"""
import os

import psutil

from . import report
from tests.support.clients import now
from .scenarios import IDEAS

STEPS = "300:30,2000:200"
NOTE = ("srv CPU%: server CPU time / wall time (100 = one core); srv wait%: time the server was\n"
        "ready but waited for its core (other load); gen CPU%: the load generator; others%: the\n"
        "rest of the machine (2 cores = 200); ms/dot: server CPU per acked dot.")  # phones:dots per second


def steps(args):
    return [(int(a), float(b)) for a, b in (part.split(":") for part in args.compare_steps.split(","))]


class MachineMeter:
    """CPU of the load generator (this process and its workers) and of everything else on
    the machine over a measured stretch: the figures are only as good as the machine was
    quiet, and 8 people share this one."""

    def __init__(self, run):
        pids = [os.getpid()] + [proc.pid for proc, _ in run.fleet.workers]
        self.generator = [psutil.Process(pid) for pid in pids]
        self.servers = [s.ps for s in run.servers]
        self.start = self._read()
        self.start_each = [self._cpu([proc]) for proc in self.servers]

    def _cpu(self, procs):
        total = 0.0
        for proc in procs:
            try:
                times = proc.cpu_times()
                total += times.user + times.system
            except psutil.Error:
                pass
        return total

    def _waited(self, procs):
        """Seconds the processes were ready to run but waited for a core (schedstat):
        how much the machine's other load held the server back."""
        total = 0
        for proc in procs:
            try:
                for task in os.listdir(f"/proc/{proc.pid}/task"):
                    with open(f"/proc/{proc.pid}/task/{task}/schedstat") as f:
                        total += int(f.read().split()[1])
            except (OSError, ValueError, IndexError):
                pass
        return total / 1e9

    def _read(self):
        busy = psutil.cpu_times()
        return (now(), self._cpu(self.generator), self._cpu(self.servers),
                sum(busy) - busy.idle - getattr(busy, "iowait", 0.0), self._waited(self.servers))

    def read(self) -> dict:
        end = self._read()
        wall = max(end[0] - self.start[0], 1e-6)
        generator = end[1] - self.start[1]
        server = end[2] - self.start[2]
        machine = end[3] - self.start[3]
        each = [round(100 * (self._cpu([proc]) - start) / wall, 1)
                for proc, start in zip(self.servers, self.start_each)]
        return {"generator_pct": round(100 * generator / wall, 1),
                "server_cpu_each": each if len(each) > 1 else None,
                "server_wait_pct": round(100 * (end[4] - self.start[4]) / wall, 1),
                "others_pct": round(100 * max(0.0, machine - generator - server) / wall, 1),
                "load1": round(os.getloadavg()[0], 2)}


async def sustained(run, size, rate, seconds, label):
    """`size` phones, `rate` dots/s spread over all of them, for `seconds`."""
    joined = await run.fleet.grow(size, run.info["code"])
    held = await run.fleet.held()
    if len(run.ideas) < IDEAS:
        await run.seed_ideas(IDEAS - len(run.ideas), list(range(IDEAS)))
    await run.fleet.clear()
    order = list(range(size))
    run.rng.shuffle(order)
    schedule = []
    for n in range(int(rate * seconds)):
        payload = run.plan_dot(order[n % len(order)])
        if payload:
            schedule.append((n / rate, order[n % len(order)], payload))
    meter = MachineMeter(run)
    result = await run.dots(schedule)
    result.update(meter.read())
    result.update(await run.check_truth())
    result.update(run.memory(held))
    result.update(scenario=label, clients=held, join_failed=joined["failed"],
                  connect_s=round(joined["seconds"], 1))
    return report.row(run.t["name"], result, joined.get("errors"))


async def compare(run, args, rows):
    for size, rate in steps(args):
        label = f"{size} phones {rate:g} dots/s"
        rows.append(await sustained(run, size, rate, args.compare_seconds, label))
        report.flush_partial(args, rows)


async def hold(run, args, rows):
    rows.append(await sustained(run, args.hold_phones, args.hold_rate, args.compare_seconds,
                                f"hold {args.hold_phones} phones"))
    report.flush_partial(args, rows)


def dot_budget(args) -> int:
    """Dots each phone may place: the first phones vote at every step."""
    need = 0
    sizes = steps(args)
    if args.hold:
        sizes.append((args.hold_phones, args.hold_rate))
    for size, rate in sizes:
        need += -(-int(rate * args.compare_seconds) // size) + 1
    return min(20, max(5, need + 2))  # the app allows at most 20 dots per phone and phase


# -- the report ---------------------------------------------------------------------------

RATIO_KEYS = (("cpu_pct", "server CPU"), ("ack_p50", "ack p50"), ("ack_p99", "ack p99"),
              ("p99", "vote-to-projector p99"))


def ratios(rows):
    ref = {r.get("scenario"): r for r in rows if r["target"] == "ref"}
    out = []
    for r in rows:
        if r["target"] == "ref" or r.get("scenario") not in ref:
            continue
        base = ref[r["scenario"]]
        entry = {"target": r["target"], "scenario": r["scenario"]}
        for key, _ in RATIO_KEYS:
            if r.get(key) is not None and base.get(key):
                entry[key] = round(r[key] / base[key], 2)
        out.append(entry)
    return out


def checks(rows):
    """Issue 16's targets, met or not."""
    ref = {r.get("scenario"): r for r in rows if r["target"] == "ref"}
    out = []
    for r in rows:
        if r["target"] == "ref":
            continue
        scen, name = r.get("scenario", ""), r["target"]
        base = ref.get(scen, {})
        if scen.startswith("300 phones "):
            if r.get("cpu_pct") is not None and base.get("cpu_pct"):
                ratio = round(r["cpu_pct"] / base["cpu_pct"], 2)
                out.append((name, "300: server CPU <= 3x Node's", ratio, ratio <= 3))
            out.append((name, "300: ack p99 <= 50 ms", r.get("ack_p99"),
                        (r.get("ack_p99") or 1e9) <= 50))
        elif scen.startswith("2000 phones "):
            out.append((name, "2000: server CPU < 80 %", r.get("cpu_pct"),
                        (r.get("cpu_pct") or 1e9) < 80))
            if r.get("p99") is not None and base.get("p99"):
                ratio = round(r["p99"] / base["p99"], 2)
                out.append((name, "2000: projector p99 <= 1.5x Node's", ratio, ratio <= 1.5))
            out.append((name, "2000: phone tally p99 <= 1 s", r.get("phone_p99"),
                        (r.get("phone_p99") or 1e9) <= 1000))
        if " phones " in scen or scen.startswith("hold"):
            ok = r.get("lost") == 0 and r.get("dup") == 0 and not r.get("join_failed")
            out.append((name, f"{r.get('clients')} held, 0 lost, 0 dup",
                        f"lost {r.get('lost')} dup {r.get('dup')} failed {r.get('join_failed')}", ok))
    return out


COLUMNS = [("target", "target", 9), ("scenario", "scenario", 24), ("clients", "phones", 6),
           ("cpu_pct", "srv CPU%", 8), ("cpu_ms_per_dot", "ms/dot", 6),
           ("ack_p50", "ack p50", 7), ("ack_p99", "ack p99", 7), ("p99", "proj p99", 8),
           ("phone_p99", "phone p99", 9), ("acked", "acked", 6), ("lost", "lost", 4),
           ("dup", "dup", 4), ("server_wait_pct", "srv wait%", 9),
           ("generator_pct", "gen CPU%", 8), ("others_pct", "others%", 7),
           ("load1", "load1", 5)]


def print_compare(rows):
    rows = [r for r in rows if " phones " in r.get("scenario", "") or r.get("scenario", "").startswith("hold")]
    if not rows:
        return
    print("\nComparison with the bare Node socket.io 4 server (ref), same load generator:")
    print(NOTE)
    print(" ".join(title.ljust(width) for _, title, width in COLUMNS))
    for r in rows:
        print(" ".join(report._cell(r.get(key), width) for key, _, width in COLUMNS))
    rs = ratios(rows)
    if rs:
        print("\napp / ref (1.0 = as the Node server; below 1 is better):")
        for r in rs:
            values = ", ".join(f"{title} {r[key]}" for key, title in RATIO_KEYS if key in r)
            print(f"  {r['target']:<9} {r['scenario']:<24} {values}")
    cs = checks(rows)
    if cs:
        print("\nIssue 16 targets:")
        for target, what, value, met in cs:
            print(f"  {'MET ' if met else 'MISS'} {target:<9} {what:<36} {value}")
