"""Working days and deadlines in Danish administrative practice.

Rules (see the domain reference, "Counting working days and deadlines"):

- Working days (hverdage) are Monday-Friday, except public holidays, Grundlovsdag
  (5 June), 24 December and 31 December. Store Bededag is no holiday from 2024.
- The day a letter is received is not counted.
- A deadline in weeks ends on the same weekday.
- A deadline that ends on a non-working day moves to the next working day
  (Justitsministeriets vejledning nr. 9533 af 26/6/2018; forældelsesloven § 27, stk. 2).
"""

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
# working day here), so these are added by hand.
_EXTRA_CLOSED_DAYS = ((6, 5), (12, 24), (12, 31))


@lru_cache(maxsize=16)  # bounded: the years asked for come from the web
def _closed_days(year: int) -> frozenset[date]:
    public = holidays.country_holidays("DK", years=year, language="da")
    extra = {date(year, month, day) for month, day in _EXTRA_CLOSED_DAYS}
    return frozenset(public) | extra


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
