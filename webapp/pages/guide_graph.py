"""The diagram of "How the guide works", drawn from the same steps and rules as its
list (guide_map.py) at build time, never per request: `make diagrams`
(scripts/guide_diagram.py) writes diagram/guide.<lang>.dot from here and runs `dot`
on it to make diagram/guide.<lang>.svg; both are committed. tests/test_guide_map.py
fails when the DOT made from today's questions and rules differs from the committed one.
"""

import html
import re
import textwrap
from functools import cache
from pathlib import Path

from flask_babel import gettext as _
from markupsafe import Markup

from ..guide import decisions, questions
from .guide_map import END_TEXTS, _numbers, _options, outcome_rules, steps

DIAGRAM_DIR = Path(__file__).resolve().parent / "diagram"

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
