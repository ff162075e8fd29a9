"""Pages that are the same for everyone: rendered and compressed once per process,
then served from memory with an ETag (304 when unchanged) and a Cache-Control
that a CDN may keep. Content is read once at start, so a page never goes stale.

The first request for a page goes through Flask (the view, the security headers);
ServeSharedPages keeps that finished response and answers the next ones for the
same path and content coding itself, without Flask."""

import gzip
import hashlib
from dataclasses import dataclass
from functools import lru_cache, wraps
from urllib.parse import parse_qs, urlencode

import brotli
from flask import Response, current_app, request
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


@lru_cache(maxsize=64)  # browsers send a handful of different headers
def accepted_codings(accept_encoding):
    """The codings of ours ("br", "gzip") that an Accept-Encoding header accepts."""
    accepted = parse_accept_header(accept_encoding)
    return frozenset(c for c in ("br", "gzip") if accepted[c])


def _coding(accept_encoding):
    codings = accepted_codings(accept_encoding)
    return next((c for c in ("br", "gzip") if c in codings), "identity")


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
