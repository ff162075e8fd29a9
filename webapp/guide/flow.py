"""Where the guide goes next: the first question still open, the check page, or the
page for someone another municipality decides for."""

from functools import wraps

from flask import redirect, url_for

from . import state
from .questions import all_answered, decided_elsewhere, first_unanswered


def next_url(answers, returning=False):
    missing = first_unanswered(answers)
    if missing:
        # A changed answer that opens a new question comes back to the check page after it.
        extra = {"return": "check"} if returning else {}
        return url_for("guide.question", key=missing.key, **extra)
    if decided_elsewhere(answers):
        return url_for("guide.outside")
    return url_for("guide.check")


def without_answers(answers):
    """Where a page that needs answers sends a browser without any: the page that says
    they were deleted after the time limit (the browser drops the cookie by itself
    then, so no answers at all means that, or "Finish and clear"), not silently to
    question 1; with some answers, the first question still open."""
    if not state.has_started():
        return redirect(url_for("guide.expired"))
    return redirect(next_url(answers))


def needs_all_answers(view):
    """Pages after the questions: sent back to the first one still unanswered."""

    @wraps(view)
    def guarded(**kwargs):
        answers = state.answers()
        if not state.has_started() or not all_answered(answers):
            return without_answers(answers)
        return view(answers, **kwargs)

    return guarded
