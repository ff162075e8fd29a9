"""Ballerup Kommune: activity and social contact services (Serviceloven § 104)."""

import hashlib
import os
from functools import cache

import jinja2
from flask import Flask, url_for
from flask_compress import Compress
from flask_wtf.csrf import generate_csrf

from . import content, i18n, security
from .config import CONFIGS, ROOT

compress = Compress()


def create_app(config=None):
    """Build the app. `config` is a name from CONFIGS, a config class, or None for
    the name in FLASK_CONFIG (default: the embedded default)."""
    app = Flask(__name__, static_folder=str(ROOT / "static"), static_url_path="/static")
    if config is None or isinstance(config, str):
        config = CONFIGS[config or os.environ.get("FLASK_CONFIG", "default")]
    app.config.from_object(config() if config is CONFIGS["production"] else config)
    if app.config.get("STRICT_TEMPLATES"):
        app.jinja_env.undefined = jinja2.StrictUndefined

    app.extensions["content"] = content.load_once(app.config["CONTENT_DIR"], i18n.LANGUAGES)
    i18n.init_app(app)
    security.init_app(app)
    compress.init_app(app)
    app.after_request(_buffer_static_files)  # registered after Compress, so it runs before it
    app.jinja_env.globals.update(asset_url=asset_url, csrf_token=generate_csrf)

    from .guide import bp as guide_bp
    from .pages import bp as pages_bp

    app.register_blueprint(pages_bp)
    app.register_blueprint(guide_bp)
    return app


def _buffer_static_files(response):
    # Flask-Compress compresses a streamed static file without closing it; reading
    # the (small) file into memory first closes it and lets it be compressed.
    if response.direct_passthrough:
        response.direct_passthrough = False
        response.make_sequence()
    return response


@cache
def _fingerprint(filename):
    try:
        data = (ROOT / "static" / filename).read_bytes()
    except FileNotFoundError:
        return "missing"
    return hashlib.sha256(data).hexdigest()[:12]


def asset_url(filename):
    """A static file's URL with a content hash, so it can be cached for a year."""
    return url_for("static", filename=filename, v=_fingerprint(filename))
