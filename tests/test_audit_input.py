"""Issue 15's audit: input that used to give a 500, leak into another visitor's page,
or slip past the forms. Each case as a user (or the next user) would notice it."""

import re
import time
import unicodedata

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import text_of
from tests.guide_helpers import ANSWERS, answer_all, application_page, url
from webapp import create_app, forms, kept_pages, template_cache
from webapp import emails as email
from webapp.config import TestingConfig

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
        response = client.post(url(lang, "complaint"), follow_redirects=True, data={
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
    path = "/da/serviceniveau/pris-og-transport"
    first.get(f"{path}?{HOSTILE_QUERY}", headers={"Accept-Encoding": "identity"})
    html = second.get(path, headers={"Accept-Encoding": "identity"}).get_data(as_text=True)
    assert "CANARY" not in html and "evil.example" not in html


INVISIBLE_NAMES = ["\u200b", "\u200b\u200c\u200d\u2060", "\u3164", "\u115f\u1160", "\uffa0\uffa0",
                   "\ufeff", "\u00ad\u00ad", "\U000e0041\U000e0042\U000e007f", "\u2800", "\u180e",
                   "\u0301\u0301", "\u200b \u3164 \ufeff"]
NO_LETTERS = {"da": "Navnet har ingen bogstaver, der kan ses",
              "en": "The name has no letters that can be seen"}


def summary_of(response):
    assert response.status_code == 200
    soup = soup_of(response)
    return soup, text_of(soup.select_one(".error-summary"))


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_name_that_shows_nothing_is_refused_and_the_rest_is_kept(client, lang):
    answer_all(client, lang, answers={**ANSWERS, "who": "relative"})
    for field in ("name", "applicant_name"):
        for name in INVISIBLE_NAMES:
            data = {"name": "Åse Ørnsø", "applicant_name": "Bo Ørnsø", "phone": "12 34 56 78",
                    "message": "Jeg vil gerne møde andre.", field: name}
            soup, summary = summary_of(client.post(url(lang, "apply"), follow_redirects=True, data=data))
            assert NO_LETTERS[lang] in summary, (field, repr(name))
            assert soup.find(id="phone")["value"] == "12 34 56 78"
            assert "Jeg vil gerne møde andre." in soup.find("textarea", attrs={"name": "message"}).get_text()
    for name in INVISIBLE_NAMES:
        data = {"name": name, "phone": "12345678", "message": "Jeg er uenig."}
        soup, summary = summary_of(client.post(url(lang, "complaint"), follow_redirects=True, data=data))
        assert NO_LETTERS[lang] in summary, repr(name)
        assert "Jeg er uenig." in soup.find("textarea", attrs={"name": "message"}).get_text()


def test_only_spaces_is_an_empty_name_and_a_real_name_is_tidied(client):
    _soup, summary = summary_of(client.post(url("da", "complaint"), follow_redirects=True, data={
        "name": " \u3000\u00a0 ", "phone": "12345678", "message": "Uenig"}))
    assert "Skriv dit navn" in summary
    # NFD "Åse" (A + ring) with a BOM, a zero-width space and spaces around it.
    response = client.post(url("da", "complaint"), follow_redirects=True, data={
        "name": "\ufeff A\u030ase Ørnsø\u200b ", "phone": "12345678", "message": "Uenig"})
    assert "Navn: Åse Ørnsø\n" in soup_of(response).select_one("textarea#body").get_text()


def test_a_name_in_another_script_is_kept_whole(client):
    for name in ("नमस्ते", "محمد", "김민준", "Zoë"):
        response = client.post(url("en", "complaint"), follow_redirects=True, data={
            "name": name, "phone": "12345678", "message": "Uenig"})
        assert f"Navn: {name}\n" in soup_of(response).select_one("textarea#body").get_text(), name


def test_a_box_sent_many_times_is_one_answer(app):
    first, second = app.test_client(), app.test_client()
    answer_all(first)
    answer_all(second, answers={**ANSWERS, "needs": ["support_care", "social_contact"]})
    for client, needs in ((first, ["social_contact"] * 39 + ["support_care"]),
                          (second, ["support_care", "social_contact", "support_care"])):
        assert client.post("/da/guide/behov", data={"answer": needs}).status_code == 302
        with client.session_transaction() as session:
            assert session["answers"]["needs"] == ["social_contact", "support_care"]
    for client in (first, second):
        assert client.get("/da/guide/resultat").status_code == 200
    assert len(app.extensions["rendered_pages"]) == 1  # one result page kept, not two
    assert first.post("/da/guide/behov", data={"answer": ["none", "none"]}).status_code == 302
    for forged, message in ((["social_contact", "evil"], "Vælg en af mulighederne"),
                            (["none", "social_contact", "none"], "kan ikke vælges sammen")):
        _soup, summary = summary_of(first.post("/da/guide/behov", data={"answer": forged}, follow_redirects=True))
        assert message in summary, forged


@pytest.fixture
def segno_calls(monkeypatch):
    import segno

    calls = []
    make = segno.make
    monkeypatch.setattr(segno, "make", lambda *args, **kwargs: calls.append(args) or make(*args, **kwargs))
    email._qr_svg.cache_clear()
    return calls


def test_the_email_page_builds_its_qr_code_once(client, segno_calls):
    details = {"name": "Åse Ørnsø", "phone": "12 34 56 78", "message": "Jeg vil gerne møde andre. " * 38}
    first = soup_of(application_page(client, details=details))
    assert first.select_one(".qr-code svg") and len(segno_calls) == 1
    again = soup_of(client.get(url("da", "sending")))
    assert str(again.select_one(".qr-code svg")) == str(first.select_one(".qr-code svg"))
    assert len(segno_calls) == 1
    assert email._qr_svg.cache_info().maxsize == email.QR_KEPT


@pytest.mark.parametrize("lang, note", [("da", "Teksten er for lang til en QR-kode. Brug en af de andre måder."),
                                        ("en", "The text is too long for a QR code. Use one of the other ways.")])
def test_a_link_over_the_cap_gets_no_qr_code_but_a_note(client, segno_calls, monkeypatch, lang, note):
    assert email.qr_svg("mailto:x?body=" + "a" * email.QR_LINK_MAX, "QR") == (None, None)
    monkeypatch.setattr(email, "QR_LINK_MAX", 300)
    soup = soup_of(application_page(client, lang))
    assert soup.select_one("#mailto-link") and not soup.select(".qr-code")
    assert note in text_of(soup.select_one(".send-phone"))
    assert segno_calls == []


class CsrfConfig(TestingConfig):
    WTF_CSRF_ENABLED = True


def test_a_question_page_kept_for_the_same_answers_carries_each_visitors_own_token():
    app = create_app(CsrfConfig)
    tokens = []
    for _visitor in range(2):
        client = app.test_client()
        with client.session_transaction() as session:
            session["answers"], session["seen"] = dict(ANSWERS), int(time.time())
        html = client.get("/da/guide/behov?return=check").get_data(as_text=True)
        checked = BeautifulSoup(html, "html.parser").select("input[name=answer][checked]")
        assert [box["value"] for box in checked] == ["social_contact"]  # this visitor's answer
        tokens.append(re.findall(r'name="csrf_token" value="([^"]+)"', html))
        assert len(set(tokens[-1])) == 1  # one token, in every form on the page
        response = client.post("/da/guide/behov", data={"answer": "support_care", "return": "check",
                                                        "csrf_token": tokens[-1][0]})
        assert response.status_code == 302, "the page's own token is accepted"
    assert tokens[0][0] != tokens[1][0]
    assert len(app.extensions["rendered_pages"]) == 1


def test_kept_urls_and_menus_are_per_language_and_bounded(app, monkeypatch):
    client = app.test_client()
    menus = {}
    for lang in ("da", "en", "da"):
        soup = soup_of(client.get(url(lang, "deadlines")))
        menus.setdefault(lang, []).append([a["href"] for a in soup.select(".site-nav a")])
    assert menus["da"][0] == menus["da"][1] and "/da/klage" in menus["da"][0]
    assert "/en/complaint" in menus["en"][0]
    monkeypatch.setattr(template_cache, "KEPT_MAX", len(app.extensions["template_cache"]) + 5)
    for day in range(1, 21):  # each date makes new calendar links
        html = client.get(f"/da/frister?dato=2026-11-{day:02d}").get_data(as_text=True)
        assert f"/da/frister/svar.ics?dato=2026-11-{day:02d}" in html
    assert len(app.extensions["template_cache"]) == template_cache.KEPT_MAX


def test_the_email_page_carries_each_visitors_own_token():
    app = create_app(CsrfConfig)
    tokens = []
    for _visitor in range(2):
        client = app.test_client()
        with client.session_transaction() as session:
            session["answers"], session["seen"] = dict(ANSWERS), int(time.time())
        form = soup_of(client.get("/da/guide/ansoegning"))
        details = {"name": "Åse Ørnsø", "phone": "12345678",
                   "csrf_token": form.select_one("input[name=csrf_token]")["value"]}
        assert client.post("/da/guide/ansoegning", data=details).status_code == 303
        for _reload in range(2):
            soup = soup_of(client.get("/da/guide/mailen"))
            assert soup.select_one("#mailto-link")
        edit = soup.select_one('form[action="/da/guide/email"]')
        token = edit.select_one("input[name=csrf_token]")["value"]
        tokens.append(token)
        response = client.post("/da/guide/email", data={
            "kind": "application", "name": "Åse Ørnsø", "body": "Min egen tekst", "csrf_token": token})
        assert response.status_code == 303, "the page's own token is accepted"
        assert "Min egen tekst" in client.get("/da/guide/mailen").get_data(as_text=True)
    assert tokens[0] != tokens[1]


BLANK = "".join(INVISIBLE_NAMES) + " \u00a0\u2007\u202f\u3000\u200e\u2061\U000e0020"


@settings(max_examples=100, derandomize=True, database=None, deadline=None)
@given(blank=st.text(alphabet=BLANK, max_size=12), name=st.text(min_size=1, max_size=20))
def test_a_name_is_tidied_once_and_for_all_and_blank_never_shows(blank, name):
    assert not forms.shows_something(forms.tidy_name(blank))
    tidy = forms.tidy_name(blank + name + blank)
    assert forms.tidy_name(tidy) == tidy == unicodedata.normalize("NFC", tidy)
    assert forms.shows_something(tidy) == forms.shows_something(name)


def test_a_kept_signed_token_belongs_to_its_session_only():
    client = create_app(CsrfConfig).test_client()

    def result_token():
        with client.session_transaction() as session:
            session["answers"], session["seen"] = dict(ANSWERS), int(time.time())
        tokens = {i["value"] for i in soup_of(client.get("/da/guide/resultat")).select("input[name=csrf_token]")}
        assert len(tokens) == 1
        return tokens.pop()

    result_token()  # makes the session's token (its first page signs it afresh)
    first = result_token()
    assert result_token() == first  # then kept for the session
    assert client.post("/da/guide/afslut", data={"csrf_token": first}).status_code == 302
    second = result_token()
    assert second != first
    assert client.post("/da/guide/afslut", data={"csrf_token": first}).status_code == 400
    assert client.post("/da/guide/afslut", data={"csrf_token": second}).status_code == 302


def test_kept_signed_tokens_are_bounded(monkeypatch):
    app = create_app(CsrfConfig)
    monkeypatch.setattr(kept_pages, "SIGNED_KEPT", 2)
    for _visitor in range(4):
        client = app.test_client()
        with client.session_transaction() as session:
            session["answers"], session["seen"] = dict(ANSWERS), int(time.time())
        client.get("/da/guide/resultat")
        client.get("/da/guide/resultat")  # the session token now exists: its signed form is kept
    assert len(app.extensions["signed_tokens"]) == 2
