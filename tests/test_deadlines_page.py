import pytest
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
