"""The readable site: home, the service level, contact, accessibility, privacy, errors."""

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for

from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, language_from_path
from ..urls import localized

bp = Blueprint("pages", __name__)


def site_content():
    return current_app.extensions["content"]


@bp.get("/")
def choose_language():
    lang = request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)
    response = redirect(url_for("pages.home", lang=lang))
    response.vary.add("Accept-Language")
    return response


@bp.get("/<lang>/")
def home():
    return render_template("pages/home.html", topics=site_content().topics[g.lang])


@localized(bp, "/serviceniveau/", "/service-level/", old="/serviceniveau/")
def service_level():
    return render_template("pages/service_level.html", topics=site_content().topics[g.lang])


@localized(bp, "/serviceniveau/<topic_id>", "/service-level/<topic_id>",
           old="/serviceniveau/<topic_id>")
def topic(topic_id):
    topics = site_content().topics[g.lang]
    page = site_content().topic(g.lang, topic_id)
    if page is None:
        abort(404)
    index = topics.index(page)
    return render_template(
        "pages/topic.html",
        page=page,
        previous=topics[index - 1] if index > 0 else None,
        next=topics[index + 1] if index + 1 < len(topics) else None,
    )


@localized(bp, "/kontakt", "/contact", old="/kontakt")
def contact():
    return render_template("pages/contact.html")


@localized(bp, "/tilgaengelighed", "/accessibility", old="/tilgaengelighed")
def accessibility():
    return render_template("pages/plain.html", page=site_content().pages[g.lang]["accessibility"])


@localized(bp, "/privatliv", "/privacy", old="/privatliv")
def privacy():
    return render_template("pages/plain.html", page=site_content().pages[g.lang]["privacy"])


def _error_page(template, status):
    g.setdefault("lang", language_from_path(request.path))
    return render_template(template), status


@bp.app_errorhandler(404)
def not_found(error):
    return _error_page("errors/404.html", 404)


@bp.app_errorhandler(405)
def method_not_allowed(error):
    return _error_page("errors/404.html", 405)


@bp.app_errorhandler(500)
def server_error(error):
    return _error_page("errors/500.html", 500)
