from datetime import date
from functools import wraps

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _

from ..i18n import babel_locale
from ..markdown_ext import icon_svg
from . import bp, easy, rules, state
from .email import COMPLAINTS, FRONTEN, Email, application_email, complaint_email, mailto, qr_svg
from .forms import (
    ApplicationForm,
    ComplaintForm,
    EmailEditForm,
    KeepAliveForm,
    question_form,
)
from .questions import BY_KEY, QUESTIONS, applicable, first_unanswered, for_self, neighbours
from .statements import MILESTONES, finding_text

# Pages that may be seen without answers, or after they have expired.
OPEN_ENDPOINTS = {"guide.start", "guide.expired", "guide.cleared", "guide.finish",
                  "guide.restart", "guide.deadlines_page", "guide.deadline_calendar",
                  "guide.complaint", "guide.email", "guide.keep_alive"}


@bp.before_request
def expire_idle_answers():
    if state.is_expired():
        state.clear()
        if request.endpoint not in OPEN_ENDPOINTS:
            return redirect(url_for("guide.expired"))
    elif state.has_started():
        raw = state.raw_answers()
        if raw != state.answers():
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
        "idle_timeout": int(current_app.config["GUIDE_IDLE_TIMEOUT"].total_seconds()),
        "idle_warning": int(current_app.config["GUIDE_IDLE_WARNING"].total_seconds()),
    }


@bp.get("/guide/")
def start():
    return render_template("guide/start.html", first=QUESTIONS[0])


def _next_url(answers):
    missing = first_unanswered(answers)
    if missing:
        return url_for("guide.question", key=missing.key)
    return url_for("guide.check")


@bp.route("/guide/<key>", methods=["GET", "POST"])
def question(key):
    question = BY_KEY.get(key) or abort(404)
    answers = state.answers()
    missing = first_unanswered(answers)
    steps = applicable(answers)
    if question not in steps or (missing and steps.index(missing) < steps.index(question)):
        return redirect(_next_url(answers))

    own = for_self(answers)
    returning = request.values.get("return") == "check"
    if request.method == "POST":
        form = question_form(question, own)
        if form.validate():
            state.save(key, form.answer.data)
            answers = state.answers()
            _before, after = neighbours(question, answers)
            if returning or after is None or first_unanswered(answers):
                return redirect(_next_url(answers))
            return redirect(url_for("guide.question", key=after.key))
    else:
        form = question_form(question, own, formdata=None, data={"answer": answers.get(key)})

    before, _after = neighbours(question, answers)
    back = url_for("guide.question", key=before.key) if before else url_for("guide.start")
    if returning:
        back = url_for("guide.check")
    return render_template(
        "guide/question.html", question=question, form=form, back=back, returning=returning,
        step=steps.index(question) + 1, step_count=len(steps), has_errors=bool(form.errors),
    )


def needs_all_answers(view):
    """Pages after the questions: sent back to the first one still unanswered."""

    @wraps(view)
    def guarded(**kwargs):
        answers = state.answers()
        if not state.has_started() or first_unanswered(answers):
            return redirect(_next_url(answers))
        return view(answers, **kwargs)

    return guarded


@bp.get("/guide/tjek")
@needs_all_answers
def check(answers):
    steps = applicable(answers)
    rows = [(q, q.option_texts(answers[q.key], for_self(answers))) for q in steps]
    back = url_for("guide.question", key=steps[-1].key)
    return render_template("guide/check.html", rows=rows, back=back)


@bp.get("/guide/resultat")
@needs_all_answers
def result(answers):
    own = for_self(answers)
    findings = [(finding_text(f.key, own), f.source) for f in rules.findings(answers)]
    today = date.today()
    milestones = [(MILESTONES[m.key], m.source, m.by) for m in rules.after_you_apply(today)]
    site = current_app.extensions["content"]
    return render_template(
        "guide/result.html", outcome=rules.outcome(answers), findings=findings,
        milestones=milestones, today=today, back=url_for("guide.check"),
        section_title=lambda source: site.heading_title(g.lang, source.topic, source.anchor),
    )


@bp.get("/guide/resultat/let")
@needs_all_answers
def easy_result(answers):
    title, parts = easy.easy_result(answers, date.today(), for_self(answers))
    return render_template("guide/easy_result.html", title=title, parts=parts,
                           icon_svg=icon_svg, back=url_for("guide.result"))


def _in_language(lang, build):
    with force_locale(babel_locale(lang)):
        return build()


def _render_email(kind, email_da, email_en, details=None, edited=False):
    paste_note = _in_language("da", lambda: _(
        "The full text is too long for an email link. Copy it from the page and paste it here."))
    link, shortened = mailto(email_da, paste_note)
    svg, _version = qr_svg(link, _("QR code that opens the email on your phone"))
    back = url_for("guide.result") if kind == "application" else url_for("guide.complaint")
    return render_template(
        "guide/email.html", kind=kind, mail=email_da, english=email_en, link=link,
        shortened=shortened, qr=svg, details=details or {},
        edit_form=EmailEditForm(formdata=None, kind=kind, body=email_da.body,
                                english=email_en.body if email_en else ""),
        edited=edited, back=back,
    )


def _emails(build):
    email_da = _in_language("da", build)
    email_en = _in_language("en", build) if get_locale().language == "en" else None
    return email_da, email_en


@bp.route("/guide/ansoegning", methods=["GET", "POST"])
@needs_all_answers
def apply(answers):
    own = for_self(answers)
    if request.method == "POST":
        form = ApplicationForm(for_self=own)
        if form.action.data != "edit" and form.validate():
            details = form.details()
            email_da, email_en = _emails(lambda: application_email(answers, details))
            return _render_email("application", email_da, email_en, details)
    else:
        form = ApplicationForm(for_self=own, formdata=None)
    return render_template("guide/apply.html", form=form, back=url_for("guide.result"),
                           has_errors=bool(form.errors),
                           relation=BY_KEY["who"].option_texts(answers["who"], own)[0])


@bp.post("/guide/email")
def email():
    form = EmailEditForm()
    kind = "complaint" if form.kind.data == "complaint" else "application"
    if not form.validate():
        return render_template("guide/email_error.html", form=form, has_errors=True,
                               back=url_for("guide.start")), 200
    subject = request.form.get("subject", "")[:300]
    to = COMPLAINTS if kind == "complaint" else FRONTEN
    email_da = Email(to, subject, form.body.data)
    english = Email(to, "", form.english.data) if form.english.data else None
    return _render_email(kind, email_da, english, edited=True)


@bp.post("/guide/forfra")
def restart():
    state.clear()
    return redirect(url_for("guide.question", key=QUESTIONS[0].key))


@bp.post("/guide/afslut")
def finish():
    state.clear()
    response = redirect(url_for("guide.cleared"))
    # Also asks the browser to drop anything it kept from this site.
    response.headers["Clear-Site-Data"] = '"cache", "cookies"'
    return response


@bp.get("/guide/ryddet")
def cleared():
    return render_template("guide/cleared.html")


@bp.get("/guide/udloebet")
def expired():
    return render_template("guide/expired.html")


@bp.post("/guide/forlaeng")
def keep_alive():
    if not KeepAliveForm().validate() or not state.has_started():
        return {"seconds_left": 0}, 400
    return {"seconds_left": state.seconds_left()}


@bp.route("/klage", methods=["GET", "POST"])
def complaint():
    if request.method == "POST":
        form = ComplaintForm()
        if form.action.data != "edit" and form.validate():
            details = form.details()
            email_da, email_en = _emails(lambda: complaint_email(details))
            return _render_email("complaint", email_da, email_en, details)
    else:
        form = ComplaintForm(formdata=None)
    return render_template("guide/complaint.html", form=form, has_errors=bool(form.errors))
