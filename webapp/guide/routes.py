import json
from datetime import date
from functools import wraps
from urllib.parse import urlsplit

from flask import abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import force_locale, format_date, get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from .. import deadlines
from ..feedback import funnel
from ..i18n import babel_locale
from ..markdown_ext import icon_svg
from ..security import from_this_site, refused
from ..shared_pages import render_once
from ..urls import add_slugs, localized
from . import bp, drafts, easy, rules, state
from .email import (
    COMPLAINTS,
    FRONTEN,
    Email,
    application_email,
    complaint_email,
    mailto,
    qr_svg,
    subject,
    what_it_says,
)
from .forms import (
    BODY_MAX,
    ApplicationForm,
    ComplaintForm,
    EmailEditForm,
    question_form,
)
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
    APPLYING_AS,
    ASK_FRONTEN,
    FINDINGS,
    GROUPS,
    IN_SHORT,
    MAY_ASK,
    MILESTONES,
    OUTCOMES,
    TARGET_GROUP_PLAIN,
    in_form,
)

add_slugs("question", SLUGS)

# Pages that may be seen without answers, or after they have expired.
OPEN_ENDPOINTS = {"guide.start", "guide.expired", "guide.cleared", "guide.finish",
                  "guide.restart", "guide.deadlines_page", "guide.deadline_calendar",
                  "guide.complaint", "guide.email", "guide.sending", "guide.keep_alive"}


@bp.before_request
def expire_idle_answers():
    if state.is_expired():  # the session interface has emptied it
        if request.method == "POST" and request.endpoint in FORM_PAGES:
            return drafts.keep_refused(*FORM_PAGES[request.endpoint]()) or redirect(url_for("guide.expired"))
        if request.endpoint not in OPEN_ENDPOINTS:
            return redirect(url_for("guide.expired"))
    elif state.has_started():
        raw = state.raw_answers()
        if raw is not None and raw != state.answers():
            state.replace(state.answers())
            flash(_("One of your answers could not be read. Please answer the question again."))
        state.touch()


@bp.after_request
def never_cache(response):
    # Guide pages can show answers about disability and personal details:
    # a shared computer must not keep them, nor show them on Back.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.context_processor
def guide_context():
    answers = state.answers()
    return {
        "for_self": for_self(answers),
        "guide_started": state.has_started(),
        "idle_timeout": state.limit(),
        "draft_form": None,
        "idle_warning": int(current_app.config["GUIDE_IDLE_WARNING"].total_seconds()),
    }


@bp.get("/<lang>/guide/")
def start():
    answers = state.answers()
    return render_template("guide/start.html", first=QUESTIONS[0], question_count=len(QUESTIONS),
                           continue_url=_next_url(answers) if answers else None)


def _without_answers(answers):
    """Where a page that needs answers sends a browser without any: the page that says
    they were deleted after the time limit (the browser drops the cookie by itself
    then, so no answers at all means that, or "Finish and clear"), not silently to
    question 1; with some answers, the first question still open."""
    if not state.has_started():
        return redirect(url_for("guide.expired"))
    return redirect(_next_url(answers))


def _next_url(answers, returning=False):
    missing = first_unanswered(answers)
    if missing:
        # A changed answer that opens a new question comes back to the check page after it.
        extra = {"return": "check"} if returning else {}
        return url_for("guide.question", key=missing.key, **extra)
    if decided_elsewhere(answers):
        return url_for("guide.outside")
    return url_for("guide.check")


@localized(bp, "/guide/<question_da:key>", "/guide/<question_en:key>", old="/guide/<question_old:key>",
           reads=("return",), methods=["GET", "POST"])
def question(key):
    question = BY_KEY.get(key) or abort(404)
    answers = state.answers()
    missing = first_unanswered(answers)
    steps = applicable(answers)
    if question not in steps or (missing and steps.index(missing) < steps.index(question)):
        return _without_answers(answers)

    own = for_self(answers)
    returning = request.values.get("return") == "check"
    if request.method == "POST":
        form = question_form(question, own)
        if form.validate():
            state.save(key, form.answer.data)
            funnel.count("started")
            answers = state.answers()
            _before, after = neighbours(question, answers)
            if returning or after is None or first_unanswered(answers):
                return redirect(_next_url(answers, returning))
            return redirect(url_for("guide.question", key=after.key))
        # Shown on a GET (Post/Redirect/Get), so Reload never asks to send it again.
        state.save_tried(key, request.form.getlist("answer"))
        return redirect(url_for("guide.question", key=key, **({"return": "check"} if returning else {})), 303)
    tried = state.pop_tried(key)
    if tried is not None:
        form = question_form(question, own, formdata=MultiDict([("answer", value) for value in tried]))
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
        continue_url=_next_url(answers) if earlier else None,
        step=steps.index(question) + 1, step_count=len(steps), has_errors=bool(form.errors), **token,
    )


def _all_answered(answers):
    """Every question answered, by someone the guide can give a result to."""
    return not first_unanswered(answers) and not decided_elsewhere(answers)


def needs_all_answers(view):
    """Pages after the questions: sent back to the first one still unanswered."""

    @wraps(view)
    def guarded(**kwargs):
        answers = state.answers()
        if not state.has_started() or not _all_answered(answers):
            return _without_answers(answers)
        return view(answers, **kwargs)

    return guarded


@localized(bp, "/guide/anden-kommune", "/guide/other-municipality")
def outside():
    """The end of the guide when another municipality usually decides (the one the person
    lives in, or the one that gave a place in a residential facility): no check page,
    no result, but where to go instead."""
    answers = state.answers()
    if not decided_elsewhere(answers):
        return redirect(_next_url(answers))
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


def _in_language(lang, build):
    with force_locale(babel_locale(lang)):
        return build()


def _render_email(kind, name, email_da, email_en, details=None, edited=False):
    # The mail program's link opens on the device showing the page, so the full text
    # can be copied from it; the QR code's opens on a phone away from the page.
    funnel.count(f"email_{kind}")
    paste_note = _in_language("da", lambda: _(
        "The full text is too long for an email link. Copy it from the page and paste it here."))
    link, shortened = mailto(email_da, paste_note)
    qr_note = _in_language("da", lambda: _("(The text is cut off here: it was too long for a QR code.)"))
    qr_link, qr_shortened = mailto(email_da, qr_note)
    svg, _version = qr_svg(qr_link, _("QR code that opens the email on your phone"))
    back = url_for("guide.result") if kind == "application" else url_for("guide.complaint")
    today = date.today()
    answer_by = deadlines.latest_answer(today) if kind == "application" else deadlines.complaint_answer_by(today)
    return render_template(
        "guide/email.html", kind=kind, mail=email_da, english=email_en, link=link,
        shortened=shortened, qr=svg, qr_shortened=qr_shortened, details=details or {},
        answer_by=answer_by,
        # The printed letter is in Danish, like the email.
        letter_date=_in_language("da", lambda: _("Date: %(date)s", date=format_date(date.today(), "long"))),
        signature=_in_language("da", lambda: _("Signature: %(line)s", line="_" * 32)),
        edit_form=EmailEditForm(formdata=None, kind=kind, name=name,
                                body=email_da.body, english=email_en.body if email_en else ""),
        edited=edited, back=back,
    )


def _email_page(kind, details, body=None):
    """The email page for what the person typed (and their own text, once edited), or
    None when the answers it needs are gone."""
    if kind == "application":
        answers = state.answers()
        if not _all_answered(answers):
            return None
        email_da, email_en = _emails(lambda: application_email(answers, details))
    else:
        email_da, email_en = _emails(lambda: complaint_email(details))
    if body is not None:
        email_da = Email(email_da.to, email_da.subject, body)
    return _render_email(kind, details["name"], email_da, email_en, details, edited=body is not None)


def _send(kind, details, body=None):
    """After a valid form: keep what was typed for the email page and go there (303), so
    Reload, Back and Forward work. A text too long to keep in the cookie is shown at once."""
    state.drop_draft()
    state.save_sending(kind, details, body)
    if state.fits_in_cookie():
        return redirect(url_for("guide.sending"), 303)
    state.drop_sending()
    return _email_page(kind, details, body) or redirect(url_for("guide.expired"))


@localized(bp, "/guide/mailen", "/guide/your-email")
def sending():
    kept = state.sending()
    page = kept and _email_page(kept["kind"], kept["details"], kept["body"])
    return page or (render_template("guide/email_gone.html"), 200)


def _emails(build):
    email_da = _in_language("da", build)
    email_en = _in_language("en", build) if get_locale().language == "en" else None
    return email_da, email_en


def _application_form(answers):
    own = for_self(answers) if answers.get("who") else True
    return lambda **kwargs: ApplicationForm(for_self=own, **kwargs)


def _render_apply(answers, form, gone=False):
    own = for_self(answers) if answers.get("who") else not form.applicant_name.data
    return render_template("guide/apply.html", form=form, back=url_for("guide.result"),
                           has_errors=bool(form.errors), draft_form=drafts.FORM_ID, answers_gone=gone,
                           for_self=own, email_says=what_it_says(answers) if not gone else [],
                           applying_as=None if own else APPLYING_AS.get(answers.get("who")),
                           may_ask=None if own or gone else MAY_ASK[answers["who"]][1])


def _answers_gone_message():
    return _("Your answers to the questions were deleted after %(minutes)s minutes without activity. "
             "What you wrote on the form is kept. Answer the questions again, then send it.",
             minutes=state.default_limit() // 60)


@localized(bp, "/guide/ansoegning", "/guide/apply", old="/guide/ansoegning", methods=["GET", "POST"])
def apply():
    answers = state.answers()
    if answers and decided_elsewhere(answers):  # not for an email to Ballerup
        return redirect(url_for("guide.outside"), 303)
    if _all_answered(answers):
        return drafts.form_page("application", _application_form(answers),
                                lambda form: _render_apply(answers, form), _send)
    # The answers are gone (time limit), but what was typed on the form is kept.
    make_form = _application_form(answers)
    if request.method == "POST":
        state.save_draft("application", make_form(formdata=None).typed_values(request.form), note="refused")
    elif state.draft("application"):
        form = make_form(formdata=MultiDict(state.draft("application")["values"]))
        form.form_errors.append(_answers_gone_message())
        return _render_apply(answers, form, gone=True)
    if state.draft("application"):
        flash(_answers_gone_message())
        return redirect(_next_url(answers), 303)
    return _without_answers(answers)


@bp.post("/<lang>/guide/email")
def email():
    form = EmailEditForm()
    if not form.validate():
        return render_template("guide/email_error.html", form=form, has_errors=True,
                               max_body=BODY_MAX, back=url_for("guide.start")), 200
    kept = state.sending()
    if kept:
        return _send(kept["kind"], kept["details"], form.body.data)
    # Nothing kept (no cookie): the page is built from the form alone.
    kind, name = form.kind.data, form.name.data
    to = COMPLAINTS if kind == "complaint" else FRONTEN
    email_da = Email(to, _in_language("da", lambda: subject(kind)), form.body.data)
    english = Email(to, "", form.english.data) if form.english.data else None
    return _render_email(kind, name, email_da, english, edited=True)


def guide_page(target):
    """`target` if it is a page of the guide in this language (a path on this site),
    else None: the confirmation page's "No" link may only lead back into the guide."""
    parts = urlsplit(target or "")
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or "\\" in target:
        return None
    try:
        endpoint, values = current_app.url_map.bind("localhost").match(parts.path, method="GET")
    except HTTPException:
        return None
    if not endpoint.startswith("guide.") or endpoint == "guide.restart" or values["lang"] != g.lang:
        return None
    return target


@localized(bp, "/guide/forfra", "/guide/start-again", old="/guide/forfra", reads=("back",),
           methods=["GET", "POST"])
def restart():
    """GET asks first (works without JavaScript); the form on that page POSTs to clear."""
    if request.method == "POST":
        state.clear()
        return redirect(url_for("guide.question", key=QUESTIONS[0].key))
    if not state.has_started():
        return redirect(url_for("guide.start"))
    back = guide_page(request.args.get("back")) or _next_url(state.answers())
    return render_template("guide/restart.html", cancel=back)


@localized(bp, "/guide/afslut", "/guide/finish", old="/guide/afslut", methods=["POST"])
def finish():
    state.clear()  # the session interface expires the cookie by name (Set-Cookie)
    funnel.count("cleared")
    response = redirect(url_for("guide.cleared"))
    # Also the browser's cache of this site. Never "cookies": that clears every cookie
    # of the whole registrable domain (balk.dk), not only this site's.
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


@localized(bp, "/guide/ryddet", "/guide/cleared", old="/guide/ryddet")
def cleared():
    return render_template("guide/cleared.html")


@localized(bp, "/guide/udloebet", "/guide/expired", old="/guide/udloebet")
def expired():
    return render_template("guide/expired.html")


@localized(bp, "/guide/forlaeng", "/guide/keep-alive", old="/guide/forlaeng", methods=["POST"])
def keep_alive():
    """With JavaScript (the warning dialog): another full limit, as JSON. Without (a
    form with `back`, "I need more time"): ten times the limit, then back to the page."""
    if "back" not in request.form:
        if not state.has_started():
            return {"seconds_left": 0}, 400
        return {"seconds_left": state.seconds_left()}
    state.extend()
    flash(drafts.more_time_message())
    return redirect(guide_page(request.form["back"]) or url_for("guide.start"), 303)


@localized(bp, "/klage", "/complaint", old="/klage", methods=["GET", "POST"])
def complaint():
    return drafts.form_page("complaint", ComplaintForm, _render_complaint, _send)


def _render_complaint(form):
    return render_template("guide/complaint.html", form=form, has_errors=bool(form.errors),
                           draft_form=drafts.FORM_ID)


# The form pages, each with the kind of email and how to make its form.
FORM_PAGES = {
    "guide.apply": lambda: ("application", _application_form(state.answers())),
    "guide.complaint": lambda: ("complaint", ComplaintForm),
}


@bp.errorhandler(CSRFError)
def token_refused(error):
    """A POST without the page's valid token never reaches its view. What was typed on
    a page of this site is shown again, with what happened and what to do."""
    endpoint = request.endpoint
    if endpoint in FORM_PAGES:
        kept = drafts.keep_refused(*FORM_PAGES[endpoint]())
        if kept:
            return kept
    if endpoint == "guide.email" and from_this_site():
        form = EmailEditForm()
        form.form_errors.append(drafts.refused_message())
        return render_template("guide/email_error.html", form=form, has_errors=True,
                               max_body=BODY_MAX, back=url_for("guide.start")), 400
    if endpoint == "guide.question" and from_this_site():
        if state.has_started():
            flash(_("For your safety, your answer was not saved. Choose it again."))
            return redirect(request.path, 303)
        # No answers any more: say they were deleted, not silently back to question 1.
        return redirect(url_for("guide.expired"), 303)
    if (endpoint == "guide.finish" and request.form.get("csrf_token")
            and "csrf_token" not in session and from_this_site()):
        # The page's token ran out with the session (the person waited while sending):
        # clearing is what they asked for. No token, or another site: refused.
        return finish()
    if endpoint == "guide.keep_alive" and "back" not in request.form:
        return {"seconds_left": 0}, 400
    return refused(error)
