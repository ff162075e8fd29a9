""""How the guide works" (/da/saadan-virker-guiden, /en/how-the-guide-works): every
question, answer and outcome, drawn from the guide's own questions and rules; the
published diagram is the one today's questions and rules make; the page says what
the real guide does, and what it does not decide."""

import dataclasses
import hashlib
import re
import subprocess

import pytest
from bs4 import BeautifulSoup
from flask import g, url_for

from scripts import guide_diagram
from tests.conftest import text_of
from tests.guide_helpers import ANSWERS, answer_all, url
from tests.readability import blocks, stats
from webapp import create_app, facts
from webapp.guide import decisions, questions, rules, statements
from webapp.guide.questions import Option
from webapp.pages import guide_graph, guide_map

LANGS = ("da", "en")
PAGE = {"da": "/da/saadan-virker-guiden", "en": "/en/how-the-guide-works"}


@pytest.fixture(scope="module")
def app():
    return create_app("testing")


def in_language(app, lang, make):
    with app.test_request_context(f"/{lang}/"):
        g.lang = lang
        return make()


def drawn_now(app, lang):
    return in_language(app, lang, lambda: guide_graph.dot(lang))


@pytest.fixture
def changed_guide(monkeypatch):
    """Change the guide's data for one test; the flow is worked out again, before and after."""
    decisions.worked_out.cache_clear()

    def change(question=None, outcome=None):
        if question:
            replaced = tuple(question if q.key == question.key else q for q in questions.QUESTIONS)
            monkeypatch.setattr(questions, "QUESTIONS", replaced)
            monkeypatch.setattr(questions, "BY_KEY", {q.key: q for q in replaced})
        if outcome:
            monkeypatch.setattr(rules, "outcome", outcome)
        decisions.worked_out.cache_clear()

    yield change
    monkeypatch.undo()
    decisions.worked_out.cache_clear()


# --- The published diagram is today's ------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_published_diagram_is_drawn_from_todays_questions_and_rules(app, lang):
    published = guide_graph.dot_path(lang).read_text(encoding="utf-8")
    assert drawn_now(app, lang) == published, (
        "The guide's questions or rules changed, the published diagram did not: run `make diagrams` "
        "and commit webapp/pages/diagram/")


@pytest.mark.parametrize("lang", LANGS)
def test_the_published_svg_is_drawn_from_the_published_dot(lang):
    source = guide_graph.dot_path(lang).read_text(encoding="utf-8")
    svg = guide_graph.svg_path(lang).read_text(encoding="utf-8")
    assert f'data-dot-sha256="{hashlib.sha256(source.encode()).hexdigest()}"' in svg, "run `make diagrams`"
    # Graphviz draws the same words again (its coordinates may differ between versions).
    texts = re.compile(r"<text[^>]*>([^<]*)</text>")
    assert texts.findall(guide_diagram.draw(source)) == texts.findall(svg)


def test_a_new_answer_changes_the_diagram_and_the_test_above_fails(app, changed_guide):
    needs = questions.BY_KEY["needs"]
    options = (*needs.options[:-1], Option("maybe", "Ved ikke endnu"), needs.options[-1])
    changed_guide(question=dataclasses.replace(needs, options=options))
    drawn = drawn_now(app, "da")
    assert "Ved ikke endnu" in drawn
    assert drawn != guide_graph.dot_path("da").read_text(encoding="utf-8")


def test_a_changed_rule_changes_the_outcomes_drawn(app, changed_guide):
    def outcome(answers):  # "None of these" no longer rules the service out
        return rules.Outcome.UNCLEAR if answers.get("target") != "yes" else rules.Outcome.LIKELY

    changed_guide(outcome=outcome)
    drawn = drawn_now(app, "en")
    assert "None of these → " not in drawn and "does not seem to fit" not in drawn
    assert drawn != guide_graph.dot_path("en").read_text(encoding="utf-8")


def test_a_rule_the_drawing_cannot_tell_stops_it_rather_than_drawing_it_wrong(changed_guide):
    def outcome(answers):  # depends on two answers together, in a way no one answer settles
        return rules.Outcome.LIKELY if (answers.get("target") == "yes") == (answers.get("timing") == "day") \
            else rules.Outcome.UNLIKELY

    changed_guide(outcome=outcome)
    with pytest.raises(decisions.FlowError):
        decisions.worked_out()


# --- The page says what the guide does -----------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_page_lists_every_question_answer_and_outcome(app, get_page, lang):
    soup = get_page(PAGE[lang])
    listed = soup.select_one("ol.guide-map")
    titles = in_language(app, lang, lambda: [str(q.title) for q in questions.QUESTIONS])
    assert [h3.get_text(strip=True) for h3 in listed.select(":scope > li > h3")] == titles
    for question in questions.QUESTIONS:
        item = text_of(soup.find(id=f"step-{question.key}"))
        labels = in_language(app, lang, lambda q=question: [str(option.label) for option in q.options])
        assert all(label in item for label in labels), question.key
    result = text_of(soup.find(id="result").find_next("ol"))
    for outcome in rules.Outcome:
        assert in_language(app, lang, lambda o=outcome: str(statements.OUTCOMES[o][0][0])) in result


def test_the_danish_page_says_where_each_answer_leads(app):
    soup = BeautifulSoup(app.test_client().get(PAGE["da"]).get_data(as_text=True), "html.parser")
    housing = text_of(soup.find(id="step-housing"))
    assert "Har du svaret „Nej“ til spørgsmål 2: Guiden slutter her: Kontakt den kommune, du bor i." in housing
    assert "I et botilbud Guiden går videre til spørgsmål 4." in housing
    placed = text_of(soup.find(id="step-placed_by"))
    assert "En anden kommune Guiden slutter her: Kontakt den kommune, der gav dig pladsen." in placed
    result = text_of(soup.find(id="result").find_next("ol"))
    assert result.startswith("Har du svaret „Nej“ til spørgsmål 5: Tilbuddet ser ikke ud til at passe til dig.")
    assert "Har du svaret „Ingen af disse“ til spørgsmål 6: Tilbuddet ser ikke ud til at passe til dig." in result


@pytest.mark.parametrize("answers, heading", [
    ({**ANSWERS, "target": "no"}, "Tilbuddet ser ikke ud til at passe til dig"),
    ({**ANSWERS, "needs": ["none"]}, "Tilbuddet ser ikke ud til at passe til dig"),
    ({**ANSWERS, "target": "unsure"}, "Vi kan ikke sige, om tilbuddet passer til dig"),
    (ANSWERS, "Tilbuddet ser ud til at passe til dig"),
])
def test_each_outcome_rule_published_is_what_the_guide_shows(client, answers, heading):
    answer_all(client, "da", answers)
    result = BeautifulSoup(client.get(url("da", "result")).get_data(as_text=True), "html.parser")
    assert heading in text_of(result.h1)


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_says_the_guide_does_not_decide(get_page, lang):
    text = text_of(get_page(PAGE[lang]).find(id="not-decided").parent)
    assert facts.text("every_case_assessed", lang) in text


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_shows_the_sentence_or_the_law_it_rests_on(app, get_page, lang):
    soup = get_page(PAGE[lang])
    rules_part = text_of(soup.find(id="rules").parent)
    used = {key for key in guide_map.FACT_OF_FINDING.values() if key}
    for key in used | {"home_municipality", "placing_municipality", "target_group"}:
        fact = facts.FACTS[key]
        assert (fact.quote or fact.law) in rules_part, key
    every_finding = set(decisions.worked_out().sources)
    assert every_finding == set(guide_map.FACT_OF_FINDING), "name the fact each finding rests on"
    links = [a["href"] for a in soup.select("ul.rule-basis a")]
    for source in decisions.worked_out().sources.values():
        topic = in_language(app, lang, lambda s=source: url_for("pages.topic", topic_id=s.topic))
        assert f"{topic}#{source.anchor}" in links, source


@pytest.mark.parametrize("lang", LANGS)
def test_the_diagram_is_an_image_that_points_to_the_list(app, get_page, lang):
    soup = get_page(PAGE[lang])
    svg = soup.select_one("figure.guide-diagram svg")
    assert svg["role"] == "img"
    caption = soup.find(id=svg["aria-labelledby"])
    assert caption.find("a", href="#questions")
    assert not svg.find("title"), "a <title> shows the graph's internal names as a tooltip"
    assert in_language(app, lang, lambda: str(questions.BY_KEY["who"].title)) in svg.get_text(" ")
    scroller = svg.find_parent(class_="guide-diagram-scroll")
    assert scroller["tabindex"] == "0" and scroller["aria-label"]


def test_the_danish_page_is_easy_to_read(get_page):
    main = get_page(PAGE["da"]).main
    for svg in main.select("svg"):
        svg.decompose()
    lix, _, _ = stats(blocks(str(main)))
    assert lix <= 35, f"LIX {lix:.1f}"
    # Counted with only . ! ? ending a sentence, too.
    lix_stops, _, _ = stats([block.replace(":", ",") for block in blocks(str(main))])
    assert lix_stops <= 35, f"LIX {lix_stops:.1f} with only . ! ? ending a sentence"


@pytest.mark.parametrize("lang", LANGS)
def test_the_footer_and_the_guide_start_link_to_the_page(get_page, lang):
    for path in (f"/{lang}/", f"/{lang}/guide/"):
        links = [a["href"] for a in get_page(path).select("a[href]")]
        assert PAGE[lang] in links, path
    footer = get_page(f"/{lang}/").select_one("footer")
    assert footer.find("a", href=PAGE[lang]).get_text(strip=True) == {
        "da": "Sådan virker guiden", "en": "How the guide works"}[lang]


def test_graphviz_is_never_run_to_answer_a_request(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"a request ran a program: {args[:1]}")

    monkeypatch.setattr(subprocess, "run", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    guide_graph.svg.cache_clear()
    client = create_app("testing").test_client()
    for lang in LANGS:
        response = client.get(PAGE[lang])
        assert response.status_code == 200 and "<svg" in response.get_data(as_text=True)
