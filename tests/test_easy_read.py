"""The easy-read pages, the glossary and the links that lead to them."""

import re
from datetime import date

import pytest
from bs4 import BeautifulSoup

from tests.conftest import text_of
from tests.guide_helpers import ANSWERS, DETAILS, answer_all, topic_url, url
from tests.readability import easy_guide_pages, guide_page_blocks, stats
from webapp import pages
from webapp.content import GLOSSARY_PATHS
from webapp.guide import easy as easy_module
from webapp.pages import EASY_SLUGS

EASY = {"da": "/da/let/", "en": "/en/easy/"}


def easy(lang, topic):
    """An easy-read page's path, in its language's words."""
    return EASY[lang] + EASY_SLUGS[lang][topic]

TOPICS = ("about", "who-can-get-it", "what-you-get", "costs-and-transport", "your-part",
          "apply", "complaints", "legal")


@pytest.fixture
def on_26_november_2026(monkeypatch):
    monkeypatch.setattr(pages, "today", lambda: date(2026, 11, 26))


@pytest.mark.parametrize("lang", ["da", "en"])
def test_easy_read_index_lists_every_page_and_gives_the_phone_first(get_page, lang):
    soup = get_page(EASY[lang])
    links = [a["href"] for a in soup.select("main ul.topic-list a")]
    assert links == [easy(lang, topic) for topic in TOPICS]
    first_link = soup.select_one("main a")
    assert first_link["href"] == "tel:+4544773443"


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("topic", TOPICS)
def test_easy_and_full_pages_link_to_each_other(get_page, lang, topic):
    easy_page = get_page(easy(lang, topic))
    full_path = topic_url(lang, topic)
    full = get_page(full_path)
    assert easy_page.select_one(f"main a[href='{full_path}']")
    assert full.select_one(f"main a[href='{easy(lang, topic)}']")


@pytest.mark.parametrize("lang, today, answer", [
    ("da", "torsdag den 26. november 2026", "onsdag den 13. januar 2027"),
    ("en", "Thursday, 26 November 2026", "Wednesday, 13 January 2027"),
])
def test_easy_apply_page_gives_the_real_latest_answer(get_page, on_26_november_2026, lang, today, answer):
    text = text_of(get_page(easy(lang, "apply")).main)
    assert today in text and answer in text
    assert "[[" not in text


def test_easy_complaint_page_gives_the_real_complaint_deadline(get_page, on_26_november_2026):
    # 4 weeks after Thursday 26 November 2026 is Thursday 24 December: a closed day.
    text = text_of(get_page("/da/let/saadan-klager-du").main)
    assert "senest mandag den 28. december 2026" in text


def test_the_days_a_week_are_never_promised(get_page):
    text = text_of(get_page("/en/easy/what-you-get").main)
    assert "Do you get a place? Then it is 1 to 4 days a week." in text
    assert "The municipality decides how many days you get." in text


@pytest.mark.parametrize("lang, url", [("da", "/da/"), ("en", "/en/"), ("da", "/da/guide/"),
                                       ("en", "/en/guide/"), ("da", "/da/kontakt")])
def test_every_page_links_to_easy_read_in_its_header(get_page, lang, url):
    soup = get_page(url)
    assert soup.select_one(f"header a[href='{EASY[lang]}']")


@pytest.mark.parametrize("lang, url", [("da", "/da/"), ("en", "/en/guide/")])
def test_home_and_guide_start_offer_easy_read_in_the_page(get_page, lang, url):
    assert get_page(url).select_one(f"main a[href='{EASY[lang]}']")


def test_easy_read_urls_speak_the_pages_language(client):
    assert client.get("/en/let/").status_code == 404
    assert client.get("/da/easy/apply").status_code == 404
    assert client.get("/da/let/no-such-page").status_code == 404


@pytest.mark.parametrize("topic", TOPICS)
def test_danish_easy_urls_are_danish_and_the_english_ones_redirect_for_good(client, topic):
    danish = easy("da", topic)
    assert not set(TOPICS) & set(danish.split("/")), danish
    response = client.get(f"/da/let/{topic}")
    assert response.status_code == 308 and response.headers["Location"] == danish
    assert client.get(danish).status_code == 200


def test_every_easy_page_has_a_path_in_both_languages(app):
    for lang in ("da", "en"):
        assert sorted(EASY_SLUGS[lang]) == sorted(page.id for page in app.extensions["content"].easy[lang])


@pytest.mark.parametrize("lang, start", [("da", "Start guiden"), ("en", "Start the guide")])
def test_easy_pages_lead_into_the_guide(get_page, lang, start):
    for path in (EASY[lang], easy(lang, "apply")):
        link = get_page(path).select_one(".easy-guide-link a.button")
        assert link.get_text(strip=True) == start
        assert link["href"] == url(lang, "who")


def test_language_switch_on_easy_read_and_glossary(get_page):
    assert get_page("/da/let/saadan-soeger-du").select_one("nav.language-switch a")["href"] == "/en/easy/apply"
    assert get_page("/en/glossary").select_one("nav.language-switch a")["href"] == "/da/ordliste"


def test_heading_icons_are_decorative_and_inline(get_page):
    soup = get_page("/da/let/hvad-koster-det")
    icons = soup.select("main .content h2 svg.heading-icon")
    assert len(icons) == len(soup.select("main .content h2")) == 4
    assert all(icon["aria-hidden"] == "true" and icon.path for icon in icons)
    assert soup.select_one("h2#transport").get_text(strip=True) == "Hjælp til transport"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_glossary_gives_every_term_an_anchor_and_a_meaning(get_page, lang):
    soup = get_page(GLOSSARY_PATHS[lang])
    terms = soup.select("dl.glossary dt[id]")
    assert len(terms) >= 23 and len(terms) == len(soup.select("dl.glossary dd"))
    assert soup.select_one("dt#caseworker")
    if lang == "en":
        assert soup.select_one("dt#caseworker span[lang=da]").get_text() == "sagsbehandler"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_term_link_on_a_page_reaches_its_glossary_entry(client, get_page, lang):
    link = get_page(easy(lang, "apply")).select_one("main a.term-link")
    path, anchor = link["href"].split("#")
    assert get_page(path).select_one(f"dt#{anchor}")


# The result in easy words.


OUTCOME_ANSWERS = {
    "likely": ANSWERS,
    "unclear": {**ANSWERS, "target": "unsure"},
    "unlikely": {**ANSWERS, "needs": ["none"]},
}


def easy_result_text(client, get_page, lang, answers):
    answer_all(client, lang, answers)
    return text_of(get_page(url(lang, "easy_result")).main)


def test_the_result_page_offers_the_easy_result(client, get_page):
    answer_all(client, "da")
    link = get_page("/da/guide/resultat").select_one("main a[href='/da/guide/resultat/let']")
    assert link.get_text() == "Vis i let dansk"


@pytest.mark.parametrize("outcome", OUTCOME_ANSWERS)
@pytest.mark.parametrize("who", ["self", "relative"])
def test_easy_result_never_promises_days_and_reads_right_for_another_person(
        client, get_page, monkeypatch, outcome, who):
    monkeypatch.setattr(easy_module.deadlines, "latest_answer",
                        lambda day: date(2027, 1, 13))
    answers = {**OUTCOME_ANSWERS[outcome], "who": who}
    text = easy_result_text(client, get_page, "da", answers)
    assert "44 77 34 43" in text
    for sentence in re.split(r"(?<=[.?!])\s+", text):
        if "dage om ugen" in sentence:
            assert sentence.lstrip().startswith("Hvis"), sentence
    assert "onsdag den 13. januar 2027" in text
    if who == "self":
        assert "Hvis du får en plads, er det 1 til 4 dage om ugen." in text
    else:
        assert "Hvis personen får en plads, er det 1 til 4 dage om ugen." in text
        assert "Hvis du får en plads" not in text and "Du skal komme" not in text
    if outcome in ("unclear", "unlikely"):
        assert "Alle kan spørge Fronten" in text and "ser ud til at passe" not in text


def test_easy_result_follows_the_answers_on_housing_timing_and_transport(client, get_page):
    text = easy_result_text(client, get_page, "en", {
        **ANSWERS, "housing": "family", "timing": "evening", "transport": "yes"})
    assert "If you get a place, it can be 1 to 5 days a week. There must be special reasons" in text
    assert "A club in the evening can cost money every month." in text
    assert "free in the daytime" not in text
    assert "Tell Fronten if help with transport is needed." not in text


def test_easy_result_needs_the_answers_first(client):
    response = client.get("/da/guide/resultat/let")
    assert response.status_code == 302


# The easy form and email page: the same form and email as the standard ones, in easy words.

@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("for_self", [True, False], ids=["self", "other"])
def test_the_easy_guide_pages_are_easy_to_read(lang, for_self):
    """Danish LIX at most 25; at most 10 words a sentence in both languages (the email
    itself, written for the office, is not measured)."""
    for name, html in easy_guide_pages(lang, for_self).items():
        lix, per_sentence, _count = stats(guide_page_blocks(html))
        assert per_sentence <= 10, (name, f"{per_sentence:.1f} words a sentence")
        if lang == "da":
            assert lix <= 25, (name, f"LIX {lix:.1f}")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_easy_email_is_the_standard_email(app, lang):
    """Same answers and details: the same email (text, subject, link) at either level."""
    def email_page(form):
        client = app.test_client()
        answer_all(client, lang, {**ANSWERS, "who": "relative"})
        details = {**DETAILS, "applicant_name": "Bo Ørnsø", "message": "Om tirsdagen & torsdagen?"}
        response = client.post(url(lang, form), data=details, follow_redirects=True)
        assert response.status_code == 200
        soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        return soup, response.request.path

    standard, standard_path = email_page("apply")
    easy_page, easy_path = email_page("easy_apply")
    assert (standard_path, easy_path) == (url(lang, "sending"), url(lang, "easy_sending"))
    assert easy_page.select_one("#mailto-link")["href"] == standard.select_one("#mailto-link")["href"]
    assert easy_page.select_one(".qr-code").decode() == standard.select_one(".qr-code").decode()
    for selector in ("#email-to", "#email-subject", "#body", ".print-only", ".email-english"):
        easy_text, standard_text = (page.select_one(selector) for page in (easy_page, standard))
        assert (easy_text and easy_text.get_text()) == (standard_text and standard_text.get_text()), selector
    # The words around it differ, also where the page keeps parts built once (rendered
    # here after the standard page, in the same process).
    for selector in ("h1", ".alert-warning", "#next", ".after-sending ul", "#way-print"):
        assert easy_page.select_one(selector).get_text() != standard.select_one(selector).get_text(), selector


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_easy_pages_lead_on_and_back_at_their_own_level(client, get_page, lang):
    answer_all(client, lang)
    easy_result = get_page(url(lang, "easy_result"))
    assert easy_result.select_one(f"main a.button[href='{url(lang, 'easy_apply')}']")
    form = get_page(url(lang, "easy_apply"))
    assert form.select_one("a.back-link")["href"] == url(lang, "easy_result")
    assert form.select_one(f"form[action='{url(lang, 'easy_apply')}'] #name")
    # The language switch keeps the level.
    other = "en" if lang == "da" else "da"
    assert form.select_one(f"[hreflang='{other}'][href$='{url(other, 'easy_apply')}']")
    # A mistake is shown at the easy address, what was typed kept.
    refused = client.post(url(lang, "easy_apply"), data={"name": "Åse", "phone": "12"})
    assert refused.headers["Location"] == url(lang, "easy_apply")
    again = get_page(url(lang, "easy_apply"))
    assert again.select_one(".error-summary") and again.select_one("#name")["value"] == "Åse"
    client.post(url(lang, "easy_apply"), data=DETAILS)
    sending = get_page(url(lang, "easy_sending"))
    assert sending.select_one("a.back-link")["href"] == url(lang, "easy_apply")
    assert sending.select_one("form input[name=level][value=easy]")


@pytest.mark.parametrize("level, easy", [(None, False), ("", False), ("easy", True)])
def test_an_edited_email_keeps_its_reading_level(client, level, easy):
    lang = "da"
    answer_all(client, lang)
    client.post(url(lang, "apply"), data=DETAILS)
    data = {"kind": "application", "name": DETAILS["name"], "body": "Hej Fronten."}
    if level is not None:
        data["level"] = level
    response = client.post("/da/guide/email", data=data)
    assert response.headers["Location"] == url(lang, "easy_sending" if easy else "sending")
    refused = client.post("/da/guide/email", data={**data, "level": "svær"})
    assert "Siden kunne ikke læses" in refused.get_data(as_text=True)
