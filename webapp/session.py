"""The guide's session cookie, encrypted and authenticated (AES-GCM), so nothing in it
can be read at a shared computer, and with Max-Age equal to the time left, so the
browser drops it by itself.

The cookie is base64url(nonce + AES-GCM(compact JSON [session id, data])). The key is
derived from SECRET_KEY; the keys in SECRET_KEY_FALLBACKS still open older cookies,
so keys can rotate. Each session has a random id: "Finish and clear" and "Start
again" put it in the shared store (webapp/store.py) as ended, for as long as a copy of
the cookie could live, and every process and copy refuses it.

What the cookie holds is checked against SHAPES, one check per key: a payload that
opens but has a key of the wrong shape is treated like one no key opens (a fresh
session), so no page meets a value it cannot use. Keys nobody declares any more
(left by an earlier version of the site) are dropped."""

import base64
import binascii
import json
import os
import secrets
import time
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict

from .store import shared

NONCE_BYTES = 12
ASSOCIATED = b"guide-session-v1"  # ties a cookie to this use of the key
SEEN = "seen"    # last activity (Unix time), set by the guide on each page
LIMIT = "limit"  # seconds of inactivity allowed, when more than the default
REFRESH = 60  # seconds the expiry must move by before the cookie is saved again


# The checks SHAPES is written with; each takes a value decoded from JSON.
def text(value):
    return isinstance(value, str)


def whole(value):
    return type(value) is int  # JSON's true is not a number here


def one_of(*choices):
    """One of these strings (or None)."""
    return lambda value: (value is None or text(value)) and value in choices


def optional(check):
    return lambda value: value is None or check(value)


def list_of(check):
    return lambda value: isinstance(value, list) and all(check(item) for item in value)


def dict_of(check):
    return lambda value: isinstance(value, dict) and all(check(item) for item in value.values())


def record(**fields):
    """A dict with exactly these keys, each of its shape."""
    keys = fields.keys()
    return lambda value: (isinstance(value, dict) and value.keys() == keys
                          and all(check(value[key]) for key, check in fields.items()))


# Each key the app keeps in the cookie; the guide adds its own (webapp/guide/state.py).
SHAPES = {
    SEEN: whole,
    LIMIT: lambda value: whole(value) and value > 0,
    "csrf_token": text,  # Flask-WTF's raw token
    "_flashes": list_of(lambda message: isinstance(message, list) and len(message) == 2
                        and all(map(text, message))),  # Flask's flash(): [category, text]
}


def declare(**shapes):
    """Add the keys a part of the app keeps in the session, with their shapes."""
    SHAPES.update(shapes)


def fitting(data):
    """`data` with only the declared keys, or None if one has the wrong shape."""
    kept = {key: value for key, value in data.items() if key in SHAPES}
    return kept if all(SHAPES[key](value) for key, value in kept.items()) else None


@lru_cache(maxsize=8)
def _cipher(secret):
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
               info=b"guide session cookie").derive(secret.encode())
    return AESGCM(key)


def seconds_left(data, default_limit, now=None):
    """Seconds until the session's idle limit (negative once past it)."""
    now = time.time() if now is None else now
    return int(data.get(SEEN, now) + data.get(LIMIT, default_limit) - now)


def touch(session, limit, now=None):
    """Note activity. The time moves, and with it the cookie's expiry, only once it would
    move by a minute (a twentieth of the limit, if that is less): a sliding limit needs
    no new cookie on every request. The limit then runs from the last request or up to
    a minute before it, never later, and the server's check and Max-Age agree."""
    now = int(time.time()) if now is None else now
    if now - session.get(SEEN, 0) >= min(REFRESH, limit // 20):
        session[SEEN] = now


class EncryptedSession(CallbackDict, SessionMixin):
    def __init__(self, initial=None, sid=None, expired=False, saved=None):
        def on_update(self):
            self.modified = True
            self.accessed = True

        super().__init__(initial, on_update)
        self.sid = sid
        self.expired = expired  # the cookie came in past its time limit
        self.saved = saved  # the plain payload of the cookie it came with, if kept as is
        self.ended = False
        self.ended_limit = 0
        self.modified = False
        self.accessed = False

    def end(self):
        """Empty the session and make every earlier copy of its cookie useless."""
        limit = self.get(LIMIT)
        self.ended_limit = limit if isinstance(limit, int) else 0  # a copy lives by the limit it had
        self.clear()
        self.ended = True

    def lifetime(self, default_limit):
        """How long a copy of this session's cookie taken now could still be used."""
        limit = self.ended_limit if self.ended else self.get(LIMIT)
        return max(default_limit, limit if isinstance(limit, int) else 0)

    def ensure_sid(self):
        """The session's random id, made now if it has none yet (a new session)."""
        if self.sid is None:
            self.sid = secrets.token_urlsafe(12)
        return self.sid


class EncryptedSessionInterface(SessionInterface):
    @staticmethod
    def _secrets(app):
        return [app.secret_key, *app.config.get("SECRET_KEY_FALLBACKS", ())]

    @staticmethod
    def default_limit(app):
        return int(app.config["GUIDE_IDLE_TIMEOUT"].total_seconds())

    @staticmethod
    def plain(sid, data):
        return json.dumps([sid, data], separators=(",", ":"), ensure_ascii=False).encode()

    def seal(self, app, plain):
        nonce = os.urandom(NONCE_BYTES)
        sealed = _cipher(self._secrets(app)[0]).encrypt(nonce, plain, ASSOCIATED)
        return base64.urlsafe_b64encode(nonce + sealed).rstrip(b"=").decode("ascii")

    def encode(self, app, sid, data):
        return self.seal(app, self.plain(sid, data))

    def decode(self, app, value):
        """(sid, data, plain) from a cookie value, or None if no key opens it (tampered,
        from another key, or not ours) or what it holds has the wrong shape. `plain` is
        the payload as it came, or None when undeclared keys were dropped from it."""
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        except (binascii.Error, ValueError):
            return None
        nonce, sealed = raw[:NONCE_BYTES], raw[NONCE_BYTES:]
        if len(nonce) < NONCE_BYTES:
            return None
        for secret in self._secrets(app):
            try:
                plain = _cipher(secret).decrypt(nonce, sealed, ASSOCIATED)
            except InvalidTag:
                continue
            try:
                sid, data = json.loads(plain)
            except (ValueError, TypeError):
                return None
            if not (isinstance(sid, str) and sid and isinstance(data, dict)):
                return None
            kept = fitting(data)
            if kept is None:
                return None
            return sid, kept, plain if len(kept) == len(data) and secret == app.secret_key else None
        return None

    def open_session(self, app, request):
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return EncryptedSession()
        opened = self.decode(app, value)
        if opened is None or shared(app).is_ended(opened[0]):
            session = EncryptedSession()
        elif seconds_left(opened[1], self.default_limit(app)) <= 0:
            session = EncryptedSession(expired=True)
        else:
            session = EncryptedSession(opened[1], sid=opened[0], saved=opened[2])
            # Saved again when opened with an earlier key or with keys dropped.
            session.modified = opened[2] is None
            return session
        session.modified = True  # the cookie it came with is deleted
        return session

    def save_session(self, app, session, response):
        limit = self.default_limit(app)
        if session.ended and session.sid:
            # Any copy of the cookie dies by its time limit at the latest.
            shared(app).end(session.sid, session.lifetime(limit))
        if session.accessed:
            response.vary.add("Cookie")
        if not session.modified:
            return
        name = self.get_cookie_name(app)
        options = {"domain": self.get_cookie_domain(app), "path": self.get_cookie_path(app),
                   "secure": self.get_cookie_secure(app), "samesite": self.get_cookie_samesite(app),
                   "httponly": self.get_cookie_httponly(app)}
        if not session:
            response.delete_cookie(name, **options)
            return
        if session.ended:
            session.sid, session.ended = None, False
        session.ensure_sid()
        session.setdefault(SEEN, int(time.time()))
        plain = self.plain(session.sid, dict(session))
        if plain == session.saved:
            return  # the same content and expiry: the browser's cookie stands
        # At least 1 s: the server's own check refuses it after its limit in any case;
        # at most the limit, whatever the clock in the cookie says.
        max_age = max(1, min(seconds_left(session, limit), session.get(LIMIT, limit)))
        response.set_cookie(name, self.seal(app, plain), max_age=max_age, **options)


def init_app(app):
    app.session_interface = EncryptedSessionInterface()
