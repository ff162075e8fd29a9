"""Security headers sent with every response, and the CSRF check of every POST."""

from urllib.parse import urlsplit

from flask import abort, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError, CSRFProtect

from . import errors
from .headers import response_headers

# Every POST needs the page's token, with or without a session. A view whose form
# deliberately carries no token (a page cached for everyone) is exempted with
# `security.csrf.exempt(view)` (also in app.extensions["csrf"]).
csrf = CSRFProtect()

# Every form here is text, sent as a browser sends a form.
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}

REFUSED_TITLE = _l("Nothing was changed")
REFUSED_MESSAGE = _l("The page was open for a long time, or it came from another website, so for your safety we did not accept it. Go back, reload the page and try again.")


def from_this_site():
    """Whether the POST came from a page of this site: only then is typed input shown
    again after a refusal. Sec-Fetch-Site first: with Referrer-Policy no-referrer a
    browser sends `Origin: null` even from the site's own forms. Then Origin, then
    Referer (the site's own pages send none)."""
    site = request.headers.get("Sec-Fetch-Site")
    if site:
        return site in ("same-origin", "none")
    origin = request.headers.get("Origin") or request.headers.get("Referer")
    if not origin:
        return True
    try:
        return urlsplit(origin).netloc == request.host
    except ValueError:  # e.g. "http://[": no site can be read from it, so not this one
        return False


def refused(error):
    """A POST without the page's valid token: 400, before the view, in the reader's language."""
    return errors.error_page(400, title=str(REFUSED_TITLE), message=str(REFUSED_MESSAGE))


def forms_take_text_only():
    """Flask-WTF's forms read a JSON body (get_json) and uploaded files too: a number
    or a list where a text is expected breaks them. Neither gets past this: 400."""
    if request.method in ("GET", "HEAD", "OPTIONS") or request.routing_exception is not None:
        return
    if request.mimetype and request.mimetype not in FORM_TYPES or request.files:
        abort(400)


class SecurityHeaders:
    """WSGI middleware around Flask: the security headers on every answer it gives, each
    unless the app set its own. As an after-request hook (werkzeug's header handling)
    it cost a tenth of a small page."""

    def __init__(self, app, headers):
        self.app, self.headers = app, [(name.lower(), (name, value)) for name, value in headers.items()]

    def __call__(self, environ, start_response):
        def with_headers(status, headers, exc_info=None):
            own = {name.lower() for name, _value in headers}
            headers += [header for lower, header in self.headers if lower not in own]
            return start_response(status, headers, exc_info)

        return self.app(environ, with_headers)


def init_app(app):
    app.before_request(forms_take_text_only)  # before the CSRF check, which reads the form
    csrf.init_app(app)
    app.register_error_handler(CSRFError, refused)
    app.wsgi_app = SecurityHeaders(app.wsgi_app, response_headers(app.config["HSTS"]))


def static_headers(headers, path, url):
    """The headers that matter for static files, which WhiteNoise serves outside Flask.
    Links to the stylesheet and script carry a content hash (asset_url); the fonts
    and icons keep their names across DKFDS versions, which is rare enough."""
    headers["Cache-Control"] = "public, max-age=31536000, immutable"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
