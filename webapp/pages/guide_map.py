""""How the guide works": every question, answer and outcome of the guide (worked out
in guide/decisions.py), in the page's language, as a nested list and as a Graphviz diagram.

The diagram is drawn at build time, never per request: `make diagrams`
(scripts/guide_diagram.py) writes diagram/guide.<lang>.dot from here and runs `dot`
on it to make diagram/guide.<lang>.svg; both are committed. tests/test_guide_map.py
fails when the DOT made from today's questions and rules differs from the committed one.
"""

import html
import re
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.lists import format_list
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from .. import facts
from ..guide import decisions, questions, rules, statements
from ..i18n import babel_locale

DIAGRAM_DIR = Path(__file__).resolve().parent / "diagram"

END_TEXTS = {
    decisions.RESULT: _l("You see the result"),
    decisions.ENDS[rules.Decides.HOME]: _l("Contact the municipality you live in"),
    decisions.ENDS[rules.Decides.PLACING]: _l("Contact the municipality that gave you the place"),
}

# The fact (content/facts.yml) each finding rests on: its quote is the service level's
# sentence. A finding without one rests on its section alone (rules.Finding.source).
FACT_OF_FINDING = {
    "scope_own_home_or_facility": "days_own_home",
    "scope_family": "days_family",
    "cost_day_free": "cost_day_free",
    "cost_evening_fee": "cost_evening_fee",
    "cost_own_expenses": "own_costs_also_daytime",
    "transport_assessed": "transport",
    "transport_ask": "transport",
    "activities_vary": None,
    "providers": None,
    "expectations": None,
    "follow_up": None,
    "can_end": "moving_ends",
    "can_end_placed": "placing_municipality",
}


@dataclass(frozen=True)
class Place:
    key: str  # a question's key, decisions.RESULT or an end
    number: int | None  # the question's number, for a question
    text: str


@dataclass(frozen=True)
class Way:
    place: Place
    when: str = ""  # "Har du svaret „Nej“ til spørgsmål 2", when it depends on an earlier answer
    when_key: str = ""
    when_values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    value: str
    text: str
    ways: tuple[Way, ...]
    adds: tuple[str, ...]  # the sentences it adds to the result


@dataclass(frozen=True)
class Step:
    number: int
    key: str
    title: str
    answers: tuple[Answer, ...]
    together: Place | None  # where every answer leads, when they all lead to one place
    multiple: bool


@dataclass(frozen=True)
class Rule:
    short: str  # for the diagram: "Svært ved at klare hverdagen: Nej → Tilbuddet ser ..."
    sentence: str  # for the list: "Har du svaret Nej til spørgsmål 5: Tilbuddet ser ..."


def _places(steps):
    places = {decisions.RESULT: Place(decisions.RESULT, None, str(END_TEXTS[decisions.RESULT]))}
    places |= {end: Place(end, None, str(END_TEXTS[end])) for end in decisions.worked_out().ends if end != decisions.RESULT}
    places |= {step.question.key: Place(step.question.key, number, str(step.question.title))
               for number, step in enumerate(steps, 1)}
    return places


def _numbers():
    return {step.question.key: number for number, step in enumerate(decisions.worked_out().steps, 1)}


def _options(key, values, lang, quoted=False):
    """"Ja eller Ved ikke": the chosen options' labels (in quotes, inside a sentence)."""
    texts = [str(option.label) for option in questions.BY_KEY[key].options if option.value in values]
    if quoted:
        texts = [_("“%(answer)s”", answer=text) for text in texts]
    return format_list(texts, style="or", locale=babel_locale(lang))


def _if_answered(key, values, lang):
    return _("If you answered %(answers)s to question %(number)s",
             answers=_options(key, values, lang, quoted=True), number=_numbers()[key])


def steps(lang):
    """The questions in the order the guide asks them, in the page's language."""
    found = decisions.worked_out()
    places = _places(found.steps)
    made = []
    for number, step in enumerate(found.steps, 1):
        answers = tuple(
            Answer(option.value, str(option.label),
                   tuple(Way(places[b.goes_to], _if_answered(*b.when, lang), *b.when) if b.when
                         else Way(places[b.goes_to]) for b in step.branches if b.option == option.value),
                   tuple(str(statements.FINDINGS[key][0]) for key in step.adds[option.value]))
            for option in step.question.options)
        together = step.together()
        made.append(Step(number, step.question.key, str(step.question.title), answers,
                         places[together] if together else None, step.question.multiple))
    return made


def outcome_rules(lang):
    """The result's outcome: the first rule that holds gives it."""
    rules_ = []
    for condition, outcome in decisions.worked_out().outcomes:
        heading = str(statements.OUTCOMES[outcome][0][0])
        question = questions.BY_KEY[condition.question]
        short = f"{question.summary}: {_options(question.key, [condition.option], lang)} → {heading}"
        rules_.append(Rule(short, f"{_if_answered(question.key, [condition.option], lang)}: {heading}."))
    return rules_


def always():
    """What every result says, whatever the answers."""
    return [str(statements.FINDINGS[key][0]) for key in decisions.worked_out().always]


@dataclass(frozen=True)
class Basis:
    says: str  # what the guide says, in the page's language
    quote: str  # the service level's own sentence (Danish), or ""
    law: str  # the law it rests on (Danish), or ""
    source: rules.Source | None  # the section of the service level that says more


def _fact(key, lang, source=None, says=None):
    fact = facts.FACTS[key]
    return Basis(says or facts.text(key, lang), fact.quote, fact.law, source)


def who_decides_basis(lang):
    return [_fact("home_municipality", lang),
            _fact("placing_municipality", lang, rules.Source("who-can-get-it", "placing-municipality"))]


def target_group_basis(lang):
    law = facts.FACTS["law_consolidated"]
    return [_fact("target_group", lang, rules.TARGET_GROUP),
            Basis(_("The service level rests on section 104 of the Act on Social Services."), law.quote, "", None)]


def together(lang):
    """The result's sentences that several answers tell together."""
    made = []
    numbers = _numbers()
    for found in decisions.worked_out().together:
        answers = format_list([_("%(answer)s to question %(number)s",
                                 answer=_options(c.question, [c.option], lang, quoted=True),
                                 number=numbers[c.question]) for c in found.conditions],
                              locale=babel_locale(lang))
        sentence = str(statements.FINDINGS[found.finding][0])
        made.append(_("If you answered %(answers)s: %(sentence)s", answers=answers, sentence=sentence)
                    if found.present else
                    _("Unless you answered %(answers)s: %(sentence)s", answers=answers, sentence=sentence))
    return made


def findings_basis(lang):
    """Every finding the result can show, with the fact (content/facts.yml) it rests on."""
    return [_fact(FACT_OF_FINDING[key], lang, source, says=str(statements.FINDINGS[key][0])) if FACT_OF_FINDING.get(key)
            else Basis(str(statements.FINDINGS[key][0]), "", "", source)
            for key, source in decisions.worked_out().sources.items()]


# --- The diagram ---------------------------------------------------------------

FONT = "DejaVu Sans"
WIDTH = 26  # characters a line in a box, so the diagram stays narrow


def _lines(text, bold=False):
    lines = [html.escape(line, quote=False) for line in textwrap.wrap(text, WIDTH)]
    if bold:
        lines = [f"<B>{line}</B>" for line in lines]
    return '<BR ALIGN="LEFT"/>'.join(lines) + '<BR ALIGN="LEFT"/>'


def _box(rows, header_colour):
    """A table: its first row the heading, the rest one cell each, with a port."""
    (head, *cells) = rows
    parts = [f'<TR><TD BGCOLOR="{header_colour}" ALIGN="LEFT" BALIGN="LEFT">{_lines(head, True)}</TD></TR>']
    parts += [f'<TR><TD PORT="{port}" ALIGN="LEFT" BALIGN="LEFT">{_lines(text)}</TD></TR>' for port, text in cells]
    return f'<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="6" COLOR="#747474">{"".join(parts)}</TABLE>>'


def _check(node, ways, lang):
    """A node that looks back at an earlier answer, with an arrow per answer."""
    question = questions.BY_KEY[ways[0][0]]
    text = _("Your answer to question %(number)s: %(question)s",
             number=_numbers()[question.key], question=question.summary)
    made = [f'  {node} [shape=box, style="rounded,dashed", margin="0.15,0.1", label=<{_lines(text)}>];']
    for key, values, place in ways:
        made.append(f"  {node} -> {place} [label=<{_lines(_options(key, values, lang))}>];")
    return made


def _beside(side, places, spine):
    """Put a side node (an end, or a look back) level with the first question its
    neighbours lead to, to the right of it: the questions stay in one column on the
    left, which a phone shows first."""
    beside = next((place for place in places if place in spine), None)
    return f"  {{ rank=same; {beside} -> {side} [style=invis]; }}" if beside else None


def dot(lang):
    """The guide as a Graphviz graph, top to bottom, in the page's language."""
    made = steps(lang)
    spine = {step.key for step in made} | {decisions.RESULT}
    out = [
        "digraph guide {",
        f'  graph [rankdir=TB, nodesep=0.25, ranksep=0.45, bgcolor="transparent", fontname="{FONT}"];',
        f'  node [shape=plaintext, fontname="{FONT}", fontsize=14, fontcolor="#1a1a1a", group=spine];',
        f'  edge [fontname="{FONT}", fontsize=12, fontcolor="#1a1a1a", color="#1a1a1a"];',
    ]
    for step in made:
        rows = [f"{step.number}. {step.title}", *((a.value, a.text) for a in step.answers)]
        out.append(f"  {step.key} [label={_box(rows, '#dbe8f5')}];")
    result_rows = [_("The result: the first line that fits applies"),
                   *((f"r{i}", rule.short) for i, rule in enumerate(outcome_rules(lang), 1))]
    out.append(f"  {decisions.RESULT} [label={_box(result_rows, '#d4edda')}];")
    for end in (key for key in decisions.worked_out().ends if key != decisions.RESULT):
        out.append(f'  {end} [group="", shape=box, style="rounded,filled", fillcolor="#fff3cd", '
                   f'margin="0.15,0.1", label=<{_lines(str(END_TEXTS[end]))}>];')
    checks, placed = {}, []  # checks: (earlier question, its answers' places) -> the node that looks back
    for step in made:
        if step.together:
            out.append(f"  {step.key} -> {step.together.key};")
            continue
        places = [way.place.key for answer in step.answers for way in answer.ways if not way.when]
        for answer in step.answers:
            if all(way.when for way in answer.ways):
                ways = tuple((way.when_key, way.when_values, way.place.key) for way in answer.ways)
                if ways not in checks:
                    checks[ways] = node = f"check{len(checks) + 1}"
                    out += [line.replace("[shape=box", '[group="", shape=box', 1) for line in _check(node, ways, lang)]
                    placed += [_beside(node, places, spine)]
                    placed += [_beside(place, [p for *_, p in ways], spine) for *_, place in ways if place not in spine]
                out.append(f"  {step.key}:{answer.value} -> {checks[ways]};")
            else:
                for way in answer.ways:
                    out.append(f"  {step.key}:{answer.value} -> {way.place.key};")
                    if way.place.key not in spine:
                        placed.append(_beside(way.place.key, places, spine))
    out += [line for line in dict.fromkeys(placed) if line]
    out.append("}")
    return "\n".join(out) + "\n"


def dot_path(lang):
    return DIAGRAM_DIR / f"guide.{lang}.dot"


def svg_path(lang):
    return DIAGRAM_DIR / f"guide.{lang}.svg"


def clean_svg(svg):
    """dot's SVG made fit for the page: no XML prolog, no comments, no <title> (a
    browser shows it as a tooltip, with the graph's internal names), no ids, and
    1 px for each of dot's points, so a 14 pt label is 14 px."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<!--.*?-->\s*|<title>.*?</title>\s*| id=\"[^\"]*\"", "", svg, flags=re.S)
    return re.sub(r'(width|height)="([\d.]+)pt"', r'\1="\2"', svg)


@cache
def svg(lang):
    """The committed diagram, read once, ready to put in the page."""
    drawn = svg_path(lang).read_text(encoding="utf-8")
    return Markup(drawn.replace("<svg ", '<svg role="img" aria-labelledby="diagram-caption" focusable="false" ', 1))
