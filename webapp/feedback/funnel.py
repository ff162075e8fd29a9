"""The guide's funnel, counted on the server as it happens: per day and language, how
many started, reached a result (by outcome), reached an email page, and used "Finish
and clear". Nothing about the answers beyond the outcome, nothing per person.

A step is counted once per run of the guide, whatever is reloaded or replayed and on
whichever process or copy: the shared store (webapp/store.py) notes the steps counted
per session id (random, new after "Finish and clear" and "Start again") for as long as
the session could live, and the database is written only for a step not noted
before. The notes are never written to the database. A request with no session (no
cookie, or one already ended) counts nothing."""

from flask import current_app, g, session
from flask_babel import lazy_gettext as _l

from ..store import shared
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


def count(step):
    """Count `step` for today and the page's language, once per run of the guide."""
    if step not in STEPS:
        raise ValueError(step)
    if session.sid is None and not session:
        return  # no session: nothing to count, nothing to note
    lifetime = session.lifetime(int(current_app.config["GUIDE_IDLE_TIMEOUT"].total_seconds()))
    if shared().first_time(session.ensure_sid(), step, lifetime):
        store.add_step(g.get("lang", "da"), step)


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
