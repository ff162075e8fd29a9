#!/usr/bin/env python3
"""Requests per second under the project's own gunicorn config, against the floor.

Run by `make bench`. A benchmark, not a test. It starts, one after the other, on
127.0.0.1 and free ports, with gunicorn.conf.py (production config, a random
SECRET_KEY):

- the floor: a tiny Flask app (defined below) that returns a constant response
  of the home page's size: what the framework and gunicorn cost on their own;
- the site itself,

and drives each with Debian's `wrk -t2 -c32` for DURATION seconds per URL: the
static CSS, home, a topic page, a question and the result (with a valid session
cookie, signed with the same key). Then 256 connections on home and on the
result, the start-up time (process start to the first answer from /healthz) and
the workers' memory (RSS) at start and after at least 20,000 requests (the runs
above, topped up with requests for the result page).

Prints one table and each target as met or not met; exits 0 once printed.
It competes for the CPU with anything else running on the machine.
"""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench_stack import print_through_stack

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DURATION = int(os.environ.get("BENCH_SECONDS", "5"))
MEMORY_REQUESTS = 20_000
HOST = "127.0.0.1"
ANSWERS = {"who": "self", "residence": "yes", "target": "yes", "needs": ["social_contact"],
           "housing": "own_home", "timing": "day", "transport": "no"}
TARGETS = {"home": 0.8, "content": 0.8, "result": 0.4, "static css": 0.9}
STARTUP_TARGET = 1.0  # seconds


def floor_app():
    """The floor: Flask with nothing but one constant response of the home page's size."""
    from flask import Flask

    app = Flask("floor")
    body = b"x" * int(os.environ["BENCH_FLOOR_BYTES"])

    @app.get("/")
    def constant():
        return body, 200, {"Content-Type": "text/html; charset=utf-8"}

    @app.get("/healthz")
    def healthz():
        return "ok\n"

    return app


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn with gunicorn.conf.py on a free loopback port; `app` overrides wsgi_app."""

    def __init__(self, env, app=None):
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.env = {**os.environ, **env, "BIND": f"{HOST}:{self.port}",
                    "SITE_URL": f"http://{HOST}:{self.port}"}
        self.command = [str(Path(sys.executable).parent / "gunicorn"), "--config",
                        str(ROOT / "gunicorn.conf.py"), "--access-logfile", "/dev/null",
                        "--pythonpath", str(ROOT / "scripts")] + ([app] if app else [])

    def __enter__(self):
        started = time.perf_counter()
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(1000):  # at most 10 s
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=1):
                    self.startup = time.perf_counter() - started
                    return self
            except OSError:
                if self.process.poll() is not None:
                    raise SystemExit(self.process.stderr.read().decode()) from None
                time.sleep(0.01)
        raise SystemExit("gunicorn did not answer within 10 s")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)

    def worker_rss_mb(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        sizes = []
        for pid in children.read_text().split():
            status = Path(f"/proc/{pid}/status").read_text()
            sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
        return sizes


def wrk(url, connections=32, seconds=DURATION, cookie=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    errors += int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "requests": int(re.search(r"(\d+) requests in", out).group(1)),
            "p99": float(p99.group(1)) * scale, "errors": errors}


def session_cookie(secret_key):
    """A valid guide cookie: every question answered, signed like the app signs it."""
    os.environ.update(SECRET_KEY=secret_key, SITE_URL=f"http://{HOST}")
    from webapp import create_app

    app = create_app("production")
    serializer = app.session_interface.get_signing_serializer(app)
    value = serializer.dumps({"answers": ANSWERS, "seen": int(time.time())})
    return f"{app.config['SESSION_COOKIE_NAME']}={value}"


def main():
    if not subprocess.run(["which", "wrk"], capture_output=True).returncode == 0:
        raise SystemExit("wrk is missing: apt-get install -y wrk (or make bench)")
    key = secrets.token_hex(32)
    env = {"SECRET_KEY": key, "FLASK_CONFIG": "production"}
    cookie = session_cookie(key)
    rows, extra = {}, {}

    with Gunicorn(env) as site:
        with urllib.request.urlopen(f"{site.url}/da/") as response:
            home = response.read()
        css = re.search(rb'href="(/static/build/main\.css\?v=\w+)"', home).group(1).decode()
        urls = {"static css": (css, None), "home": ("/da/", None),
                "content": ("/da/serviceniveau/costs-and-transport", None),
                "question": ("/da/guide/hvem", cookie), "result": ("/da/guide/resultat", cookie)}
        with urllib.request.urlopen(urllib.request.Request(
                f"{site.url}/da/guide/resultat", headers={"Cookie": cookie})) as response:
            assert b"result-panel" in response.read(), "the cookie did not reach the result"
        site_startup, rss_before = site.startup, site.worker_rss_mb()
        served = 0
        for name, (path, with_cookie) in urls.items():
            served += wrk(site.url + path, seconds=1, cookie=with_cookie)["requests"]  # warm up
            rows[name] = wrk(site.url + path, cookie=with_cookie)
        extra["home at 256"] = wrk(site.url + "/da/", connections=256)
        extra["result at 256"] = wrk(site.url + "/da/guide/resultat", connections=256,
                                     cookie=cookie)
        served += sum(row["requests"] for row in [*rows.values(), *extra.values()])
        for _ in range(100):  # bounded: at most 100 short runs
            if served >= MEMORY_REQUESTS:
                break
            served += wrk(site.url + "/da/guide/resultat", seconds=2, cookie=cookie)["requests"]
        rss_after = site.worker_rss_mb()

    with Gunicorn({**env, "BENCH_FLOOR_BYTES": str(len(home))}, app="bench:floor_app()") as floor:
        wrk(floor.url + "/", seconds=1)
        rows = {"floor": wrk(floor.url + "/"), **rows}

    floor_rps = rows["floor"]["rps"]
    print(f"\nwrk -t2 -c32 -d{DURATION}s, gunicorn.conf.py ({os.cpu_count()} CPUs), "
          f"floor = constant {len(home):,} bytes from Flask\n")
    print(f"{'':<14}{'req/s':>9}{'p99 ms':>9}{'errors':>8}{'x floor':>9}  target")
    verdicts = []
    for name, row in rows.items():
        ratio = row["rps"] / floor_rps
        target = TARGETS.get(name)
        verdict = "" if target is None else f">= {target}x {'met' if ratio >= target else 'NOT MET'}"
        if target is not None:
            verdicts.append(ratio >= target)
        print(f"{name:<14}{row['rps']:>9.0f}{row['p99']:>9.1f}{row['errors']:>8}{ratio:>9.2f}  {verdict}")
    for name, row in extra.items():
        print(f"{name:<14}{row['rps']:>9.0f}{row['p99']:>9.1f}{row['errors']:>8}")
    errors = sum(r["errors"] for r in [*rows.values(), *extra.values()])
    print(f"\nerrors at 32 and 256 connections: {errors} (target 0: "
          f"{'met' if errors == 0 else 'NOT MET'})")
    print(f"start-up to first answer: {site_startup:.2f} s (target <= {STARTUP_TARGET} s: "
          f"{'met' if site_startup <= STARTUP_TARGET else 'NOT MET'})")
    print(f"worker RSS: {', '.join(f'{mb:.0f}' for mb in rss_before)} MB at start, "
          f"{', '.join(f'{mb:.0f}' for mb in rss_after)} MB after {served:,} requests")
    verdicts += [errors == 0, site_startup <= STARTUP_TARGET]
    print(f"\n{sum(verdicts)} of {len(verdicts)} targets met")
    print_through_stack(urls, key, wrk)


if __name__ == "__main__":
    main()
