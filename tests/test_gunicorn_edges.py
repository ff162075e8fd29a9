"""Requests sent straight to gunicorn, as pods and the compose network can: bodies it
cannot read, and keep-alive after a refused request. A real gunicorn (gunicorn.conf.py,
the production config) on a free 127.0.0.1 port, one worker."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.failing_wsgi import SECRET
from tests.support.instances import HOST, free_port
from tests.support.raw_http import closed, exchange, framed, post

ROOT = Path(__file__).resolve().parent.parent


class Gunicorn:
    def __init__(self, log, app=None):
        self.port = free_port()
        self.log = log
        env = {**os.environ, "BIND": f"{HOST}:{self.port}", "SECRET_KEY": secrets.token_hex(32),
               "SITE_URL": f"http://{HOST}:{self.port}", "WEB_CONCURRENCY": "1", "THREADS": "2",
               "FLASK_CONFIG": "production"}
        with log.open("w") as out:
            self.process = subprocess.Popen(
                [str(Path(sys.executable).parent / "gunicorn"), "--config", str(ROOT / "gunicorn.conf.py"),
                 *([app] if app else [])],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while "Booting worker" not in log.read_text() or not self._listening():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"gunicorn did not start:\n{log.read_text()}")
            time.sleep(0.05)

    def _listening(self):
        try:
            socket.create_connection((HOST, self.port), timeout=0.5).close()
            return True
        except OSError:
            return False

    def socket(self):
        return socket.create_connection((HOST, self.port), timeout=5)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(30)


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    server = Gunicorn(tmp_path_factory.mktemp("gunicorn") / "gunicorn.log")
    yield server
    server.stop()


BAD_CHUNKS = [b"zz\r\nabc\r\n0\r\n\r\n", b"-1\r\nabc\r\n0\r\n\r\n", b"3\r\nabcXY0\r\n\r\n",
              b"3;x=\x01\r\nabc\r\n0\r\n\r\n", b"3\r\nabc\r\n0\r\nX-Trailer\r\n\r\n"]


@pytest.mark.parametrize("path, title", [("/da/klage", "Siden kunne ikke vises"),
                                         ("/en/feedback/text", "The page could not be shown"),
                                         ("/da/guide/email", "Siden kunne ikke vises")])
def test_a_body_gunicorn_cannot_read_gets_400_and_an_honest_close(gunicorn, path, title):
    for body in BAD_CHUNKS:
        with gunicorn.socket() as sock:
            host = f"{HOST}:{gunicorn.port}"
            response = exchange(sock, post(path, host, "Transfer-Encoding: chunked\r\n"
                                "Content-Type: application/x-www-form-urlencoded\r\n\r\n") + body)
            assert response.status == 400, (body, response.status)
            assert title in response.body.decode()
            # Where the next request starts is unknown: gunicorn says so and closes.
            assert response.getheader("Connection") == "close" and closed(sock), body


FORM = "Content-Type: application/x-www-form-urlencoded\r\n"
KEEP_ALIVE_CASES = [
    # (what, path, headers, body, status, whether the connection is kept)
    ("JSON body", "/da/klage", "Content-Type: application/json\r\n", b'{"name": 5}', 400, True),
    ("a file", "/da/klage", "Content-Type: multipart/form-data; boundary=b\r\n",
     b'--b\r\nContent-Disposition: form-data; name="name"; filename="a.txt"\r\n\r\nHej\r\n--b--\r\n',
     400, True),
    ("no token", "/da/guide/afslut", FORM, b"x=1", 400, True),
    ("another site", "/da/tilbagemelding", FORM + "Origin: https://evil.example\r\n",
     b"page=/da/&answer=yes", 403, True),
    ("a GET-only page", "/da/guide/resultat", FORM, b"a" * 60_000, 405, True),
    ("no such page", "/da/nothing", FORM, b"a" * 5000, 404, True),
    ("too many parts", "/da/klage", "Content-Type: multipart/form-data; boundary=b\r\n",
     b"".join(b'--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n%d\r\n' % n for n in range(150))
     + b"--b--\r\n", 413, True),
    # Left unread, more than gunicorn drains: closed, and said so.
    ("over 64 KB", "/da/klage", FORM, b"a" * 70_000, 413, False),
    ("over 64 KB, chunked", "/da/klage", FORM, b"chunked:" + b"a" * 70_000, 413, False),
]


@pytest.mark.parametrize("what, path, headers, body, status, kept", KEEP_ALIVE_CASES,
                         ids=[case[0] for case in KEEP_ALIVE_CASES])
def test_after_a_4xx_keep_alive_is_promised_only_where_the_connection_stays(gunicorn, what, path,
                                                                          headers, body, status, kept):
    host = f"{HOST}:{gunicorn.port}"
    with gunicorn.socket() as sock:
        refused = exchange(sock, post(path, host, headers) + framed(body))
        assert refused.status == status
        assert refused.getheader("Connection") == ("keep-alive" if kept else "close")
        if not kept:
            assert closed(sock)
            return
        # Keep-alive was promised: the same connection answers the next request.
        following = exchange(sock, f"GET /healthz HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        assert following.status == 200 and following.body == b"ok\n"


def test_gunicorns_own_error_log_has_neither_the_query_nor_the_errors_message(tmp_path):
    server = Gunicorn(tmp_path / "gunicorn.log", app="tests.support.failing_wsgi:app")
    try:
        with server.socket() as sock:
            response = exchange(sock, f"GET /da/klage?navn=%C3%85se HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
        assert response.status == 500
    finally:
        server.stop()
    log = server.log.read_text()
    assert "Error handling request GET /da/klage\n" in log
    assert "\nValueError (message left out)\n" in log
    assert "navn" not in log and SECRET not in log

