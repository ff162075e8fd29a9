"""Languages: every URL carries its language (/da/..., /en/...); Danish is the default."""

from flask import abort, current_app, g, request, url_for
from flask_babel import Babel, format_date, get_translations
from werkzeug.routing import BuildError

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"
LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}  # each named in itself
# Babel locales: British English writes dates as "26 November 2026".
BABEL_LOCALES = {"da": "da", "en": "en_GB"}

babel = Babel()


def current_language():
    return g.get("lang", DEFAULT_LANGUAGE)


def babel_locale(lang=None):
    return BABEL_LOCALES[lang or current_language()]


def language_from_path(path):
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in LANGUAGES else DEFAULT_LANGUAGE


def url_in_language(lang):
    """The current page in another language, or that language's home page.

    Only the page's own path values go in: never the query string, which could
    hold url_for's own options (_external, _method) or anything else."""
    rule = request.url_rule
    if request.endpoint and rule and "lang" in rule.arguments:
        values = {k: v for k, v in (request.view_args or {}).items() if k in rule.arguments}
        try:
            return url_for(request.endpoint, **values, lang=lang)
        except BuildError:
            pass
    return url_for("pages.home", lang=lang)


def absolute_url(path):
    """`path` on the configured site; the request's Host header is never used."""
    return current_app.config["SITE_URL"] + path


def _page_translations():
    # Looked up once per request and language, not once per string: a page has
    # dozens of strings, and Flask-Babel's lookup walks several context proxies.
    cache = g.setdefault("translations", {})
    lang = current_language()
    if lang not in cache:
        cache[lang] = get_translations()
    return cache[lang]


def init_app(app):
    babel.init_app(app, locale_selector=babel_locale)
    app.jinja_env.globals["format_date"] = format_date
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _page_translations().ugettext(s),
        ngettext=lambda s, p, n: _page_translations().ungettext(s, p, n),
        pgettext=lambda c, s: _page_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _page_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )

    @app.url_value_preprocessor
    def take_language_from_url(endpoint, values):
        if values and "lang" in values:
            lang = values.pop("lang")
            if lang not in LANGUAGES:
                abort(404)
            g.lang = lang

    @app.url_defaults
    def keep_language_in_urls(endpoint, values):
        if "lang" not in values and app.url_map.is_endpoint_expecting(endpoint, "lang"):
            values["lang"] = current_language()

    @app.context_processor
    def language_context():
        lang = current_language()
        return {
            "lang": lang,
            "other_languages": [
                (code, LANGUAGE_NAMES[code], url_in_language(code))
                for code in LANGUAGES if code != lang
            ],
            "alternates": [(code, absolute_url(url_in_language(code))) for code in LANGUAGES],
        }
