#!/usr/bin/python3
"""Parse raw bench output and print the comparison tables (Python standard library only).

Results travel between the shell scripts and this file as TSV lines: ``system<TAB>metric<TAB>value``.
A system that could not run has the metric ``status`` with the reason as its value, e.g.
``ganymede  status  n/a (ganymede not built)``; its cells print that reason.

Commands:
  wrk FILE SYSTEM PREFIX      parse wrk --latency output into PREFIX_rps, _p50_ms, _p99_ms, _errors
  kv FILE SYSTEM PREFIX       turn the tools' "RESULT key=value ..." line into PREFIX_key rows
  proxy-table RESULTS.tsv     the proxy comparison table and Ganymede's targets
  hub-table RESULTS.tsv       the hub comparison table and Ganymede's targets
  spawn-table RESULTS.tsv     the spawn comparison table and Ganymede's targets
"""
import re
import sys

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_duration_ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * UNITS_MS[match.group(2)]


def wrk_rows(path, system, prefix):
    text = open(path, encoding="utf-8", errors="replace").read()
    rows = []
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    if not rps:
        rows.append((system, prefix + "_failed", "wrk gave no result (see " + path + ")"))
        return rows
    rows.append((system, prefix + "_rps", rps.group(1)))
    for pct in ("50", "99"):
        match = re.search(r"^\s+" + pct + r"%\s+(\S+)", text, re.M)
        if match:
            rows.append((system, f"{prefix}_p{pct}_ms", f"{parse_duration_ms(match.group(1)):.3f}"))
    errors = 0
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if socket:
        errors += sum(int(g) for g in socket.groups())
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if non2xx:
        errors += int(non2xx.group(1))
    rows.append((system, prefix + "_errors", str(errors)))
    return rows


def kv_rows(path, system, prefix):
    for line in open(path, encoding="utf-8", errors="replace"):
        if line.startswith("RESULT "):
            return [(system, f"{prefix}_{k}", v) for k, v in
                    (pair.split("=", 1) for pair in line.split()[1:] if "=" in pair)]
    return [(system, prefix + "_failed", "no RESULT line (see " + path + ")")]


def load(path):
    results = {}
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 3:
            results.setdefault(parts[0], {})[parts[1]] = parts[2]
    return results


def number(results, system, metric):
    try:
        return float(results.get(system, {})[metric])
    except (KeyError, ValueError):
        return None


def fmt(value):
    if value is None:
        return "—"
    if value == int(value) and abs(value) < 1e6:
        return f"{int(value):,}"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


def print_table(title, header, rows):
    # Scenarios left out of this run (BENCH_SIZES, BENCH_CONNS) have no value anywhere: drop them.
    rows = [r for r in rows if any(c != "—" for c in r[1:])]
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    print()
    print(title)
    line = "  ".join(str(h).ljust(w) for h, w in zip(header, widths))
    print(line)
    print("-" * len(line))
    for row in rows:
        print("  ".join([str(row[0]).ljust(widths[0])] + [str(c).rjust(w) for c, w in zip(row[1:], widths[1:])]))


def cell(results, system, metric, base_system=None):
    """A value, with its ratio to base_system's value in brackets when asked."""
    status = results.get(system, {}).get("status")
    if status:
        return status
    value = number(results, system, metric)
    if value is None:
        failed = [v for k, v in results.get(system, {}).items() if k.endswith("_failed") and metric.startswith(k[:-7])]
        return "failed" if failed else "—"
    if base_system and base_system != system:
        base = number(results, base_system, metric)
        if base:
            return f"{fmt(value)} ({value / base:.2f}×)"
    return fmt(value)


def verdict(ok):
    return "PASS" if ok else "FAIL"


# --------------------------------------------------------------------------------------------
# Proxy
# --------------------------------------------------------------------------------------------

PROXY_SYSTEMS = ["direct", "ganymede", "chp4", "chp5", "nginx"]
PROXY_NAMES = {"direct": "direct", "ganymede": "Ganymede", "chp4": "CHP 4.5", "chp5": "CHP 5",
               "nginx": "nginx rproxy"}


def proxy_table(path):
    results = load(path)
    systems = [s for s in PROXY_SYSTEMS if s in results]
    rows = []
    for size, label in (("small", "small"), ("1m", "1 MiB")):
        for conns in ("50", "500"):
            prefix = f"{size}_c{conns}"
            rows.append((f"{label} {conns}c req/s", *[cell(results, s, prefix + "_rps", "direct") for s in systems]))
            rows.append((f"{label} {conns}c p50 ms", *[cell(results, s, prefix + "_p50_ms") for s in systems]))
            rows.append((f"{label} {conns}c p99 ms", *[cell(results, s, prefix + "_p99_ms", "direct") for s in systems]))
            rows.append((f"{label} {conns}c errors", *[cell(results, s, prefix + "_errors") for s in systems]))
    rows.append(("WS echo msgs/s", *[cell(results, s, "wsecho_msgs_per_s", "direct") for s in systems]))
    rows.append(("WS echo errors", *[cell(results, s, "wsecho_errors") for s in systems]))
    rows.append(("RSS idle MiB", *[mib(results, s, "rss_idle_kib") for s in systems]))
    rows.append(("RSS +idle WS MiB", *[mib(results, s, "rss_ws_kib") for s in systems]))
    rows.append(("KiB per idle WS", *[cell(results, s, "kib_per_ws") for s in systems]))
    print_table("Proxy benchmark (ratios in brackets are to direct; same run, same machine)",
                ["scenario", *[PROXY_NAMES[s] for s in systems]], rows)
    proxy_targets(results)


def mib(results, system, metric):
    status = results.get(system, {}).get("status")
    if status:
        return status
    value = number(results, system, metric)
    return "—" if value is None else f"{value / 1024:.1f}"


def ratio(results, system, metric, base_system):
    value, base = number(results, system, metric), number(results, base_system, metric)
    return None if value is None or not base else value / base


def proxy_targets(results):
    print()
    print("Ganymede proxy targets")
    status = results.get("ganymede", {}).get("status")
    targets = [
        ("small 50c ≥ 0.55× direct req/s", lambda: check_ratio(results, "small_c50_rps", ">=", 0.55)),
        ("small 50c p99 ≤ 2.5× direct", lambda: check_ratio(results, "small_c50_p99_ms", "<=", 2.5)),
        ("small 500c ≥ 0.45× direct req/s", lambda: check_ratio(results, "small_c500_rps", ">=", 0.45)),
        ("small 500c no errors", lambda: check_value(results, "small_c500_errors", "<=", 0)),
        ("small 500c p99 ≤ nginx's", lambda: check_against(results, "small_c500_p99_ms", "nginx")),
        ("1 MiB 50c ≥ 0.25× direct req/s", lambda: check_ratio(results, "1m_c50_rps", ">=", 0.25)),
        ("1 MiB 500c ≥ 0.25× direct req/s", lambda: check_ratio(results, "1m_c500_rps", ">=", 0.25)),
        ("WS echo ≥ 0.8× direct", lambda: check_ratio(results, "wsecho_msgs_per_s", ">=", 0.8)),
        ("≤ 5 KiB per idle WS", lambda: check_value(results, "kib_per_ws", "<=", 5)),
    ]
    for name, check in targets:
        print(f"  {name:<36} {status if status else check()}")


def compare(value, op, bound):
    return value >= bound if op == ">=" else value <= bound


def check_ratio(results, metric, op, bound):
    r = ratio(results, "ganymede", metric, "direct")
    return "n/a (not measured)" if r is None else f"{verdict(compare(r, op, bound))} ({r:.2f}×)"


def check_value(results, metric, op, bound):
    v = number(results, "ganymede", metric)
    return "n/a (not measured)" if v is None else f"{verdict(compare(v, op, bound))} ({fmt(v)})"


def check_against(results, metric, other):
    v, o = number(results, "ganymede", metric), number(results, other, metric)
    if v is None or o is None:
        return "n/a (not measured)"
    return f"{verdict(v <= o)} ({fmt(v)} vs {fmt(o)} ms)"


# --------------------------------------------------------------------------------------------
# Hub
# --------------------------------------------------------------------------------------------

HUB_SYSTEMS = ["jupyterhub", "ganymede"]
HUB_NAMES = {"jupyterhub": "JupyterHub 3.0", "ganymede": "Ganymede"}


def hub_table(path):
    results = load(path)
    systems = [s for s in HUB_SYSTEMS if s in results]
    users = next((results[s].get("users") for s in systems if results[s].get("users")), "?")
    rows = [
        (f"create {users} users (s)", *[cell(results, s, "create_seconds") for s in systems]),
        ("create users/s", *[cell(results, s, "create_users_per_s") for s in systems]),
        (f"list {users} users (s)", *[cell(results, s, "list_seconds") for s in systems]),
        ("GET one user req/s", *[cell(results, s, "getuser_rps") for s in systems]),
        ("GET one user p50 ms", *[cell(results, s, "getuser_p50_ms") for s in systems]),
        ("GET one user p99 ms", *[cell(results, s, "getuser_p99_ms") for s in systems]),
        ("GET one user errors", *[cell(results, s, "getuser_errors") for s in systems]),
        ("form logins/s", *[cell(results, s, "login_logins_per_s") for s in systems]),
        ("form logins failed", *[cell(results, s, "login_failed") for s in systems]),
        ("cold start (s)", *[cell(results, s, "cold_start_seconds") for s in systems]),
        ("idle RSS hub MiB", *[mib(results, s, "rss_hub_kib") for s in systems]),
        ("idle RSS proxy MiB", *[mib(results, s, "rss_proxy_kib") for s in systems]),
        ("idle RSS total MiB", *[mib(results, s, "rss_total_kib") for s in systems]),
    ]
    print_table("Hub benchmark (same run, same machine)", ["scenario", *[HUB_NAMES[s] for s in systems]], rows)
    hub_targets(results)


def hub_targets(results):
    print()
    print("Ganymede hub targets (ratio = Ganymede against JupyterHub 3.0 in this run)")
    status = results.get("ganymede", {}).get("status")
    jh_status = results.get("jupyterhub", {}).get("status")

    def speedup(metric, bound):  # lower is better: JupyterHub / Ganymede
        g, j = number(results, "ganymede", metric), number(results, "jupyterhub", metric)
        if g is None or j is None or g == 0:
            return "n/a (not measured)"
        return f"{verdict(j / g >= bound)} ({j / g:.1f}× faster)"

    def gain(metric, bound):  # higher is better: Ganymede / JupyterHub
        g, j = number(results, "ganymede", metric), number(results, "jupyterhub", metric)
        if g is None or not j:
            return "n/a (not measured)"
        return f"{verdict(g / j >= bound)} ({g / j:.1f}×)"

    def share(metric, bound):  # lower is better: Ganymede / JupyterHub must stay under bound
        g, j = number(results, "ganymede", metric), number(results, "jupyterhub", metric)
        if g is None or not j:
            return "n/a (not measured)"
        return f"{verdict(g / j <= bound)} ({g / j:.2f}×)"

    targets = [
        ("create users ≥ 50× faster", lambda: speedup("create_seconds", 50)),
        ("list all users ≥ 10× faster", lambda: speedup("list_seconds", 10)),
        ("GET one user ≥ 30× req/s", lambda: gain("getuser_rps", 30)),
        ("GET one user p99 ≤ 1/10", lambda: share("getuser_p99_ms", 0.1)),
        ("form logins ≥ 20× per second", lambda: gain("login_logins_per_s", 20)),
        ("cold start ≤ 0.5×", lambda: share("cold_start_seconds", 0.5)),
        ("idle memory hub+proxy ≤ 1.0×", lambda: share("rss_total_kib", 1.0)),
    ]
    for name, check in targets:
        print(f"  {name:<32} {status or (jh_status and 'n/a (JupyterHub did not run)') or check()}")


# --------------------------------------------------------------------------------------------
# Spawn
# --------------------------------------------------------------------------------------------

def hub_share_ms(results, system):
    """Median spawn-to-ready minus the median start-up of the same server started directly."""
    spawn, direct = number(results, system, "one_spawn_s"), number(results, "singleuser", "direct_startup_s")
    return None if spawn is None or direct is None else (spawn - direct) * 1000


def spawn_table(path):
    results = load(path)
    systems = [s for s in HUB_SYSTEMS if s in results]
    run = results.get("_run", {})
    n, conc = run.get("spawns", "?"), run.get("concurrent", "?")

    def share_cell(s):
        status = results.get(s, {}).get("status")
        v = hub_share_ms(results, s)
        return status or ("—" if v is None else fmt(v))

    def ms(s, metric):
        v = number(results, s, metric)
        return results.get(s, {}).get("status") or ("—" if v is None else fmt(v * 1000))

    rows = [
        (f"one spawn to ready, median of {n} (s)", *[cell(results, s, "one_spawn_s", "jupyterhub") for s in systems]),
        ("  fastest / slowest (s)", *[f"{cell(results, s, 'one_spawn_min_s')} / {cell(results, s, 'one_spawn_max_s')}" for s in systems]),
        ("  API says ready (s)", *[cell(results, s, "one_api_ready_s", "jupyterhub") for s in systems]),
        ("  process started after POST (ms)", *[cell(results, s, "one_launch_ms") for s in systems]),
        ("first request through proxy (ms)", *[cell(results, s, "one_first_request_ms", "jupyterhub") for s in systems]),
        ("  first request answered 200 (of n)", *[cell(results, s, "one_first_request_ok") for s in systems]),
        (f"{conc} concurrent spawns, all ready (s)", *[cell(results, s, "many_spawn_all_s", "jupyterhub") for s in systems]),
        ("  servers ready", *[cell(results, s, "many_spawned") for s in systems]),
        ("stop one, median (s)", *[cell(results, s, "one_stop_s", "jupyterhub") for s in systems]),
        (f"stop {conc} concurrently (s)", *[cell(results, s, "many_stop_all_s", "jupyterhub") for s in systems]),
        ("  servers stopped", *[cell(results, s, "many_stopped") for s in systems]),
        ("  server's own start-up in it (s)", *[cell(results, s, "one_own_startup_s") for s in systems]),
        ("hub share of one spawn (ms)", *[cell(results, s, "one_hub_share_ms") for s in systems]),
        ("  cross-check: median − direct start (ms)", *[share_cell(s) for s in systems]),
    ]
    print_table("Spawn benchmark (same run, same machine, same single-user server)",
                ["scenario", *[HUB_NAMES[s] for s in systems]], rows)
    direct = number(results, "singleuser", "direct_startup_s")
    print(f"\njupyterhub-singleuser started directly, process start to port answering: "
          f"{'—' if direct is None else f'{direct:.3f} s'} (median of {results.get('singleuser', {}).get('direct_n', '?')};"
          f" min {results.get('singleuser', {}).get('direct_startup_min_s', '?')}, max "
          f"{results.get('singleuser', {}).get('direct_startup_max_s', '?')})")
    imports = results.get("singleuser", {}).get("concurrent_imports_s")
    print(f"{run.get('concurrent', '?')} concurrent imports of jupyterhub.singleuser alone (the floor under concurrent "
          f"spawns): {'—' if imports is None else imports + ' s'}")
    print(f"load average at start: {run.get('load', '?')} (2 shared cores: absolute figures move between runs)")
    spawn_targets(results)


def spawn_targets(results):
    print()
    print("Ganymede spawn targets (ratio = Ganymede against JupyterHub 3.0 in this run)")
    status = results.get("ganymede", {}).get("status")
    jh_status = results.get("jupyterhub", {}).get("status")

    def share(metric, bound):
        g, j = number(results, "ganymede", metric), number(results, "jupyterhub", metric)
        if g is None or not j:
            return "n/a (not measured)"
        return f"{verdict(g / j <= bound)} ({g / j:.2f}×)"

    def own_share():
        v = number(results, "ganymede", "one_hub_share_ms")
        return "n/a (not measured)" if v is None else f"{verdict(v <= 100)} ({v:.0f} ms)"

    targets = [
        ("hub share of a spawn ≤ 100 ms", own_share, False),
        ("one spawn ≤ 0.8×", lambda: share("one_spawn_s", 0.8), True),
        ("concurrent spawns ≤ 0.8×", lambda: share("many_spawn_all_s", 0.8), True),
        ("stop one ≤ 0.8×", lambda: share("one_stop_s", 0.8), True),
        ("stop all concurrently ≤ 0.8×", lambda: share("many_stop_all_s", 0.8), True),
    ]
    for name, check, needs_jh in targets:
        print(f"  {name:<32} {status or (needs_jh and jh_status and 'n/a (JupyterHub did not run)') or check()}")


def main(argv):
    if len(argv) >= 2 and argv[1] in ("wrk", "kv") and len(argv) == 5:
        rows = (wrk_rows if argv[1] == "wrk" else kv_rows)(argv[2], argv[3], argv[4])
        for row in rows:
            print("\t".join(row))
    elif len(argv) == 3 and argv[1] == "proxy-table":
        proxy_table(argv[2])
    elif len(argv) == 3 and argv[1] == "hub-table":
        hub_table(argv[2])
    elif len(argv) == 3 and argv[1] == "spawn-table":
        spawn_table(argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
