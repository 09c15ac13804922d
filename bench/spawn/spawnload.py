#!/usr/bin/python3
"""Spawn and stop single-user servers through a hub's REST API and time them (standard library only).

Used by bench/spawn/run.sh against JupyterHub 3.0 and Ganymede alike; every wait is bounded.

  spawnload.py one     --url U --token T --user NAME --repeat N   spawn/stop one server N times
  spawnload.py many    --url U --token T --users A,B,...          spawn all at once, then stop all at once
  spawnload.py startup --user NAME --repeat N                     jupyterhub-singleuser started directly

Each prints progress lines and one ``RESULT key=value ...`` line (bench/lib/report.py kv).

Timeline of one spawn, all from this client's clock:
  t0     POST /hub/api/users/NAME/server is sent
  api    the API says ready: POST answered 201, or (202) the progress stream sent ``ready: true``
         (then GET /hub/api/users/NAME confirms servers[""].ready), polling the model as a fallback
  first  GET /user/NAME/api through the proxy right after that: its latency is "first request"
  ready  the first 200 from GET /user/NAME/api (polled every 50 ms if the first one was not 200)
Stop: DELETE /hub/api/users/NAME/server until the model has no server (204 at once, or polled
after 202) AND every process the user owned before the DELETE is gone (zombies count as gone).
"""
import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DEADLINE_S = 180        # any single wait gives up after this
POLL_S = 0.05


def log(msg):
    print(time.strftime("%H:%M:%S"), msg, file=sys.stderr, flush=True)


class Hub:
    def __init__(self, url, token):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.token = token

    def request(self, method, path, auth=True, timeout=120):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            headers = {"Authorization": "token " + self.token} if auth else {}
            if method in ("POST", "DELETE"):
                headers["Content-Length"] = "0"
            conn.request(method, path, headers=headers)
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def server(self, user):
        """servers[""] of the user's model, or None when it has none (stopped)."""
        status, body = self.request("GET", f"/hub/api/users/{user}")
        if status != 200:
            raise RuntimeError(f"GET /hub/api/users/{user} answered {status}: {body[:200]!r}")
        return (json.loads(body).get("servers") or {}).get("")

    def progress_until_ready(self, user, deadline):
        """Reads the progress event stream until an event says ready (True) or the stream ends (False)."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=max(1, deadline - time.time()))
        try:
            conn.request("GET", f"/hub/api/users/{user}/server/progress",
                         headers={"Authorization": "token " + self.token, "Accept": "text/event-stream"})
            resp = conn.getresponse()
            if resp.status != 200:
                resp.read()
                return False
            while time.time() < deadline:
                line = resp.fp.readline()
                if not line:
                    return False
                if line.startswith(b"data:"):
                    try:
                        event = json.loads(line[5:])
                    except ValueError:
                        continue
                    if event.get("ready"):
                        return True
                    if event.get("failed"):
                        raise RuntimeError(f"spawn of {user} failed: {event.get('message')}")
            return False
        finally:
            conn.close()


def timed_get(host, port, path, timeout=30):
    t = time.time()
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        resp.read()
        return resp.status, time.time() - t
    except OSError:
        return 0, time.time() - t
    finally:
        conn.close()


class ServerWatcher(threading.Thread):
    """Watches one spawn from the side: when the user's server process starts (its /proc start time)
    and when its own port first answers GET <prefix>api with 200 (polled directly every 10 ms, at the
    JUPYTERHUB_SERVICE_URL read from its /proc environ). Together these are the process's own
    start-up, which the hub cannot shorten; everything else in the spawn is the hub's share."""

    def __init__(self, user, deadline):
        super().__init__(daemon=True)
        self.user, self.deadline = user, deadline
        self.started = self.answered = None
        self.done = threading.Event()

    def run(self):
        url = None
        while url is None and not self.done.is_set() and time.time() < self.deadline:
            for pid in user_pids(self.user):
                if not alive(pid):
                    continue
                url = url or service_url(pid)
                start = process_start(pid)
                if start is not None and (self.started is None or start < self.started):
                    self.started = start
            time.sleep(0.01)
        if url is None:
            return
        parts = urllib.parse.urlsplit(url)
        while not self.done.is_set() and time.time() < self.deadline:
            code, _ = timed_get(parts.hostname, parts.port, parts.path.rstrip("/") + "/api", timeout=5)
            if code == 200:
                self.answered = boot_clock()
                return
            time.sleep(0.01)


def service_url(pid):
    try:
        for item in open(f"/proc/{pid}/environ", "rb").read().split(b"\0"):
            if item.startswith(b"JUPYTERHUB_SERVICE_URL="):
                return item.split(b"=", 1)[1].decode()
    except OSError:
        pass
    return None


def spawn(hub, user, watch=False):
    """Spawns and waits until ready; returns a dict of timings (seconds, from t0)."""
    deadline = time.time() + DEADLINE_S
    watcher = ServerWatcher(user, deadline) if watch else None
    if watcher:
        watcher.start()
    t0, t0_boot = time.time(), boot_clock()
    status, body = hub.request("POST", f"/hub/api/users/{user}/server")
    t_post = time.time() - t0
    if status not in (201, 202):
        raise RuntimeError(f"POST /hub/api/users/{user}/server answered {status}: {body[:300]!r}")
    if status == 202:
        hub.progress_until_ready(user, deadline)
    while True:  # confirm with the model (one GET when the stream or the 201 said ready)
        model = hub.server(user) if status == 202 else {"ready": True}
        if model and model.get("ready"):
            break
        if time.time() > deadline:
            raise RuntimeError(f"{user}: API never said ready: {model}")
        time.sleep(0.1)
    t_api = time.time() - t0
    code, first = timed_get(hub.host, hub.port, f"/user/{user}/api")
    polls = 1
    while code != 200:
        if time.time() > deadline:
            raise RuntimeError(f"{user}: /user/{user}/api never answered 200 (last {code})")
        time.sleep(POLL_S)
        code, _ = timed_get(hub.host, hub.port, f"/user/{user}/api")
        polls += 1
    t_ready = time.time() - t0
    own_startup = None
    if watcher:
        watcher.done.set()
        watcher.join(5)
        if watcher.started is not None and watcher.answered is not None:
            own_startup = watcher.answered - watcher.started
    pids = [p for p in user_pids(user) if alive(p)]
    started = min((t for t in map(process_start, pids) if t is not None), default=None)
    return {"post_status": status, "post": t_post, "api": t_api, "first_request": first,
            "first_status_ok": polls == 1, "ready": t_ready,
            "launch": (started - t0_boot) if started else None, "pids": pids,
            "own_startup": own_startup, "hub_share": None if own_startup is None else t_ready - own_startup}


def stop(hub, user):
    deadline = time.time() + DEADLINE_S
    pids = user_pids(user)
    t0 = time.time()
    status, body = hub.request("DELETE", f"/hub/api/users/{user}/server")
    if status not in (202, 204):
        raise RuntimeError(f"DELETE /hub/api/users/{user}/server answered {status}: {body[:300]!r}")
    t_delete = time.time() - t0
    while status == 202 and hub.server(user) is not None:
        if time.time() > deadline:
            raise RuntimeError(f"{user}: API still shows a server")
        time.sleep(0.1)
    t_api = time.time() - t0
    while any(alive(p) for p in pids):
        if time.time() > deadline:
            raise RuntimeError(f"{user}: processes {pids} still alive")
        time.sleep(0.01)
    return {"delete_status": status, "delete": t_delete, "api": t_api, "gone": time.time() - t0}


# --------------------------------------------------------------------------------------------
# /proc
# --------------------------------------------------------------------------------------------

CLK_TCK = os.sysconf("SC_CLK_TCK")


def boot_clock():
    """Seconds since boot on the clock /proc/<pid>/stat start times use (CLOCK_BOOTTIME)."""
    return time.clock_gettime(time.CLOCK_BOOTTIME)


def uid_of(user):
    import pwd
    return pwd.getpwnam(user).pw_uid


def user_pids(user):
    uid, pids = uid_of(user), []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                if os.stat(f"/proc/{name}").st_uid == uid:
                    pids.append(int(name))
            except OSError:
                pass
    return pids


def stat_fields(pid):
    text = open(f"/proc/{pid}/stat").read()
    return text[text.rindex(")") + 2:].split()  # fields from 3 (state) on


def process_start(pid):
    """Seconds since boot when the process started (clock-tick resolution), None when gone."""
    try:
        return int(stat_fields(pid)[19]) / CLK_TCK
    except OSError:
        return None


def alive(pid):
    try:
        return stat_fields(pid)[0] not in ("Z", "X")
    except OSError:
        return False


# --------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------

def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def cmd_one(args):
    hub = Hub(args.url, args.token)
    spawns, stops = [], []
    for i in range(args.repeat):
        s = spawn(hub, args.user, watch=True)
        log(f"spawn {i + 1}/{args.repeat}: POST {s['post_status']} in {s['post']:.3f}s, API ready {s['api']:.3f}s, "
            f"first request {s['first_request'] * 1000:.1f} ms ({'200' if s['first_status_ok'] else 'not 200'}), "
            f"ready {s['ready']:.3f}s, process started {s['launch'] if s['launch'] is None else round(s['launch'], 3)}s after POST, "
            f"its own start-up (process start to its port answering) "
            f"{'?' if s['own_startup'] is None else round(s['own_startup'], 3)}s, "
            f"hub share {'?' if s['hub_share'] is None else round(s['hub_share'] * 1000)} ms")
        spawns.append(s)
        p = stop(hub, args.user)
        log(f"stop {i + 1}/{args.repeat}: DELETE {p['delete_status']} in {p['delete']:.3f}s, API stopped {p['api']:.3f}s, "
            f"processes gone {p['gone']:.3f}s")
        stops.append(p)
    print("RESULT spawn_s=%.3f spawn_min_s=%.3f spawn_max_s=%.3f api_ready_s=%.3f first_request_ms=%.1f "
          "first_request_ok=%d launch_ms=%.0f own_startup_s=%.3f hub_share_ms=%.0f stop_s=%.3f stop_api_s=%.3f n=%d" % (
              med([s["ready"] for s in spawns]), min(s["ready"] for s in spawns), max(s["ready"] for s in spawns),
              med([s["api"] for s in spawns]), med([s["first_request"] for s in spawns]) * 1000,
              sum(s["first_status_ok"] for s in spawns), med([s["launch"] for s in spawns]) * 1000,
              med([s["own_startup"] for s in spawns]), med([s["hub_share"] for s in spawns]) * 1000,
              med([p["gone"] for p in stops]), med([p["api"] for p in stops]), len(spawns)))


def run_all(fn, hub, users):
    results, errors = {}, {}

    def one(u):
        try:
            results[u] = fn(hub, u)
        except Exception as e:  # reported below; the run goes on with the others
            errors[u] = e
    threads = [threading.Thread(target=one, args=(u,)) for u in users]
    t0 = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join(DEADLINE_S + 60)
    return time.time() - t0, results, errors


def cmd_many(args):
    hub = Hub(args.url, args.token)
    users = args.users.split(",")
    spawn_all, spawned, spawn_errors = run_all(spawn, hub, users)
    for u, e in spawn_errors.items():
        log(f"spawn of {u} failed: {e}")
    readies = sorted(s["ready"] for s in spawned.values())
    log(f"{len(spawned)}/{len(users)} ready in {spawn_all:.3f}s (first {readies[0] if readies else 0:.3f}s, "
        f"median {med(readies):.3f}s); POST statuses {sorted(s['post_status'] for s in spawned.values())}")
    stop_all, stopped, stop_errors = run_all(stop, hub, users)
    for u, e in stop_errors.items():
        log(f"stop of {u} failed: {e}")
    log(f"{len(stopped)}/{len(users)} stopped in {stop_all:.3f}s; DELETE statuses "
        f"{sorted(p['delete_status'] for p in stopped.values())}")
    print("RESULT spawn_all_s=%.3f spawn_median_s=%.3f spawned=%d stop_all_s=%.3f stopped=%d n=%d" % (
        spawn_all, med(readies), len(spawned), stop_all, len(stopped), len(users)))


class FakeHubApi(BaseHTTPRequestHandler):
    """Answers what jupyterhub-singleuser 3.0 asks its hub at start-up (GET /hub/api, version header)."""

    def do_GET(self):
        body = b'{"version": "3.0.0"}'
        self.send_response(200)
        self.send_header("X-JupyterHub-Version", "3.0.0")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cmd_startup(args):
    """jupyterhub-singleuser started directly as the user, with the environment shape a hub gives it."""
    import pwd
    pw = pwd.getpwnam(args.user)
    fake = ThreadingHTTPServer(("127.0.0.1", 0), FakeHubApi)
    threading.Thread(target=fake.serve_forever, daemon=True).start()
    hub_api = f"http://127.0.0.1:{fake.server_address[1]}/hub/api"
    times = []
    for i in range(args.repeat):
        port, prefix = free_port(), f"/user/{args.user}/"
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": pw.pw_dir, "USER": args.user, "SHELL": pw.pw_shell,
               "LANG": os.environ.get("LANG", "C.UTF-8"),
               "JUPYTERHUB_API_TOKEN": "0" * 32, "JPY_API_TOKEN": "0" * 32, "JUPYTERHUB_CLIENT_ID": "jupyterhub-user-" + args.user,
               "JUPYTERHUB_HOST": "", "JUPYTERHUB_OAUTH_CALLBACK_URL": prefix + "oauth_callback",
               "JUPYTERHUB_OAUTH_SCOPES": "[]", "JUPYTERHUB_OAUTH_ACCESS_SCOPES": "[]",
               "JUPYTERHUB_USER": args.user, "JUPYTERHUB_SERVER_NAME": "", "JUPYTERHUB_API_URL": hub_api,
               "JUPYTERHUB_BASE_URL": "/", "JUPYTERHUB_SERVICE_PREFIX": prefix,
               "JUPYTERHUB_SERVICE_URL": f"http://127.0.0.1:{port}{prefix}"}
        cmd = ["setpriv", f"--reuid={pw.pw_uid}", f"--regid={pw.pw_gid}", "--init-groups",
               "/usr/bin/jupyterhub-singleuser"]
        with open(os.path.join(args.logdir, f"singleuser-direct-{i + 1}.log"), "wb") as out:
            proc = subprocess.Popen(cmd, env=env, cwd=pw.pw_dir, stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True)
            try:
                started = process_start(proc.pid)
                deadline = time.time() + DEADLINE_S
                while True:
                    code, _ = timed_get("127.0.0.1", port, prefix + "api", timeout=5)
                    if code == 200:
                        break
                    if proc.poll() is not None or time.time() > deadline:
                        raise RuntimeError(f"jupyterhub-singleuser exited or never answered (see {out.name})")
                    time.sleep(0.01)
                times.append(boot_clock() - started)
                log(f"direct start {i + 1}/{args.repeat}: port answered {times[-1]:.3f}s after the process started")
            finally:
                os.killpg(proc.pid, 15)
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, 9)
                    proc.wait(10)
    fake.shutdown()
    print("RESULT startup_s=%.3f startup_min_s=%.3f startup_max_s=%.3f n=%d" % (
        med(times), min(times), max(times), len(times)))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    one = sub.add_parser("one")
    many = sub.add_parser("many")
    for s in (one, many):
        s.add_argument("--url", required=True)
        s.add_argument("--token", required=True)
    one.add_argument("--user", required=True)
    one.add_argument("--repeat", type=int, default=5)
    many.add_argument("--users", required=True)
    startup = sub.add_parser("startup")
    startup.add_argument("--user", required=True)
    startup.add_argument("--repeat", type=int, default=5)
    startup.add_argument("--logdir", default="/tmp")
    args = p.parse_args()
    {"one": cmd_one, "many": cmd_many, "startup": cmd_startup}[args.cmd](args)


if __name__ == "__main__":
    main()
