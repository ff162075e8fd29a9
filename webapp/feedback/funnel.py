"""The guide's funnel, counted on the server as it happens: per day and language, how
many started, reached a result (by outcome), reached an email page, and used "Finish
and clear". Nothing about the answers beyond the outcome, nothing per person.

A step is counted once per run of the guide: the session (the person's own cookie,
which "Finish and clear" and "Start again" empty) notes the steps already counted, so
a reload or Back does not count again. Without a session (no cookie yet) nothing is
noted, and a reload counts again."""

from flask import g, session
from flask_babel import lazy_gettext as _l

from ..session import declare, list_of, text
from . import store

STEPS = {
    "started": _l("Started the guide"),
    "result_likely": _l("Result: the service seems to fit"),
    "result_unclear": _l("Result: we cannot tell"),
    "result_unlikely": _l("Result: the service does not seem to fit"),
    "outside": _l("Another municipality decides"),
    "email_application": _l("Reached the application email"),
    "email_complaint": _l("Reached the complaint email"),
    "cleared": _l("Used “Finish and clear”"),
}
# The guide's path, in order, for the drop between steps.
PATH = ("started", "result", "email_application")
RESULTS = ("result_likely", "result_unclear", "result_unlikely")
COUNTED = "counted"  # the session key
declare(**{COUNTED: list_of(text)})


def count(step):
    """Count `step` for today and the page's language, once per run of the guide."""
    if step not in STEPS:
        raise ValueError(step)
    done = session.get(COUNTED, [])
    if step in done:
        return
    store.add_step(g.get("lang", "da"), step)
    if session:
        session[COUNTED] = [*done, step]


def count_result(outcome):
    count(f"result_{outcome}")


def path_totals(totals):
    """{step: n} -> [(step, n, drop from the step before as a share, or None)] for PATH."""
    rows, before = [], None
    for step in PATH:
        n = sum(totals.get(s, 0) for s in RESULTS) if step == "result" else totals.get(step, 0)
        drop = (before - n) / before if before else None
        rows.append((step, n, drop))
        before = n
    return rows
