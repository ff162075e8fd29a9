"""The readable site: home, the service level, easy read, glossary, contact,
accessibility, privacy, errors."""

from datetime import date

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import format_date
from markupsafe import Markup

from .. import deadlines
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, language_from_path

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


@bp.get("/<lang>/serviceniveau/")
def service_level():
    return render_template("pages/service_level.html", topics=site_content().topics[g.lang])


@bp.get("/<lang>/serviceniveau/<topic_id>")
def topic(topic_id):
    topics = site_content().topics[g.lang]
    page = site_content().topic(g.lang, topic_id)
    if page is None:
        abort(404)
    index = topics.index(page)
    return render_template(
        "pages/topic.html",
        page=page,
        easy=site_content().easy_page(g.lang, topic_id),
        previous=topics[index - 1] if index > 0 else None,
        next=topics[index + 1] if index + 1 < len(topics) else None,
    )


def _localised(rule_by_lang, endpoint):
    """One endpoint served at a URL in each language's own words (/da/let/, /en/easy/)."""

    def register(view):
        for lang, rule in rule_by_lang.items():
            bp.add_url_rule(rule, endpoint, view, defaults={"lang": lang}, methods=["GET"])
        return view

    return register


def today():
    return date.today()


def with_dates(html):
    """Fill in the real dates an easy-read page names: [[today]], [[latest_answer]]
    (30 working days on) and [[complaint_deadline]] (4 weeks on)."""
    day = today()
    dates = {"today": day, "latest_answer": deadlines.latest_answer(day),
             "complaint_deadline": deadlines.complaint_deadline(day)}
    for key, value in dates.items():
        html = html.replace(f"[[{key}]]", f'<strong class="date">{format_date(value, "full")}</strong>')
    return Markup(html)


@_localised({"da": "/da/let/", "en": "/en/easy/"}, "easy_index")
def easy_index():
    return render_template("pages/easy_index.html", pages=site_content().easy[g.lang])


@_localised({"da": "/da/let/<page_id>", "en": "/en/easy/<page_id>"}, "easy_page")
def easy_page(page_id):
    page = site_content().easy_page(g.lang, page_id) or abort(404)
    return render_template("pages/easy.html", page=page, html=with_dates(page.html),
                           topic=site_content().topic(g.lang, page_id))


@_localised({"da": "/da/ordliste", "en": "/en/glossary"}, "glossary")
def glossary():
    return render_template("pages/glossary.html", terms=site_content().glossary[g.lang])


@bp.get("/<lang>/kontakt")
def contact():
    return render_template("pages/contact.html")


@bp.get("/<lang>/tilgaengelighed")
def accessibility():
    return render_template("pages/plain.html", page=site_content().pages[g.lang]["accessibility"])


@bp.get("/<lang>/privatliv")
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
