from datetime import date

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from tests.conftest import text_of
from webapp import facts


def test_one_date_gives_all_three_deadlines(get_page):
    soup = get_page("/da/frister?dato=2026-11-26")
    dates = [p.get_text(strip=True) for p in soup.select(".deadline-date")]
    assert dates == [
        "onsdag den 13. januar 2027",  # 30 working days
        "mandag den 7. december 2026",  # 10 days: Sunday 6 December moves to Monday
        "mandag den 28. december 2026",  # 4 weeks is 24 December: closed, then holidays and a Sunday
    ]


def test_the_english_page_gives_the_same_dates_in_english(get_page):
    soup = get_page("/en/deadlines?dato=2026-11-26")
    assert soup.select_one(".deadline-date").get_text(strip=True) == "Wednesday, 13 January 2027"


def test_a_danish_written_date_is_understood(get_page):
    soup = get_page("/da/frister?dato=26.11.2026")
    assert soup.select_one(".deadline-date").get_text(strip=True) == "onsdag den 13. januar 2027"


def test_the_date_is_three_boxes_and_the_calendar_links_keep_an_iso_date(get_page):
    soup = get_page("/da/frister?dato-dag=26&dato-maaned=11&dato-aar=2026")
    assert soup.select_one(".deadline-date").get_text(strip=True) == "onsdag den 13. januar 2027"
    labels = [label.get_text(strip=True) for label in soup.select(".date-group label")]
    assert labels == ["Dag", "Måned", "År"]
    assert [i["value"] for i in soup.select(".date-group input")] == ["26", "11", "2026"]
    links = [a["href"] for a in soup.select(".deadline-list a")]
    assert links[0] == "/da/frister/svar.ics?dato=2026-11-26"
    english = get_page("/en/deadlines?dato-dag=26&dato-maaned=11&dato-aar=2026")
    assert [label.get_text(strip=True) for label in english.select(".date-group label")] == [
        "Day", "Month", "Year"]
    assert english.select(".deadline-list a")[1]["href"] == "/en/deadlines/comments.ics?dato=2026-11-26"


@pytest.mark.parametrize("day, month, year, message, wrong", [
    ("", "", "", "Skriv en dato", ["dag", "maaned", "aar"]),
    ("", "11", "2026", "Datoen skal have en dag", ["dag"]),
    ("26", "", "2026", "Datoen skal have en måned", ["maaned"]),
    ("26", "11", "", "Datoen skal have et år", ["aar"]),
    ("26", "", "", "Datoen skal have en måned og et år", ["maaned", "aar"]),
    ("31", "2", "2026", "Datoen skal være en rigtig dato", ["dag"]),
    ("x", "11", "2026", "Datoen skal være en rigtig dato", ["dag"]),
    ("26", "13", "2026", "Måneden skal være et tal fra 1 til 12", ["maaned"]),
    ("26", "11", "26", "Året skal have 4 cifre", ["aar"]),
    ("26", "11", "1999", "Skriv en dato mellem år 2000 og 2100", ["aar"]),
    ("1", "1", "2101", "Skriv en dato mellem år 2000 og 2100", ["aar"]),
])
def test_a_wrong_date_says_what_is_wrong_marks_that_box_and_keeps_the_input(
        get_page, day, month, year, message, wrong):
    soup = get_page(f"/da/frister?dato-dag={day}&dato-maaned={month}&dato-aar={year}")
    assert soup.title.get_text().startswith("Fejl:")
    link = soup.select_one(".error-summary a")
    assert link.get_text(strip=True).startswith(message)
    assert link["href"] == f"#dato-{wrong[0]}" and soup.find(id=f"dato-{wrong[0]}")
    assert [i["name"][5:] for i in soup.select(".date-group input[aria-invalid=true]")] == wrong
    assert [i["value"] for i in soup.select(".date-group input")] == [day, month, year]
    assert not soup.select(".deadline-date")


def test_an_english_date_error_is_in_english(get_page):
    soup = get_page("/en/deadlines?dato-dag=26&dato-maaned=&dato-aar=2026")
    assert "The date must include a month" in text_of(soup.select_one(".error-summary"))


def test_an_old_link_with_a_whole_date_fills_the_boxes(get_page):
    soup = get_page("/da/frister?dato=31.02.2026")
    assert [i["value"] for i in soup.select(".date-group input")] == ["31", "02", "2026"]
    assert "rigtig dato" in text_of(soup.select_one(".error-summary"))


def test_each_deadline_comes_as_a_calendar_file(client):
    response = client.get("/da/frister/svar.ics?dato=2026-11-26")
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    event = Calendar.from_ical(response.data).walk("VEVENT")[0]
    assert event.decoded("DTSTART").isoformat() == "2027-01-13"
    assert "svar" in str(event["SUMMARY"]).lower()


def test_a_calendar_file_for_a_bad_date_is_not_found(client):
    assert client.get("/da/frister/svar.ics?dato=nonsense").status_code == 404
    assert client.get("/da/frister/other.ics?dato=2026-11-26").status_code == 404


@pytest.mark.parametrize("lang, letter, first", [
    ("da", "klage", "mandag den 28. december 2026"),
    ("da", "bemaerkninger", "mandag den 7. december 2026"),
    ("en", "svar", "Wednesday, 13 January 2027"),
])
def test_the_letter_asked_about_is_answered_first_and_stays_chosen(get_page, lang, letter, first):
    path = "/da/frister" if lang == "da" else "/en/deadlines"
    soup = get_page(f"{path}?brev={letter}&dato=2026-11-26")
    dates = [p.get_text(strip=True) for p in soup.select(".deadline-date")]
    assert dates[0] == first and len(dates) == 3
    assert soup.select_one(f"#brev-{letter}").has_attr("checked")
    assert soup.select_one(".deadline-answer") is soup.select_one("h1").find_next("section")


def test_an_unknown_letter_is_ignored(get_page):
    soup = get_page("/da/frister?brev=%3Cscript%3E&dato=2026-11-26")
    assert [p.get_text(strip=True) for p in soup.select(".deadline-date")][0] == "onsdag den 13. januar 2027"
    assert not soup.select("input[name=brev][checked]")


# --- A deadline that moves says so, on the page and in the calendar file --------

@pytest.mark.parametrize("lang, path, moved", [
    ("da", "/da/frister", "Fristen rykker fra torsdag den 24. december 2026 til mandag den 28. december 2026, "
                          "fordi juleaftensdag ikke er en hverdag."),
    ("en", "/en/deadlines", "The deadline moves from Thursday, 24 December 2026 to Monday, 28 December 2026, "
                            "because Christmas Eve is not a working day."),
])
def test_a_complaint_deadline_that_moves_says_from_which_day_and_why(get_page, lang, path, moved):
    soup = get_page(f"{path}?brev=klage&dato=2026-11-26")
    first = soup.select_one(".deadline-answer li")
    assert first.select_one(".deadline-date").get_text(strip=True).endswith("28. december 2026" if lang == "da"
                                                                          else "28 December 2026")
    assert first.select_one(".deadline-note").get_text(strip=True) == moved


def test_a_deadline_that_does_not_move_says_nothing_about_moving(get_page):
    # Decision received Wednesday 25 November 2026: four weeks on is Wednesday 23 December.
    soup = get_page("/da/frister?brev=klage&dato=2026-11-25")
    first = soup.select_one(".deadline-answer li")
    assert first.select_one(".deadline-date").get_text(strip=True) == "onsdag den 23. december 2026"
    assert first.select_one(".deadline-note") is None


def test_the_expected_answer_says_what_happens_if_the_municipality_is_late(get_page):
    soup = get_page("/da/frister?brev=svar&dato=2026-11-26")
    first = soup.select_one(".deadline-answer li")
    assert "forvente svar senest" in text_of(first)
    assert first.select_one(".deadline-note").get_text(strip=True) == facts.text("late_answer", "da")


def test_the_calendar_file_of_a_moved_deadline_says_why_it_moved(client):
    event = Calendar.from_ical(client.get("/da/frister/klage.ics?dato=2026-11-26").data).walk("VEVENT")[0]
    assert event.decoded("DTSTART").isoformat() == "2026-12-28"
    assert "fordi juleaftensdag ikke er en hverdag" in str(event["DESCRIPTION"])
    plain = Calendar.from_ical(client.get("/da/frister/klage.ics?dato=2026-11-25").data).walk("VEVENT")[0]
    assert "rykker" not in str(plain["DESCRIPTION"])


def test_the_complaint_page_gives_todays_deadline_and_why_it_moved(client, monkeypatch):
    class FixedDate(date):
        @classmethod
        def today(cls):
            return date(2026, 11, 26)

    monkeypatch.setattr("webapp.complaint.views.date", FixedDate)
    text = text_of(BeautifulSoup(client.get("/da/klage").get_data(as_text=True), "html.parser").main)
    assert "Fik du afgørelsen i dag, skal kommunen have din klage senest mandag den 28. december 2026." in text
    assert "fordi juleaftensdag ikke er en hverdag" in text


def test_the_complaint_email_page_says_why_the_answer_date_moved(client, monkeypatch):
    class FixedDate(date):
        @classmethod
        def today(cls):
            return date(2026, 12, 3)  # four weeks on: Thursday 31 December, New Year's Eve

    monkeypatch.setattr("webapp.sending.views.date", FixedDate)
    response = client.post("/da/klage", follow_redirects=True,
                           data={"name": "Åse", "phone": "12345678", "message": "Jeg er uenig."})
    text = text_of(BeautifulSoup(response.get_data(as_text=True), "html.parser").main)
    assert "senest mandag den 4. januar 2027" in text
    assert ("Fristen rykker fra torsdag den 31. december 2026 til mandag den 4. januar 2027, "
            "fordi nytårsaftensdag ikke er en hverdag.") in text
