"""Error pages in the reader's language, with every security header, even for a
broken request (an unknown Host, a body too large); a 5xx logs where it failed."""

import logging
import re
import secrets
import sys
import traceback
from urllib.parse import urlsplit

from flask import current_app, g, render_template, request
from flask.globals import request_ctx
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import escape
from werkzeug.exceptions import HTTPException, InternalServerError

from .config import ROOT
from .i18n import language_from_path

PROJECT = str(ROOT)
PYTHON = tuple({sys.prefix + "/", sys.base_prefix + "/", sys.exec_prefix + "/"})

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


def log_server_error(exc_info, status=500):
    """The first line: status, request id, method, path (no query string), the error's
    type and the app's own innermost frame (relative path, line, function); then the
    whole traceback, every chained error, each file relative to the project or its
    library folder. The errors' messages are left out: they could quote what the
    person typed."""
    _type, error, _tb = exc_info
    chain = _chain(error)
    frames = [frame for e in chain for frame in traceback.extract_tb(e.__traceback__)]
    own = [frame for frame in frames if _own(frame.filename)]
    place = f" at {_shown(own[-1])}" if own else ""
    lines = [f"{status} request_id={request_id()} {request.method} {request.path} "
             f"{type(error).__name__}{place}"]
    current_app.logger.error("\n".join([*lines, *_traceback_lines(chain)]))


def _traceback_lines(chain):
    lines = []
    for number, e in enumerate(chain):
        if number:
            lines.append("The above exception was the direct cause of the following exception:"
                         if e.__cause__ is not None else
                         "During handling of the above exception, another exception occurred:")
        lines.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(e.__traceback__):
            lines.append(f"  File {_shown(frame)}")
            if frame.line:
                lines.append(f"    {frame.line}")
        module = "" if type(e).__module__ == "builtins" else f"{type(e).__module__}."
        lines.append(f"{module}{type(e).__qualname__} (message left out)")
    return lines


class TracebacksWithoutMessages(logging.Filter):
    """Flask logs some failures itself with logger.exception (an answer that could not
    be finished while the error page was made): the same traceback as above, never the
    error's message nor the machine's folders."""

    def filter(self, record):
        if record.exc_info and record.exc_info[1] is not None:
            record.msg = "\n".join([record.getMessage(), *_traceback_lines(_chain(record.exc_info[1]))])
            record.args, record.exc_info, record.exc_text = (), None, None
        return True


def _chain(error):
    """The error and those it came from, the first cause first (as Python prints them)."""
    chain = []
    while error is not None and error not in chain:
        chain.append(error)
        error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    return chain[::-1]


def _shown(frame):
    return f"{_relative(frame.filename)}:{frame.lineno} in {frame.name}"


def _own(filename):
    """A file of this project, not of Python or a library (the .venv may be inside it)."""
    return filename.startswith(PROJECT + "/") and not filename.startswith(PYTHON)


def _relative(filename):
    """webapp/guide/forms.py, werkzeug/routing/map.py: never the machine's own folders.
    A library's path starts at the folder on sys.path it was imported from."""
    if _own(filename):
        return filename[len(PROJECT) + 1:]
    folders = [folder for folder in sys.path if folder and filename.startswith(folder + "/")]
    return filename[len(max(folders, key=len)) + 1:] if folders else filename.rsplit("/", 1)[-1]


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
    app.logger.addFilter(TracebacksWithoutMessages())

    @app.errorhandler(HTTPException)
    def http_error(error):
        if (error.code or 500) >= 500:
            log_server_error((type(error), error, error.__traceback__), error.code or 500)
        body, status, headers = error_page(error.code or 500)
        allowed = error.get_headers() if error.code == 405 else []
        return body, status, {**headers, **{k: v for k, v in allowed if k == "Allow"}}

    @app.errorhandler(InternalServerError)
    def server_error(error):
        if error.original_exception is None:  # abort(500); Flask logged any other (App.log_exception)
            log_server_error((type(error), error, error.__traceback__))
        return error_page(500)
