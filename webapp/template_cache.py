"""What templates build the same on every request, kept per process: URLs (a page
builds 20 to 40 links, and Flask builds each one anew) and fragments such as the
main menu (`{% call kept("name", ...) %}...{% endcall %}`).

Both are kept per page language; a URL also per endpoint, values and script root
(all it depends on, with urls.py putting in the language). Only plain values are
kept, and at most KEPT_MAX entries: a URL's values can come from the request (a date
on the deadlines page), so the memory stays bounded."""

from flask import current_app, g, request, url_for

KEPT_MAX = 2048


def _kept(key, build):
    kept = current_app.extensions["template_cache"]
    value = kept.get(key)
    if value is None:
        value = build()
        if len(kept) < KEPT_MAX:
            kept[key] = value
    return value


def remembered_url_for(endpoint, **values):
    if endpoint.startswith(".") or not all(
            isinstance(v, str | int) and not k.startswith("_") for k, v in values.items()):
        return url_for(endpoint, **values)
    key = ("url", endpoint, g.get("lang"), request.script_root, *sorted(values.items()))
    return _kept(key, lambda: url_for(endpoint, **values))


def kept(*names, caller):
    """A fragment that depends on nothing but the page's language and `names`."""
    return _kept(("fragment", g.get("lang"), *names), caller)


def init_app(app):
    app.extensions["template_cache"] = {}
    app.jinja_env.globals.update(url_for=remembered_url_for, kept=kept)
