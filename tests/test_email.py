import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from flask_babel import force_locale

from tests.guide_helpers import ANSWERS, DETAILS, answer_all, application_page, url
from webapp.complaint import complaint_email
from webapp.emails import MAILTO_LIMIT, Email, mailto, qr_svg
from webapp.sending.application import application_email

NASTY = [
    "Linje 1\r\nBcc: evil@example.com",
    "a&cc=evil@example.com",
    "?subject=hacked#frag",
    "%0D%0ABcc:%20evil@example.com",
    "Hej 😀 👍🏽 ÆØÅ æøå",
    "x" * 10_000,
]


def parts(link):
    split = urlsplit(link)
    query = parse_qs(split.query, keep_blank_values=True, strict_parsing=True)
    return split.scheme, split.path, query


@pytest.mark.parametrize("text", NASTY)
def test_mailto_has_one_recipient_and_only_subject_and_body_whatever_is_typed(text):
    email = Email("ss-front@balk.dk", f"Ansøgning – {text[:70]}", f"Hej\n{text}\nHilsen")
    link, _shortened = mailto(email, "Indsæt den fulde tekst her.")
    scheme, path, query = parts(link)
    assert scheme == "mailto" and path == "ss-front@balk.dk"
    assert set(query) == {"subject", "body"}
    assert all(len(values) == 1 for values in query.values())
    assert len(link) <= MAILTO_LIMIT
    assert re.fullmatch(r"mailto:[\w.@-]+\?subject=[A-Za-z0-9%._~-]*&body=[A-Za-z0-9%._~-]*", link)


def test_a_short_body_is_sent_whole_with_crlf_line_breaks():
    email = Email("ss-front@balk.dk", "Emne", "Linje 1\nLinje 2 & mere?")
    link, shortened = mailto(email, "note")
    assert not shortened
    assert unquote(parse_qs(urlsplit(link).query)["body"][0]) == "Linje 1\r\nLinje 2 & mere?"
    assert "%0D%0A" in link


def test_a_long_body_is_shortened_and_asks_to_paste_the_full_text():
    body = "\n".join(f"Linje {n} med æøå" for n in range(400))
    link, shortened = mailto(Email("ss-front@balk.dk", "Emne", body), "Indsæt den fulde tekst.")
    assert shortened and len(link) <= MAILTO_LIMIT
    sent = parse_qs(urlsplit(link).query)["body"][0]
    assert sent.startswith("Linje 0 med æøå") and sent.endswith("Indsæt den fulde tekst.")


def test_qr_code_holds_the_same_link(app):
    link, _ = mailto(Email("ss-front@balk.dk", "Emne", "Tekst"), "note")
    svg, version = qr_svg(link, "QR")
    assert svg.startswith("<svg") and "<title>QR</title>" in svg
    assert 1 <= version <= 40


def test_the_longest_application_still_fits_in_a_link_and_a_qr_code(app):
    details = {"name": "Ø" * 70, "applicant_name": "Å" * 70, "phone": "+45 12 34 56 78 90 12",
               "email": "a" * 60 + "@example.dk", "best_time": "æ" * 100, "message": "😀" * 1000}
    answers = {**ANSWERS, "who": "guardian", "needs": ["social_skills", "social_contact",
                                                       "support_care"]}
    with app.test_request_context("/da/"), force_locale("da"):
        email = application_email(answers, details)
        link, shortened = mailto(email, "Indsæt den fulde tekst her.")
        _svg, version = qr_svg(link, "QR")
    assert shortened and len(link) <= MAILTO_LIMIT and version <= 40


def email_page(client, lang="da", answers=ANSWERS):
    response = application_page(client, lang, answers)
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_the_application_email_is_in_danish_and_says_who_and_how_to_reach_them(client):
    soup = email_page(client)
    link = soup.find(id="mailto-link")["href"]
    scheme, path, query = parts(link)
    assert path == "ss-front@balk.dk"
    subject, body = query["subject"][0], query["body"][0]
    assert subject == "Ansøgning om aktivitets- og samværstilbud"
    assert "Jeg søger om et aktivitets- og samværstilbud efter serviceloven § 104." in body
    for detail in DETAILS.values():
        assert detail in body
    assert "Jeg bor i Ballerup Kommune.\r\nJeg bor i min egen bolig.\r\nJeg ønsker et tilbud i dagtimerne." in body
    assert "Jeg vil gerne høre om hjælp til transport." in body
    assert soup.find("textarea", id="body").get_text().replace("\n", "\r\n") == body


def test_the_english_page_shows_the_danish_email_and_an_english_rendering(client):
    soup = email_page(client, "en")
    textarea = soup.find("textarea", id="body")
    assert textarea["lang"] == "da"
    assert "Jeg søger om" in textarea.get_text()
    english = soup.select_one(".email-english").get_text()
    assert "I am applying for activity and social contact services" in english


def test_the_danish_page_has_no_english_rendering(client):
    assert email_page(client, "da").select_one(".email-english") is None


def test_applying_for_someone_else_names_both_and_mentions_consent(client):
    soup = email_page(client, answers={**ANSWERS, "who": "relative"})
    body = soup.find("textarea", id="body").get_text()
    assert "på vegne af Åse Ørnsø" in body
    assert "Jeg er pårørende eller står personen nær." in body
    assert "fuldmagt" in body
    # The phone number stands under the name of the one it belongs to: the relative.
    assert "Kontaktperson (mig): Bo Ørnsø\nTelefon: 12 34 56 78" in body
    assert "Personen bor i Ballerup Kommune." in body


@pytest.mark.parametrize("lang, kind, expected", [
    ("da", "application", "Ansøgning om aktivitets- og samværstilbud"),
    ("da", "complaint", "Klage over afgørelse om aktivitets- og samværstilbud"),
    ("en", "application", "Application for activity and social contact services"),
    ("en", "complaint", "Complaint about a decision on activity and social contact services"),
])
def test_no_subject_has_a_name_in_it(app, lang, kind, expected):
    # Subjects show in notifications, previews and mail logs.
    details = {**DETAILS, "applicant_name": "Bo Ørnsø", "decision_date": ""}
    with app.test_request_context(f"/{lang}/"), force_locale(lang):
        for who in ("self", "guardian"):
            email = (application_email({**ANSWERS, "who": who}, details) if kind == "application"
                     else complaint_email(details))
            assert email.subject == expected


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("answers", [
    ANSWERS,
    {**ANSWERS, "who": "guardian", "transport": "yes"},
    {**ANSWERS, "who": "relative", "residence": "no", "housing": "residential", "placed_by": "ballerup"},
])
def test_the_forms_notice_lists_exactly_what_the_email_says(client, app, lang, answers):
    from webapp.sending.application import SAYS, _parts

    answer_all(client, lang, answers)
    soup = BeautifulSoup(client.get(url(lang, "apply")).get_data(as_text=True), "html.parser")
    notice = [li.get_text(strip=True) for li in soup.select("#email-says li")]
    details = {**DETAILS, "applicant_name": "Bo Ørnsø", "address": "Parkvej 99, 2750 Ballerup"}
    own = answers["who"] == "self"
    with app.test_request_context(f"/{lang}/"), force_locale(lang):
        body = application_email(answers, details).body
        parts = list(_parts(answers, details))
        said = [str(SAYS[part][0 if own else 1]) for part, _lines in parts]
    assert notice == said
    # Every line of the email, beyond its greeting and closing, is in a part the notice names.
    lines = [line for line in body.split("\n") if line]
    in_parts = {line for _part, part_lines in parts for line in part_lines if line}
    assert set(lines[1:-3]) == in_parts, set(lines[1:-3]) ^ in_parts
    relation = {"da": "hvordan du kender personen", "en": "how you are connected to the person"}[lang]
    transport = {"da": "hjælp til transport", "en": "help with transport"}[lang]
    assert (relation in notice) is (not own)
    assert any(transport in item for item in notice) is (answers["transport"] != "yes")
    assert (transport in body) is (answers["transport"] != "yes")


@pytest.mark.parametrize("lang, who, on_form, in_email, not_said", [
    ("da", "guardian", "Kommunen kan bede om at se afgørelsen om værgemålet.",
     "Jeg ved, at kommunen kan bede om at se afgørelsen om værgemålet.", "samtykke"),
    ("en", "guardian", "The municipality may ask to see the decision about the guardianship.",
     "I know that the municipality may ask to see the decision about the guardianship.", "consent"),
    ("da", "relative", "kan bede om personens samtykke eller en fuldmagt",
     "kan bede om samtykke eller en fuldmagt", "værge"),
    ("en", "professional", "may ask for the person's consent or a power of attorney",
     "may ask for consent or a power of attorney", "guardian"),
])
def test_a_guardian_shows_the_appointment_others_consent(client, lang, who, on_form, in_email,
                                                         not_said):
    answers = {**ANSWERS, "who": who}
    answer_all(client, lang, answers)
    form = BeautifulSoup(client.get(url(lang, "apply")).get_data(as_text=True), "html.parser")
    form_text = " ".join(p.get_text() for p in form.select("form p:not(.form-hint)"))
    assert on_form in form_text and not_said not in form_text
    soup = email_page(client, lang, answers)
    english = soup.select_one(".email-english")
    said = (english or soup.find("textarea", id="body")).get_text()
    assert in_email in said and not_said not in said


def test_email_page_offers_every_way_to_send(client):
    soup = email_page(client)
    assert soup.find(id="mailto-link")["href"].startswith("mailto:ss-front@balk.dk?")
    assert soup.select_one("figure.qr-code svg title")
    # Separate copy buttons for the address, the subject and the text, for webmail.
    assert [b["data-copy-target"] for b in soup.select(".js-copy")] == [
        "email-to", "email-subject", "body"]
    assert soup.find(id="email-to").get_text() == "ss-front@balk.dk"
    assert soup.find("a", href="tel:+4544773443")
    # The printed letter goes to Fronten's postal address, with a date and a line to sign.
    letter = soup.select_one(".letter")
    assert "Parkvej 10" in letter.get_text() and "Underskrift:" in letter.get_text()
    assert "Dato:" in letter.get_text()
    assert "Digital Post" in soup.select_one(".alert-warning").get_text()


def test_each_person_sees_their_own_email_and_the_page_kept_for_everyone_holds_none_of_it(app):
    people = [{**DETAILS, "message": 'Jeg <b>skriver</b> "blank-9d2f-name-" & mere.'},
              {**DETAILS, "name": "Bo Berg", "phone": "87 65 43 21", "email": "bo@example.dk",
               "message": "Noget helt andet."}]
    for details in people + people:  # the first page is kept; the later ones are filled in
        client = app.test_client()
        soup = BeautifulSoup(application_page(client, details=details).get_data(as_text=True), "html.parser")
        text = soup.find("textarea", id="body").get_text()
        assert f"Navn: {details['name']}" in text and details["message"] in text
        assert details["name"] in unquote(soup.find(id="mailto-link")["href"])
        assert soup.select_one("form.change-details input[name=message]")["value"] == details["message"]
        assert soup.select_one("textarea#body").find_parent("form").find("input", attrs={"name": "name"})[
            "value"] == details["name"]
        other = next(person for person in people if person["name"] != details["name"])
        assert other["name"] not in str(soup) and other["phone"] not in str(soup)
    assert len(app.extensions["rendered_pages"]) == 1
    kept = b"".join(b"".join(page.texts) for page in app.extensions["rendered_pages"].values()).decode()
    assert not [value for person in people for value in person.values() if value in kept]


def test_edited_text_rebuilds_the_link(client):
    soup = email_page(client)
    form = soup.find("textarea", id="body").find_parent("form")
    data = {i["name"]: i.get("value", "") for i in form.find_all("input")}
    data["body"] = "Min egen tekst & mere"
    response = client.post(form["action"], data=data)
    assert response.status_code == 303  # to a page that survives Reload and Back
    page = client.get(response.headers["Location"])
    link = BeautifulSoup(page.get_data(as_text=True), "html.parser").find(id="mailto-link")["href"]
    assert parts(link)[2]["body"] == ["Min egen tekst & mere"]
    assert parts(link)[2]["subject"][0].startswith("Ansøgning om")


def test_an_emptied_email_text_gets_a_message_not_an_error(client):
    response = client.post("/da/guide/email", data={"kind": "application", "body": ""})
    assert response.status_code == 200
    assert "Der er ingen tekst i mailen" in response.get_data(as_text=True)


def test_the_complaint_email_goes_to_the_complaints_address(client):
    response = client.post("/da/klage", follow_redirects=True, data={"name": "Åse", "phone": "12345678",
                                              "decision_date-dag": "1", "decision_date-maaned": "11",
                                              "decision_date-aar": "2026",
                                              "message": "Jeg er uenig i antallet af dage."})
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    scheme, path, query = parts(soup.find(id="mailto-link")["href"])
    assert path == "social-adm@balk.dk"
    assert "Jeg er uenig i antallet af dage." in query["body"][0]
    assert "1.11.2026" in query["body"][0]
    # "Change your details" posts the date back whole; the form shows it in its three boxes.
    form = soup.find("input", {"name": "action", "value": "edit"}).find_parent("form")
    data = {i["name"]: i.get("value", "") for i in form.find_all("input")}
    again = BeautifulSoup(client.post(form["action"], data=data, follow_redirects=True).get_data(as_text=True),
                          "html.parser")
    assert [i["value"] for i in again.select(".date-group input")] == ["1", "11", "2026"]
    assert query["subject"][0].startswith("Klage over")


def test_the_complaint_form_checks_an_optional_date_only_when_given(client):
    data = {"name": "Åse", "phone": "12345678", "message": "Jeg er uenig."}
    without = client.post("/da/klage", follow_redirects=True, data=data).get_data(as_text=True)
    assert 'id="mailto-link"' in without
    soup = BeautifulSoup(client.post("/da/klage", follow_redirects=True, data={
        **data, "decision_date-dag": "30", "decision_date-maaned": "2"}).get_data(as_text=True),
        "html.parser")
    link = soup.select_one(".error-summary a")
    assert link.get_text(strip=True) == "Datoen skal have et år"
    assert link["href"] == "#decision_date-aar"


# --- What a caseworker needs to find the person ----------------------------------

def email_body(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").find("textarea", id="body").get_text()


@pytest.mark.parametrize("who, line", [
    ("self", "Adresse: Parkvej 99, 2750 Ballerup"),
    ("relative", "Personens adresse: Parkvej 99, 2750 Ballerup"),
])
def test_the_address_goes_into_the_email_and_never_into_an_address_of_the_site(client, who, line):
    answers = {**ANSWERS, "who": who}
    answer_all(client, "da", answers)
    details = {**DETAILS, "address": "Parkvej 99, 2750 Ballerup"}
    if who != "self":
        details["applicant_name"] = "Bo Ørnsø"
    posted = client.post(url("da", "apply"), data=details)
    assert posted.status_code == 303 and "Parkvej" not in posted.headers["Location"]
    page = client.get(posted.headers["Location"])
    assert line in email_body(page)
    soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
    site_links = [a["href"] for a in soup.find_all("a", href=True) if not a["href"].startswith("mailto:")]
    site_links += [f["action"] for f in soup.find_all("form")]
    assert not [link for link in site_links if "Parkvej" in link]


def test_the_address_is_optional_and_the_notice_says_it_goes_in(client):
    answer_all(client, "da")
    form = BeautifulSoup(client.get(url("da", "apply")).get_data(as_text=True), "html.parser")
    assert form.find("label", string="Din adresse (frivilligt)")
    assert form.find("input", id="address")["autocomplete"] == "street-address"
    assert "din adresse, hvis du skriver den" in form.select_one("#email-says").get_text()
    assert "Adresse:" not in email_body(application_page(client))


def test_a_cpr_number_is_refused_in_the_address_with_the_typed_text_kept(client):
    answer_all(client, "da")
    response = client.post(url("da", "apply"), follow_redirects=True,
                           data={**DETAILS, "address": "Parkvej 99 010190-1234"})
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.select_one(".error-summary a").get_text(strip=True).startswith("Skriv ikke et CPR-nummer")
    assert soup.find("input", id="address")["value"] == "Parkvej 99 010190-1234"


# --- A complaint for someone else ------------------------------------------------

COMPLAINT = {"name": "Bo Ørnsø", "phone": "12345678", "message": "Jeg er uenig i antallet af dage."}


def test_the_complaint_form_asks_whom_it_is_for_with_oneself_chosen(client):
    soup = BeautifulSoup(client.get("/da/klage").get_data(as_text=True), "html.parser")
    legend = soup.find("legend", string="Hvem er klagen for?")
    options = [label.get_text(strip=True) for label in legend.find_parent("fieldset").find_all("label")]
    assert options == ["Mig selv: afgørelsen handler om mig", "En anden: jeg er pårørende eller nær person",
                       "En anden: jeg er personens værge"]
    assert soup.find("input", id="complaint_for-self").has_attr("checked")
    assert "Jeg klager over en afgørelse" in email_body(client.post("/da/klage", follow_redirects=True, data=COMPLAINT))


@pytest.mark.parametrize("whom, relation, may_ask", [
    ("relative", "Jeg er pårørende eller står personen nær.", "samtykke eller en fuldmagt"),
    ("guardian", "Jeg er personens værge.", "værgemålet"),
])
def test_a_complaint_for_someone_else_is_worded_for_that(client, whom, relation, may_ask):
    body = email_body(client.post("/da/klage", follow_redirects=True, data={
        **COMPLAINT, "complaint_for": whom, "person_name": "Åse Ørnsø"}))
    assert "Jeg klager på vegne af Åse Ørnsø over en afgørelse om aktivitets- og samværstilbud" in body
    assert relation in body and may_ask in body
    assert "Kontaktperson (mig): Bo Ørnsø" in body and "Navn: Bo Ørnsø" not in body


def test_a_complaint_for_someone_else_needs_their_name(client):
    response = client.post("/da/klage", follow_redirects=True, data={**COMPLAINT, "complaint_for": "guardian"})
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    link = soup.select_one(".error-summary a")
    assert link.get_text(strip=True) == "Skriv navnet på den person, afgørelsen handler om"
    assert link["href"] == "#person_name"
    assert soup.find("input", id="complaint_for-guardian").has_attr("checked")
