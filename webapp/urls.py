"""Every URL in the language of its page: one rule per language for each page, and
the site's older paths (all under /<lang>/ with Danish words) redirecting to them.

Each rule carries its language as a default ({"lang": "en"}), so
url_for(endpoint, lang="en", **request.view_args) builds the English rule.
"""

import re

from flask import g, redirect, request, url_for
from werkzeug.routing import BaseConverter

CONVERTERS = {}  # name -> converter class, registered on the app before any rule
OLD_PATHS = []  # (old path under /<lang>, endpoint, methods, query arguments the page reads)


def slug_converter(slugs):
    """A URL part that is one of the given slugs, read as its key: {key: slug}."""
    keys = {slug: key for key, slug in slugs.items()}

    class SlugConverter(BaseConverter):
        regex = "|".join(re.escape(slug) for slug in sorted(keys, key=len, reverse=True))

        def to_python(self, value):
            return keys[value]

        def to_url(self, value):
            return slugs[value]

    return SlugConverter


def add_slugs(name, slugs_by_language):
    """Converters `<name>_da`, `<name>_en` for the slugs, and `<name>_old` for the keys,
    which were the URL parts before."""
    for lang, slugs in slugs_by_language.items():
        CONVERTERS[f"{name}_{lang}"] = slug_converter(slugs)
    keys = next(iter(slugs_by_language.values()))
    CONVERTERS[f"{name}_old"] = slug_converter({key: key for key in keys})


def localized(bp, da, en, old=None, reads=(), defaults=None, **options):
    """Register a view under a Danish and an English path (after /da, /en). `old` is its
    path before (after /<lang>), which then redirects here keeping only the `reads`
    query arguments. `defaults` are more arguments for the view (e.g. a reading level),
    so one view can serve two addresses under two endpoints."""

    def register(view):
        for lang, path in (("da", da), ("en", en)):
            bp.add_url_rule(f"/{lang}{path}", view_func=view, defaults={"lang": lang, **(defaults or {})},
                            **options)
        if old:
            endpoint = f"{bp.name}.{options.get('endpoint', view.__name__)}"
            OLD_PATHS.append((old, endpoint, options.get("methods"), reads))
        return view

    return register


def _redirect_to(endpoint, reads):
    def moved(**values):
        kept = {name: request.args[name] for name in reads if name in request.args}
        # 308 keeps the method and body, so an old form still posts.
        return redirect(url_for(endpoint, lang=g.lang, **values, **kept), 308)

    return moved


def init_app(app):
    app.url_map.converters.update(CONVERTERS)


def register_old_paths(app):
    """After the new rules: a more specific new rule (/da/guide/tjek) wins over an old one
    (/<lang>/guide/tjek), so the old ones only catch what moved."""
    for old, endpoint, methods, reads in OLD_PATHS:
        app.add_url_rule(f"/<lang>{old}", endpoint=f"old.{endpoint}",
                         view_func=_redirect_to(endpoint, reads), methods=methods)
