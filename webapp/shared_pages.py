"""Pages that are the same for everyone: rendered and compressed once per process,
then served from memory with an ETag (304 when unchanged) and a Cache-Control
that a CDN may keep. Content is read once at start, so a page never goes stale."""

import gzip
import hashlib
from dataclasses import dataclass
from functools import wraps

import brotli
from flask import Response, current_app, request, session
from flask_wtf.csrf import generate_csrf

CACHE_CONTROL = "public, max-age=600"


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
        accepted = request.accept_encodings
        coding = next((c for c in ("br", "gzip") if accepted[c]), "identity")
        response = Response(self.bodies[coding], mimetype="text/html")
        if coding != "identity":
            response.headers["Content-Encoding"] = coding  # so Flask-Compress leaves it
        response.vary.add("Accept-Encoding")
        response.headers["Cache-Control"] = CACHE_CONTROL
        response.set_etag(f"{self.etag}-{coding}")
        return response.make_conditional(request)


def shared_page(view):
    """Cache the view's HTML by path. Only views whose page depends on nothing but
    the path may use it; an error (e.g. 404) is raised before anything is kept."""

    @wraps(view)
    def cached(**kwargs):
        pages = current_app.extensions.setdefault("shared_pages", {})
        page = pages.get(request.path)
        if page is None:
            page = pages[request.path] = SharedPage.build(view(**kwargs))
        return page.response()

    return cached


TOKEN_PLACEHOLDER = "csrf-token-placeholder-9d2f"
RENDERED_MAX = 256


def render_once(key, render):
    """The HTML from `render(csrf_token=...)`, kept per `key` (at most RENDERED_MAX,
    the oldest dropped first), with each request's own CSRF token put in. For guide
    pages that depend on nothing but the key: the key holds no name or other
    personal detail, and nothing links a kept page to a person or a session."""
    if "_flashes" in session:  # a message for this request only
        return render(csrf_token=generate_csrf)
    pages = current_app.extensions.setdefault("rendered_pages", {})
    html = pages.pop(key, None)
    if html is None:
        html = render(csrf_token=lambda: TOKEN_PLACEHOLDER)
        while len(pages) >= RENDERED_MAX:
            del pages[next(iter(pages))]
    pages[key] = html
    return html.replace(TOKEN_PLACEHOLDER, generate_csrf())
