"""The readable site: home, the service level, easy read, glossary, contact,
accessibility, privacy, the changes page. Cached for everyone (shared_pages), so it
shows nothing of a person's answers. Uses the shared modules of webapp/ and the
deadlines package's dates."""

from datetime import date

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import format_date
from markupsafe import Markup

from .. import deadlines, facts
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES
from ..markdown_ext import icon_svg
from ..shared_pages import from_result, shared_page
from ..urls import add_slugs, localized
from . import guide_graph, guide_map

bp = Blueprint("pages", __name__)


def site_content():
    return current_app.extensions["content"]


@bp.app_template_global()
def fact_value(key):
    """A fact from the registry (content/facts.yml) in the page's language."""
    return facts.text(key, _lang())


@bp.app_template_global()
def fact_html(key):
    """A fact from the registry as HTML: a phone or an email as a link."""
    return facts.html(key, _lang())


def _lang():
    # Error pages can be shown before a language is known.
    return g.lang if g.get("lang") in facts.LANGUAGES else facts.LANGUAGES[0]


@bp.get("/")
def choose_language():
    lang = request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)
    response = redirect(url_for("pages.home", lang=lang))
    response.vary.add("Accept-Language")
    return response


@bp.get("/robots.txt")
def robots():
    # Every page is public; without this file the path would be taken for a language.
    return current_app.response_class("User-agent: *\nAllow: /\n", mimetype="text/plain")


@bp.get("/<lang>/")
@shared_page
def home():
    return render_template("pages/home.html", topics=site_content().topics[g.lang])


@localized(bp, "/serviceniveau/", "/service-level/", old="/serviceniveau/")
@shared_page
def service_level():
    return render_template("pages/service_level.html", topics=site_content().topics[g.lang])


# Topic pages by their id (the content file's name), in the words of each language;
# both languages were at /<lang>/serviceniveau/<id> before, which now redirects here.
TOPIC_SLUGS = {
    "da": {"about": "om-serviceniveauet", "who-can-get-it": "hvem-kan-faa-tilbuddet",
           "what-you-get": "hvad-kan-du-faa", "costs-and-transport": "pris-og-transport",
           "your-part": "hvad-skal-du-selv-goere", "apply": "saadan-soeger-du",
           "complaints": "saadan-klager-du", "legal": "love-og-regler"},
    "en": {key: key for key in ("about", "who-can-get-it", "what-you-get", "costs-and-transport",
                                "your-part", "apply", "complaints", "legal")},
}
add_slugs("topic", TOPIC_SLUGS)


@localized(bp, "/serviceniveau/<topic_da:topic_id>", "/service-level/<topic_en:topic_id>",
           old="/serviceniveau/<topic_old:topic_id>")
@shared_page
def topic(topic_id):
    topics = site_content().topics[g.lang]
    page = site_content().topic(g.lang, topic_id) or abort(404)
    index = topics.index(page)
    return render_template(
        "pages/topic.html",
        page=page,
        easy=site_content().easy_page(g.lang, topic_id),
        previous=topics[index - 1] if index > 0 else None,
        next=topics[index + 1] if index + 1 < len(topics) else None,
        from_result=from_result(),
        changes=site_content().changes,
    )


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


@localized(bp, "/aendringer-i-serviceniveauet", "/changes-to-the-service-level")
@shared_page
def changes():
    content = site_content()
    return render_template("pages/changes.html", service_level=content.changes_of("service_level"),
                           corrections=content.changes_of("correction"))


@localized(bp, "/let/", "/easy/")
def easy_index():
    return render_template("pages/easy_index.html", pages=site_content().easy[g.lang], icon_svg=icon_svg)


# Easy-read pages by their id (the topic's), in the words of each language; the
# Danish pages were at /da/let/<id> before, which now redirects here.
EASY_SLUGS = {
    "da": {"about": "om-tilbuddet", "who-can-get-it": "hvem-kan-faa-det", "what-you-get": "hvad-laver-du",
           "costs-and-transport": "hvad-koster-det", "your-part": "hvad-skal-du-selv-goere",
           "apply": "saadan-soeger-du", "complaints": "saadan-klager-du", "legal": "loven"},
    "en": {key: key for key in ("about", "who-can-get-it", "what-you-get", "costs-and-transport",
                                "your-part", "apply", "complaints", "legal")},
}
add_slugs("easy", EASY_SLUGS)


@localized(bp, "/let/<easy_da:page_id>", "/easy/<easy_en:page_id>", old="/let/<easy_old:page_id>")
def easy_page(page_id):
    page = site_content().easy_page(g.lang, page_id) or abort(404)
    return render_template("pages/easy.html", page=page, html=with_dates(page.html),
                           topic=site_content().topic(g.lang, page_id), icon_svg=icon_svg)


@localized(bp, "/ordliste", "/glossary")
@shared_page
def glossary():
    return render_template("pages/glossary.html", terms=site_content().glossary[g.lang])


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


@localized(bp, "/saadan-virker-guiden", "/how-the-guide-works")
@shared_page
def how_the_guide_works():
    """Every question, answer and outcome of the guide, and the rules behind them: drawn
    from the guide's own data (pages/guide_map.py), the diagram made at build time."""
    lang = g.lang
    return render_template(
        "pages/how_the_guide_works.html", steps=guide_map.steps(lang), outcome_rules=guide_map.outcome_rules(lang),
        always=guide_map.always(), together=guide_map.together(lang), who_decides=guide_map.who_decides_basis(lang),
        target_group=guide_map.target_group_basis(lang), findings=guide_map.findings_basis(lang),
        diagram=guide_graph.svg(lang), section_title=_section_title)


def _section_title(source):
    """The heading of the section a rule comes from, as its page shows it."""
    page = site_content().topic(g.lang, source.topic)
    return next(heading.title for heading in page.headings if heading.anchor == source.anchor)
