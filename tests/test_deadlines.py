from datetime import date, timedelta

import pytest
from icalendar import Calendar

from webapp.deadlines.counting import (
    Move,
    add_working_days,
    calendar_file,
    comment_deadline,
    complaint_answer_by,
    complaint_deadline,
    is_working_day,
    latest_answer,
    move,
    moved_text,
    next_working_day_on_or_after,
    why_moved,
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


# --- A deadline that moves says so -----------------------------------------------

def test_a_complaint_deadline_that_ends_on_christmas_eve_moves_to_the_next_working_day():
    # Decision received Thursday 26 November 2026: four weeks on is Thursday 24 December,
    # which is no working day; 25-27 December are a holiday and a weekend.
    moved = why_moved(complaint_deadline, date(2026, 11, 26))
    assert moved == Move(counted=date(2026, 12, 24), to=date(2026, 12, 28))
    assert moved.to == complaint_deadline(date(2026, 11, 26)) and moved.to.weekday() == 0
    assert moved.holiday("da") == "juleaftensdag" and moved.holiday("en") == "Christmas Eve"


def test_a_deadline_on_a_working_day_does_not_move():
    assert why_moved(complaint_deadline, date(2026, 11, 25)) is None  # Wednesday 23 December
    assert complaint_deadline(date(2026, 11, 25)) == date(2026, 12, 23)
    assert why_moved(comment_deadline, date(2026, 3, 2)) is None  # Thursday 12 March


def test_a_weekend_has_no_holiday_name_and_a_holiday_has_its_own():
    saturday = why_moved(comment_deadline, date(2026, 3, 4))  # 10 days on: Saturday 14 March
    assert saturday == Move(date(2026, 3, 14), date(2026, 3, 16)) and saturday.holiday("da") is None
    easter = move(date(2027, 3, 29))
    assert easter.holiday("da") == "anden påskedag" and easter.holiday("en") == "Easter Monday"
    assert easter.to == date(2027, 3, 30)


def test_the_answer_to_an_application_is_counted_in_working_days_and_never_moves():
    assert why_moved(latest_answer, date(2026, 12, 4)) is None
    assert is_working_day(latest_answer(date(2026, 12, 4)))


@pytest.mark.parametrize(("lang", "expected"), [
    ("da", "Fristen rykker fra torsdag den 24. december 2026 til mandag den 28. december 2026, "
           "fordi juleaftensdag ikke er en hverdag."),
    ("en", "The deadline moves from Thursday, 24 December 2026 to Monday, 28 December 2026, "
           "because Christmas Eve is not a working day."),
])
def test_a_moved_deadline_says_from_which_day_and_why_in_one_sentence(app, lang, expected):
    with app.test_request_context(f"/{lang}/"):
        from flask import g
        g.lang = lang
        assert moved_text(why_moved(complaint_deadline, date(2026, 11, 26))) == expected
        assert moved_text(None) == ""
