"""Configuration classes. The default runs on one machine with no external services."""

import ipaddress
import math
import os
import secrets
from collections import Counter
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY_MIN_BYTES = 32
SECRET_KEY_MIN_BITS = 128
MAKE_A_KEY = "python3 -c 'import secrets; print(secrets.token_hex(32))'"


def estimated_bits(key):
    """The key's entropy as its own characters suggest: their spread (Shannon, per
    character) times the length of its shortest repeating block. A random hex key of 64
    characters gives about 240; "k" * 32 gives 0, a word repeated about 20. A low
    estimate is surely weak; a high one is no proof of strength."""
    block = key[:_period(key)]
    counts = Counter(block)
    return -sum(n * math.log2(n / len(block)) for n in counts.values())


def _period(key):
    """The length of the shortest block the key repeats (its whole length if none)."""
    return next((p for p in range(1, len(key)) if key[p:] == key[:-p]), len(key))


def key_problem(name, key):
    """Why `key` is not good enough for production, or None."""
    if len(key.encode()) < SECRET_KEY_MIN_BYTES:
        return f"{name} needs at least {SECRET_KEY_MIN_BYTES} bytes"
    if len(set(key)) == 1:
        return f"{name} is one character repeated"
    if estimated_bits(key) < SECRET_KEY_MIN_BITS:
        return (f"{name} looks guessable: about {estimated_bits(key):.0f} bits of entropy, "
                f"at least {SECRET_KEY_MIN_BITS} needed")
    return None


def site_url_problem(url):
    """Why SITE_URL will not do in production, or None. Plain http only on this machine:
    the session cookie is Secure, so a browser would not send it back over http."""
    parts = urlsplit(url)
    if not parts.hostname:
        return "Set SITE_URL in the environment, e.g. https://aktivitetstilbud.balk.dk"
    if parts.scheme == "https":
        return None
    if parts.scheme == "http" and _is_loopback(parts.hostname):
        return None
    return (f"SITE_URL must start with https:// (it is {url!r}); http:// only for a loopback "
            "address such as http://127.0.0.1:8000, as the session cookie is sent over https only")


def _is_loopback(host):
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _fallback_keys():
    """Earlier keys, comma-separated in SECRET_KEY_FALLBACKS: cookies made with them
    are still opened (and then saved with SECRET_KEY), so the key can rotate."""
    return [key.strip() for key in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if key.strip()]
def database_uri(url):
    """DATABASE_URL as SQLAlchemy reads it: PostgreSQL through psycopg 3; without it,
    SQLite in the app's instance folder (Flask-SQLAlchemy puts relative paths there)."""
    if not url:
        return "sqlite:///feedback.sqlite3"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


class Config:
    """The development default: `make run` with no environment variables."""

    # A fresh random key per start is safe for development: the only thing signed
    # with it is the guide's short-lived session cookie.
    SECRET_KEY = os.environ.get("SECRET_KEY") or secrets.token_hex(32)
    SECRET_KEY_FALLBACKS = _fallback_keys()
    # Absolute URLs (hreflang alternates, redirects) are built from this, never
    # from the request's Host header.
    SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:5000").rstrip("/")
    CONTENT_DIR = ROOT / "content"
    BABEL_DEFAULT_LOCALE = "da"
    BABEL_DEFAULT_TIMEZONE = "Europe/Copenhagen"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    # The guide's answers expire after this long without activity.
    GUIDE_IDLE_TIMEOUT = timedelta(minutes=20)
    # How long before expiry the page warns (with JavaScript) and offers more time.
    GUIDE_IDLE_WARNING = timedelta(minutes=2)
    # "I need more time" (without JavaScript): ten times the limit (WCAG 2.2.1).
    GUIDE_EXTENDED_TIMEOUT = timedelta(minutes=200)
    SESSION_COOKIE_NAME = "guide"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    WTF_CSRF_TIME_LIMIT = None  # the session's own idle expiry limits the token's life
    # The site sends no Referer (Referrer-Policy: no-referrer), so Flask-WTF's check of
    # it over HTTPS would refuse every form; the token and SameSite=Lax do the work.
    WTF_CSRF_SSL_STRICT = False
    # WTForms has no Danish, and every validator here has its own message (Flask-Babel):
    # its catalogues would only be read from disk on each request with a form.
    WTF_I18N_ENABLED = False
    # The largest form (the email text, 6,000 characters) fits many times over.
    MAX_CONTENT_LENGTH = 64 * 1024
    MAX_FORM_PARTS = 100
    COMPRESS_MIMETYPES = ["text/html", "text/calendar", "application/json"]
    # Guide pages are compressed on every request (shared pages and static files once,
    # at level 11). Brotli quality 1 costs a quarter of the default 4 (question page
    # 20 vs 70 µs, email page 90 vs 320 µs) for 10-15 % more bytes: 0.3-1 KB.
    COMPRESS_BR_LEVEL = 1
    # The pages that could answer 304 (shared pages) do so themselves; the guide's are
    # no-store, so Flask-Compress need not evaluate conditional requests.
    COMPRESS_EVALUATE_CONDITIONAL_REQUEST = False
    HSTS = False
    # "Was this page useful?" and the guide's counts (webapp/feedback).
    SQLALCHEMY_DATABASE_URI = database_uri(os.environ.get("DATABASE_URL"))
    # Per client address, shared by every process and copy (webapp/store.py): a
    # library's 20 terminals behind one address each answer more than once a minute.
    FEEDBACK_RATE_LIMIT = os.environ.get("FEEDBACK_RATE_LIMIT") or "30 per minute;300 per hour"
    # The state every process shares (webapp/store.py): Redis, or this process's memory.
    REDIS_URL = os.environ.get("REDIS_URL") or None
    # The proxies whose X-Real-IP / X-Forwarded-For name the client (addresses or
    # networks, comma-separated; `unix` for a unix socket). Nobody by default.
    TRUSTED_PROXIES = os.environ.get("TRUSTED_PROXIES", "")


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key"
    SECRET_KEY_FALLBACKS = []
    WTF_CSRF_ENABLED = False
    STRICT_TEMPLATES = True
    SQLALCHEMY_DATABASE_URI = "sqlite://"  # in memory; the tables are made at start


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    HSTS = True

    def __init__(self):
        key = os.environ.get("SECRET_KEY", "")
        problem = key_problem("SECRET_KEY", key)
        if problem:
            raise RuntimeError(
                f"{problem}. Set SECRET_KEY in the environment to at least "
                f"{SECRET_KEY_MIN_BYTES} random bytes, the same for every copy of the app, "
                f"e.g. {MAKE_A_KEY}.")
        for old in _fallback_keys():
            problem = key_problem("A key in SECRET_KEY_FALLBACKS", old)
            if problem:
                raise RuntimeError(f"{problem}. Remove it, or replace it with {MAKE_A_KEY}.")
        site_url = os.environ.get("SITE_URL", "")
        problem = site_url_problem(site_url)
        if problem:
            raise RuntimeError(problem)
        host = urlsplit(site_url).hostname
        self.SECRET_KEY = key
        self.SECRET_KEY_FALLBACKS = _fallback_keys()
        self.SITE_URL = site_url.rstrip("/")
        # Any other Host header gets 400.
        self.TRUSTED_HOSTS = [host]


CONFIGS = {"default": Config, "testing": TestingConfig, "production": ProductionConfig}
