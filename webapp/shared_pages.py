"""Pages that are the same for everyone: rendered and compressed once per process,
then served from memory with an ETag (304 when unchanged) and a Cache-Control
that a CDN may keep. Content is read once at start, so a page never goes stale.

The first request for a page goes through Flask (the view, the security headers);
ServeSharedPages keeps that finished response and answers the next ones for the
same path and content coding itself, without Flask."""

import gzip
import hashlib
import re
import threading
from dataclasses import dataclass
from functools import wraps
from urllib.parse import parse_qs, urlencode

import brotli
from flask import Response, current_app, g, request, session
from flask_wtf.csrf import generate_csrf
from markupsafe import escape
from werkzeug.exceptions import SecurityError
from werkzeug.http import parse_accept_header, parse_etags
from werkzeug.wsgi import get_host

CACHE_CONTROL = "public, max-age=600"
MARKER = "X-Shared-Page"  # set by the view, removed before the response leaves


@dataclass(frozen=True)
class SharedPage:
    etag: str
    bodies: dict  # content coding ("identity", "br", "gzip") -> bytes

    @classmethod
    def build(cls, html):
        raw = html.encode()
        return cls(hashlib.sha256(raw).hexdigest()[:20], {
            "identity": raw,
            "br": brotli.compress(raw, quality=11, mode=brotli.MODE_TEXT),
            "gzip": gzip.compress(raw, compresslevel=9, mtime=0),
        })

    def response(self):
        coding = _coding(request.headers.get("Accept-Encoding"))
        response = Response(self.bodies[coding], mimetype="text/html")
        if coding != "identity":
            response.headers["Content-Encoding"] = coding  # so Flask-Compress leaves it
        response.vary.add("Accept-Encoding")
        response.headers["Cache-Control"] = CACHE_CONTROL
        response.set_etag(f"{self.etag}-{coding}")
        response.headers[MARKER] = "1"
        return response.make_conditional(request)


def from_result(query_string=None):
    """Whether the page was reached from the guide's result (`?fra=resultat`): the one
    query value a shared page reads, to offer the way back to the result."""
    if query_string is None:
        query_string = request.query_string.decode("latin-1")
    return parse_qs(query_string).get("fra") == ["resultat"]


# The query values a page reads and may be linked back with, per endpoint, with the
# values allowed. Anything else in a query string is the sender's own: it must not
# reach a page that render_once keeps and serves to later visitors.
LINKABLE_QUERY = {"guide.question": {"return": ("check",)}}


def this_page():
    """The current page as a link target (e.g. the way back from "Start again"): its
    path and only the known query values above, never the raw query string."""
    allowed = LINKABLE_QUERY.get(request.endpoint, {})
    kept = {name: request.args[name] for name, values in allowed.items()
            if request.args.get(name) in values}
    return request.path + (f"?{urlencode(kept)}" if kept else "")


def _coding(accept_encoding):
    accepted = parse_accept_header(accept_encoding)
    return next((c for c in ("br", "gzip") if accepted[c]), "identity")


class ServeSharedPages:
    """WSGI middleware: a shared page's finished response, kept per path and coding."""

    def __init__(self, app, flask_app):
        self.app, self.flask_app = app, flask_app
        self.kept = {}  # (path, coding, from result) -> (etag, headers, body)

    def __call__(self, environ, start_response):
        method = environ["REQUEST_METHOD"]
        key = (environ.get("PATH_INFO", ""), _coding(environ.get("HTTP_ACCEPT_ENCODING")),
               from_result(environ.get("QUERY_STRING", "")))
        kept = self.kept.get(key) if method in ("GET", "HEAD") else None
        if kept and self._host_trusted(environ):
            etag, headers, body = kept
            if parse_etags(environ.get("HTTP_IF_NONE_MATCH")).contains(etag):
                start_response("304 Not Modified",
                               [h for h in headers if h[0] not in ("Content-Length", "Content-Encoding")])
                return []
            start_response("200 OK", headers)
            return [] if method == "HEAD" else [body]

        seen = {}

        def keep_headers(status, headers, exc_info=None):
            seen.update(status=status, headers=headers)
            return start_response(status, [h for h in headers if h[0] != MARKER], exc_info)

        body = self.app(environ, keep_headers)
        headers = dict(seen.get("headers", []))
        # Kept only as the view made it (not, say, deflated by Flask-Compress).
        if method == "GET" and seen.get("status", "").startswith("200") and MARKER in headers \
                and headers.get("Content-Encoding", "identity") == key[1]:
            data = b"".join(body)
            if hasattr(body, "close"):
                body.close()
            kept_headers = [h for h in seen["headers"] if h[0] != MARKER]
            self.kept[key] = (headers["ETag"].strip('"'), kept_headers, data)
            return [data]
        return body

    def _host_trusted(self, environ):
        trusted = self.flask_app.config["TRUSTED_HOSTS"]
        try:
            get_host(environ, trusted)
        except SecurityError:
            return False  # Flask answers it with 400
        return True


def shared_page(view):
    """Cache the view's HTML by path (and `from_result()`). Only views whose page
    depends on nothing else may use it; an error (e.g. 404) is raised before
    anything is kept."""

    @wraps(view)
    def cached(**kwargs):
        pages = current_app.extensions.setdefault("shared_pages", {})
        key = (request.path, from_result())
        page = pages.get(key)
        if page is None:
            page = pages[key] = SharedPage.build(view(**kwargs))
        return page.response()

    return cached


# A kept page's blanks: letters, digits and dashes, which escaping leaves as they are.
BLANK = re.compile(r"blank-9d2f-(\w+)-")
RENDERED_MAX = 256


# The kept pages and tokens are shared by a worker's threads.
_kept_lock = threading.Lock()


def blank(name):
    return f"blank-9d2f-{name}-"


def render_once(key, render, values=None):
    """The HTML of `render(csrf_token=..., **values)`, kept per `key` (at most
    RENDERED_MAX, the least recently used dropped first), with the request's own values
    put in: the CSRF token and `values` (name -> text, escaped, or Markup, as it is).

    The kept page is rendered with a blank in place of each value, so it holds no name,
    typed text or other personal detail, and nothing links it to a person or a session;
    `key` must hold everything else the page depends on. A value must reach the page
    as it is, printed by `{{ }}` (no filter, no test on it): its blank is what the
    template sees."""
    values = values or {}
    if "_flashes" in session:  # a message for this request only
        return render(csrf_token=generate_csrf, **values)
    pages = current_app.extensions.setdefault("rendered_pages", {})
    with _kept_lock:
        parts = pages.pop(key, None)
    if parts is None:
        html = render(csrf_token=lambda: blank("csrf_token"), **{name: blank(name) for name in values})
        parts = BLANK.split(html)  # text, name, text, name, ..., text
    with _kept_lock:
        while len(pages) >= RENDERED_MAX:
            del pages[next(iter(pages))]
        pages[key] = parts
    values = {**values, "csrf_token": page_token()}
    return "".join(part if i % 2 == 0 else escape(values[part]) for i, part in enumerate(parts))


SIGNED_KEPT = 1024


def page_token():
    """generate_csrf(), with the signed token kept per session token: signing it anew
    on every request (itsdangerous derives a key and computes two HMACs) costs as much
    as the rest of a kept page. Only while tokens carry no time limit, so a kept one
    stays as valid as a new one; at most SIGNED_KEPT, in this process's memory."""
    raw = session.get("csrf_token")
    if (current_app.config.get("WTF_CSRF_TIME_LIMIT") is not None or not isinstance(raw, str)
            or "csrf_token" in g or current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token") != "csrf_token"):
        return generate_csrf()
    signed = current_app.extensions.setdefault("signed_tokens", {})
    token = signed.get(raw)
    if token is None:
        token = generate_csrf()
        with _kept_lock:
            while len(signed) >= SIGNED_KEPT:
                del signed[next(iter(signed))]
            signed[raw] = token
    g.csrf_token = token  # what generate_csrf() gives for the rest of the request
    return token
