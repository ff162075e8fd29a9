"""Working days and deadlines in Danish administrative practice.

Rules (see the domain reference, "Counting working days and deadlines"):

- Working days (hverdage) are Monday-Friday, except public holidays, Grundlovsdag
  (5 June), 24 December and 31 December. Store Bededag is no holiday from 2024.
- The day a letter is received is not counted.
- A deadline in weeks ends on the same weekday.
- A deadline that ends on a non-working day moves to the next working day
  (Justitsministeriets vejledning nr. 9533 af 26/6/2018; forældelsesloven § 27, stk. 2).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

import holidays

from .. import facts

# The numbers the deadlines count, from the registry (content/facts.yml).
PROCESSING_WORKING_DAYS = int(facts.value("processing_days"))
COMMENT_DAYS = int(facts.value("comment_days"))
COMPLAINT_WEEKS = int(facts.value("complaint_weeks"))
COMPLAINT_ANSWER_WEEKS = int(facts.value("complaint_answer_weeks"))

PRODID = "-//Ballerup Kommune//Aktivitets- og samvaerstilbud//DA"

# Only in the package's "optional" category, which also holds 1 May (an ordinary
# working day here), so these are added by hand, with their names.
_EXTRA_CLOSED_DAYS = {
    (6, 5): {"da": "grundlovsdag", "en": "Constitution Day"},
    (12, 24): {"da": "juleaftensdag", "en": "Christmas Eve"},
    (12, 31): {"da": "nytårsaftensdag", "en": "New Year's Eve"},
}
_HOLIDAY_LANGUAGE = {"da": "da", "en": "en_US"}


@lru_cache(maxsize=16)  # bounded: the years asked for come from the web
def _closed_days(year: int) -> frozenset[date]:
    public = holidays.country_holidays("DK", years=year, language="da")
    extra = {date(year, month, day) for month, day in _EXTRA_CLOSED_DAYS}
    return frozenset(public) | extra


def holiday_name(day: date, lang: str) -> str | None:
    """The name of the holiday or closed day `day` is, in `lang` ("da" or "en") and as
    it reads inside a sentence; None for an ordinary day or a plain weekend day."""
    extra = _EXTRA_CLOSED_DAYS.get((day.month, day.day))
    if extra:
        return extra[lang]
    name = holidays.country_holidays("DK", years=day.year, language=_HOLIDAY_LANGUAGE[lang]).get(day)
    if name and lang == "da":
        name = name[0].lower() + name[1:]  # "Anden juledag" -> "anden juledag"
    return name


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _closed_days(day.year)


def next_working_day_on_or_after(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start` (`start` itself is not counted)."""
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    for _ in range(n):
        day = next_working_day_on_or_after(day + timedelta(days=1))
    return day


def add_days_deadline(start: date, days: int) -> date:
    """`days` calendar days after `start`, moved to the next working day if needed."""
    return next_working_day_on_or_after(start + timedelta(days=days))


def add_weeks_deadline(start: date, weeks: int) -> date:
    """Same weekday `weeks` later, moved to the next working day if needed."""
    return next_working_day_on_or_after(start + timedelta(weeks=weeks))


@dataclass(frozen=True)
class Move:
    """A deadline whose count ends on a day that is not a working day, so it moves to
    the next working day (Justitsministeriets vejledning nr. 9533 af 26/6/2018;
    forældelsesloven § 27, stk. 2)."""

    counted: date  # where counting the days or weeks ends
    to: date  # the next working day: the deadline

    def holiday(self, lang: str) -> str | None:
        """Why `counted` is no working day: its holiday's name, or None for a weekend."""
        return holiday_name(self.counted, lang)


def move(counted: date) -> Move | None:
    """Whether a deadline whose count ends on `counted` moves, and to which day."""
    if is_working_day(counted):
        return None
    return Move(counted, next_working_day_on_or_after(counted))


def latest_answer(applied_on: date) -> date:
    """The municipality answers within 30 working days (retssikkerhedsloven § 3, stk. 2)."""
    return add_working_days(applied_on, PROCESSING_WORKING_DAYS)


def comment_deadline(draft_received_on: date) -> date:
    """10 days to comment on the draft decision (partshøring)."""
    return add_days_deadline(draft_received_on, COMMENT_DAYS)


def complaint_deadline(decision_received_on: date) -> date:
    """A complaint must be made within 4 weeks of receiving the decision."""
    return add_weeks_deadline(decision_received_on, COMPLAINT_WEEKS)


def complaint_answer_by(complaint_received_on: date) -> date:
    """The municipality reconsiders a complaint within 4 weeks."""
    return add_weeks_deadline(complaint_received_on, COMPLAINT_ANSWER_WEEKS)


# Where each deadline's count ends before any move. The answer to an application is
# counted in working days, so it always ends on one and never moves.
_COUNT_ENDS = {
    comment_deadline: lambda start: start + timedelta(days=COMMENT_DAYS),
    complaint_deadline: lambda start: start + timedelta(weeks=COMPLAINT_WEEKS),
    complaint_answer_by: lambda start: start + timedelta(weeks=COMPLAINT_ANSWER_WEEKS),
}


def why_moved(rule, start: date) -> Move | None:
    """For a deadline `rule` (comment_deadline, complaint_deadline, complaint_answer_by,
    latest_answer) counted from `start`: the Move, if it moved, else None."""
    count_end = _COUNT_ENDS.get(rule)
    return move(count_end(start)) if count_end else None


def calendar_file(summary: str, description: str, day: date, uid: str) -> bytes:
    """An iCalendar file with one all-day event on `day` and a reminder at 09:00 the day before.

    Callers pass only generic text: no personal data goes in the file.
    """
    from icalendar import Alarm, Calendar, Event  # imported when first needed: a slow import

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    # All-day events start at midnight, so -15 hours is 09:00 the day before.
    alarm.add("trigger", timedelta(hours=-15))

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add_component(alarm)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add_component(event)
    return cal.to_ical()


def moved_text(moved: Move | None) -> str:
    """One plain sentence, in the current language, saying from which day a deadline
    moved and why; "" when it did not move. A reader who counts the days or weeks
    themself lands on `moved.counted`, so the page must say why it shows another day."""
    if moved is None:
        return ""
    from flask_babel import format_date, get_locale
    from flask_babel import gettext as _

    why = moved.holiday(get_locale().language) or format_date(moved.counted, "EEEE")
    return _("The deadline moves from %(counted)s to %(to)s, because %(why)s is not a working day.",
             counted=format_date(moved.counted, "full"), to=format_date(moved.to, "full"), why=why)
