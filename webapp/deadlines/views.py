"""The deadline calculator (/frister, /deadlines): from one date, the deadlines that follow, with calendar files."""

from flask import Response, abort, render_template, request
from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from wtforms import Form

from .. import facts
from ..forms import DatePartsField, ErrorSummaryMixin
from ..urls import add_slugs, localized
from . import bp, counting

# What each deadline counts from, what it is, and its rule in counting.py.
# The page asks first what happened on the date (`brev`), and answers that first.
EVENTS = {
    "svar": _l("The municipality received my application"),
    "bemaerkninger": _l("I received a draft decision (consultation, partshøring)"),
    "klage": _l("I received the decision"),
}
KINDS = {
    "svar": (counting.latest_answer, _l("When you can expect an answer to your application"),
             _l("If the municipality received your application on %(date)s, you can expect an answer by:")),
    "bemaerkninger": (counting.comment_deadline, _l("Last day to comment on the draft decision"),
                      _l("If you received the draft decision on %(date)s, send your comments no later than:")),
    "klage": (counting.complaint_deadline, _l("Last day to complain about the decision"),
              _l("If you received the decision on %(date)s, the municipality must receive your complaint no later than:")),
}


def note(kind, day):
    """What the reader needs beside the date: why a deadline moved, if it did (a reader
    who counts the weeks lands on another day), or, for the answer to an application,
    what happens if the municipality is late. Generic text only: it goes into calendar files."""
    if kind == "svar":
        return facts.text("late_answer", facts.current_language())
    return counting.moved_text(counting.why_moved(KINDS[kind][0], day))


add_slugs("deadline", {
    "da": {"svar": "svar", "bemaerkninger": "bemaerkninger", "klage": "klage"},
    "en": {"svar": "answer", "bemaerkninger": "comments", "klage": "complaint"},
})


class DateForm(ErrorSummaryMixin, Form):
    dato = DatePartsField(_l("Date"))

    def submitted(self, args):
        return "dato" in args or any(f"dato-{part}" in args for part in ("dag", "maaned", "aar"))


@localized(bp, "/frister", "/deadlines", old="/frister", reads=("dato", "brev"))
def deadlines_page():
    form = DateForm(request.args)
    chosen = request.args.get("brev") if request.args.get("brev") in KINDS else None
    results = []
    if form.submitted(request.args) and form.validate():
        day = form.dato.data
        for kind, (rule, title, explanation) in KINDS.items():
            results.append((kind, title, explanation % {"date": format_date(day, "long")}, rule(day),
                            note(kind, day)))
        results.sort(key=lambda result: result[0] != chosen)  # the one asked for first
    return render_template("deadlines/deadlines.html", form=form, results=results, events=EVENTS,
                           chosen=chosen, has_errors=bool(form.errors),
                           iso=form.dato.data and form.dato.data.isoformat())


@localized(bp, "/frister/<deadline_da:kind>.ics", "/deadlines/<deadline_en:kind>.ics",
           old="/frister/<deadline_old:kind>.ics", reads=("dato",))
def deadline_calendar(kind):
    form = DateForm(request.args)
    if not form.validate():
        abort(404)
    day = form.dato.data
    rule, title, _explanation = KINDS[kind]
    deadline = rule(day)
    description = " ".join(filter(None, [f"Ballerup Kommune – {_l('Activity and social contact services')}.",
                                         note(kind, day)]))
    body = counting.calendar_file(
        summary=str(title), description=description,
        day=deadline, uid=f"{kind}-{deadline.isoformat()}@aktivitetstilbud.balk.dk",
    )
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="{kind}-{deadline.isoformat()}.ics"'})
