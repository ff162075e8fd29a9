"""Error pages in the reader's language, with every security header, even for a
broken request (an unknown Host, a body too large); a 500 logs one line."""

import re
import secrets
import traceback
from urllib.parse import urlsplit

from flask import current_app, g, render_template, request
from flask.globals import request_ctx
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import escape
from werkzeug.exceptions import HTTPException, InternalServerError

from .i18n import language_from_path

REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")

# Status: (title, explanation) for the pages without their own template.
MESSAGES = {
    400: (_l("The page could not be shown"),
          _l("Something in the request was not as we expected. Go to the front page and try again.")),
    413: (_l("What you sent is too long"),
          _l("The text you sent is much longer than any field allows. Go back, shorten it and send it again.")),
}
TEMPLATES = {404: "errors/404.html", 405: "errors/404.html", 500: "errors/500.html"}


def request_id():
    """The proxy's X-Request-ID if it looks like one, or a new random id."""
    if "request_id" not in g:
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if REQUEST_ID.match(given) else secrets.token_hex(8)
    return g.request_id


def log_server_error(exc_info):
    """One line: request id, method, path (no query string) and where it failed.
    The exception's message is left out: it could quote what the person typed."""
    _type, error, tb = exc_info
    where = traceback.extract_tb(tb)[-1] if tb else None
    place = f" at {where.filename.rsplit('/webapp/', 1)[-1]}:{where.lineno}" if where else ""
    current_app.logger.error("500 request_id=%s %s %s %s%s", request_id(), request.method,
                             request.path, type(error).__name__, place)


def _site_url_adapter():
    # A rejected Host leaves the request without a URL adapter: build links from SITE_URL.
    site = urlsplit(current_app.config["SITE_URL"])
    return current_app.url_map.bind(site.netloc, url_scheme=site.scheme)


def error_page(status, title=None, message=None):
    g.setdefault("lang", language_from_path(request.path))
    if request_ctx.url_adapter is None:
        request_ctx.url_adapter = _site_url_adapter()
    try:
        if status in TEMPLATES:
            body = render_template(TEMPLATES[status], request_id=request_id())
        else:
            default_title, default_message = MESSAGES.get(status, MESSAGES[400])
            body = render_template("errors/error.html", title=title or default_title,
                                   message=message or default_message)
    except Exception as error:  # the page itself failed: say so plainly, never fail twice
        log_server_error((type(error), error, error.__traceback__))
        body = f"<!doctype html><title>{status}</title><h1>{escape(_('Sorry, something went wrong on our side'))}</h1>"
    return body, status, {"Cache-Control": "no-store"}


def init_app(app):
    @app.errorhandler(HTTPException)
    def http_error(error):
        body, status, headers = error_page(error.code or 500)
        allowed = error.get_headers() if error.code == 405 else []
        return body, status, {**headers, **{k: v for k, v in allowed if k == "Allow"}}

    @app.errorhandler(InternalServerError)
    def server_error(error):
        return error_page(500)
