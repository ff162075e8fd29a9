"""The guide's pages: the start, a question, the check page, the result (standard and
easy) and the page for someone another municipality decides for."""

import json
from datetime import date

from flask import abort, g, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from .. import drafts  # the module, not its names: drafts imports this package's state
from ..feedback import funnel
from ..i18n import LANGUAGES
from ..kept_pages import render_once
from ..markdown_ext import icon_svg
from ..urls import add_slugs, localized
from . import bp, easy, rules, state
from .flow import needs_all_answers, next_url, without_answers
from .forms import question_form
from .questions import (
    BY_KEY,
    QUESTIONS,
    SLUGS,
    applicable,
    decided_elsewhere,
    first_unanswered,
    for_self,
    neighbours,
)
from .statements import (
    ANYONE_MAY_APPLY,
    ASK_FRONTEN,
    FINDINGS,
    GROUPS,
    IN_SHORT,
    MILESTONES,
    OUTCOMES,
    TARGET_GROUP_PLAIN,
    in_form,
)

add_slugs("question", SLUGS)
QUESTION_FORM = "question-form"  # the form the header's language button belongs to


@bp.get("/<lang>/guide/")
def start():
    answers = state.answers()
    return render_template("guide/start.html", first=QUESTIONS[0], question_count=len(QUESTIONS),
                           continue_url=next_url(answers) if answers else None)


@localized(bp, "/guide/<question_da:key>", "/guide/<question_en:key>", old="/guide/<question_old:key>",
           reads=("return",), methods=["GET", "POST"])
def question(key):
    question = BY_KEY.get(key) or abort(404)
    answers = state.answers()
    missing = first_unanswered(answers)
    steps = applicable(answers)
    if question not in steps or (missing and steps.index(missing) < steps.index(question)):
        return without_answers(answers)

    own = for_self(answers)
    returning = request.values.get("return") == "check"
    back_to_check = {"return": "check"} if returning else {}
    if request.method == "POST" and request.form.get(drafts.DRAFT_BUTTON) in LANGUAGES:
        # The language switch: what is ticked is kept, not sent, in the other language.
        state.save_tried(key, request.form.getlist("answer"), sent=False)
        return redirect(url_for("guide.question", lang=request.form[drafts.DRAFT_BUTTON], key=key, **back_to_check), 303)
    if request.method == "POST":
        form = question_form(question, own)
        if form.validate():
            state.save(key, form.answer.data)
            funnel.count("started")
            answers = state.answers()
            _before, after = neighbours(question, answers)
            if returning or after is None or first_unanswered(answers):
                return redirect(next_url(answers, returning))
            return redirect(url_for("guide.question", key=after.key))
        # Shown on a GET (Post/Redirect/Get), so Reload never asks to send it again.
        state.save_tried(key, request.form.getlist("answer"))
        return redirect(url_for("guide.question", key=key, **back_to_check), 303)
    tried = state.pop_tried(key)
    if tried is not None:
        values, sent = tried
        form = question_form(question, own, formdata=MultiDict([("answer", value) for value in values]))
        if sent:
            form.validate()
        return _render_question(question, form, answers, returning)
    # Without a form sent, the page depends only on these: rendered once for them.
    page = ("question", g.lang, key, returning, state.has_started(), state.limit(),
            json.dumps(answers, sort_keys=True))
    return render_once(page, lambda **token: _render_question(
        question, question_form(question, own, formdata=None, data={"answer": answers.get(key)}),
        answers, returning, **token))


def _render_question(question, form, answers, returning, **token):
    steps = applicable(answers)
    before, _after = neighbours(question, answers)
    back = url_for("guide.question", key=before.key) if before else url_for("guide.start")
    if returning:
        back = url_for("guide.check")
    # The first question says when answers from earlier are in this browser.
    earlier = question is QUESTIONS[0] and answers and not returning
    return render_template(
        "guide/question.html", question=question, form=form, back=back, returning=returning,
        continue_url=next_url(answers) if earlier else None, draft_form=QUESTION_FORM,
        # Out of every question there can be: the count never grows on the way.
        step=steps.index(question) + 1, step_count=len(QUESTIONS), has_errors=bool(form.errors), **token,
    )


@localized(bp, "/guide/anden-kommune", "/guide/other-municipality")
def outside():
    """The end of the guide when another municipality usually decides (the one the person
    lives in, or the one that gave a place in a residential facility): no check page,
    no result, but where to go instead."""
    answers = state.answers()
    if not decided_elsewhere(answers):
        return redirect(next_url(answers))
    funnel.count("outside")
    return render_template("guide/outside.html", placed=rules.who_decides(answers) is rules.Decides.PLACING,
                           back=url_for("guide.question", key=applicable(answers)[-1].key))


@localized(bp, "/guide/tjek", "/guide/check", old="/guide/tjek")
@needs_all_answers
def check(answers):
    steps = applicable(answers)
    rows = [(q, q.option_texts(answers[q.key], for_self(answers))) for q in steps]
    back = url_for("guide.question", key=steps[-1].key)
    return render_template("guide/check.html", rows=rows, back=back)


@localized(bp, "/guide/resultat", "/guide/result", old="/guide/resultat")
@needs_all_answers
def result(answers):
    # The page depends only on the language, the answers and the day: rendered once
    # for them (render_once), with everything worked out here, not in the template.
    today = date.today()
    key = ("result", g.lang, json.dumps(answers, sort_keys=True), today, state.limit())
    funnel.count_result(rules.outcome(answers))
    return render_once(key, lambda **token: _render_result(answers, today, **token))


def _render_result(answers, today, **token):
    own = for_self(answers)
    outcome = rules.outcome(answers)
    found = rules.findings(answers)
    groups, in_short = {}, {}
    for finding in found:
        groups.setdefault(finding.group, []).append(in_form(FINDINGS[finding.key], own))
        if finding.key in IN_SHORT:
            in_short.setdefault(finding.group, []).append(IN_SHORT[finding.key])
    sources = {finding.group: finding.source for finding in reversed(found)}
    milestones = [(in_form(MILESTONES[m.key], own), m.by) for m in rules.after_you_apply(today)]
    return render_template(
        "guide/result.html", outcome=outcome, heading=in_form(OUTCOMES[outcome], own),
        groups=groups, sources=sources, in_short=in_short,
        group_texts=GROUPS, rules=rules, target_group=TARGET_GROUP_PLAIN,
        ask_fronten=ASK_FRONTEN, anyone_may_apply=ANYONE_MAY_APPLY,
        milestones=milestones, answer_by=next(m for m in milestones if m[1])[1],
        ask_who_decides=rules.who_decides(answers) is rules.Decides.UNSURE,
        today=today, back=url_for("guide.check"), **token,
    )


@localized(bp, "/guide/resultat/let", "/guide/result/easy")
@needs_all_answers
def easy_result(answers):
    title, parts = easy.easy_result(answers, date.today(), for_self(answers))
    return render_template("guide/easy_result.html", title=title, parts=parts,
                           icon_svg=icon_svg, back=url_for("guide.result"))
