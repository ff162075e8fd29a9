from icalendar import Calendar

from tests.conftest import text_of


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


def test_a_wrong_date_gets_a_message_and_the_input_is_kept(get_page):
    soup = get_page("/da/frister?dato=31.02.2026")
    assert soup.title.get_text().startswith("Fejl:")
    assert "Skriv en rigtig dato" in text_of(soup.select_one(".error-summary"))
    assert soup.find("input", {"name": "dato"})["value"] == "31.02.2026"
    assert not soup.select(".deadline-date")


def test_an_empty_date_asks_for_one(get_page):
    soup = get_page("/en/deadlines?dato=")
    assert "Enter a date" in text_of(soup.select_one(".error-summary"))


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
