"""Ballerup Kommune: activity and social contact services (Serviceloven § 104).

The app factory. Each journey is a package with its blueprint: pages/ (the readable
site), guide/ (the questions and result), sending/ (details and the email page),
complaint/, deadlines/ (the calculator, and how deadlines are counted) and feedback/.
What more than one of them uses lives here in webapp/ under its own name."""

import hashlib
import inspect
import os
from functools import cache, lru_cache
from urllib.parse import urlsplit

import jinja2
from flask import Flask, abort, url_for
from flask_compress import Compress
from whitenoise import WhiteNoise

from . import (
    content,
    errors,
    feedback,
    health,
    i18n,
    kept_pages,
    limits,
    security,
    shared_pages,
    store,
    template_cache,
    urls,
)
from . import session as session_cookie
from .config import CONFIGS, ROOT
from .request_body import ReadableBodyOr400

STATIC_BUILD = ROOT / "static" / "build"

compress = Compress()


class App(Flask):
    def log_exception(self, exc_info):
        errors.log_server_error(exc_info)

    def ensure_sync(self, func):
        # Asked of every hook and view on every request; inspect's answer for a
        # function never changes, so it is asked once (1-2 % of a guide page).
        return self.async_to_sync(func) if _is_async(func) else func


@lru_cache(maxsize=256)
def _is_async(func):
    return inspect.iscoroutinefunction(func)


def create_app(config=None):
    """Build the app. `config` is a name from CONFIGS, a config class, or None for
    the name in FLASK_CONFIG (default: the development default)."""
    app = App(__name__, static_folder=None)
    if config is None or isinstance(config, str):
        config = CONFIGS[config or os.environ.get("FLASK_CONFIG", "default")]
    app.config.from_object(config() if config is CONFIGS["production"] else config)
    if app.config.get("STRICT_TEMPLATES"):
        app.jinja_env.undefined = jinja2.StrictUndefined

    app.extensions["content"] = content.load_once(app.config["CONTENT_DIR"], i18n.LANGUAGES)
    i18n.init_app(app)
    store.init_app(app)  # before the session and the limits, which take it from there
    limits.init_app(app)
    session_cookie.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    compress.init_app(app)
    app.after_request(_location_on_site)
    app.jinja_env.globals.update(asset_url=asset_url, csrf_token=kept_pages.page_token)
    app.jinja_env.globals["this_page"] = shared_pages.this_page
    template_cache.init_app(app)

    from . import complaint, deadlines, guide, pages, sending

    urls.init_app(app)
    for package in (pages, guide, sending, complaint, deadlines):
        app.register_blueprint(package.bp)
    health.init_app(app)
    feedback.init_app(app)  # after the other extensions: it exempts its views from CSRFProtect
    urls.register_old_paths(app)
    app.wsgi_app = shared_pages.ServeSharedPages(app.wsgi_app, app)
    _serve_static_files(app)
    # Outermost: it needs the server's own start_response.
    app.wsgi_app = ReadableBodyOr400(app.wsgi_app, app.config["MAX_CONTENT_LENGTH"])
    return app


def _serve_static_files(app):
    """WhiteNoise serves static/build (and only that), with the gzip and Brotli
    copies made at build time (`make assets`), cached for a year."""
    # Flask's own "static" endpoint is kept only to build the URLs.
    app.add_url_rule("/static/<path:filename>", "static", lambda filename: abort(404))
    app.wsgi_app = WhiteNoise(
        app.wsgi_app, root=STATIC_BUILD, prefix="static/build/",
        add_headers_function=security.static_headers,
    )


def _location_on_site(response):
    # Werkzeug's trailing-slash redirects name the request's host: use SITE_URL's.
    if response.location and urlsplit(response.location).netloc:
        target = urlsplit(response.location)
        query = f"?{target.query}" if target.query else ""
        response.location = i18n.absolute_url(target.path + query)
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
