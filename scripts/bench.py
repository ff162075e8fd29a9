#!/usr/bin/env python3
"""Requests per second under the project's own gunicorn config, against the floor.

Run by `make bench`. A benchmark, not a test. It starts two servers on 127.0.0.1 and
free ports, both with gunicorn.conf.py (production config, a random SECRET_KEY):

- the site itself;
- the floor: a tiny Flask app (defined below) that returns a constant response of
  the home page's size: what the framework and gunicorn cost on their own.

It gets real guide cookies by walking the guide over HTTP like a browser (CSRF
tokens and all): one with every answer (a question page), one with the answers and
the application's details with a 1,000-character own text (the result, the email
page). Before each page's run it asks for the page once with its cookie and keeps
the cookie the answer sets, as a browser does: wrk replays one cookie for the whole
run, and the site saves the cookie again only when what it holds changes or its
expiry would move by a minute, so a cookie kept from the start would be saved anew
on every request once a minute old (and count the page's step again, as a copied
cookie would). Then ROUNDS rounds, each driving the floor and then every page with Debian's
`wrk -t2 -c32` for DURATION seconds, so a change in the machine's load hits the
floor and the pages alike; each page's best round is compared with the floor's best
round (with 2 workers, wrk's connections sometimes land mostly on one of them: a
single run can be half as fast as the next). Then 256 connections on the floor and the guide's pages, the start-up time
(process start to the first answer from /healthz, best of STARTS) and the workers'
memory (RSS).

The site runs with the shared state in its own redis-server on a unix socket, as
`make serve` runs it (an ended-session check on every guide request, the counted
steps); BENCH_SHARED_STORE=memory runs it without, to see what the round trip costs.

Prints one table and each target as met or not met; exits 0 once printed.
It competes for the CPU with anything else running on the machine (see `uptime`).
"""

import atexit
import http.client
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import serve_stack
from bench_stack import print_through_stack

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DURATION = int(os.environ.get("BENCH_SECONDS", "2"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
STARTS = 3
HOST = "127.0.0.1"
# In the guide's order (questions.QUESTIONS).
ANSWERS = {"hvem": "self", "bopael": "yes", "bolig": "own_home", "maalgruppe": "yes",
           "behov": "social_contact", "tidspunkt": "day", "transport": "no"}
WORDS = ("jeg vil gerne møde andre mennesker og komme ud af huset nogle dage om ugen "
         "efter at have været alene i lang tid siden min ulykke værkstedet caféen haven").split()
# Page: (path, which cookie, the text that shows it is that page, target x floor).
PAGES = {
    "static css": (None, None, b"", 0.9),
    "home": ("/da/", None, b"<h1", 0.8),
    "content": ("/da/serviceniveau/pris-og-transport", None, b"<h1", 0.8),
    "question": ("/da/guide/hvem", "answers", b'name="answer"', 0.4),
    "result": ("/da/guide/resultat", "details", b"result-panel", 0.4),
    "email": ("/da/guide/mailen", "details", b'id="mailto-link"', 0.2),
}
AT_256 = ("home", "question", "result", "email")
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
        # Its log to a file: a pipe nobody reads fills up and stops gunicorn.
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env,
                                        stdout=subprocess.DEVNULL, stderr=self.log)
        for _ in range(1000):  # at most 10 s
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=1):
                    self.startup = time.perf_counter() - started
                    return self
            except OSError:
                if self.process.poll() is not None:
                    self.log.seek(0)
                    raise SystemExit(self.log.read().decode()) from None
                time.sleep(0.01)
        self.__exit__()
        raise SystemExit("gunicorn did not answer within 10 s")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.log.seek(0)
            sys.exit("gunicorn did not stop within 30 s; its log ends:\n"
                     + self.log.read().decode(errors="replace")[-2000:])

    def worker_rss_mb(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        sizes = []
        for pid in children.read_text().split():
            status = Path(f"/proc/{pid}/status").read_text()
            sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
        return sizes


def wrk(url, connections=32, seconds=DURATION, cookie=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s",
               "-H", "Accept-Encoding: br, gzip"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    errors += int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p99": float(p99.group(1)) * scale, "errors": errors}


def as_a_browser_keeps_it(url, cookie):
    """The cookie after one request for `url`: the one the answer sets, if any."""
    if not cookie:
        return cookie
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request) as response:
        for header in response.headers.get_all("Set-Cookie") or []:
            pair = header.split(";", 1)[0]
            if pair.startswith("guide=") and pair != "guide=":
                return pair
    return cookie


class Browser:
    """Walks the site over HTTP, keeping its cookie and posting each page's CSRF token."""

    def __init__(self, port):
        self.port, self.cookie = port, None

    def request(self, method, path, form=None):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=10)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        html = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookie = header.split(";", 1)[0]  # the guide's one cookie, whatever its format
        connection.close()
        return response.status, html

    def post(self, path, form):
        status, html = self.request("GET", path)
        assert status == 200, (path, status)
        token = re.search(rb'name="csrf_token"[^>]* value="([^"]+)"', html)
        status, _html = self.request("POST", path, {**form, "csrf_token": token.group(1).decode()})
        assert status in (302, 303), (path, status)


def real_cookies(port):
    """{"answers": cookie with every answer, "details": that and the typed application}."""
    browser = Browser(port)
    for slug, answer in ANSWERS.items():
        browser.post(f"/da/guide/{slug}", {"answer": answer})
    answers = browser.cookie
    own_text = random.Random(104)
    message = " ".join(own_text.choice(WORDS) for _ in range(400))[:1000]
    browser.post("/da/guide/ansoegning", {"name": "Åse Ørnsø", "phone": "12 34 56 78",
                                         "email": "aase@example.dk", "best_time": "Formiddag",
                                         "message": message})
    return {"answers": answers, "details": browser.cookie}


def startup_time(env):
    best = None
    for _ in range(STARTS):
        with Gunicorn(env) as site:
            best = min(best or site.startup, site.startup)
    return best


def shared_store(env):
    """Redis as `make serve` starts it, for the site (REDIS_URL in env), unless
    BENCH_SHARED_STORE=memory. Stopped when this script ends."""
    if os.environ.get("BENCH_SHARED_STORE") == "memory":
        return "in each process's memory"
    folder = tempfile.mkdtemp(prefix="bench-redis-")
    process, env["REDIS_URL"] = serve_stack.start_redis(folder)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    atexit.register(serve_stack.stop, process, signal.SIGTERM, 5)
    return "in Redis on a unix socket"


def main():
    if subprocess.run(["which", "wrk"], capture_output=True).returncode != 0:
        raise SystemExit("wrk is missing: apt-get install -y wrk (or make bench)")
    env = {"SECRET_KEY": secrets.token_hex(32), "FLASK_CONFIG": "production"}
    store = shared_store(env)
    load = os.getloadavg()[0]
    startup = startup_time(env)
    best = {}
    with Gunicorn(env) as site:
        cookies = real_cookies(site.port)
        with urllib.request.urlopen(f"{site.url}/da/") as response:
            home = response.read()
        css = re.search(rb'href="(/static/build/main\.css\?v=\w+)"', home).group(1).decode()
        urls = {name: (site.url + (path or css), cookies.get(which))
                for name, (path, which, _shows, _target) in PAGES.items()}
        for name, (_path, _which, shows, _target) in PAGES.items():
            request = urllib.request.Request(urls[name][0], headers={"Cookie": urls[name][1] or ""})
            with urllib.request.urlopen(request) as response:
                assert shows in response.read(), f"{name}: not the page meant"
        rss_before = site.worker_rss_mb()

        with Gunicorn({**env, "BENCH_FLOOR_BYTES": str(len(home))}, app="bench:floor_app()") as floor:
            urls = {"floor": (floor.url + "/", None), **urls}
            for url, cookie in urls.values():
                wrk(url, seconds=1, cookie=cookie)  # warm up
            for _ in range(ROUNDS):
                for name, (url, cookie) in urls.items():
                    cookie = as_a_browser_keeps_it(url, cookie)
                    urls[name] = (url, cookie)
                    run = wrk(url, cookie=cookie)
                    kept = best.setdefault(name, {**run, "errors": 0})
                    if run["rps"] > kept["rps"]:
                        kept.update(rps=run["rps"], p99=run["p99"])
                    kept["errors"] += run["errors"]
            at_256 = {name: wrk(urls[name][0], connections=256,
                                cookie=as_a_browser_keeps_it(*urls[name]))
                      for name in ("floor", *AT_256)}
        rss_after = site.worker_rss_mb()

    floor_rps = best["floor"]["rps"]
    print(f"\nwrk -t2 -c32 -d{DURATION}s, best of {ROUNDS} interleaved rounds; gunicorn.conf.py; "
          f"{os.cpu_count()} CPUs; load average {load:.2f} at start, {os.getloadavg()[0]:.2f} at end")
    print(f"floor = constant {len(home):,} bytes from Flask; pages with Accept-Encoding: br, gzip; "
          f"each page's cookie as the browser keeps it, taken again before each run; "
          f"the shared state {store}\n")
    print(f"{'':<12}{'req/s':>8}{'p99 ms':>8}{'errors':>8}{'x floor':>9}  {'target':<8}"
          f"{'':<9}{'at 256: req/s':>14}{'errors':>8}")
    verdicts = []
    for name, row in best.items():
        ratio = row["rps"] / floor_rps
        target = PAGES[name][3] if name in PAGES else None
        verdict = ""
        if target is not None:
            verdicts.append(ratio >= target)
            verdict = f">= {target:<5}{'met' if ratio >= target else 'NOT MET':<9}"
        wide = at_256.get(name)
        wide_text = f"{wide['rps']:>14.0f}{wide['errors']:>8}" if wide else ""
        print(f"{name:<12}{row['rps']:>8.0f}{row['p99']:>8.1f}{row['errors']:>8}{ratio:>9.2f}  "
              f"{verdict or '':<17}{wide_text}")
    errors = sum(r["errors"] for r in [*best.values(), *at_256.values()])
    print(f"\nerrors at 32 and 256 connections: {errors} (target 0: "
          f"{'met' if errors == 0 else 'NOT MET'})")
    print(f"start-up to first answer: {startup:.2f} s, best of {STARTS} (target <= "
          f"{STARTUP_TARGET} s: {'met' if startup <= STARTUP_TARGET else 'NOT MET'})")
    print(f"worker RSS: {', '.join(f'{mb:.0f}' for mb in rss_before)} MB at start, "
          f"{', '.join(f'{mb:.0f}' for mb in rss_after)} MB at the end")
    verdicts += [errors == 0, startup <= STARTUP_TARGET]
    print(f"\n{sum(verdicts)} of {len(verdicts)} targets met")
    # The same pages (and the same cookies: the same SECRET_KEY) through nginx and gunicorn.
    paths = {name: (url.split(site.url, 1)[1], cookie) for name, (url, cookie) in urls.items()
             if name != "floor"}
    print_through_stack(paths, env["SECRET_KEY"], wrk)


if __name__ == "__main__":
    main()
