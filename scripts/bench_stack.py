"""`make bench`'s last table: the same pages through the production stack
(scripts/serve_stack.py: nginx in front of gunicorn on a unix socket), for the
record. nginx's per-address limits are lifted (RATE_LIMITS=off): wrk sends
everything from one address, so they would be what is measured."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def _free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def print_through_stack(urls, secret_key, wrk):
    """urls: name -> (path, cookie or None); wrk(url, cookie=...) -> a row of figures."""
    port = _free_port()
    url = f"http://{HOST}:{port}"
    env = {**os.environ, "SECRET_KEY": secret_key, "SITE_URL": f"http://{HOST}",
           "PORT": str(port), "RATE_LIMITS": "off"}
    stack = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve_stack.py")],
                             cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):  # at most 30 s
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=1):
                    break
            except OSError:
                if stack.poll() is not None:
                    raise SystemExit("the stack did not start (is nginx installed? make nginx)") from None
                time.sleep(0.1)
        rows = {}
        for name, (path, cookie) in urls.items():
            wrk(url + path, seconds=1, cookie=cookie)  # warm up
            rows[name] = wrk(url + path, cookie=cookie)
        rows["home at 256"] = wrk(url + "/da/", connections=256)
    finally:
        stack.terminate()
        stack.wait(timeout=40)
    print("\nThe same through the stack (nginx in front, make serve; no rate limits):\n")
    print(f"{'':<14}{'req/s':>9}{'p99 ms':>9}{'errors':>8}")
    for name, row in rows.items():
        print(f"{name:<14}{row['rps']:>9.0f}{row['p99']:>9.1f}{row['errors']:>8}")
