"""Which pages ask "Was this page useful?", and what a posted page may be."""

from flask import current_app, request, url_for
from werkzeug.exceptions import HTTPException

# Template -> the endpoint whose path is recorded (None: the page's own path).
ASKING_TEMPLATES = {
    "pages/topic.html": None,
    "pages/easy.html": None,
    "pages/glossary.html": None,
    "guide/result.html": None,
    "guide/easy_result.html": None,
    # The email page may be shown at the form's address too (a text too long to keep).
    "sending/email.html": "sending.sending",
}
ASKING_ENDPOINTS = {"pages.topic", "pages.easy_page", "pages.glossary", "guide.result",
                    "guide.easy_result", "sending.sending"}


def set_page_for_template(sender, template, context, **extra):
    """Flask's before_render_template signal: tell the page's footer which path to ask about."""
    if template.name in ASKING_TEMPLATES and request:
        endpoint = ASKING_TEMPLATES[template.name]
        context["feedback_page"] = url_for(endpoint) if endpoint else request.path


def _match(path):
    if not isinstance(path, str) or not path.startswith("/") or len(path) > 200:
        return None, None
    try:
        return current_app.url_map.bind("localhost").match(path, method="GET")
    except HTTPException:
        return None, None


def page_of(path):
    """(endpoint, page id or None, lang) for a page that asks, else None: a posted
    path is one of the site's own pages, never any string."""
    endpoint, values = _match(path)
    if endpoint not in ASKING_ENDPOINTS:
        return None
    lang = values["lang"]
    site = current_app.extensions["content"]
    if endpoint == "pages.topic" and not site.topic(lang, values["topic_id"]):
        return None
    if endpoint == "pages.easy_page" and not site.easy_page(lang, values["page_id"]):
        return None
    return endpoint, values.get("topic_id") or values.get("page_id"), lang
