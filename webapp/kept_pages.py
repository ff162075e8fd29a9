"""Guide pages kept per process (the questions, the result, the email page), each
rendered once for what it depends on, with a blank for each of the request's own
values (the CSRF token; on the email page what was typed), filled in per request.
The signed CSRF token is kept per session token as well (page_token).

A kept page is sent gzipped without compressing it again: each fixed part is
compressed once, and only the values per request; the pieces join into one gzip
stream (RFC 1951, 1952), as each ends on a byte boundary with a full flush and so
refers to nothing before it. Compressing the whole page per request (Brotli,
quality 1) cost 10-15 % of the request."""

import re
import threading
import zlib

from flask import current_app, g, request, session
from flask_wtf.csrf import generate_csrf
from markupsafe import escape

from .shared_pages import accepted_codings

# Blanks are letters, digits and dashes, which escaping leaves as they are.
BLANK = re.compile(r"blank-9d2f-(\w+)-")
RENDERED_MAX = 256
SIGNED_KEPT = 1024
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate; no name, no time
GZIP_END = b"\x03\x00"  # an empty last block
GZIP_HEADERS = {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}

# The kept pages and tokens are shared by a worker's threads.
_kept_lock = threading.Lock()


def blank(name):
    return f"blank-9d2f-{name}-"


def _deflate(compressor, data):
    """`data` deflated, ending on a byte boundary with nothing after referring back."""
    return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)


class KeptPage:
    def __init__(self, html):
        parts = BLANK.split(html)  # text, name, text, name, ..., text
        self.texts = [text.encode() for text in parts[0::2]]
        self.names = parts[1::2]
        compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        self.deflated = [_deflate(compressor, text) for text in self.texts]
        self.size = sum(map(len, self.texts))

    def response(self, values, codings):
        """The page with `values` put in, gzipped if "gzip" is in `codings`; left to
        Flask-Compress when the values are as long as the fixed text (the email page's
        text and QR code), which compresses faster and smaller as one."""
        filled = {name: str(escape(values[name])).encode() for name in set(self.names)}
        filled = [filled[name] for name in self.names]
        size = self.size + sum(map(len, filled))
        if "gzip" not in codings or size > 2 * self.size:
            return b"".join(part for pair in zip(self.texts, filled, strict=False) for part in pair) + self.texts[-1]
        # A small window: a compressor with the largest costs 30 µs to set up.
        compressor = zlib.compressobj(1, zlib.DEFLATED, -12, 4)
        deflated = {value: _deflate(compressor, value) for value in set(filled)}
        pieces, crc = [GZIP_HEADER], 0
        for text, text_deflated, value in zip(self.texts, self.deflated, [*filled, b""], strict=True):
            pieces += [text_deflated, deflated.get(value, b"")]
            crc = zlib.crc32(value, zlib.crc32(text, crc))
        pieces += [GZIP_END, crc.to_bytes(4, "little"), (size & 0xFFFFFFFF).to_bytes(4, "little")]
        # Content-Encoding set, Flask-Compress leaves it.
        return current_app.response_class(b"".join(pieces), mimetype="text/html", headers=GZIP_HEADERS)


def render_once(key, render, values=None):
    """The page `render(csrf_token=..., **values)` gives, kept per `key` (at most
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
        page = pages.pop(key, None)
    if page is None:
        page = KeptPage(render(csrf_token=lambda: blank("csrf_token"), **{name: blank(name) for name in values}))
    with _kept_lock:
        while len(pages) >= RENDERED_MAX:
            del pages[next(iter(pages))]
        pages[key] = page
    values = {**values, "csrf_token": page_token()}
    return page.response(values, accepted_codings(request.headers.get("Accept-Encoding")))


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
