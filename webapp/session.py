"""The guide's session cookie, encrypted and authenticated (AES-GCM), so nothing in it
can be read at a shared computer, and with Max-Age equal to the time left, so the
browser drops it by itself.

The cookie is base64url(nonce + AES-GCM(compact JSON [session id, data])). The key is
derived from SECRET_KEY; the keys in SECRET_KEY_FALLBACKS still open older cookies,
so keys can rotate. Each session has a random id: "Finish and clear" and "Start
again" put it in the shared store (webapp/store.py) as ended, for as long as a copy of
the cookie could live, and every process and copy refuses it."""

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


@lru_cache(maxsize=8)
def _cipher(secret):
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
               info=b"guide session cookie").derive(secret.encode())
    return AESGCM(key)


def seconds_left(data, default_limit, now=None):
    """Seconds until the session's idle limit (negative once past it)."""
    now = time.time() if now is None else now
    return int(data.get(SEEN, now) + data.get(LIMIT, default_limit) - now)


class EncryptedSession(CallbackDict, SessionMixin):
    def __init__(self, initial=None, sid=None, expired=False):
        def on_update(self):
            self.modified = True
            self.accessed = True

        super().__init__(initial, on_update)
        self.sid = sid
        self.expired = expired  # the cookie came in past its time limit
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

    def encode(self, app, sid, data):
        plain = json.dumps([sid, data], separators=(",", ":"), ensure_ascii=False).encode()
        nonce = os.urandom(NONCE_BYTES)
        sealed = _cipher(self._secrets(app)[0]).encrypt(nonce, plain, ASSOCIATED)
        return base64.urlsafe_b64encode(nonce + sealed).rstrip(b"=").decode("ascii")

    def decode(self, app, value):
        """(sid, data) from a cookie value, or None if no key opens it (tampered,
        from another key, or not ours)."""
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        except (binascii.Error, ValueError):
            return None
        nonce, sealed = raw[:NONCE_BYTES], raw[NONCE_BYTES:]
        if len(nonce) < NONCE_BYTES:
            return None
        for secret in self._secrets(app):
            try:
                sid, data = json.loads(_cipher(secret).decrypt(nonce, sealed, ASSOCIATED))
            except (InvalidTag, ValueError, TypeError):
                continue
            if isinstance(sid, str) and isinstance(data, dict):
                return sid, data
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
            return EncryptedSession(opened[1], sid=opened[0])
        session.modified = True  # the cookie it came with is deleted
        return session

    def save_session(self, app, session, response):
        name = self.get_cookie_name(app)
        options = {"domain": self.get_cookie_domain(app), "path": self.get_cookie_path(app),
                   "secure": self.get_cookie_secure(app), "samesite": self.get_cookie_samesite(app),
                   "httponly": self.get_cookie_httponly(app)}
        limit = self.default_limit(app)
        if session.ended and session.sid:
            # Any copy of the cookie dies by its time limit at the latest.
            shared(app).end(session.sid, session.lifetime(limit))
        if session.accessed:
            response.vary.add("Cookie")
        if not session.modified:
            return
        if not session:
            response.delete_cookie(name, **options)
            return
        if session.ended:
            session.sid, session.ended = None, False
        session.ensure_sid()
        session.setdefault(SEEN, int(time.time()))
        # At least 1 s: the server's own check refuses it after its limit in any case;
        # at most the limit, whatever the clock in the cookie says.
        max_age = max(1, min(seconds_left(session, limit), session.get(LIMIT, limit)))
        response.set_cookie(name, self.encode(app, session.sid, dict(session)),
                            max_age=max_age, **options)


def init_app(app):
    app.session_interface = EncryptedSessionInterface()
