#!/usr/bin/env python3
"""The production stack on one machine: nginx on $PORT in front of gunicorn on a
unix socket, and Debian's redis-server on another (the state every gunicorn worker
shares, webapp/store.py). Run by `make serve`.

Environment: SECRET_KEY and SITE_URL (required), PORT (default 8000),
LISTEN_ADDRESS (default 127.0.0.1; 0.0.0.0 to answer other machines), and
gunicorn's WEB_CONCURRENCY and THREADS. RATE_LIMITS=off lifts nginx's per-address
limits (for `make bench`, where one address sends everything). REDIS_URL names a
Redis of your own instead of the one started here.

SIGTERM or Ctrl-C stops nginx (gracefully, at most 5 s), then gunicorn, then Redis,
and removes the run directory; nothing is left listening. If one stops by itself,
the others are stopped too and this exits with 1.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))

import nginx  # noqa: E402  (deploy/nginx.py)

START_TIMEOUT = 60  # seconds for gunicorn to load the app and bind
stopping = []  # the signals received


def find_nginx():
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if not found:
        sys.exit("nginx is not installed: run `make nginx` (Debian's nginx).")
    return found


def wait_for(check, process, what, timeout=START_TIMEOUT):
    deadline = time.monotonic() + timeout
    while not check() and not stopping:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped while starting (exit {process.returncode})")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start within {timeout} s")
        time.sleep(0.05)


def can_connect(address, port):
    try:
        with socket.create_connection((address, port), timeout=0.5):
            return True
    except OSError:
        return False


def start_redis(run_dir):
    """Debian's redis-server on a unix socket in run_dir (only this user may open it),
    with no TCP port and nothing written to disk: ended sessions and counted steps
    live minutes, and the limits a minute or an hour. Returns (process, REDIS_URL)."""
    binary = shutil.which("redis-server") or shutil.which("redis-server", path="/usr/sbin:/usr/bin")
    if not binary:
        raise RuntimeError("redis-server is not installed: run `make redis` (Debian's redis-server).")
    sock = Path(run_dir) / "redis.sock"
    process = subprocess.Popen(
        [binary, "--port", "0", "--unixsocket", str(sock), "--unixsocketperm", "700",
         "--save", "", "--appendonly", "no", "--dir", str(run_dir), "--loglevel", "warning",
         # Every key has a lifetime: past this size the nearest to expiry go first.
         "--maxmemory", "128mb", "--maxmemory-policy", "volatile-ttl"],
        cwd=run_dir, start_new_session=True, stdout=subprocess.DEVNULL)
    wait_for(sock.exists, process, "redis-server", timeout=10)
    return process, f"unix://{sock}"


def stop(process, sig, timeout):
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main():
    for name in ("SECRET_KEY", "SITE_URL"):
        if not os.environ.get(name):
            sys.exit(f"Set {name} in the environment (see README, Deployment).")
    port = int(os.environ.get("PORT", "8000"))
    address = os.environ.get("LISTEN_ADDRESS", "127.0.0.1")
    nginx_binary = find_nginx()
    if not (ROOT / "static" / "build" / "main.css").exists():
        sys.exit("static/build is missing: run `make build` first.")

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda signum, frame: stopping.append(signum))

    run_dir = Path(tempfile.mkdtemp(prefix="aktivitetstilbud-stack-"))
    processes = []
    try:
        run_dir.chmod(0o755)  # nginx's workers run as nobody when started as root
        sock = run_dir / "gunicorn.sock"
        config = run_dir / "nginx.conf"
        # A copy nginx's workers can read even when the clone is not readable by
        # nobody (under /root, say); static/build is small and read once per start.
        static_root = run_dir / "static"
        shutil.copytree(ROOT / "static" / "build", static_root)
        config.write_text(nginx.render(
            listen=f"{address}:{port}", upstream=f"unix:{sock}", run_dir=run_dir,
            static_root=static_root,
            rate_limits=os.environ.get("RATE_LIMITS", "on") != "off"))
        # Own process groups: Ctrl-C reaches this script, which stops them in order.
        redis_url = os.environ.get("REDIS_URL")
        if not redis_url:
            redis, redis_url = start_redis(run_dir)
            processes.append((redis, signal.SIGTERM, 5))
        gunicorn = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "--config", str(ROOT / "gunicorn.conf.py"),
             "--access-logfile", "/dev/null"],  # nginx logs each request
            # Only nginx can open gunicorn's socket: its X-Real-IP names the client.
            cwd=ROOT, env={**os.environ, "TRUSTED_PROXIES": "unix", "REDIS_URL": redis_url,
                           "BIND": f"unix:{sock}"},
            start_new_session=True)
        processes.insert(0, (gunicorn, signal.SIGTERM, 25))
        wait_for(sock.exists, gunicorn, "gunicorn")
        if stopping:
            return 0
        proxy = subprocess.Popen(
            [nginx_binary, "-p", str(run_dir), "-c", str(config), "-e", "stderr"],
            cwd=run_dir, start_new_session=True)
        processes.insert(0, (proxy, signal.SIGQUIT, 8))
        wait_for(lambda: can_connect(address, port), proxy, "nginx", timeout=10)
        if not stopping:
            print(f"Serving on http://{address}:{port} (nginx in front of gunicorn on {sock}, "
                  f"the shared state in {redis_url}); Ctrl-C stops them.", flush=True)
        while not stopping and all(process.poll() is None for process, _, _ in processes):
            time.sleep(0.2)
        return 0 if stopping else 1
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        for process, sig, timeout in processes:  # nginx first (no new requests), Redis last
            stop(process, sig, timeout)
        shutil.rmtree(run_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
