"""Finding your way on a phone: the municipality that gave a botilbud place can be found
from the page that sends you there, and a Danish page has a Danish address, an old
address (with its anchor) still landing on the right heading."""

import re

import pytest
from browser_helpers import LANGS, NO_JS, PHONE, SELF, answer_quickly
from playwright.sync_api import expect

from tests.guide_helpers import ends_at, topic_url, url
from webapp.pages import TOPIC_SLUGS

pytestmark = pytest.mark.browser

PLACED_ELSEWHERE = {"who": "self", "residence": "yes", "housing": "residential", "placed_by": "other"}


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", LANGS)
def test_a_place_from_another_municipality_says_how_to_find_it(new_context, lang, javascript):
    page = new_context(**PHONE, **({} if javascript else NO_JS)).new_page()
    answer_quickly(page, lang, PLACED_ELSEWHERE)
    page.goto(url(lang, "outside"))
    main = page.locator("main")
    expect(main).to_contain_text("brevet om din plads" if lang == "da" else "letter about your place")
    link = main.locator("a[href='https://www.borger.dk/kommune']")
    expect(link).to_have_text("Find kommunen på borger.dk" if lang == "da" else "Find the municipality on borger.dk")
    expect(link).to_be_in_viewport()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_danish_topic_page_has_a_danish_address_and_the_old_one_still_lands(new_context, javascript):
    page = new_context(**PHONE, **({} if javascript else NO_JS)).new_page()
    # An address someone saved, with the heading it pointed at.
    page.goto("/da/serviceniveau/costs-and-transport#transport")
    assert page.url.endswith("/da/serviceniveau/pris-og-transport#transport")
    expect(page.locator("#transport")).to_be_in_viewport()
    # The menu of topics and the language switch use each language's own address.
    page.goto(url("da", "service_level"))
    page.locator("main a", has_text="Sådan klager du").first.tap()
    page.wait_for_url(re.compile(re.escape(topic_url("da", "complaints")) + "$"))
    page.locator(".language-switch a").tap()
    page.wait_for_url(re.compile(re.escape(topic_url("en", "complaints")) + "$"))


def test_the_results_rules_links_lead_to_danish_addresses(new_context):
    page = new_context(**PHONE).new_page()
    answer_quickly(page, "da", SELF)
    page.goto(url("da", "result"))
    paths = page.locator("main a[href*='/serviceniveau/']").evaluate_all(
        "links => links.map(a => a.pathname)")
    danish = {topic_url("da", topic) for topic in TOPIC_SLUGS["da"]}
    assert len(paths) >= 4 and set(paths) <= danish
    page.locator("main a[href*='/serviceniveau/pris-og-transport']").first.tap()
    page.wait_for_url(re.compile(r"/da/serviceniveau/pris-og-transport\?fra=resultat#\w"))
    page.locator("main a.back-link").tap()
    page.wait_for_url(ends_at("da", "result"))
