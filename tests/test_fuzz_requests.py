"""Property-based fuzz of whole requests (issue 20): every route from the URL map in
both languages, every method, bodies of every content type (forms, multipart with and
without files, JSON, text, bytes, a Content-Length that lies, a stream that breaks),
odd headers (Origin, Referer, Host, Accept-Language, Sec-Fetch-Site ...) and cookies
(random bytes, base64 that opens with no key, a real encrypted cookie with odd content).
Never a 5xx. The requests go to the WSGI app as a server hands them over.

Cheap on purpose: a fixed number of derandomized examples, no example database."""

import base64
import io
import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.routing import Map
from werkzeug.test import EnvironBuilder, run_wsgi_app

from tests.guide_helpers import ANSWERS
from webapp import create_app
from webapp.config import TestingConfig
from webapp.deadlines.views import KINDS
from webapp.guide.questions import QUESTIONS

ROOT = Path(__file__).resolve().parent.parent
SITE = "aktivitetstilbud.balk.dk"
FUZZ = settings(max_examples=150, derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TOPICS = sorted(path.stem for path in (ROOT / "content" / "da").glob("*.md"))
ARGUMENT_VALUES = {"key": [q.key for q in QUESTIONS], "kind": list(KINDS), "topic_id": TOPICS,
                   "page_id": TOPICS, "lang": ["da", "en", "xx"],
                   "filename": ["build/main.css", "scss/main.scss", "../pyproject.toml"]}


def every_route(url_map: Map):
    """(path, methods, endpoint) for each rule and each good value of its arguments:
    every page in both languages, with the methods it takes."""
    routes = set()
    for rule in url_map.iter_rules():
        arguments = sorted(rule.arguments - set(rule.defaults or {}))
        combinations = [{}]
        for name in arguments:
            combinations = [{**c, name: v} for c in combinations for v in ARGUMENT_VALUES[name]]
        for values in combinations:
            try:
                built = rule.build({**(rule.defaults or {}), **values})
            except Exception:  # a slug converter that has no such value
                continue
            if built:
                routes.add((built[1], tuple(sorted(rule.methods)), rule.endpoint))
    return sorted(routes)


HOSTILE = ["", "\x00", "\r\nX: 1", "Åse\u2028x", "\u202eevil", "€" * 300, "{{ 7*7 }}",
           "<script>", "http://[", "//[", "9999-99-99", "x" * 7000, "\ufeff", "check", "self"]
text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60))
FIELDS = ["answer", "name", "applicant_name", "phone", "email", "best_time", "message", "kind",
          "body", "page", "missing", "back", "draft", "csrf_token", "return", "dato", "brev",
          "decision_date-dag", "decision_date-maaned", "decision_date-aar", "endpoint", "lang"]
fields = st.dictionaries(st.sampled_from(FIELDS), text, max_size=6)
json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), text),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(FIELDS), inner, max_size=3)),
    max_leaves=8)
ODD_TYPES = ["", "text/plain", "text/html", "application/xml", "*/*", "x" * 300,
             "application/x-www-form-urlencoded; charset=utf-16", "multipart/form-data",
             "multipart/form-data; boundary=", "multipart/form-data; boundary=b",
             "application/json; charset=latin-1", "application/merge-patch+json"]


BODY_KINDS = ["none", "form", "multipart", "file", "json", "bytes"]


@st.composite
def bodies(draw, kinds=BODY_KINDS):
    """(content type, body: bytes, or fields that the request builder encodes), or
    (None, None) for no body."""
    kind = draw(st.sampled_from(kinds))
    if kind == "none":
        return None, None
    if kind in ("form", "multipart", "file"):
        data = draw(fields)
        if kind == "file":
            data[draw(st.sampled_from(FIELDS))] = (io.BytesIO(draw(st.binary(max_size=50))), "a.txt")
        return ("application/x-www-form-urlencoded" if kind == "form" else "multipart/form-data"), data
    if kind == "json":
        raw = json.dumps(draw(json_value)).encode()
        return "application/json", draw(st.sampled_from([raw, raw[:-1], b"{", b"[1]", b"5"]))
    return draw(st.sampled_from(ODD_TYPES)), draw(st.binary(max_size=200))


class BrokenStream:
    """What gunicorn's wsgi.input does with a chunk size it cannot read."""

    def read(self, *args):
        raise OSError("Invalid chunk size")

    readline = read


ORIGINS = [None, "null", f"https://{SITE}", "http://localhost", "https://evil.example", "http://[",
           "http://[::1", "http://[evil]", "//", "\x00"]
HOSTS = [SITE, "localhost", "evil.example", f"{SITE}:99999", "[", "[::1]", "x y", "ø.dk", "", "a" * 300]


SESSION_KEYS = ["answers", "seen", "limit", "tried", "sending", "draft", "_flashes", "csrf_token"]
odd_session = st.dictionaries(st.sampled_from(SESSION_KEYS), json_value, max_size=5)


@st.composite
def cookies(draw, app, kinds):
    """A `guide` cookie's value: random bytes, base64 that no key opens, a real cookie
    (this app's key) with the guide's answers, or a real one with odd content."""
    kind = draw(st.sampled_from(kinds))
    if kind == "none":
        return None
    if kind == "bytes":
        return draw(st.binary(max_size=80)).decode("latin-1")
    if kind == "base64":
        return base64.urlsafe_b64encode(draw(st.binary(min_size=12, max_size=120))).decode()
    data = {"answers": dict(ANSWERS), "seen": int(time.time())}
    if kind == "odd":
        data = {"seen": int(time.time()), **draw(odd_session)}
    return app.session_interface.encode(app, "fuzz-session-id", data)


METHODS = ["GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"]
ALL_COOKIES = ["none", "bytes", "base64", "real"]  # "odd" content has a test of its own


@st.composite
def requests(draw, app, routes, cookie_kinds=ALL_COOKIES, body_kinds=BODY_KINDS):
    path, methods, _endpoint = draw(st.sampled_from(routes))
    # Mostly a method the page takes (that is where the views run), sometimes any.
    method = draw(st.sampled_from(methods if draw(st.integers(0, 4)) else METHODS))
    if draw(st.integers(0, 9)) == 0:
        path += draw(st.sampled_from(["/", "x", "%00", "/..", "%C0%AF", ".ics"]))
    content_type, body = draw(bodies(body_kinds))
    headers = {name: value for name, value in {
        "Host": draw(st.sampled_from([SITE] * 3 * len(HOSTS) + HOSTS)),  # mostly the site's own
        "Origin": draw(st.sampled_from([None] * 2 + ORIGINS)),
        "Referer": draw(st.sampled_from([None] * 8 + ORIGINS)),
        "Sec-Fetch-Site": draw(st.sampled_from([None] * 6 + ["same-origin", "cross-site", "none", "x"])),
        "Accept-Language": draw(st.one_of(st.none(), st.sampled_from(["en", "da-DK,en;q=0.5", "*;q=x"]),
                                          st.text(max_size=30))),
        "Accept-Encoding": draw(st.sampled_from([None, "br", "gzip", "br;q=abc, gzip;q=0", "*"])),
        "If-None-Match": draw(st.sampled_from([None, '"x"', "*", "W/\"\x00\""])),
        "X-Request-ID": draw(st.sampled_from([None, "req-12345678", "\r\nx", "x" * 100])),
        "X-Real-IP": draw(st.sampled_from([None, "10.0.0.1", "not an address", "::1"])),
    }.items() if value is not None}
    cookie = draw(cookies(app, cookie_kinds))
    if cookie is not None:
        headers["Cookie"] = f"guide={cookie}"
    return {"method": method, "path": path, "query": draw(fields), "headers": headers,
            "content_type": content_type, "body": body,
            "length": draw(st.sampled_from([None] * 12 + ["-1", "abc", "99999999999", "+5"])),
            "shorter": draw(st.integers(0, 7)) == 0, "broken": draw(st.integers(0, 15)) == 0,
            "address": draw(st.sampled_from(["127.0.0.1", "10.0.0.2", "::1"]))}


def as_server_gives(value):
    """A header value as a server hands it to the app: bytes read as latin-1; a line
    break or NUL never gets past the server's parser."""
    return value.encode().decode("latin-1").translate({10: None, 13: None, 0: None})


def send(app, r):
    headers = {name: as_server_gives(value) for name, value in r["headers"].items()}
    content_type = r["content_type"] and as_server_gives(r["content_type"])
    builder = EnvironBuilder(path=r["path"], method=r["method"], query_string=r["query"],
                             headers=headers, data=r["body"], content_type=content_type)
    environ = builder.get_environ()
    environ["REMOTE_ADDR"] = r["address"]
    if r["body"] is not None and r["shorter"]:  # the body says more than its length
        environ["CONTENT_LENGTH"] = str(max(0, int(environ.get("CONTENT_LENGTH") or 0) - 3))
    if r["length"] is not None:
        environ["CONTENT_LENGTH"] = r["length"]
    if r["broken"]:
        environ["wsgi.input"], environ["wsgi.input_terminated"] = BrokenStream(), True
        environ["HTTP_TRANSFER_ENCODING"] = "chunked"
        environ.pop("CONTENT_LENGTH", None)
    app_iter, status, headers = run_wsgi_app(app, environ, buffered=True)
    body = b"".join(app_iter)
    return int(status.split()[0]), headers, body


def check(app, r):
    status, headers, body = send(app, r)
    assert status < 500, (status, r)
    if status >= 400 and headers.get("Content-Type", "").startswith("text/html") and r["method"] != "HEAD":
        assert b"<h1" in body, (status, r)


class NoTokenConfig(TestingConfig):
    PROPAGATE_EXCEPTIONS = False  # as in production: a crash is a 500 page


@pytest.fixture(scope="module")
def production():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SECRET_KEY", "0f3a9c2e7b41d8a65e90c3f1b27d4a8e6c5b19f0a3d7e2c84b6f1a09d3e5c7b2")
        patch.setenv("SITE_URL", f"https://{SITE}")
        patch.setenv("DATABASE_URL", "sqlite://")
        return create_app("production")


@pytest.fixture(scope="module")
def testing():
    """Without the token check, every body reaches the views and their forms."""
    return create_app(NoTokenConfig)


def posts(routes):
    """The forms: POST to today's pages (an older path redirects to one of them)."""
    return [(path, ("POST",), endpoint) for path, methods, endpoint in routes
            if "POST" in methods and not endpoint.startswith("old.")]


def test_every_route_method_body_header_and_cookie_in_production(production):
    """The production app: the token check, and the one Host it answers."""
    routes = every_route(production.url_map)

    # Half of them posts of a form, with or without a token: where the headers matter.
    forms = requests(production, posts(routes), body_kinds=["none", "form", "multipart"])

    @settings(FUZZ, max_examples=200)
    @given(r=st.one_of(requests(production, routes), forms))
    def fuzz(r):
        check(production, r)

    fuzz()


# werkzeug's multipart parser leaves the file part it was writing unclosed when the body
# ends before its last boundary (a Content-Length shorter than the body); the file is
# in memory and closed when collected, with a ResourceWarning. Nothing else is ignored.
@pytest.mark.filterwarnings(
    "ignore:Exception ignored in. <function SpooledTemporaryFile.__del__"
    ":pytest.PytestUnraisableExceptionWarning")
def test_every_form_takes_every_body_and_header(testing):
    """Without the token check every body reaches the views and their forms."""
    routes = posts(every_route(testing.url_map))

    @FUZZ
    @given(r=requests(testing, routes, cookie_kinds=["none", "real", "real", "real"]))
    def fuzz(r):
        check(testing, r)

    fuzz()


JOURNEYS = ("/da/guide", "/en/guide", "/da/klage", "/en/complaint", "/da/frister", "/en/deadlines")


def test_a_real_cookie_with_odd_content_never_gets_a_server_error(testing):
    """A cookie this app encrypted, holding what the guide would never write there (the
    session's shape check in webapp/session.py, issue 20)."""
    routes = [route for route in every_route(testing.url_map)
              if not route[2].startswith("old.") and route[0].startswith(JOURNEYS)]

    @FUZZ
    @given(r=requests(testing, routes, cookie_kinds=["odd"]))
    def fuzz(r):
        check(testing, r)

    fuzz()
