"""Configuration classes. The default runs on one machine with no external services."""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY_MIN_BYTES = 32


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
        if len(key.encode()) < SECRET_KEY_MIN_BYTES:
            raise RuntimeError(
                f"Set SECRET_KEY in the environment to at least {SECRET_KEY_MIN_BYTES} random "
                "bytes, the same for every copy of the app, e.g. "
                "python3 -c 'import secrets; print(secrets.token_hex(32))'.")
        site_url = os.environ.get("SITE_URL", "")
        host = urlsplit(site_url).hostname
        if not host:
            raise RuntimeError("Set SITE_URL in the environment, e.g. https://aktivitetstilbud.balk.dk")
        if any(len(old.encode()) < SECRET_KEY_MIN_BYTES for old in _fallback_keys()):
            raise RuntimeError(f"Each key in SECRET_KEY_FALLBACKS needs at least {SECRET_KEY_MIN_BYTES} bytes.")
        self.SECRET_KEY = key
        self.SECRET_KEY_FALLBACKS = _fallback_keys()
        self.SITE_URL = site_url.rstrip("/")
        # Any other Host header gets 400.
        self.TRUSTED_HOSTS = [host]


CONFIGS = {"default": Config, "testing": TestingConfig, "production": ProductionConfig}
