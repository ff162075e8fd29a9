"""The readable site: home, the service level, contact, accessibility, privacy."""

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for

from ..i18n import DEFAULT_LANGUAGE, LANGUAGES
from ..shared_pages import from_result, shared_page

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


@bp.get("/<lang>/serviceniveau/")
@shared_page
def service_level():
    return render_template("pages/service_level.html", topics=site_content().topics[g.lang])


@bp.get("/<lang>/serviceniveau/<topic_id>")
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


@bp.get("/<lang>/kontakt")
@shared_page
def contact():
    return render_template("pages/contact.html")


@bp.get("/<lang>/tilgaengelighed")
@shared_page
def accessibility():
    return render_template("pages/plain.html", page=site_content().pages[g.lang]["accessibility"])


@bp.get("/<lang>/privatliv")
@shared_page
def privacy():
    return render_template("pages/plain.html", page=site_content().pages[g.lang]["privacy"])
