"""Copies of the app as production runs them (gunicorn.conf.py, the production config),
each on a free loopback port, and a browser that walks the guide over HTTP with its
one cookie and the forms' tokens. For tests/test_instances.py."""

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from tests.guide_helpers import ANSWERS, DETAILS, url
from webapp.guide.questions import applicable

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
START_TIMEOUT = 90


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Instance:
    """gunicorn with `workers` workers on a free port, started; its log in `folder`."""

    def __init__(self, name, folder, env, workers=2, root=ROOT):
        self.name, self.port = name, free_port()
        self.log_path = Path(folder) / f"{name}-{self.port}.log"
        settings = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "BIND": f"{HOST}:{self.port}", "WEB_CONCURRENCY": str(workers), "THREADS": "2",
                    "FLASK_CONFIG": "production", **env}
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [str(Path(sys.executable).parent / "gunicorn"), "--config", str(Path(root) / "gunicorn.conf.py")],
                cwd=root, env=settings, stdout=log, stderr=subprocess.STDOUT)

    def ready(self):
        """Wait until it answers (start several first, then wait: they start side by side)."""
        deadline = time.monotonic() + START_TIMEOUT
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"{self.name} did not start:\n{self.log()}")
            time.sleep(0.05)
        return self

    def _answers(self):
        try:
            return self.request("GET", "/healthz")[0] == 200
        except OSError:
            return False

    def log(self):
        return self.log_path.read_text(errors="replace")

    def request(self, method, path, headers=None, body=None, client=HOST):
        """(status, headers, text) on a new connection, so each worker takes its share;
        from the loopback address `client` (127.0.0.2 is another client)."""
        connection = http.client.HTTPConnection(HOST, self.port, timeout=10, source_address=(client, 0))
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # quick: nothing here waits to finish
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Browser:
    """One person's browser: the guide's cookie, sent to whichever instance it is told."""

    def __init__(self):
        self.cookie = None

    def _take_cookie(self, headers):
        for line in headers.get_all("Set-Cookie") or []:
            match = re.match(r"guide=([^;]*)", line)
            if match:
                self.cookie = None if "Max-Age=0" in line or not match[1] else match[1]

    def _headers(self, extra=None):
        return {**({"Cookie": f"guide={self.cookie}"} if self.cookie else {}), **(extra or {})}

    def get(self, instance, path):
        status, headers, text = instance.request("GET", path, self._headers())
        self._take_cookie(headers)
        return status, headers, text

    def post(self, instance, path, data, token_from=None, headers=None):
        """POST `data`, with the CSRF token of the page at `token_from` (GET first)."""
        fields = dict(data)
        if token_from:
            _, _, page = self.get(instance, token_from)
            fields["csrf_token"] = unescape(re.search(r'name="csrf_token" value="([^"]+)"', page)[1])
        body = urlencode(fields, doseq=True)
        status, response_headers, text = instance.request("POST", path, self._headers({
            "Content-Type": "application/x-www-form-urlencoded", "Content-Length": str(len(body)),
            **(headers or {})}), body)
        self._take_cookie(response_headers)
        return status, response_headers, text

    def answer_all(self, instance, lang="da", answers=ANSWERS):
        for question in applicable(answers):
            path = url(lang, question.key)
            status, headers, _ = self.post(instance, path, {"answer": answers[question.key]}, token_from=path)
            assert status == 302, (instance.name, question.key, status)

    def apply(self, instance, lang="da"):
        path = url(lang, "apply")
        status, headers, _ = self.post(instance, path, DETAILS, token_from=path)
        assert status in (302, 303) and urlsplit(headers["Location"]).path == url(lang, "sending"), status
