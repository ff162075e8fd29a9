import re
import time
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from tests.conftest import text_of
from tests.guide_helpers import ANSWERS, DETAILS, answer_all, application_page, url


def soup_of(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_each_question_posts_and_redirects_to_the_next(client):
    visited = answer_all(client)
    assert visited == ["/da/guide/bopael", "/da/guide/bolig", "/da/guide/maalgruppe",
                       "/da/guide/behov", "/da/guide/tidspunkt", "/da/guide/transport",
                       "/da/guide/tjek"]


def test_a_question_shows_step_back_link_and_tools(client, get_page):
    client.post("/da/guide/hvem", data={"answer": "self"})
    soup = get_page("/da/guide/bopael")
    assert "Trin 2 af op til 8" in text_of(soup)
    assert soup.select_one("a.back-link")["href"] == "/da/guide/hvem"
    tools = [b.get_text(strip=True) for b in soup.select(".guide-tools .button")]
    assert tools == ["Start forfra", "Afslut og ryd"]
    assert soup.select_one("legend h1").get_text(strip=True) == "Bor du i Ballerup Kommune?"


def test_the_guide_speaks_about_the_person_when_applying_for_someone_else(client, get_page):
    client.post("/da/guide/hvem", data={"answer": "guardian"})
    assert get_page("/da/guide/bopael").h1.get_text(strip=True) == "Bor personen i Ballerup Kommune?"


def test_an_earlier_answer_is_shown_when_going_back(client, get_page):
    answer_all(client)
    soup = get_page("/da/guide/bolig")
    assert soup.find("input", {"value": "own_home"}).has_attr("checked")


def test_questions_cannot_be_skipped(client):
    client.post("/da/guide/hvem", data={"answer": "self"})
    response = client.get("/da/guide/tidspunkt")
    assert response.headers["Location"] == "/da/guide/bopael"


@pytest.mark.parametrize("lang, who, heading, moving", [
    ("da", "self", "Kontakt den kommune, du bor i", "før du flytter"),
    ("da", "guardian", "Kontakt den kommune, personen bor i", "før personen flytter"),
    ("en", "self", "Contact the municipality you live in", "before you move"),
    ("en", "relative", "Contact the municipality the person lives in", "before the person moves"),
])
def test_living_elsewhere_and_not_in_a_botilbud_ends_the_guide(client, get_page, lang, who, heading,
                                                               moving):
    visited = answer_all(client, lang, answers={"who": who, "residence": "no", "housing": "own_home"})
    assert visited == [url(lang, "residence"), url(lang, "housing"), url(lang, "outside")]
    soup = get_page(url(lang, "outside"))
    assert soup.h1.get_text(strip=True) == heading
    assert soup.select_one("a.back-link")["href"] == url(lang, "housing")
    hrefs = {a["href"] for a in soup.select("main a")}
    assert {"https://www.borger.dk/kommune", "tel:+4544773443"} <= hrefs
    # Moving to Ballerup: call Fronten first; nothing about a Ballerup place ending.
    assert moving in text_of(soup)
    assert not re.search("stopper|ends when", text_of(soup))
    # No check-your-answers page, no result and no application for them.
    for page in ("target", "check", "result", "apply"):
        assert client.get(url(lang, page)).headers["Location"] == url(lang, "outside")


@pytest.mark.parametrize("lang, residence, heading", [
    ("da", "yes", "Kontakt den kommune, der gav dig pladsen"),
    ("en", "no", "Contact the municipality that gave you the place"),
])
def test_a_botilbud_place_from_another_municipality_ends_the_guide_before_the_email(
        client, get_page, lang, residence, heading):
    answers = {"who": "self", "residence": residence, "housing": "residential", "placed_by": "other"}
    visited = answer_all(client, lang, answers)
    assert visited[-2:] == [url(lang, "placed_by"), url(lang, "outside")]
    # The addresses say nothing about the home: no answer, no "botilbud" in them.
    assert not [v for v in visited if re.search(r"[?=]|botilbud|residential", v)]
    soup = get_page(url(lang, "outside"))
    assert soup.h1.get_text(strip=True) == heading
    assert soup.select_one("a.back-link")["href"] == url(lang, "placed_by")
    assert soup.find("a", href="tel:+4544773443")
    for page in ("target", "result", "apply"):
        assert client.get(url(lang, page)).headers["Location"] == url(lang, "outside")


def test_a_botilbud_place_from_ballerup_goes_on_to_the_result_and_the_email(client):
    answers = {**ANSWERS, "residence": "no", "housing": "residential", "placed_by": "ballerup"}
    assert answer_all(client, answers=answers)[-1] == url("da", "check")
    body = soup_of(application_page(client, answers=answers)).find("textarea", id="body").get_text()
    assert "Jeg bor i et botilbud.\nBallerup Kommune har givet mig pladsen i botilbuddet." in body
    assert "Jeg bor i Ballerup Kommune" not in body


@pytest.mark.parametrize("changes, lives_in_ballerup", [
    ({"residence": "unsure"}, False),
    ({"housing": "residential", "placed_by": "unsure"}, True),
])
def test_not_knowing_which_municipality_decides_gives_the_result_with_a_call_fronten_note(
        client, get_page, changes, lives_in_ballerup):
    answer_all(client, answers={**ANSWERS, **changes})
    text = text_of(get_page(url("da", "result")))
    assert "kan vi ikke se, om det er Ballerup Kommune, der bestemmer" in text
    assert "Spørg Fronten, før du søger" in text_of(get_page(url("da", "easy_result")))
    body = soup_of(application_page(client, answers={**ANSWERS, **changes})).find(
        "textarea", id="body").get_text()
    # The email states only what was answered for sure.
    assert "Ballerup Kommune har givet" not in body
    assert ("Jeg bor i Ballerup Kommune." in body) is lives_in_ballerup


def test_a_sure_answer_gives_no_call_fronten_note(client, get_page):
    answer_all(client, answers={**ANSWERS, "housing": "residential", "placed_by": "ballerup"})
    assert "kan vi ikke se, om det er Ballerup Kommune" not in text_of(get_page(url("da", "result")))


def test_a_changed_home_asks_which_municipality_gave_the_place_then_returns_to_the_check(client):
    answer_all(client)
    response = client.post(url("da", "housing"), data={"answer": "residential", "return": "check"})
    assert response.headers["Location"] == url("da", "placed_by") + "?return=check"
    response = client.post(url("da", "placed_by"), data={"answer": "ballerup", "return": "check"})
    assert response.headers["Location"] == url("da", "check")


def test_the_botilbud_answer_counts_only_while_the_person_lives_in_one(client, get_page):
    answer_all(client, answers={**ANSWERS, "housing": "residential", "placed_by": "other"})
    response = client.post(url("da", "housing"), data={"answer": "own_home"})
    assert response.headers["Location"] == url("da", "target")  # not the other municipality
    answer_all(client)
    assert "Kommunen, der gav pladsen" not in text_of(get_page(url("da", "check")))


def test_the_other_municipality_page_needs_that_answer(client):
    assert client.get(url("da", "outside")).headers["Location"] == url("da", "who")
    answer_all(client)
    assert client.get(url("da", "outside")).headers["Location"] == url("da", "check")


@pytest.mark.parametrize("lang, prefix, message", [
    ("da", "Fejl:", "Vælg ja, nej eller ved ikke"),
    ("en", "Error:", "Select yes, no or I am not sure"),
])
def test_nothing_chosen_shows_the_error_summary_and_field_message(client, lang, prefix, message):
    client.post(url(lang, "who"), data={"answer": "self"})
    response = client.post(url(lang, "residence"), data={}, follow_redirects=True)
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.title.get_text().startswith(prefix)
    summary = soup.select_one(".error-summary a")
    assert summary.get_text(strip=True) == message
    assert summary["href"] == "#answer-yes" and soup.find(id="answer-yes")
    assert message in soup.select_one(".form-error-message").get_text()


def test_none_of_these_cannot_be_combined_and_the_ticks_are_kept(client):
    answer_all(client, answers={"who": "self", "residence": "yes", "housing": "own_home", "target": "yes"})
    response = client.post("/da/guide/behov", data={"answer": ["social_skills", "none"]},
                           follow_redirects=True)
    soup = soup_of(response)
    assert "Ingen af disse" in soup.select_one(".error-summary").get_text()
    assert soup.find("input", {"value": "social_skills"}).has_attr("checked")
    assert soup.find("input", {"value": "none"}).has_attr("checked")


def test_a_tampered_value_returns_to_the_question_with_a_message(client):
    client.post("/da/guide/hvem", data={"answer": "self"})
    response = client.post("/da/guide/bopael", data={"answer": "maybe'><script>"}, follow_redirects=True)
    assert response.status_code == 200
    assert "Vælg en af mulighederne" in text_of(soup_of(response))


def test_an_unreadable_stored_answer_is_asked_again(client):
    answer_all(client)
    with client.session_transaction() as session:
        session["answers"] = {**session["answers"], "housing": "castle"}
    response = client.get("/da/guide/tjek")
    assert response.headers["Location"] == "/da/guide/bolig"
    assert "kunne ikke læse et af dine svar" in text_of(soup_of(client.get("/da/guide/bolig")))


def test_check_page_lists_every_answer_with_a_change_link(client, get_page):
    answer_all(client)
    soup = get_page("/da/guide/tjek")
    links = [a["href"] for a in soup.select(".summary-action a")]
    assert len(links) == 7
    assert links[2] == "/da/guide/bolig?return=check"


def test_changing_an_answer_from_the_check_page_returns_there(client):
    answer_all(client)
    response = client.post("/da/guide/bolig", data={"answer": "family", "return": "check"})
    assert response.headers["Location"] == "/da/guide/tjek"


def test_changing_who_it_is_for_keeps_the_other_answers(client):
    answer_all(client)
    client.post("/da/guide/hvem", data={"answer": "relative", "return": "check"})
    with client.session_transaction() as session:
        assert session["answers"]["housing"] == "own_home"


def test_switching_language_keeps_the_answers(client, get_page):
    answer_all(client)
    soup = get_page("/en/guide/check")
    assert "In my own home" in text_of(soup)


def test_result_links_each_group_to_its_rule_and_the_rule_back_to_the_result(client, get_page):
    answer_all(client)
    soup = get_page("/da/guide/resultat")
    assert soup.h1.get_text(strip=True) == "Tilbuddet ser ud til at passe til dig"
    links = [a for a in soup.main.find_all("a") if "/serviceniveau/" in a["href"]]
    assert len(links) >= 4
    for link in links:
        path, anchor = link["href"].split("#")
        page = get_page(path)
        assert page.find(id=anchor) is not None, link["href"]
        back = page.select_one("a.back-link")
        assert back.get_text(strip=True) == "Tilbage til dit resultat"
        assert back["href"] == "/da/guide/resultat"
    assert not get_page("/da/serviceniveau/pris-og-transport").select_one("a.back-link")


def test_result_gives_the_real_date_of_the_latest_answer(client, get_page, monkeypatch):
    import datetime as real

    class FixedDate(real.date):
        @classmethod
        def today(cls):
            return cls(2026, 11, 26)

    monkeypatch.setattr("webapp.guide.views.date", FixedDate)
    answer_all(client)
    text = text_of(get_page("/da/guide/resultat"))
    assert "onsdag den 13. januar 2027" in text


def test_result_needs_every_answer(client):
    client.post("/da/guide/hvem", data={"answer": "self"})
    assert client.get("/da/guide/resultat").headers["Location"] == "/da/guide/bopael"


def test_guide_pages_are_never_cached(client):
    answer_all(client)
    for path in ("/da/guide/hvem", "/da/guide/tjek", "/da/guide/resultat"):
        assert client.get(path).headers["Cache-Control"] == "no-store"
    assert application_page(client).headers["Cache-Control"] == "no-store"


def test_answers_live_only_in_the_signed_cookie_and_never_in_urls(client):
    visited = answer_all(client, answers={**ANSWERS, "target": "unsure"})
    for path in visited:
        assert "?" not in path
    cookie = client.get_cookie("guide")
    assert cookie is not None and "unsure" not in cookie.value  # signed, compressed, not plain


def test_personal_details_are_never_in_a_url_or_redirect(client):
    response = application_page(client)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Location" not in response.headers
    for href in re.findall(r'(?:href|action)="([^"]+)"', html):
        if href.startswith("mailto:"):
            continue
        for detail in DETAILS.values():
            assert detail not in unquote(href)


def test_personal_details_live_only_in_the_cookie_until_finish_and_clear(client):
    answer_all(client)
    response = client.post(url("da", "apply"), data=DETAILS)
    # Sent on to a GET page, with no detail in its address.
    assert response.status_code == 303 and "Åse" not in response.headers["Location"]
    page = client.get(response.headers["Location"])
    assert page.status_code == 200 and "Åse Ørnsø" in page.get_data(as_text=True)
    assert "Åse Ørnsø" in client.get(response.headers["Location"]).get_data(as_text=True)
    client.post(url("da", "finish"))
    with client.session_transaction() as session:
        assert "Åse" not in repr(dict(session))
    gone = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Åse" not in gone and "Mailen er her ikke længere" in gone


def test_finish_and_clear_deletes_everything(client):
    answer_all(client)
    response = client.post("/da/guide/afslut")
    assert response.headers["Location"] == "/da/guide/ryddet"
    # Only this site's: its cache, and its own cookie expired by name (never "cookies",
    # which would clear every cookie of balk.dk).
    assert response.headers["Clear-Site-Data"] == '"cache"'
    assert any(c.startswith("guide=;") and "Max-Age=0" in c for c in response.headers.getlist("Set-Cookie"))
    assert client.get("/da/guide/resultat").headers["Location"] == "/da/guide/udloebet"
    with client.session_transaction() as session:
        assert "answers" not in session


def test_start_again_asks_first_and_no_goes_back_where_you_were(client, get_page):
    answer_all(client)
    link = get_page("/da/guide/bolig?return=check").select_one(".guide-tools a")
    assert link["href"] == "/da/guide/forfra?back=/da/guide/bolig?return%3Dcheck"
    soup = get_page(link["href"])
    assert soup.h1.get_text(strip=True) == "Vil du starte forfra?"
    assert soup.select_one("form[method=post]")["action"] == "/da/guide/forfra"
    assert soup.find("a", string="Nej, gå tilbage")["href"] == "/da/guide/bolig?return=check"
    assert client.get("/da/guide/tjek").status_code == 200  # asking deleted nothing


def test_yes_to_start_again_clears_and_goes_to_the_first_question(client):
    answer_all(client)
    response = client.post("/da/guide/forfra")
    assert response.headers["Location"] == "/da/guide/hvem"
    assert client.get("/da/guide/tjek").status_code == 302


@pytest.mark.parametrize("back", ["https://evil.example/", "//evil.example/da/guide/tjek",
                                  "/\\evil.example", "/da/kontakt", "/en/guide/check",
                                  "/da/guide/forfra", "javascript:alert(1)", ""])
def test_the_way_back_from_start_again_only_leads_into_the_guide(client, get_page, back):
    answer_all(client)
    soup = get_page("/da/guide/forfra", query_string={"back": back})
    assert soup.find("a", string="Nej, gå tilbage")["href"] == "/da/guide/tjek"


def test_idle_answers_expire(client, get_page):
    answer_all(client)
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 21 * 60
    response = client.get("/da/guide/tjek")
    assert response.headers["Location"] == "/da/guide/udloebet"
    assert "slettet" in text_of(get_page("/da/guide/udloebet"))
    with client.session_transaction() as session:
        assert "answers" not in session


def test_keep_alive_extends_the_time(client):
    answer_all(client)
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 19 * 60
    data = client.post("/da/guide/forlaeng").get_json()
    assert data["seconds_left"] > 19 * 60


def test_keep_alive_without_answers_says_they_are_gone(client):
    assert client.post("/da/guide/forlaeng").get_json()["seconds_left"] == 0


def test_an_expired_csrf_token_reshows_the_form_with_the_input_kept():
    from webapp import create_app
    from webapp.config import TestingConfig

    class WithCsrf(TestingConfig):
        WTF_CSRF_ENABLED = True

    client = create_app(WithCsrf).test_client()
    response = client.post("/da/klage", follow_redirects=True, data={"name": "Åse", "phone": "12345678",
                                              "message": "Jeg er uenig", "csrf_token": "stale"})
    assert response.status_code == 200
    soup = soup_of(response)
    assert "din sikkerhed" in soup.select_one(".error-summary").get_text()
    assert soup.find("input", {"name": "name"})["value"] == "Åse"
    assert soup.find("textarea", {"name": "message"}).get_text() == "Jeg er uenig"


def test_application_form_asks_for_your_own_name_when_applying_for_someone_else(client):
    answer_all(client, answers={**ANSWERS, "who": "professional"})
    response = client.post("/da/guide/ansoegning", follow_redirects=True, data={"name": "Åse", "phone": "12345678"})
    soup = soup_of(response)
    assert "Skriv dit eget navn" in soup.select_one(".error-summary").get_text()
    assert "samtykke" in text_of(soup) and "fuldmagt" in text_of(soup)
    assert soup.find("input", {"name": "name"})["value"] == "Åse"
    assert soup.find("input", {"name": "name"})["autocomplete"] == "off"
    assert soup.find("input", {"name": "applicant_name"})["autocomplete"] == "name"


@pytest.mark.parametrize("data, message", [
    ({"name": "Åse"}, "Skriv et telefonnummer eller en mailadresse"),
    ({"name": "Åse", "phone": "12"}, "Skriv et telefonnummer med 8 cifre"),
    ({"name": "Åse", "email": "aase@"}, "Skriv en mailadresse"),
    ({"name": "", "phone": "12345678"}, "Skriv navnet"),
    ({"name": "Åse", "phone": "12345678", "message": "x" * 1001}, "1.000 tegn"),
])
def test_application_form_errors_are_clear_and_danish(client, data, message):
    answer_all(client)
    soup = soup_of(client.post("/da/guide/ansoegning", follow_redirects=True, data=data))
    assert message in soup.select_one(".error-summary").get_text()
    assert soup.title.get_text().startswith("Fejl:")


def test_application_form_has_no_cpr_or_diagnosis_field_and_warns_about_email(client, get_page):
    answer_all(client)
    soup = get_page("/da/guide/ansoegning")
    names = {tag["name"] for tag in soup.select("input, textarea") if tag.get("name")}
    assert not {n for n in names if "cpr" in n.lower() or "diagnos" in n.lower()}
    assert "ikke sikker" in text_of(soup)
    assert soup.find("input", {"name": "name"})["autocomplete"] == "name"
    assert soup.find("input", {"name": "phone"})["autocomplete"] == "tel"


def test_change_details_from_the_email_page_refills_the_form(client):
    response = application_page(client)
    form = soup_of(response).find("input", {"name": "action", "value": "edit"}).find_parent("form")
    data = {i["name"]: i.get("value", "") for i in form.find_all("input")}
    soup = soup_of(client.post(form["action"], data=data, follow_redirects=True))
    assert soup.find("input", {"name": "name"})["value"] == DETAILS["name"]
    assert not soup.select_one(".error-summary")


def test_keep_alive_after_expiry_says_the_answers_are_gone(client):
    answer_all(client)
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 21 * 60
    response = client.post("/da/guide/forlaeng")
    assert response.get_json()["seconds_left"] == 0


def test_the_error_summary_follows_the_page_order(client):
    answer_all(client, answers={**ANSWERS, "who": "relative"})
    soup = soup_of(client.post("/da/guide/ansoegning", follow_redirects=True, data={}))
    targets = [a["href"] for a in soup.select(".error-summary a")]
    assert targets == ["#name", "#applicant_name", "#phone"]


@pytest.mark.parametrize("lang, who, heading", [
    ("da", "self", "Har du meget svært ved at klare hverdagen?"),
    ("da", "relative", "Har personen meget svært ved at klare hverdagen?"),
    ("en", "self", "Do you find everyday life very hard?"),
    ("en", "relative", "Does the person find everyday life very hard?"),
])
def test_question_3_has_a_short_heading_and_the_law_s_words_in_its_hint(client, get_page, lang, who, heading):
    client.post(url(lang, "who"), data={"answer": who})
    client.post(url(lang, "residence"), data={"answer": "yes"})
    client.post(url(lang, "housing"), data={"answer": "own_home"})
    soup = get_page(url(lang, "target"))
    assert soup.select_one("legend h1").get_text(strip=True) == heading
    assert len(heading.split()) <= 8  # was 17 to 19 words
    hint = soup.select_one("#answer-hint").get_text(strip=True)
    assert ("hjerneskade" if lang == "da" else "brain injury") in hint
    assert ("funktionsevne" if lang == "da" else "mental function") in hint


def test_an_application_where_another_municipality_decides_goes_to_that_page(client):
    answer_all(client, answers={"who": "self", "residence": "yes", "housing": "residential",
                                "placed_by": "other"})
    for response in (client.get("/da/guide/ansoegning"), client.post("/da/guide/ansoegning", data=DETAILS)):
        assert response.status_code == 303
        assert response.headers["Location"] == "/da/guide/anden-kommune"


def test_the_first_question_says_when_answers_from_earlier_are_in_the_browser(client, app):
    assert "earlier-answers" not in client.get("/da/guide/hvem").get_data(as_text=True)
    answer_all(client)
    soup = BeautifulSoup(client.get("/da/guide/hvem").get_data(as_text=True), "html.parser")
    notice = soup.select_one(".earlier-answers")
    assert "Der er svar fra tidligere i denne browser" in notice.get_text()
    assert notice.select_one('form[action="/da/guide/forfra"] input[name=csrf_token]')
    assert notice.select_one("a")["href"] == "/da/guide/tjek"
    fresh = app.test_client()
    assert "earlier-answers" not in fresh.get("/da/guide/hvem").get_data(as_text=True)


@pytest.mark.parametrize("lang, unsure, assessed", [
    ("da", "Ved ikke", "Kommunen vurderer det, hvis du søger."),
    ("en", "I do not know", "The municipality assesses it if you apply."),
])
def test_not_knowing_the_needs_leads_to_a_result_that_the_municipality_assesses_it(client, get_page, lang, unsure, assessed):
    answer_all(client, lang, {k: v for k, v in ANSWERS.items() if k != "needs"} | {"needs": ["social_contact"]})
    page = get_page(url(lang, "needs"))
    assert any(label.get_text(strip=True) == unsure for label in page.find_all("label"))
    assert client.post(url(lang, "needs"), data={"answer": ["unsure"]}).status_code == 302
    result = text_of(get_page(url(lang, "result")))
    assert assessed in result
    assert {"da": "Tilbuddet ser ikke ud til at passe", "en": "does not seem to fit"}[lang] not in result
