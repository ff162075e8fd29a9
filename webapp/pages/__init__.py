"""The readable site: home, the service level, contact, accessibility, privacy."""

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for

from ..i18n import DEFAULT_LANGUAGE, LANGUAGES
from ..shared_pages import from_result, shared_page
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
@shared_page
def home():
    return render_template("pages/home.html", topics=site_content().topics[g.lang])


@localized(bp, "/serviceniveau/", "/service-level/", old="/serviceniveau/")
@shared_page
def service_level():
    return render_template("pages/service_level.html", topics=site_content().topics[g.lang])


@localized(bp, "/serviceniveau/<topic_id>", "/service-level/<topic_id>",
           old="/serviceniveau/<topic_id>")
@shared_page
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
        from_result=from_result(),
    )


@localized(bp, "/kontakt", "/contact", old="/kontakt")
@shared_page
def contact():
    return render_template("pages/contact.html")


@localized(bp, "/tilgaengelighed", "/accessibility", old="/tilgaengelighed")
@shared_page
def accessibility():
    return render_template("pages/plain.html", page=site_content().pages[g.lang]["accessibility"])


@localized(bp, "/privatliv", "/privacy", old="/privatliv")
@shared_page
def privacy():
    return render_template("pages/plain.html", page=site_content().pages[g.lang]["privacy"])
