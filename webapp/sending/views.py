"""The details form (/guide/ansoegning), the email page for either kind of email
(/guide/mailen: mailto, QR code, copy, print letter) and its edited text.

The application's form and email page have two reading levels: the same views at an
easy address (/guide/ansoegning/let, /guide/mailen/let, reached from the easy result)
show easy words around the same form and the same email (`easy=True`)."""

from datetime import date

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import force_locale, format_date, get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from .. import deadlines, drafts, journey
from ..emails import KINDS, Email, mailto, qr_svg
from ..feedback import funnel
from ..guide import flow, questions, state, statements
from ..i18n import babel_locale
from ..kept_pages import render_once
from ..security import from_this_site
from ..urls import localized
from . import bp
from .application import what_it_says
from .forms import BODY_MAX, ApplicationForm, EmailEditForm


def _in_language(lang, build):
    with force_locale(babel_locale(lang)):
        return build()


def _emails(build):
    email_da = _in_language("da", build)
    email_en = _in_language("en", build) if get_locale().language == "en" else None
    return email_da, email_en


def _easy_endpoint(endpoint, easy):
    """The endpoint at the page's reading level: sending.apply -> sending.easy_apply."""
    module, name = endpoint.split(".")
    return f"{module}.easy_{name}" if easy else endpoint


def render_email(kind, name, email_da, email_en, details=None, edited=False, easy=False):
    # The mail program's link opens on the device showing the page, so the full text
    # can be copied from it; the QR code's opens on a phone away from the page.
    funnel.count(f"email_{kind}")
    with force_locale(babel_locale("da")):  # the email's notes
        paste_note = _("The full text is too long for an email link. Copy it from the page and paste it here.")
        qr_note = _("(The text is cut off here: it was too long for a QR code.)")
    link, shortened = mailto(email_da, paste_note)
    qr_link, qr_shortened = mailto(email_da, qr_note)
    svg, _version = qr_svg(qr_link, _("QR code that opens the email on your phone"))
    details = details or {}
    # Everything typed, or built from it, is put into the page kept for the rest.
    values = {"name": name, "subject": email_da.subject, "body": email_da.body, "link": link,
              "qr": Markup(svg or ""), "english_subject": email_en.subject if email_en else "",
              "english_body": email_en.body if email_en else "",
              **{f"detail_{field}": value for field, value in details.items()}}
    # What decides what the page shows, besides the language and the day.
    shape = {"kind": kind, "to": email_da.to, "easy": easy, "edited": edited, "shortened": shortened,
             "has_qr": svg is not None, "qr_shortened": qr_shortened, "english": email_en is not None,
             "english_has_subject": bool(email_en and email_en.subject), "fields": tuple(details)}
    today = date.today()
    key = ("email", g.lang, request.path, today, state.has_started(), state.limit(), *shape.items())
    return render_once(key, lambda **filled: _render_email_page(today, filled, **shape), values)


def _render_email_page(today, filled, kind, fields, easy, **shape):
    with force_locale(babel_locale("da")):  # the printed letter
        letter_date = _("Date: %(date)s", date=format_date(today, "long"))
        signature = _("Signature: %(line)s", line="_" * 32)
    form_url = url_for(_easy_endpoint(KINDS[kind].form_endpoint, easy))
    return render_template(
        "sending/email.html", kind=kind, easy=easy, **shape, **filled,
        details={field: filled[f"detail_{field}"] for field in fields},
        answer_by=KINDS[kind].answer_by(today), form_url=form_url, back=form_url,
        answer_moved=deadlines.moved_text(deadlines.why_moved(KINDS[kind].answer_by, today)),
        letter_date=letter_date, signature=signature,
    )


def _email_page(kind, details, body=None, easy=False):
    """The email page for what the person typed (and their own text, once edited), or
    None when the answers it needs are gone."""
    build = KINDS[kind].build
    email_da, email_en = _emails(lambda: build(details))
    if email_da is None:
        return None
    if body is not None:
        email_da = Email(email_da.to, email_da.subject, body)
    return render_email(kind, details["name"], email_da, email_en, details, edited=body is not None,
                        easy=easy)


def send(kind, details, body=None, easy=False):
    """After a valid form: keep what was typed for the email page and go there (303), so
    Reload, Back and Forward work. A text too long to keep in the cookie is shown at once."""
    state.drop_draft()
    state.save_sending(kind, details, body)
    if state.fits_in_cookie():
        return redirect(url_for("sending.easy_sending" if easy else "sending.sending"), 303)
    state.drop_sending()
    return _email_page(kind, details, body, easy) or redirect(url_for("guide.expired"))


@localized(bp, "/guide/mailen/let", "/guide/your-email/easy", endpoint="easy_sending", defaults={"easy": True})
@localized(bp, "/guide/mailen", "/guide/your-email")
def sending(easy=False):
    kept = state.sending()
    if kept and easy and kept["kind"] != "application":  # only the application has easy words
        return redirect(url_for("sending.sending"))
    page = kept and _email_page(kept["kind"], kept["details"], kept["body"], easy)
    return page or (render_template("sending/email_gone.html"), 200)


def _email_error(form, status=200):
    return render_template("sending/email_error.html", form=form, has_errors=True,
                           max_body=BODY_MAX, back=url_for("guide.start")), status


@bp.post("/<lang>/guide/email")
def email():
    form = EmailEditForm()
    if not form.validate():
        return _email_error(form)
    kept = state.sending()
    easy = form.level.data == "easy"
    if kept:
        return send(kept["kind"], kept["details"], form.body.data, easy=easy)
    # Nothing kept (no cookie): the page is built from the form alone.
    kind = KINDS[form.kind.data]
    email_da = Email(kind.to, _in_language("da", kind.subject), form.body.data)
    english = Email(kind.to, "", form.english.data) if form.english.data else None
    return render_email(kind.name, form.name.data, email_da, english, edited=True,
                        easy=easy and kind.name == "application")


def _application_form(answers, easy=False):
    own = questions.for_self(answers) if answers.get("who") else True
    return lambda **kwargs: ApplicationForm(for_self=own, easy=easy, **kwargs)


def _render_apply(answers, form, gone=False, easy=False):
    own = questions.for_self(answers) if answers.get("who") else not form.applicant_name.data
    applying_as, may_ask = ((statements.APPLYING_AS_EASY, statements.MAY_ASK_EASY) if easy else
                            (statements.APPLYING_AS, {who: lines[1] for who, lines in statements.MAY_ASK.items()}))
    return render_template("sending/apply.html", form=form, easy=easy,
                           back=url_for("guide.easy_result" if easy else "guide.result"),
                           has_errors=bool(form.errors), draft_form=drafts.FORM_ID, answers_gone=gone,
                           for_self=own, email_says=what_it_says(answers, easy) if not gone else [],
                           applying_as=None if own else applying_as.get(answers.get("who")),
                           may_ask=None if own or gone else may_ask[answers["who"]])


def _answers_gone_message():
    return _("Your answers to the questions were deleted after %(minutes)s minutes without activity. "
             "What you wrote on the form is kept. Answer the questions again, then send it.",
             minutes=state.default_limit() // 60)


@localized(bp, "/guide/ansoegning/let", "/guide/apply/easy", endpoint="easy_apply", defaults={"easy": True},
           methods=["GET", "POST"])
@localized(bp, "/guide/ansoegning", "/guide/apply", old="/guide/ansoegning", methods=["GET", "POST"])
def apply(easy=False):
    answers = state.answers()
    if answers and questions.decided_elsewhere(answers):  # not for an email to Ballerup
        return redirect(url_for("guide.outside"), 303)
    if questions.all_answered(answers):
        return drafts.form_page("application", _application_form(answers, easy),
                                lambda form: _render_apply(answers, form, easy=easy),
                                lambda kind, details: send(kind, details, easy=easy))
    # The answers are gone (time limit), but what was typed on the form is kept.
    make_form = _application_form(answers, easy)
    if request.method == "POST":
        state.save_draft("application", make_form(formdata=None).typed_values(request.form), note="refused")
    elif state.draft("application"):
        form = make_form(formdata=MultiDict(state.draft("application")["values"]))
        form.form_errors.append(_answers_gone_message())
        return _render_apply(answers, form, gone=True, easy=easy)
    if state.draft("application"):
        flash(_answers_gone_message())
        return redirect(flow.next_url(answers), 303)
    return flow.without_answers(answers)


drafts.register_form_page("sending.apply", lambda: ("application", _application_form(state.answers())))
drafts.register_form_page("sending.easy_apply", lambda: ("application", _application_form(state.answers(), True)))


@bp.errorhandler(CSRFError)
def token_refused(error):
    """The email text sent from this site with a token that ran out: shown again."""
    if request.endpoint == "sending.email" and from_this_site():
        form = EmailEditForm()
        form.form_errors.append(drafts.refused_message())
        return _email_error(form, 400)
    return journey.token_refused(error)
