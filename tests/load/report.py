"""The benchmark's table (stdout) and JSON file (bench-results/)."""
import datetime
import json
import os
import platform
import time

import psutil

COLUMNS = [
    ("target", "target", 12), ("scenario", "scenario", 26), ("clients", "clients", 7),
    ("p50", "p50 ms", 7), ("p95", "p95 ms", 7), ("p99", "p99 ms", 7),
    ("phone_p99", "phone p99", 9), ("dots_per_s", "dots/s", 7), ("acked", "acked", 6),
    ("lost", "lost", 4), ("dup", "dup", 4), ("cpu_pct", "CPU %", 6),
    ("kb_per_client", "KB/client", 9), ("reconnect95_s", "95% back s", 10),
]


def row(target, result, errors=None):
    out = {"target": target, **result}
    if errors:
        out["join_errors"] = errors
    return out


def _cell(value, width):
    if value is None:
        text = "-"
    elif isinstance(value, float):
        text = f"{value:.1f}" if value < 1000 else f"{value:.0f}"
    else:
        text = str(value)
    return text[:width].rjust(width) if not isinstance(value, str) else text[:width].ljust(width)


def machine():
    freq = psutil.cpu_freq()
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            model = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    return {"cpus": psutil.cpu_count(), "cpu_model": model,
            "mhz": round(freq.current) if freq else None,
            "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "kernel": platform.release()}


def ratios(rows):
    """The app against the ceiling, gevent against eventlet, two processes against one."""
    out = []
    index = {(r["target"], r.get("scenario"), r.get("clients")): r for r in rows}
    pairs = [("eventlet", "ceiling"), ("gevent", "ceiling"), ("gevent", "eventlet"),
             ("eventlet-pg2", "eventlet-pg1")]
    for a, b in pairs:
        for (target, scenario, clients), ra in index.items():
            if target != a:
                continue
            rb = index.get((b, scenario, clients))
            if not rb:
                continue
            entry = {"pair": f"{a}/{b}", "scenario": scenario, "clients": clients}
            for key in ("p95", "p99", "phone_p99", "cpu_pct", "kb_per_client", "reconnect95_s"):
                if ra.get(key) and rb.get(key):
                    entry[key] = round(ra[key] / rb[key], 2)
            out.append(entry)
    return out


def targets_check(rows):
    """The issue's targets (2 cores, one process, SQLite), met or not."""
    checks = []
    for r in rows:
        if r["target"] not in ("eventlet", "gevent"):
            continue
        scen = r.get("scenario", "")
        if scen == "hall" and r.get("p99") is not None:
            checks.append((r["target"], "hall p99 < 50 ms", r["p99"], r["p99"] < 50))
        if scen.startswith("city sustained") and r.get("clients", 0) >= 2000 and r.get("p95"):
            n = r["clients"]
            checks.append((r["target"], f"{n}: p95 <= 300 ms", r["p95"], r["p95"] <= 300))
            checks.append((r["target"], f"{n}: p99 <= 600 ms", r["p99"], r["p99"] <= 600))
            checks.append((r["target"], f"{n}: phone p99 <= 1 s", r.get("phone_p99"),
                           (r.get("phone_p99") or 1e9) <= 1000))
            checks.append((r["target"], f"{n}: zero lost", r.get("lost"), r.get("lost") == 0))
            checks.append((r["target"], f"{n}: <= 150 KB/phone", r.get("kb_per_client"),
                           (r.get("kb_per_client") or 1e9) <= 150))
        if scen.startswith("reconnect") and r.get("clients", 0) >= 2000:
            value = r.get("reconnect95_s")
            checks.append((r["target"], f"{r['clients']}: 95 % back <= 20 s", value,
                           value is not None and value <= 20))
    return checks


def document(args, rows, started, fds):
    return {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "duration_s": round(time.monotonic() - started, 1), "machine": machine(),
            "cores": {"server": sorted(args.server_cpus or []),
                      "generator": sorted(args.generator_cpus or []),
                      "note": "scale-out (pg) runs are not pinned"},
            "fd_limit": fds, "args": {k: v for k, v in vars(args).items()
                                      if isinstance(v, (int, float, str, list, bool))},
            "rows": rows, "ratios": ratios(rows), "ratios_to_ref": _compare().ratios(rows),
            "issue16_targets": [dict(target=t, what=w, value=v, met=m)
                                for t, w, v, m in _compare().checks(rows)],
            "targets": [dict(target=t, what=w, value=v, met=m) for t, w, v, m in targets_check(rows)]}


def _compare():
    from . import compare
    return compare


def write(args, rows, started, fds):
    os.makedirs(args.out, exist_ok=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = os.path.join(args.out, f"bench-{stamp}.json")
    doc = document(args, rows, started, fds)
    for name in (path, os.path.join(args.out, "latest.json")):
        with open(name, "w") as f:
            json.dump(doc, f, indent=1)
    return path


def flush_partial(args, rows):
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "partial.json"), "w") as f:
        json.dump(rows, f, indent=1)


def table(rows):
    lines = [" ".join(_cell(title, width) if False else title[:width].ljust(width)
                      for _, title, width in COLUMNS)]
    for r in rows:
        lines.append(" ".join(_cell(r.get(key), width) for key, _, width in COLUMNS))
        notes = [f"{k}={r[k]}" for k in ("errors", "join_failed", "projector_missed",
                                         "phone_missed", "count_mismatch", "projector_mismatch",
                                         "idea_p99", "ack_p95", "server_cpu_each", "cpu_ms_per_dot", "peak_rss_mb", "server_up_s",
                                         "reconnect100_s", "flood", "note", "join_errors",
                                         "connect_s")
                 if r.get(k) not in (None, 0, {}, [], "")]
        if notes:
            lines.append("    " + ", ".join(notes))
    return "\n".join(lines)


def print_table(rows, args):
    m = machine()
    print(f"\nZukunftswerkstatt Live benchmark, {datetime.date.today()} on {m['cpus']} cores "
          f"({m['cpu_model']}), {m['memory_gb']} GB")
    print(f"server on CPU {sorted(args.server_cpus or [])}, load generator on CPU "
          f"{sorted(args.generator_cpus or [])} (scale-out runs unpinned)\n")
    print(table(rows))
    rs = ratios(rows)
    if rs:
        print("\nRatios (a/b; below 1 means a is faster or leaner):")
        for r in rs:
            values = ", ".join(f"{k} {v}" for k, v in r.items() if k not in ("pair", "scenario", "clients"))
            print(f"  {r['pair']:<24} {r['scenario']:<26} {r['clients']!s:>5}: {values}")
    checks = targets_check(rows)
    if checks:
        print("\nTargets:")
        for target, what, value, met in checks:
            print(f"  {'MET ' if met else 'MISS'} {target:<9} {what:<26} {value}")
