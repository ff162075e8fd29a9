"""The public page's figures: per month, the guide's steps and the share of "Yes" per
page. A number under 5 is never shown exactly, and a share only when both "Yes" and
"No" are 5 or more, so no one can be recognised from them."""

from dataclasses import dataclass
from datetime import date

from flask import current_app, g
from flask_babel import format_date, format_percent
from flask_babel import gettext as _
from sqlalchemy import extract

from . import store
from .funnel import STEPS
from .pages import page_of

SMALLEST = 5
MONTHS_SHOWN = 12


@dataclass
class Row:
    label: str
    count: int = 0
    yes: int = 0
    no: int = 0

    @property
    def share(self):
        """The share of "Yes" (0-1), or None while either count is under SMALLEST."""
        if self.yes < SMALLEST or self.no < SMALLEST:
            return None
        return self.yes / (self.yes + self.no)

    @property
    def share_text(self):
        return _("too few answers") if self.share is None else format_percent(self.share)


@dataclass
class Month:
    day: date
    steps: list
    pages: list

    @property
    def name(self):
        return format_date(self.day, "MMMM y")

    def steps_chart(self):
        """(label, bar length 0-1 or None, text): no bar for a number under SMALLEST."""
        biggest = max([row.count for row in self.steps] + [1])
        return [(row.label, row.count / biggest if row.count >= SMALLEST else None, shown(row.count))
                for row in self.steps]

    def pages_chart(self):
        return [(row.label, row.share, row.share_text) for row in self.pages if row.share is not None]


def shown(number):
    return str(number) if number >= SMALLEST else _("under %(n)s", n=SMALLEST)


def page_label(endpoint, page_id, lang):
    site = current_app.extensions["content"]
    if endpoint == "pages.topic":
        return site.topic(lang, page_id).title
    if endpoint == "pages.easy_page":
        return _("Easy read: %(title)s", title=site.easy_page(lang, page_id).title)
    return {
        "pages.glossary": _("Glossary"),
        "guide.result": _("The guide's result"),
        "guide.easy_result": _("The guide's result in easy read"),
        "sending.sending": _("The email page"),
    }[endpoint]


def _page_key(path):
    """Both languages of a page count together: (endpoint, page id), or None for a
    path that is no longer a page."""
    found = page_of(path)
    return found and found[:2]


def months():
    """The last MONTHS_SHOWN months with any count, newest first."""
    by_month = {}
    funnel_day = store.FunnelCount.day
    for year, month, step, n in store.steps_by(extract("year", funnel_day), extract("month", funnel_day)):
        if step in STEPS:
            by_month.setdefault((int(year), int(month)), ({}, {}))[0][step] = int(n)
    answer_day = store.PageAnswer.day
    for year, month, path, answer, n in store.answers_by(
            extract("year", answer_day), extract("month", answer_day), store.PageAnswer.path):
        key = _page_key(path)
        if key:
            pages = by_month.setdefault((int(year), int(month)), ({}, {}))[1]
            row = pages.setdefault(key, Row(page_label(*key, g.lang)))
            setattr(row, answer, getattr(row, answer) + int(n))
    result = []
    for (year, month), (steps, pages) in sorted(by_month.items(), reverse=True)[:MONTHS_SHOWN]:
        result.append(Month(date(year, month, 1),
                            [Row(str(label), count=steps.get(step, 0)) for step, label in STEPS.items()],
                            sorted(pages.values(), key=lambda row: row.label)))
    return result
