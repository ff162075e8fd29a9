"""The deadlines page: from one date, the deadlines that follow, with calendar files."""

import re
from datetime import date

from flask import Response, abort, render_template, request
from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from wtforms import Form, StringField, ValidationError

from .. import deadlines
from ..urls import add_slugs, localized
from . import bp
from .forms import ErrorSummaryMixin

DATE_FORMATS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{4})$"),
)

# What each deadline counts from, what it is, and its rule in deadlines.py.
KINDS = {
    "svar": (deadlines.latest_answer, _l("Latest expected answer to your application"),
             _l("If the municipality received your application on %(date)s, you can expect an answer no later than:")),
    "bemaerkninger": (deadlines.comment_deadline, _l("Last day to comment on the draft decision"),
                      _l("If you received the draft decision on %(date)s, send your comments no later than:")),
    "klage": (deadlines.complaint_deadline, _l("Last day to complain about the decision"),
              _l("If you received the decision on %(date)s, the municipality must receive your complaint no later than:")),
}


add_slugs("deadline", {
    "da": {"svar": "svar", "bemaerkninger": "bemaerkninger", "klage": "klage"},
    "en": {"svar": "answer", "bemaerkninger": "comments", "klage": "complaint"},
})


def parse_date(text):
    for pattern in DATE_FORMATS:
        if match := pattern.match((text or "").strip()):
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


class DateForm(ErrorSummaryMixin, Form):
    dato = StringField(_l("Date"))

    def validate_dato(self, field):
        if not (field.data or "").strip():
            raise ValidationError(_l("Enter a date"))
        day = parse_date(field.data)
        if day is None:
            raise ValidationError(_l("Enter a real date, for example 26.11.2026"))
        if not date(2000, 1, 1) <= day <= date(2100, 12, 31):
            raise ValidationError(_l("Enter a date between the year 2000 and 2100"))
        field.day = day


@localized(bp, "/frister", "/deadlines", old="/frister", reads=("dato",))
def deadlines_page():
    form = DateForm(request.args)
    results = []
    if "dato" in request.args and form.validate():
        day = form.dato.day
        for kind, (rule, title, explanation) in KINDS.items():
            results.append((kind, title, explanation % {"date": format_date(day, "long")}, rule(day)))
    return render_template("guide/deadlines.html", form=form, results=results,
                           has_errors=bool(form.errors), iso=request.args.get("dato", ""))


@localized(bp, "/frister/<deadline_da:kind>.ics", "/deadlines/<deadline_en:kind>.ics",
           old="/frister/<deadline_old:kind>.ics", reads=("dato",))
def deadline_calendar(kind):
    day = parse_date(request.args.get("dato"))
    if day is None:
        abort(404)
    rule, title, _explanation = KINDS[kind]
    deadline = rule(day)
    body = deadlines.calendar_file(
        summary=str(title), description=f"Ballerup Kommune – {_l('Activity and social contact services')}",
        day=deadline, uid=f"{kind}-{deadline.isoformat()}@aktivitetstilbud.balk.dk",
    )
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="{kind}-{deadline.isoformat()}.ics"'})
