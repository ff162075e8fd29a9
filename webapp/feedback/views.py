"""The answer to "Was this page useful?", the optional text after "No", and the public
page on how the site is used. The answer's form is the same for everyone (pages stay
cached): no token, so a POST from another site is refused by its Origin and
Sec-Fetch-Site headers instead, and a client that sends too many gets a 429."""

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy.exc import SQLAlchemyError
from wtforms import HiddenField, TextAreaField
from wtforms.validators import Length, Optional

from ..errors import error_page
from ..forms import ErrorSummaryMixin
from ..limits import limiter
from ..urls import localized
from . import bp, store, usage
from .pages import page_of
from .scrub import scrub

ANSWERS = ("yes", "no")


def _rate():
    return current_app.config["FEEDBACK_RATE_LIMIT"]


class MissingForm(ErrorSummaryMixin, FlaskForm):
    class Meta:
        csrf = False  # the same-site check stands in (see the module's docstring)

    page = HiddenField()
    # Optional as its label says: "Send" with nothing written is an answer too.
    missing = TextAreaField(_l("What were you missing? (optional)"), validators=[
        Optional(),
        Length(max=store.TEXT_MAX, message=_l("Write at most %(max)d characters", max=store.TEXT_MAX)),
    ])


def _cross_site():
    """A POST sent by another site's page. Browsers send Sec-Fetch-Site; Origin is
    "null" on our own posts too (the site's Referrer-Policy is no-referrer)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    own = {current_app.config["SITE_URL"], request.host_url.rstrip("/"), "null"}
    return origin is not None and origin not in own


@bp.before_request
def same_site_posts_only():
    if request.method == "POST" and _cross_site():
        return error_page(403, title=_("Your answer was not saved"),
                          message=_("The answer came from another website. Answer on the page itself."))


@bp.errorhandler(429)
def too_many(error):
    return error_page(429, title=_("Thank you, that is enough for now"),
                      message=_("You have sent many answers in a short time. Wait a minute, then try again."))


def _not_saved():
    """What to do when the database did not take the answer (store.py has logged it)."""
    return _("We could not save your answer because of a fault on our side. "
             "Try again in a few minutes. The rest of the site works as usual.")


def _bad_page():
    return error_page(400, title=_("Your answer was not saved"),
                      message=_("We could not tell which page the answer was about. Answer on the page itself."))


@localized(bp, "/tilbagemelding", "/feedback", methods=["POST"])
@limiter.shared_limit(_rate, scope="feedback")
def answer():
    path, value = request.form.get("page"), request.form.get("answer")
    found = page_of(path)
    if not found or value not in ANSWERS:
        return _bad_page()
    if not store.add_answer(path, found[2], value):
        return error_page(503, title=_("Your answer was not saved"), message=_not_saved())
    return redirect(url_for("feedback.thanks", page=path, answer=value), 303)


@localized(bp, "/tilbagemelding/tekst", "/feedback/text", methods=["POST"])
@limiter.shared_limit(_rate, scope="feedback")
def missing():
    form = MissingForm()
    found = page_of(form.page.data)
    if not found:
        return _bad_page()
    if not form.validate():
        page = render_template("feedback/thanks.html", page=form.page.data, answer="no",
                               form=form, has_errors=True, not_saved=None)
        return page, {"Cache-Control": "no-store"}  # it shows what was typed
    if not (form.missing.data or "").strip():  # the "No" itself is counted already
        return redirect(url_for("feedback.thanks", page=form.page.data, answer="none"), 303)
    if not store.add_comment(form.page.data, found[2], scrub(form.missing.data)):
        page = render_template("feedback/thanks.html", page=form.page.data, answer="no", form=form,
                               has_errors=False, not_saved=_not_saved())
        return page, 503, {"Cache-Control": "no-store"}  # it shows what was typed
    return redirect(url_for("feedback.thanks", page=form.page.data, answer="text"), 303)


@localized(bp, "/tilbagemelding/tak", "/feedback/thanks")
def thanks():
    path, value = request.args.get("page"), request.args.get("answer")
    page = path if page_of(path) else None
    form = MissingForm(formdata=None, page=page) if value == "no" and page else None
    return render_template("feedback/thanks.html", page=page, answer=value, form=form,
                           has_errors=False, not_saved=None)


@localized(bp, "/saadan-bruges-siden", "/how-the-site-is-used")
def usage_page():
    try:
        months = usage.months()
    except SQLAlchemyError as error:  # e.g. `flask db upgrade` not run yet
        current_app.logger.warning("feedback: figures not read (%s)", type(error).__name__)
        store.db.session.rollback()
        months = None
    response = current_app.make_response(
        render_template("feedback/usage.html", months=months, shown=usage.shown))
    response.headers["Cache-Control"] = "public, max-age=600" if months is not None else "no-store"
    return response
