"""The production stack that `make serve` starts (scripts/serve_stack.py): nginx in
front of gunicorn. Slow clients, large bodies and keep-alive, the headers on
nginx's own answers, and stopping. Each test is bounded in time and count."""

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.support.raw_http import closed, exchange, framed, post
from webapp.security import response_headers

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
SLOW_CLIENTS = 256
HEADER_LINE_EVERY = 4  # seconds
HEADER_TIMEOUT = 10  # nginx's client_header_timeout (deploy/nginx.py)


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def nginx_installed():
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


class Stack:
    """scripts/serve_stack.py on a free port, as `make serve` runs it."""

    def __init__(self, tmp_path):
        assert nginx_installed(), "nginx is missing: `make nginx` (part of `make test`) installs it"
        self.port = free_port()
        self.output = tmp_path / f"stack-{self.port}.log"
        env = {**os.environ, "PORT": str(self.port), "SECRET_KEY": secrets.token_hex(32),
               "SITE_URL": f"http://{HOST}:{self.port}", "WEB_CONCURRENCY": "1", "THREADS": "4"}
        with self.output.open("w") as out:
            self.process = subprocess.Popen([sys.executable, str(ROOT / "scripts/serve_stack.py")],
                                            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        try:
            while "Serving on" not in self.log():
                assert self.process.poll() is None, f"the stack stopped:\n{self.log()}"
                assert time.monotonic() < deadline, f"the stack did not start in 30 s:\n{self.log()}"
                time.sleep(0.05)
        except AssertionError:
            self.stop()
            raise
        self.run_dir = Path(re.search(r"gunicorn on (\S+)/gunicorn\.sock", self.log())[1])

    def log(self):
        return self.output.read_text()

    def connection(self):
        return http.client.HTTPConnection(HOST, self.port, timeout=5)

    def get(self, path, timeout=5):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(40)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    running = Stack(tmp_path_factory.mktemp("stack"))
    yield running
    running.stop()


def test_slow_clients_leave_ordinary_pages_answering(stack):
    # Each slow client sends a request line, then one header line every 4 s, never
    # the blank line that ends the headers: enough to stop gunicorn on its own.
    slow = [socket.create_connection((HOST, stack.port), timeout=5) for _ in range(SLOW_CLIENTS)]
    started = time.monotonic()
    done = threading.Event()

    def trickle():
        for sock in slow:
            sock.sendall(f"GET /da/ HTTP/1.1\r\nHost: {HOST}\r\n".encode())
        while not done.wait(HEADER_LINE_EVERY):
            for sock in slow:
                try:
                    sock.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    pass

    sender = threading.Thread(target=trickle)
    sender.start()
    times = []
    try:
        while time.monotonic() - started < 2 * HEADER_LINE_EVERY + 1:
            for path in ("/da/", "/healthz", "/static/build/main.css"):
                begun = time.monotonic()
                status, _, _ = stack.get(path, timeout=2)
                times.append(time.monotonic() - begun)
                assert status == 200
            time.sleep(0.3)
        # nginx cuts a client off when its headers take longer than the timeout.
        time.sleep(max(0, started + HEADER_TIMEOUT + 1.5 - time.monotonic()))
        still_open = 0
        for sock in slow:
            sock.settimeout(0.01)
            try:
                still_open += sock.recv(1024) != b""
            except TimeoutError:
                still_open += 1
            except OSError:
                pass
    finally:
        done.set()
        sender.join()
        for sock in slow:
            sock.close()
    print(f"{SLOW_CLIENTS} slow clients: {len(times)} page requests, "
          f"slowest {max(times) * 1000:.0f} ms")
    assert len(times) >= 30 and max(times) < 2
    assert still_open == 0, f"{still_open} slow clients still connected after {HEADER_TIMEOUT} s"


BODY_TIMEOUT = 10  # nginx's client_body_timeout: between two reads, not for the whole body
PAGE_CONNECTIONS = 32  # open requests per address on pages (deploy/nginx.py)


def _state(sock):
    """'open' (no answer yet), 'cut' (closed or reset by nginx), or the answer's status."""
    sock.settimeout(0.01)
    try:
        data = sock.recv(1024)
    except TimeoutError:
        return "open"
    except OSError:
        return "cut"
    return data.split(b" ")[1].decode() if data.startswith(b"HTTP/") else "cut"


def test_slow_bodies_wait_in_nginx_within_their_addresss_limit(stack):
    """What the README says about bodies: nginx cuts a body off when it pauses for
    10 s, but has no limit on a body's total time. A client that sends a byte every
    2 s keeps its connection, in nginx only (gunicorn gets whole bodies): at most 32
    from one address, the others 429 at once; other addresses' pages answer."""
    def post_headers(sock):
        sock.sendall(f"POST /da/tilbagemelding HTTP/1.1\r\nHost: {HOST}\r\n"
                     "Content-Type: application/x-www-form-urlencoded\r\n"
                     "Content-Length: 1000\r\n\r\npage=".encode())

    pausing = socket.create_connection((HOST, stack.port), timeout=5)
    post_headers(pausing)
    dripping = []
    for _ in range(PAGE_CONNECTIONS + 4):
        dripping.append(socket.create_connection((HOST, stack.port), timeout=5))
        post_headers(dripping[-1])
    started = time.monotonic()
    times = []
    try:
        while time.monotonic() - started < BODY_TIMEOUT + 2.5:
            for sock in dripping:
                try:
                    sock.sendall(b"a")
                except OSError:
                    pass
            # Another address (all of 127.0.0.0/8 is this machine) gets its pages.
            other = http.client.HTTPConnection(HOST, stack.port, timeout=2,
                                               source_address=("127.0.0.2", 0))
            begun = time.monotonic()
            other.request("GET", "/da/")
            assert other.getresponse().status == 200
            times.append(time.monotonic() - begun)
            other.close()
            time.sleep(2)
        states = [_state(sock) for sock in dripping]
        assert _state(pausing) == "cut"
    finally:
        for sock in (pausing, *dripping):
            sock.close()
    print(f"{len(dripping)} bodies a byte every 2 s for {time.monotonic() - started:.0f} s: "
          f"{states.count('open')} open, {states.count('429')} refused with 429; "
          f"another address's page in at most {max(times) * 1000:.0f} ms")
    assert states.count("open") == PAGE_CONNECTIONS - 1  # the paused one was the 32nd
    assert states.count("429") == len(dripping) - states.count("open")
    assert max(times) < 1


def _post(connection, path, size):
    connection.request("POST", path, body=b"a" * size,
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    response.read()
    return response


@pytest.mark.parametrize(("path", "size", "status"), [
    ("/da/guide/ansoegning", 200_000, 413),  # over the 64 KB limit: nginx answers
    ("/da/guide/resultat", 60_000, 405),  # a GET-only page: the app answers
])
def test_a_refused_body_leaves_the_next_request_on_the_connection_working(stack, path, size, status):
    connection = stack.connection()
    try:
        refused = _post(connection, path, size)
        assert refused.status == status
        first_socket = connection.sock
        connection.request("GET", "/healthz")
        following = connection.getresponse()
        assert following.status == 200 and following.read() == b"ok\n"
        # Keep-alive is honest: promised, the same socket answered; else it said close.
        if refused.will_close:
            assert refused.getheader("Connection") == "close"
        else:
            assert connection.sock is first_socket
    finally:
        connection.close()


FORM = "Content-Type: application/x-www-form-urlencoded\r\n"
REFUSED_THROUGH_NGINX = [
    # (what, path, headers, body, status): the app refuses, or nginx does
    ("JSON body", "/da/klage", "Content-Type: application/json\r\n", b'{"name": 5}', 400),
    ("no token", "/da/guide/afslut", FORM, b"x=1", 400),
    ("a GET-only page", "/da/guide/resultat", FORM, b"a" * 60_000, 405),
    ("over 64 KB", "/da/klage", FORM, b"a" * 70_000, 413),
    ("chunk size zz", "/da/klage", FORM + "Transfer-Encoding: chunked\r\n\r\n", b"zz\r\nabc\r\n0\r\n\r\n", 400),
    ("chunked over 64 KB", "/da/klage", FORM, b"chunked:" + b"a" * 70_000, 413),
]


@pytest.mark.parametrize("what, path, headers, body, status", REFUSED_THROUGH_NGINX,
                         ids=[case[0] for case in REFUSED_THROUGH_NGINX])
def test_after_a_4xx_through_nginx_keep_alive_is_honest(stack, what, path, headers, body, status):
    host = f"{HOST}:{stack.port}"
    raw = post(path, host, headers) + (body if headers.endswith("\r\n\r\n") else framed(body))
    with socket.create_connection((HOST, stack.port), timeout=5) as sock:
        refused = exchange(sock, raw)
        assert refused.status == status
        if refused.getheader("Connection") == "close":
            assert closed(sock)
            return
        following = exchange(sock, f"GET /healthz HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        assert following.status == 200 and following.body == b"ok\n"


def test_nginx_own_answers_carry_the_security_headers(stack):
    expected = response_headers(hsts=True)
    status, headers, _ = stack.get("/static/build/main.css")
    assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable"
    connection = stack.connection()
    try:
        too_large = _post(connection, "/da/guide/ansoegning", 200_000)
    finally:
        connection.close()
    assert too_large.status == 413
    for answer in (headers, dict(too_large.getheaders())):
        assert {name: answer.get(name) for name in expected} == expected
    # The app's own answers carry them once, not twice.
    connection = stack.connection()
    connection.request("GET", "/da/")
    home = connection.getresponse()
    assert home.status == 200
    assert [len(home.headers.get_all(name)) for name in expected] == [1] * len(expected)
    connection.close()


def test_static_files_are_served_precompressed(stack):
    for encoding in ("gzip", "br"):
        connection = stack.connection()
        connection.request("GET", "/static/build/main.css", headers={"Accept-Encoding": encoding})
        response = connection.getresponse()
        response.read()
        connection.close()
        assert response.status == 200 and response.getheader("Content-Encoding") == encoding


def test_the_access_log_has_no_query_strings(stack):
    before = stack.log().count('"GET /da/" 200')
    stack.get("/da/?navn=Jens+Hansen")
    time.sleep(0.2)
    assert stack.log().count('"GET /da/" 200') == before + 1 and "Jens" not in stack.log()


def test_too_many_requests_for_the_email_pages_get_429_but_other_pages_answer(stack):
    # 2 a second with a burst of 10 per address on the email pages (deploy/nginx.py);
    # this runs after the other tests that use them: the budget refills in 5 s.
    statuses = [stack.get("/da/guide/mailen")[0] for _ in range(14)]
    assert 429 in statuses and statuses[0] != 429
    status, headers, body = stack.get("/da/guide/mailen")
    assert status == 429 and "Vent lidt" in body.decode()
    assert {name: headers.get(name) for name in response_headers(hsts=True)} == response_headers(hsts=True)
    assert stack.get("/da/")[0] == 200


def test_sigterm_stops_both_and_leaves_nothing_listening(tmp_path):
    second = Stack(tmp_path)
    children = [int(pid) for pid in Path(
        f"/proc/{second.process.pid}/task/{second.process.pid}/children").read_text().split()]
    assert len(children) == 3  # gunicorn's master, nginx's master and redis-server
    second.process.send_signal(signal.SIGTERM)
    assert second.process.wait(30) == 0
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((HOST, second.port), timeout=1)
    assert not second.run_dir.exists()  # with gunicorn's socket
    for pid in children:
        assert not Path(f"/proc/{pid}").exists()
