"""`make bench`: the live-workshop benchmark.

    python -m tests.load.bench                 # issue 16's comparison with the Node reference
    python -m tests.load.bench --compare --no-hold   # only the comparison table (4-5 minutes)
    python -m tests.load.bench --full          # issue 7's scenarios (about 20 minutes)
    python -m tests.load.bench --quick         # a smoke run of those (about 2 minutes)
    python -m tests.load.bench --full --scenarios hall --hall-phones 5 --targets eventlet

Targets: the app with ASYNC_MODE=eventlet and gevent (one process, SQLite), `ref` (the bare
Node socket.io 4 server in tests/load/ref_server/), `ceiling` (a bare python-socketio
server), the app on PostgreSQL + Redis with one and two processes on two ports
(`eventlet-pg2`) or on one port with SO_REUSEPORT (`gevent-rp2`). Cores: the server is pinned
to CPU 0 and the load generator (this process and its workers) to CPU 1, except in the
scale-out runs, where the OS shares both cores.
"""
import argparse
import asyncio
import os
import random
import sys
import time

from . import compare, report
from tests.support.clients import now
from .scenarios import IDEAS, Run, ms, pct
from tests.support.server import raise_fd_limit

COMPARE = {"sizes": [2000], "duration": 15, "rate": 200, "burst_window": 10,
           "reconnect_at": 0, "scaleout_size": 2000, "scaleout_duration": 15,
           "targets": "eventlet,gevent,ref", "scenarios": "compare,hold"}
FULL = {"sizes": [500, 1000, 2000, 5000], "duration": 60, "rate": 200, "burst_window": 10,
        "reconnect_at": 2000, "scaleout_size": 2000, "scaleout_duration": 30,
        "targets": "eventlet,gevent,ceiling,eventlet-pg1,eventlet-pg2",
        "scenarios": "hall,city,reconnect,flood"}
QUICK = {"sizes": [100, 300], "duration": 10, "rate": 50, "burst_window": 5,
         "reconnect_at": 300, "scaleout_size": 200, "scaleout_duration": 8,
         "targets": "eventlet,gevent,ceiling,eventlet-pg1,eventlet-pg2",
         "scenarios": "hall,city,reconnect,flood"}


def targets(names, args):
    out = []
    for name in names.split(","):
        name = name.strip()
        if name in ("eventlet", "gevent"):
            out.append({"name": name, "kind": "app", "mode": name})
        elif name == "ref":
            out.append({"name": "ref", "kind": "ref", "mode": "node"})
        elif "-rp" in name:  # several processes on one port (SO_REUSEPORT), PG + Redis
            mode, procs = name.split("-rp")
            out.append({"name": name, "kind": "app", "mode": mode, "processes": int(procs),
                        "postgres": True, "queue": args.redis, "pin": False,
                        "reuseport": True})
        elif name == "ceiling":
            out.append({"name": "ceiling", "kind": "ceiling", "mode": "eventlet"})
        elif name.startswith("eventlet-pg") or name.startswith("gevent-pg"):
            mode, procs = name.split("-pg")
            out.append({"name": name, "kind": "app", "mode": mode, "processes": int(procs),
                        "postgres": True, "queue": args.redis, "pin": False})
        elif name:
            raise SystemExit(f"unknown target {name}")
    return out


async def hall(run, args, rows):
    phones = list(range(args.hall_phones))
    joined = await run.fleet.grow(len(phones), run.info["code"])
    ideas = await run.seed_ideas(2 * len(phones), phones, window=args.hall_seconds / 2)
    schedule = []
    for phone in phones:
        for _ in range(5):
            payload = run.plan_dot(phone)
            if payload:
                schedule.append((run.rng.uniform(0, args.hall_seconds), phone, payload))
    result = await run.dots(schedule)
    result.update(await run.check_truth())
    result.update(run.memory(joined["held"]))
    result.update(scenario="hall", clients=joined["held"], join_failed=joined["failed"],
                  idea_p99=ms(pct(ideas["latencies"], 99)), ideas=ideas["ideas"])
    rows.append(report.row(run.t["name"], result, joined.get("errors")))


async def city(run, args, rows, sizes, duration, do_reconnect):
    for size in sizes:
        joined = await run.fleet.grow(size, run.info["code"])
        held = await run.fleet.held()
        if len(run.ideas) < IDEAS:
            await run.seed_ideas(IDEAS - len(run.ideas), list(range(IDEAS)))
        await run.fleet.clear()
        connected = list(range(size))
        order = connected[:]
        run.rng.shuffle(order)
        schedule = []
        for n in range(int(args.rate * duration)):
            phone = order[n % len(order)]
            payload = run.plan_dot(phone)
            if payload:
                schedule.append((n / args.rate, phone, payload))
        sustained = await run.dots(schedule)
        sustained.update(await run.check_truth())
        sustained.update(run.memory(held))
        sustained.update(scenario=f"city sustained {args.rate}/s", clients=held,
                         join_failed=joined["failed"], connect_s=round(joined["seconds"], 1))
        rows.append(report.row(run.t["name"], sustained, joined.get("errors")))
        await run.fleet.clear()
        schedule = []
        for phone in connected:
            payload = run.plan_dot(phone)
            if payload:
                schedule.append((run.rng.uniform(0, args.burst_window), phone, payload))
        burst = await run.dots(schedule)
        burst.update(await run.check_truth())
        burst.update(run.memory(held))
        burst.update(scenario=f"city burst {len(schedule)} in {args.burst_window}s", clients=held)
        rows.append(report.row(run.t["name"], burst))
        report.flush_partial(args, rows)
        if do_reconnect and size == args.reconnect_at:
            await reconnect(run, args, rows, held)


async def reconnect(run, args, rows, held):
    """Restart the server with every phone connected; time until 95 % have a snapshot."""
    await run.fleet.clear()
    server = run.servers[0]
    server.stop_sampling()
    started = now()
    await asyncio.to_thread(server.stop)
    await asyncio.to_thread(server.start)
    up = now() - started
    run.baseline_rss = 0  # a new process: its whole memory counts from here
    server.start_sampling()
    deadline = started + args.reconnect_timeout
    times = []
    while now() < deadline:
        times = await run.fleet.back_since(started)
        if len(times) >= held:
            break
        await asyncio.sleep(0.5)
    need = math_ceil(0.95 * held)
    result = {"scenario": "reconnect (restart)", "clients": held, "server_up_s": round(up, 1),
              "back": len(times),
              "reconnect95_s": round(times[need - 1] - started, 1) if len(times) >= need else None,
              "reconnect100_s": round(times[-1] - started, 1) if len(times) >= held else None}
    await asyncio.sleep(1.0)
    result.update(run.memory(held))
    rows.append(report.row(run.t["name"], result))


def math_ceil(x):
    return int(-(-x // 1))


async def flood(run, args, rows):
    """Issue 6: one phone floods events while 200 others vote; their latency."""
    from tests.support.clients import LiveClient, join
    phones = list(range(args.flood_phones))
    joined = await run.fleet.grow(len(phones), run.info["code"])
    await run.seed_ideas(IDEAS, phones[:IDEAS])
    base = run.servers[0].base
    cookies = await join(run.http, base, run.info["code"])
    attacker = LiveClient(run.http, base, {"workshop": run.info["workshop_id"],
                                           "role": "participant"}, cookies, keep_tallies=False)
    await attacker.connect()

    def plan():
        out = []
        for n in range(int(args.flood_rate * args.flood_seconds)):
            phone = phones[n % len(phones)]
            payload = run.plan_dot(phone)
            if payload:
                out.append((n / args.flood_rate, phone, payload))
        return out

    quiet = await run.dots(plan())
    quiet.update(scenario="flood: votes, no flood", clients=joined["held"])
    rows.append(report.row(run.t["name"], quiet))
    flood_task = asyncio.ensure_future(flood_events(attacker, args.flood_seconds + 1))
    loud = await run.dots(plan())
    stats = await flood_task
    loud.update(await run.check_truth())
    loud.update(scenario="flood: votes during flood", clients=joined["held"],
                flood=f"{stats['sent']} sent, acks {stats['codes']}")
    rows.append(report.row(run.t["name"], loud))
    attacker.reconnect = False
    await attacker.close()


async def flood_events(client, seconds, per_tick=40, tick=0.01, limit=100_000):
    from tests.support.clients import client_id
    end, sent, futures = now() + seconds, 0, []
    while now() < end and sent < limit and client.connected.is_set():
        for _ in range(per_tick):
            sent += 1
            if sent % 2:
                payload = {"client_id": client_id("flood", sent), "idea_id": 0}
                futures.append(client.emit("dot:add", payload))
            else:
                futures.append(client.emit("session:sync", {}))
        await asyncio.sleep(tick)
    done = set()
    if futures:
        done, _ = await asyncio.wait(futures, timeout=10)
    codes = {}
    for future in done:
        if future.exception() is None:
            ack = future.result()
            if not isinstance(ack, dict):  # e.g. Flask-SocketIO's ('', 400) after a close
                key = "not_a_dict"
            else:
                key = "ok" if ack.get("ok") else ack.get("error", "?")
            codes[key] = codes.get(key, 0) + 1
        else:
            codes["dropped"] = codes.get("dropped", 0) + 1
    codes["no_ack"] = len(futures) - len(done)
    return {"sent": sent, "codes": codes}


async def run_target(target, args, scenarios, rows, deadline):
    rng = random.Random(args.seed)
    pg = None
    if target.get("postgres"):
        from tests.pg import postgres_available, throwaway_database
        if not postgres_available():
            rows.append(report.row(target["name"], {"scenario": "skipped: no PostgreSQL"}))
            return
        pg = throwaway_database()
        target["db_url"] = pg.__enter__()
    try:
        if {"compare", "hold"} & scenarios:
            run = Run(dict(target, db_url=target.get("db_url")), args, rng)
            try:
                await run.start(budget=compare.dot_budget(args))
                if "compare" in scenarios:
                    await compare.compare(run, args, rows)
                if "hold" in scenarios and time.monotonic() < deadline:
                    await compare.hold(run, args, rows)
            finally:
                await run.stop()
        if "hall" in scenarios and not target.get("postgres"):
            run = Run(target, args, rng)
            try:
                await run.start(budget=5)
                await hall(run, args, rows)
            finally:
                await run.stop()
        if "city" in scenarios and time.monotonic() < deadline:
            run = Run(dict(target, db_url=target.get("db_url")), args, rng)
            sizes = args.sizes
            duration = args.duration
            if target.get("postgres"):
                sizes, duration = [args.scaleout_size], args.scaleout_duration
            # The first phones vote at every size: their share of each sustained stream
            # plus one burst dot per size.
            need = int(args.rate * duration) + 1
            budget = max(5, sum(-(-need // size) + 1 for size in sizes) + 2)
            budget = min(budget, IDEAS * 3)
            try:
                await run.start(budget=budget)
                await city(run, args, rows, sizes, duration,
                           "reconnect" in scenarios and not target.get("postgres"))
            finally:
                await run.stop()
        if "flood" in scenarios and target["name"] in args.flood_targets.split(",") \
                and time.monotonic() < deadline:
            run = Run(target, args, rng)
            try:
                await run.start(budget=60)
                await flood(run, args, rows)
            finally:
                await run.stop()
    except Exception as error:  # noqa: BLE001  one broken target must not end the whole run
        rows.append(report.row(target["name"], {"scenario": "FAILED",
                                                "note": f"{type(error).__name__}: {error}"}))
    finally:
        if pg is not None:
            pg.__exit__(None, None, None)


def parse(argv):
    p = argparse.ArgumentParser(prog="python -m tests.load.bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--compare", action="store_true",
                   help="issue 16's comparison with the Node reference (the default)")
    p.add_argument("--full", action="store_true", help="issue 7's scenarios, about 20 minutes")
    p.add_argument("--quick", action="store_true", help="a short smoke run of issue 7's scenarios")
    p.add_argument("--compare-seconds", type=float, default=15,
                   help="seconds of dots per comparison step")
    p.add_argument("--compare-steps", default=compare.STEPS,
                   help="phones:dots per second of each comparison step")
    p.add_argument("--no-hold", dest="hold", action="store_false",
                   help="leave out the 5,000-phone hold")
    p.add_argument("--hold-phones", type=int, default=5000)
    p.add_argument("--hold-rate", type=float, default=100, help="dots/s while phones are held")
    p.add_argument("--targets", help="comma list: eventlet,gevent,ref,ceiling,eventlet-pg1,"
                                     "eventlet-pg2,gevent-rp2 (-pgN: N ports, -rpN: one port)")
    p.add_argument("--scenarios", help="comma list: compare,hold,hall,city,reconnect,flood")
    p.add_argument("--sizes", help="city sizes, e.g. 500,1000,2000,5000")
    p.add_argument("--duration", type=float, help="seconds of sustained dots per size")
    p.add_argument("--rate", type=float, help="sustained dots per second")
    p.add_argument("--burst-window", type=float, help="seconds in which every phone places a dot")
    p.add_argument("--reconnect-at", type=int, help="restart the server at this city size")
    p.add_argument("--reconnect-timeout", type=float, default=60)
    p.add_argument("--scaleout-size", type=int)
    p.add_argument("--scaleout-duration", type=float)
    p.add_argument("--hall-phones", type=int, default=30)
    p.add_argument("--hall-seconds", type=float, default=10)
    p.add_argument("--flood-phones", type=int, default=200)
    p.add_argument("--flood-rate", type=float, default=20, help="dots/s of the 200 voters")
    p.add_argument("--flood-seconds", type=float, default=15)
    p.add_argument("--flood-targets", default="eventlet,gevent")
    p.add_argument("--phone-sample", type=int, default=200,
                   help="dots whose arrival is checked on every phone")
    p.add_argument("--settle", type=float, default=2.0, help="seconds to wait for last tallies")
    p.add_argument("--workers", type=int, default=1, help="load generator processes")
    p.add_argument("--no-pin", action="store_true", help="do not pin server and generator")
    p.add_argument("--redis", default=os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/0"))
    p.add_argument("--max-minutes", type=float, default=40, help="stop starting new targets after")
    p.add_argument("--out", default="bench-results")
    p.add_argument("--seed", type=int, default=2026)
    args = p.parse_args(argv)
    preset = QUICK if args.quick else FULL if args.full else COMPARE
    if not args.hold and preset is COMPARE and args.scenarios is None:
        args.scenarios = "compare"
    for key, value in preset.items():
        attr = key.replace("-", "_")
        if getattr(args, attr, None) is None:
            setattr(args, attr, value)
    if isinstance(args.sizes, str):
        args.sizes = [int(x) for x in args.sizes.split(",")]
    pin = not args.no_pin and len(os.sched_getaffinity(0)) >= 2
    cpus = sorted(os.sched_getaffinity(0))
    args.server_cpus = {cpus[0]} if pin else None
    args.generator_cpus = {cpus[-1]} if pin else None
    return args


async def main(argv=None):
    args = parse(argv)
    fds = raise_fd_limit()
    if args.generator_cpus:
        os.sched_setaffinity(0, args.generator_cpus)
    started = time.monotonic()
    deadline = started + args.max_minutes * 60
    scenarios = set(args.scenarios.split(","))
    rows = []
    for target in targets(args.targets, args):
        if time.monotonic() > deadline:
            rows.append(report.row(target["name"], {"scenario": "skipped: time bound reached"}))
            continue
        print(f"[bench] {target['name']} ...", file=sys.stderr, flush=True)
        await run_target(target, args, scenarios, rows, deadline)
    path = report.write(args, rows, started, fds)
    report.print_table(rows, args)
    compare.print_compare(rows)
    print(f"\nJSON: {path}")
    return rows


if __name__ == "__main__":
    asyncio.run(main())
