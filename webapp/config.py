"""Configuration classes. The default runs on one machine with no external services."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Config:
    # A fresh random key per start is safe for the embedded default: the only
    # thing signed with it is the guide's short-lived session cookie.
    SECRET_KEY = os.environ.get("SECRET_KEY") or secrets.token_hex(32)
    CONTENT_DIR = ROOT / "content"
    BABEL_DEFAULT_LOCALE = "da"
    BABEL_DEFAULT_TIMEZONE = "Europe/Copenhagen"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    # The guide's answers expire after this long without activity.
    GUIDE_IDLE_TIMEOUT = timedelta(minutes=20)
    # How long before expiry the page warns (with JavaScript) and offers more time.
    GUIDE_IDLE_WARNING = timedelta(minutes=2)
    SESSION_COOKIE_NAME = "guide"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    WTF_CSRF_TIME_LIMIT = None  # the session's own idle expiry limits the token's life
    SEND_FILE_MAX_AGE_DEFAULT = timedelta(days=365)  # assets are fingerprinted
    COMPRESS_MIMETYPES = ["text/html", "text/css", "text/javascript", "application/javascript",
                          "image/svg+xml", "text/calendar"]
    HSTS = False


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key"
    WTF_CSRF_ENABLED = False
    STRICT_TEMPLATES = True


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    HSTS = True

    def __init__(self):
        if not os.environ.get("SECRET_KEY"):
            raise RuntimeError("Set SECRET_KEY in the environment for production.")
        self.SECRET_KEY = os.environ["SECRET_KEY"]


CONFIGS = {"default": Config, "testing": TestingConfig, "production": ProductionConfig}
