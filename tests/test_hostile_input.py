"""Issue 9: what an attacker tried, each answered with a clear 4xx or working as it should."""

import logging
import re
import time

import pytest
from bs4 import BeautifulSoup

from tests.conftest import text_of
from tests.guide_helpers import ANSWERS, answer_all, url
from webapp import create_app
from webapp.config import TestingConfig
from webapp.deadlines import counting as deadlines
from webapp.emails import MAILTO_LIMIT, Email, mailto, qr_svg
from webapp.sending import views as routes

SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options",
                    "Referrer-Policy")
SITE = "http://127.0.0.1:5000"


def soup_of(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


class CsrfConfig(TestingConfig):
    WTF_CSRF_ENABLED = True


class ErrorConfig(TestingConfig):
    PROPAGATE_EXCEPTIONS = False  # as in production: a crash gets the 500 page


@pytest.fixture
def production(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k" * 32)
    monkeypatch.setenv("SITE_URL", "https://aktivitetstilbud.balk.dk")
    return create_app("production").test_client()


QUERIES = ["endpoint=x", "_method=POST", "_external=&_scheme=https", "_anchor=x", "lang=xx",
           "topic_id=y", "foo=bar"]


@pytest.mark.parametrize("path", ["/da/", "/en/service-level/costs-and-transport", "/da/frister"])
def test_a_query_string_never_reaches_the_language_links(client, path):
    for query in QUERIES:
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, query
        soup = soup_of(response)
        links = [a["href"] for a in soup.select(".language-switch a")]
        links += [link["href"] for link in soup.select("link[rel=alternate]")]
        assert links and not any("?" in link or "#" in link for link in links), (query, links)


def test_the_language_link_keeps_the_page(client):
    soup = soup_of(client.get("/da/serviceniveau/costs-and-transport?x=1"))
    assert soup.select_one(".language-switch a")["href"] == "/en/service-level/costs-and-transport"


def test_a_forged_host_never_reaches_links_or_redirects(client):
    headers = {"Host": "evil.example"}
    soup = soup_of(client.get("/da/", headers=headers))
    alternates = {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate]")}
    assert alternates == {"da": f"{SITE}/da/", "en": f"{SITE}/en/"}
    redirect = client.get("/da/serviceniveau", headers=headers)
    assert redirect.status_code == 308
    assert redirect.headers["Location"] == f"{SITE}/da/serviceniveau/"


def test_production_answers_another_host_with_400_in_the_readers_language(production):
    assert production.get("/da/", headers={"Host": "aktivitetstilbud.balk.dk"}).status_code == 200
    for lang, title in (("da", "Siden kunne ikke vises"), ("en", "The page could not be shown")):
        response = production.get(f"/{lang}/", headers={"Host": "evil.example"})
        assert response.status_code == 400
        assert soup_of(response).h1.get_text() == title
        assert "evil.example" not in response.get_data(as_text=True)
        assert all(h in response.headers for h in (*SECURITY_HEADERS, "Strict-Transport-Security"))


def test_a_crash_gets_the_500_page_with_headers_and_one_log_line(caplog):
    app = create_app(ErrorConfig)

    @app.get("/<lang>/crash")
    def crash():
        try:
            raise KeyError("Åse Ørnsø")  # a personal detail in the message
        except KeyError as error:
            raise ValueError("12 34 56 78") from error

    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        response = app.test_client().get("/en/crash?name=secret",
                                         headers={"X-Request-ID": "req-12345678"})
    assert response.status_code == 500
    assert all(h in response.headers for h in SECURITY_HEADERS)
    assert "req-12345678" in text_of(soup_of(response))
    assert soup_of(response).h1.get_text() == "Sorry, something went wrong on our side"
    lines = "\n".join(r.getMessage() for r in caplog.records).splitlines()
    assert len(lines) == 1 and "req-12345678" in lines[0] and "ValueError" in lines[0]
    assert not any(r.exc_info for r in caplog.records)
    assert "Åse" not in lines[0] and "12 34" not in lines[0] and "secret" not in lines[0]


@pytest.mark.parametrize("lang, title", [("da", "Det, du sendte, er for langt"),
                                         ("en", "What you sent is too long")])
def test_a_body_over_64_kb_gets_a_413_page_in_the_readers_language(client, lang, title):
    response = client.post(f"/{lang}/guide/email", data={"body": "x" * 70_000})
    assert response.status_code == 413
    assert soup_of(response).h1.get_text() == title
    assert all(h in response.headers for h in SECURITY_HEADERS)
    assert len(response.get_data()) < 20_000


@pytest.mark.parametrize("status, url, method", [(404, "/da/nothing", "get"),
                                                 (405, "/en/", "post"),
                                                 (404, "/xx/", "get")])
def test_error_pages_carry_every_security_header(client, status, url, method):
    response = getattr(client, method)(url)
    assert response.status_code == status
    assert all(h in response.headers for h in SECURITY_HEADERS)


def test_the_email_edit_error_page_echoes_nothing_unchecked(client):
    response = client.post("/da/guide/email", data={
        "kind": "application", "name": "Åse", "body": "", "subject": "SUBJECT-CANARY",
        "english": "ENGLISH-CANARY\x00" + "y" * 7000})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Der er ingen tekst i mailen" in html
    assert "CANARY" not in html and 'name="subject"' not in html


def test_the_email_subject_is_built_on_the_server(client):
    soup = soup_of(client.post("/da/guide/email", data={
        "kind": "complaint", "name": "Åse Ørnsø", "body": "Tekst",
        "subject": "Bcc: evil@example.com"}))
    subject = soup.select_one("#email-subject").get_text()
    assert subject == "Klage over afgørelse om aktivitets- og samværstilbud"  # and no name
    assert "evil" not in soup.select_one("#mailto-link")["href"]


NOT_ON_ONE_LINE = ["Åse\nBcc: x@example.com", "Åse\r", "Å\x00se", "Åse\u2028x", "Åse\u202eesÅ",
                   "Åse\u2066x", "Åse\tØ"]


@pytest.mark.parametrize("field", ["name", "applicant_name", "best_time"])
def test_single_line_application_fields_refuse_control_characters(client, field):
    answer_all(client, answers={**ANSWERS, "who": "relative"})
    for value in NOT_ON_ONE_LINE:
        data = {"name": "Åse", "applicant_name": "Bo", "phone": "12345678", field: value}
        soup = soup_of(client.post("/da/guide/ansoegning", follow_redirects=True, data=data))
        assert "Skriv på én linje" in soup.select_one(".error-summary").get_text(), repr(value)


@pytest.mark.parametrize("lang, message", [
    ("da", "Skriv på én linje, og brug kun bogstaver, tal og almindelige tegn"),
    ("en", "Write on one line, with letters, numbers and ordinary punctuation only")])
def test_single_line_complaint_fields_refuse_line_breaks_in_both_languages(client, lang, message):
    for field in ("name", "email"):  # the decision date is three number fields
        data = {"name": "Åse", "phone": "12345678", "message": "Uenig", field: "a\nb"}
        soup = soup_of(client.post(url(lang, "complaint"), follow_redirects=True, data=data))
        assert message in soup.select_one(".error-summary").get_text(), field


PHONES = [("12345678", True), ("12 34 56 78", True), ("+45 12 34 56 78", True),
          ("+4512345678", True), ("12\n34\n56\n78", False), ("((((((((", False),
          ("1234567", False), ("123456789", False), ("+46 12345678", False),
          ("١٢٣٤٥٦٧٨", False), ("12-34-56-78", False), ("12345678\n", False)]


@pytest.mark.parametrize("lang, message", [
    ("da", "Skriv et telefonnummer med 8 cifre, fx 12 34 56 78. Du kan skrive +45 foran."),
    ("en", "Enter a phone number with 8 digits, for example 12 34 56 78. You may write +45 in front.")])
def test_a_phone_number_is_8_digits_with_spaces_and_maybe_45(client, lang, message):
    for phone, ok in PHONES:
        soup = soup_of(client.post(url(lang, "complaint"), follow_redirects=True,
                                   data={"name": "Åse", "phone": phone, "message": "Uenig"}))
        summary = soup.select_one(".error-summary")
        assert (summary is None) == ok, repr(phone)
        assert ok or message in summary.get_text()


def test_calendar_files_take_the_pages_dates_only(client):
    for dato, status in [("2026-11-26", 200), ("9999-11-20", 404), ("0001-01-01", 404),
                         ("2101-01-01", 404), ("1999-12-31", 404), ("x" * 5000, 404)]:
        assert client.get(f"/da/frister/svar.ics?dato={dato}").status_code == status, dato


def test_the_holiday_cache_is_bounded():
    for year in range(1900, 2200):
        deadlines.is_working_day(deadlines.date(year, 3, 3))
    assert deadlines._closed_days.cache_info().currsize <= 16


@pytest.mark.parametrize("name", ["€" * 300, "😀" * 300, "👍🏽" * 300, "\u202e" * 500])
def test_mailto_never_exceeds_its_limit_and_its_qr_code_fits(name):
    email = Email("ss-front@balk.dk", f"Ansøgning – {name}", f"Hej\n{name}\n" * 20)
    link, shortened = mailto(email, "Indsæt den fulde tekst her.")
    assert shortened and len(link) <= MAILTO_LIMIT
    svg, _version = qr_svg(link, "QR")
    assert svg.startswith("<svg")


@pytest.mark.parametrize("lang, note", [("da", "Teksten er for lang til en QR-kode"),
                                        ("en", "The text is too long for a QR code")])
def test_a_link_too_long_for_a_qr_code_leaves_it_out_with_a_note(client, monkeypatch, lang,
                                                                 note):
    assert qr_svg("mailto:x?body=" + "%C3" * 3000, "QR") == (None, None)
    monkeypatch.setattr(routes, "qr_svg", lambda link, title: (None, None))
    response = client.post(f"/{lang}/guide/email",
                           data={"kind": "application", "name": "Åse", "body": "Tekst"})
    assert response.status_code == 200 and note in response.get_data(as_text=True)


def csrf_client(answers=ANSWERS):
    client = create_app(CsrfConfig).test_client()
    with client.session_transaction() as session:
        session["answers"], session["seen"] = answers, int(time.time())
    return client


def page_token(client, url="/da/guide/resultat"):
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


@pytest.mark.parametrize("url", ["/da/guide/afslut", "/da/guide/forfra"])
def test_finish_and_start_again_need_the_pages_token(url):
    client = csrf_client()
    for forged in ({}, {"csrf_token": "forged"}):
        response = client.post(url, data=forged)
        assert response.status_code == 400 and "Intet blev ændret" in response.text
        assert client.get("/da/guide/resultat").status_code == 200  # answers kept
    response = client.post(url, data={"csrf_token": page_token(client)})
    assert response.status_code == 302
    assert client.get("/da/guide/resultat").status_code == 302  # answers gone


@pytest.mark.parametrize("url, data", [
    ("/da/guide/hvem", {"answer": "self"}),
    ("/da/guide/ansoegning", {"name": "Åse", "phone": "12345678"}),
    ("/da/klage", {"name": "Åse", "phone": "12345678", "message": "Uenig"}),
    ("/da/guide/email", {"kind": "application", "name": "Åse", "body": "Tekst"}),
    ("/da/guide/forlaeng", {}),
])
def test_every_other_post_refuses_a_forged_token(url, data):
    client = csrf_client()
    response = client.post(url, data={**data, "csrf_token": "forged"}, follow_redirects=True)
    assert response.status_code in (200, 400)
    assert 'id="mailto-link"' not in response.text
    assert client.get("/da/guide/resultat").status_code == 200
    if response.status_code == 200:
        assert "af hensyn til din sikkerhed" in response.text.lower()
