from datetime import date, timedelta

import pytest
from icalendar import Calendar

from webapp.deadlines.counting import (
    add_working_days,
    calendar_file,
    comment_deadline,
    complaint_answer_by,
    complaint_deadline,
    is_working_day,
    latest_answer,
    next_working_day_on_or_after,
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 6, 5), False),  # Grundlovsdag, a Friday
        (date(2026, 12, 24), False),  # Juleaftensdag, a Thursday
        (date(2026, 12, 31), False),  # Nytårsaftensdag, a Thursday
        (date(2026, 12, 25), False),  # Juledag, a Friday
        (date(2027, 1, 1), False),  # Nytårsdag, a Friday
        (date(2027, 3, 29), False),  # Anden påskedag, a Monday
        (date(2026, 5, 14), False),  # Kristi himmelfartsdag, a Thursday
        (date(2026, 5, 1), True),  # 1 May, a Friday: an ordinary working day
        (date(2024, 4, 26), True),  # Store Bededag 2024, abolished
        (date(2023, 5, 5), False),  # Store Bededag 2023, still a holiday
        (date(2026, 3, 4), True),  # a plain Wednesday
        (date(2026, 3, 7), False),  # Saturday
        (date(2026, 3, 8), False),  # Sunday
    ],
)
def test_is_working_day(day, expected):
    assert is_working_day(day) is expected


def test_30_working_days_across_christmas_and_new_year():
    # Skips 24, 25, 26, 31 December and 1 January as well as the weekends.
    assert latest_answer(date(2026, 11, 26)) == date(2027, 1, 13)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 3, 6), 1, date(2026, 3, 9)),  # Friday -> Monday
        (date(2026, 3, 2), 1, date(2026, 3, 3)),  # Monday -> Tuesday
        (date(2026, 3, 2), 0, date(2026, 3, 2)),
        (date(2026, 3, 7), 1, date(2026, 3, 9)),  # from a Saturday
        (date(2026, 4, 1), 1, date(2026, 4, 7)),  # over Easter
    ],
)
def test_start_day_is_not_counted(start, n, expected):
    assert add_working_days(start, n) == expected


def test_next_working_day_on_or_after():
    assert next_working_day_on_or_after(date(2026, 3, 4)) == date(2026, 3, 4)
    assert next_working_day_on_or_after(date(2026, 12, 24)) == date(2026, 12, 28)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (date(2026, 3, 2), date(2026, 3, 12)),  # Monday + 10 = Thursday, no move
        (date(2026, 3, 4), date(2026, 3, 16)),  # + 10 = Saturday -> Monday
        (date(2026, 5, 4), date(2026, 5, 15)),  # + 10 = Kristi himmelfartsdag -> Friday
        (date(2026, 5, 26), date(2026, 6, 8)),  # + 10 = Grundlovsdag (Friday) -> Monday
    ],
)
def test_comment_deadline(received, expected):
    assert comment_deadline(received) == expected


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (date(2026, 3, 3), date(2026, 3, 31)),  # Tuesday -> Tuesday 4 weeks later
        (date(2024, 12, 3), date(2025, 1, 2)),  # -> 31 Dec (Tue), 1 Jan -> Thursday
        (date(2026, 12, 4), date(2027, 1, 4)),  # -> 1 Jan (Friday) -> Monday
    ],
)
def test_complaint_deadline(received, expected):
    assert complaint_deadline(received) == expected


def test_complaint_answer_by():
    assert complaint_answer_by(date(2026, 3, 3)) == date(2026, 3, 31)
    assert complaint_answer_by(date(2026, 11, 27)) == date(2026, 12, 28)  # 25 Dec -> Monday


def test_calendar_file():
    day = date(2027, 1, 13)
    data = calendar_file("Svar på ansøgning – æøå ÆØÅ", "Senest svar", day, "abc@ballerup.dk")
    cal = Calendar.from_ical(data)

    assert str(cal["VERSION"]) == "2.0"
    assert "Ballerup Kommune" in str(cal["PRODID"])
    events = cal.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert event.decoded("DTSTART") == day
    assert event.decoded("DTEND") == day + timedelta(days=1)
    assert str(event["SUMMARY"]) == "Svar på ansøgning – æøå ÆØÅ"
    assert str(event["UID"]) == "abc@ballerup.dk"
    assert "DTSTAMP" in event
    alarms = event.walk("VALARM")
    assert len(alarms) == 1
    assert str(alarms[0]["ACTION"]) == "DISPLAY"
    assert alarms[0].decoded("TRIGGER") == timedelta(hours=-15)
