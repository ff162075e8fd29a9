"""Issue 15's audit: input that used to give a 500, leak into another visitor's page,
or slip past the forms. Each case as a user (or the next user) would notice it."""

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import text_of
from tests.guide_helpers import answer_all, url
from webapp import create_app

# Digits that str.isdigit() accepts but are not 0-9, and numbers too big for a date.
ODD_DATE_PARTS = ["²", "١٢", "𝟙𝟚", "３", "9999999999", "99999999999999999999", "0", "-1", "1e3", "+3"]
REAL_DATE = {"da": "Datoen skal være en rigtig dato", "en": "The date must be a real date"}
WRONG_MONTH = {"da": "Måneden skal være et tal fra 1 til 12", "en": "The month must be a number from 1 to 12"}
WRONG_YEAR = {"da": "Året skal have 4 cifre", "en": "The year must have 4 digits"}
ODD_BOXES = ([("dag", value, REAL_DATE) for value in ODD_DATE_PARTS]
             + [("maaned", value, WRONG_MONTH) for value in ODD_DATE_PARTS]
             + [("aar", "²", REAL_DATE), ("aar", "２０２６", REAL_DATE), ("aar", "9999999999", WRONG_YEAR),
                ("aar", "0", WRONG_YEAR)])


def soup_of(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def date_boxes(soup, name):
    return [soup.find(id=f"{name}-{part}")["value"] for part in ("dag", "maaned", "aar")]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_odd_digits_in_a_date_box_get_a_message_and_stay_in_the_box(client, lang):
    for part, value, message in ODD_BOXES:
        boxes = {"dag": "26", "maaned": "11", "aar": "2026", part: value}
        query = {f"dato-{p}": v for p, v in boxes.items()}
        response = client.get(url(lang, "deadlines"), query_string=query)
        assert response.status_code == 200, value
        soup = soup_of(response)
        summary = text_of(soup.select_one(".error-summary"))
        assert message[lang] in summary, (part, value, summary)
        assert date_boxes(soup, "dato") == [boxes[p] for p in ("dag", "maaned", "aar")]
        assert not soup.select(".deadline-date")


def test_a_calendar_file_for_odd_digits_is_not_found(client):
    for value in ODD_DATE_PARTS:
        for query in ({"dato-dag": value, "dato-maaned": "11", "dato-aar": "2026"},
                      {"dato": f"{value}.11.2026"}, {"dato": f"2026-11-{value}"}):
            response = client.get("/da/frister/svar.ics", query_string=query)
            assert response.status_code == 404, query


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_complaint_keeps_its_text_when_the_decision_date_is_odd(client, lang):
    complaint = "Jeg er uenig i afgørelsen, fordi den ikke ser på min hverdag."
    for value in ("²", "9999999999"):
        response = client.post(url(lang, "complaint"), data={
            "name": "Åse Ørnsø", "phone": "12345678", "message": complaint,
            "decision_date-dag": value, "decision_date-maaned": "11", "decision_date-aar": "2026"})
        assert response.status_code == 200, value
        soup = soup_of(response)
        assert REAL_DATE[lang] in text_of(soup.select_one(".error-summary"))
        assert soup.find("textarea", attrs={"name": "message"}).get_text().strip() == complaint
        assert date_boxes(soup, "decision_date") == [value, "11", "2026"]


@pytest.fixture(scope="module")
def shared_client():
    return create_app("testing").test_client()


# Good parts, odd digits, any text and runs of any Unicode digit (regex \d), in each box.
date_part = st.one_of(st.sampled_from(["1", "26", "11", "2026", *ODD_DATE_PARTS]),
                      st.text(max_size=12), st.from_regex(r"\d{1,12}", fullmatch=True))


@settings(max_examples=60, derandomize=True, database=None, deadline=None)
@given(parts=st.lists(date_part, min_size=3, max_size=3))
def test_no_date_box_input_gives_a_server_error(shared_client, parts):
    query = dict(zip(("dato-dag", "dato-maaned", "dato-aar"), parts, strict=True))
    client = shared_client
    assert client.get("/da/frister", query_string=query).status_code == 200
    assert client.get("/da/frister/svar.ics", query_string=query).status_code in (200, 404)
    assert client.get("/da/frister/svar.ics", query_string={"dato": "-".join(parts)}).status_code in (200, 404)


HOSTILE_QUERY = "evil=CANARY&back=https://evil.example&return=CANARY2"


def restart_link(soup):
    return next(a["href"] for a in soup.select(".guide-tools a") if "forfra" in a["href"]
                or "start-again" in a["href"])


def test_a_query_string_sent_by_one_visitor_never_reaches_the_next(app):
    first, second = app.test_client(), app.test_client()
    for client in (first, second):
        answer_all(client)
    first.get(f"/da/guide/resultat?{HOSTILE_QUERY}")
    soup = soup_of(second.get("/da/guide/resultat"))
    assert soup.select_one(".result-panel")  # the page kept for the first visitor
    assert "CANARY" not in str(soup) and "evil.example" not in str(soup)
    assert restart_link(soup) == "/da/guide/forfra?back=/da/guide/resultat"


def test_the_way_back_from_start_again_keeps_only_the_pages_own_query_values(client):
    answer_all(client)
    soup = soup_of(client.get(f"/da/guide/hvem?return=check&{HOSTILE_QUERY}"))
    assert restart_link(soup) == "/da/guide/forfra?back=/da/guide/hvem?return%3Dcheck"
    soup = soup_of(client.get(f"/da/guide/tjek?return=check&{HOSTILE_QUERY}"))
    assert restart_link(soup) == "/da/guide/forfra?back=/da/guide/tjek"


def test_shared_pages_are_kept_without_the_query_string(app):
    first, second = app.test_client(), app.test_client()
    path = "/da/serviceniveau/costs-and-transport"
    first.get(f"{path}?{HOSTILE_QUERY}", headers={"Accept-Encoding": "identity"})
    html = second.get(path, headers={"Accept-Encoding": "identity"}).get_data(as_text=True)
    assert "CANARY" not in html and "evil.example" not in html
