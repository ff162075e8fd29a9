"""Pages that are the same for everyone: rendered and compressed once per process,
then served from memory with an ETag (304 when unchanged) and a Cache-Control
that a CDN may keep. Content is read once at start, so a page never goes stale."""

import gzip
import hashlib
from dataclasses import dataclass
from functools import wraps

import brotli
from flask import Response, current_app, request

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


def from_result():
    """Whether the page was reached from the guide's result (`?fra=resultat`): the one
    query value a shared page reads, to offer the way back to the result."""
    return request.args.get("fra") == "resultat"


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
