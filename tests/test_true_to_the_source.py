"""What a caseworker reading the site against the service level would catch: no page
promises more than the document, uses its words loosely, or says two things about
the same matter (issue 22). Each test reads the pages as a reader sees them."""

import re

import pytest
from bs4 import BeautifulSoup

from tests.conftest import crawl, text_of
from tests.guide_helpers import ANSWERS, answer_all, application_page, url
from webapp import create_app, facts

LANGS = ("da", "en")
PLACED_BY_BALLERUP = {**ANSWERS, "residence": "no", "housing": "residential", "placed_by": "ballerup"}


def main_text(html):
    soup = BeautifulSoup(html, "html.parser")
    for foreign in soup.select("script, style"):
        foreign.decompose()
    return text_of(soup.main or soup)


@pytest.fixture(scope="module")
def pages():
    """{lang: {name: the main text}} of every page a link reaches, and the guide's pages
    for yourself, for a relative living with family, and for someone Ballerup placed
    in a residential facility elsewhere, with their emails."""
    app = create_app("testing")
    found = {}
    for lang in LANGS:
        client = app.test_client()
        found[lang] = {path: main_text(response.get_data(as_text=True))
                       for path, response in crawl(client, f"/{lang}/").items()
                       if response.mimetype == "text/html" and path.startswith(f"/{lang}/")}
        for label, answers in (("self", ANSWERS), ("family", {**ANSWERS, "who": "relative", "housing": "family"}),
                               ("placed", PLACED_BY_BALLERUP)):
            client = app.test_client()
            answer_all(client, lang, answers)
            for name in (*answers, "check", "result", "easy_result"):
                found[lang][f"{name} ({label})"] = main_text(client.get(url(lang, name)).get_data(as_text=True))
            found[lang][f"email ({label})"] = main_text(application_page(client, lang, answers).get_data(as_text=True))
        found[lang]["complaint email"] = main_text(app.test_client().post(
            url(lang, "complaint"), follow_redirects=True,
            data={"name": "Bo Ørnsø", "email": "bo@example.dk", "message": "Jeg er uenig."}).get_data(as_text=True))
    return found


def test_the_pages_read_are_the_whole_site(pages):
    for lang in LANGS:
        assert len(pages[lang]) > 50, lang
        assert any("ordliste" in name or "glossary" in name for name in pages[lang])


# --- No promise of a right --------------------------------------------------------

RIGHT = {"da": re.compile(r"\b(ret|retten|retskrav)\s+til\b|\brettighed|\bberettige", re.I),
         "en": re.compile(r"\bright(s)?\s+to\b|\bentitle|\byour rights?\b", re.I)}


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_says_anyone_has_a_right_to_the_service(pages, lang):
    """§ 104 says who can get it after a concrete, individual assessment: no page, the
    glossary included, may say right or entitlement."""
    found = {name: RIGHT[lang].findall(text) for name, text in pages[lang].items() if RIGHT[lang].search(text)}
    assert not found, found


# --- "særlige sociale problemer", the same words everywhere ---------------------

@pytest.mark.parametrize("lang, loose, exact", [
    ("da", r"sociale problemer", "særlige sociale problemer"),
    ("en", r"social problems", "particular social problems"),
])
def test_social_problems_are_always_the_laws_particular_ones(pages, lang, loose, exact):
    """"sociale problemer" alone widens the target group, "serious" narrows it."""
    wrong = {}
    for name, text in pages[lang].items():
        for match in re.finditer(loose, text, re.I):
            if not text[:match.end()].lower().endswith(exact):
                wrong[name] = text[max(0, match.start() - 40):match.end()]
    assert not wrong, wrong
    assert sum(exact in text.lower() for text in pages[lang].values()) >= 5


# --- Days a week for someone living with family ----------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_family_result_gives_only_the_family_rule(pages, lang):
    family = pages[lang]["result (family)"]
    assert "1–5" in family and "1–4" not in family
    assert {"da": "særlige hensyn", "en": "special considerations"}[lang] in family
    own = pages[lang]["result (self)"]
    assert "1–4" in own and "1–5" not in own


# --- The answer date is what one can expect ----------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_answer_date_is_hedged_with_what_happens_if_the_municipality_is_late(pages, lang):
    late = facts.text("late_answer", lang)
    expect = {"da": r"forvente\w*\s+(svar\s+)?senest", "en": r"expect(ed)?\s+(an answer\s+)?by"}[lang]
    promise = {"da": r"(?<!forvente )(?<!forventes )(?<!forventet )(?<!svar )\bsenest\s+(mandag|tirsdag|onsdag|torsdag|fredag)",
               "en": r"\bno later than\s+(Monday|Tuesday|Wednesday|Thursday|Friday)"}[lang]
    for name in ("result (self)", "result (family)", "email (self)"):
        text = pages[lang][name]
        assert late in text, name
        assert re.search(expect, text, re.I), name
        assert not re.search(promise, text, re.I), (name, re.search(promise, text, re.I))


# --- Someone Ballerup placed in a residential facility elsewhere -----------------

@pytest.mark.parametrize("lang, ends, outside", [
    ("da", "Det stopper, hvis du flytter til en anden kommune", "Du bor uden for Ballerup Kommune i et botilbud, som Ballerup Kommune har givet dig plads i"),
    ("en", "It ends if you move to another municipality", "You live outside Ballerup Kommune, in a residential facility that Ballerup Kommune gave you a place in"),
])
def test_a_person_ballerup_placed_elsewhere_is_not_told_the_place_ends_for_living_elsewhere(pages, lang, ends, outside):
    placed = pages[lang]["result (placed)"]
    assert ends not in placed and outside in placed
    assert ends in pages[lang]["result (self)"]
    hint = pages[lang]["placed_by (placed)"]
    assert {"da": "hvor du end bor", "en": "wherever"}[lang] not in hint
    assert {"da": "også, når botilbuddet ligger et andet sted",
            "en": "also when the residential facility is in another municipality"}[lang] in hint


def test_the_email_tells_the_caseworker_the_person_lives_outside_ballerup_in_a_placement(client):
    body = BeautifulSoup(application_page(client, "da", PLACED_BY_BALLERUP).get_data(as_text=True),
                         "html.parser").find("textarea", id="body").get_text()
    assert ("Jeg bor uden for Ballerup Kommune.\nJeg bor i et botilbud.\n"
            "Ballerup Kommune har givet mig pladsen i botilbuddet.") in body


# --- One true sentence about what is kept ------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_page_that_speaks_of_storage_says_the_same_true_thing(pages, lang):
    storage = facts.text("storage", lang)
    home, start, privacy = (f"/{lang}/", url(lang, "who").rsplit("/", 1)[0] + "/", {
        "da": "/da/privatliv", "en": "/en/privacy"}[lang])
    for path in (home, start, privacy):
        assert storage in pages[lang][path], path
    untrue = {"da": r"ikke gemt noget om dig|gemmer ikke noget om dig|kun gemt i denne browser, og",
              "en": r"Nothing is saved about you|does not store anything about you|only kept in this browser, and"}[lang]
    assert not {name for name, text in pages[lang].items() if re.search(untrue, text)}


# --- The accessibility statement says what the site is ---------------------------

@pytest.mark.parametrize("lang, is_, is_not", [
    ("da", "Hjemmesiden er en guide til serviceniveauet", "erstatter"),
    ("en", "This website is a guide to the service level", "replaces"),
])
def test_the_accessibility_statement_calls_the_site_a_guide_not_the_document(pages, lang, is_, is_not):
    text = pages[lang][{"da": "/da/tilgaengelighed", "en": "/en/accessibility"}[lang]]
    assert is_ in text and is_not not in text


# --- Complaints as the source says them -----------------------------------------

@pytest.mark.parametrize("lang, past_the_source, source", [
    ("da", r"\bring (til )?din sagsbehandler|telefon, brev eller mail", "mundtligt eller skriftligt til din sagsbehandler"),
    ("en", r"\bcall (to )?your caseworker|by phone, letter or email", "orally or in writing to your caseworker"),
])
def test_complaints_go_orally_or_in_writing_to_the_caseworker_not_by_phone(pages, lang, past_the_source, source):
    found = {name for name, text in pages[lang].items() if re.search(past_the_source, text, re.I)}
    assert not found
    for name in (url(lang, "complaint"), {"da": "/da/kontakt", "en": "/en/contact"}[lang]):
        assert source in pages[lang][name], name


# --- English ------------------------------------------------------------------

def test_english_names_the_board_the_help_and_the_consultation_plainly(pages):
    for name, text in pages["en"].items():
        assert not re.search(r"(?<![.!?:] )(?<!^)The National Social Appeals Board", text), name
        assert "way in to help" not in text and "steps into your life" not in text, name
        for match in re.finditer("partshøring", text):
            assert "consultation" in text[max(0, match.start() - 60):match.start()].lower(), (name, text[match.start() - 60:match.end()])
