"""The easy journey to the end: from the easy result to an easy form and an easy email
page, with the same email, Back and the time limit as on the standard pages, on a phone,
with and without JavaScript."""

import pytest
from browser_helpers import (
    DESKTOP,
    DETAILS,
    LANGS,
    NO_JS,
    PHONE,
    RELATIVE,
    SELF,
    answer_quickly,
    axe_violations,
    fill_details,
)
from playwright.sync_api import expect

from tests.guide_helpers import ends_at, url

pytestmark = pytest.mark.browser

WORDS = {
    "da": {"apply": "Skriv mailen", "form": "Søg på mail", "show": "Vis mailen", "ready": "Din mail er klar",
           "back": "Tilbage", "more_time": "Jeg har brug for længere tid", "switch": "English"},
    "en": {"apply": "Write the email", "form": "Apply by email", "show": "Show the email",
           "ready": "Your email is ready", "back": "Back", "more_time": "I need more time", "switch": "Dansk"},
}


def standard_mailto(new_context, lang, answers):
    page = new_context(**PHONE).new_page()
    answer_quickly(page, lang, answers)
    page.goto(url(lang, "apply"))
    fill_details(page, answers)
    page.wait_for_url(ends_at(lang, "sending"))
    return page.locator("#mailto-link").get_attribute("href")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_easy_result_leads_to_an_easy_form_and_email_page_with_the_same_email(
        new_context, lang, javascript):
    words = WORDS[lang]
    page = new_context(**PHONE, **({} if javascript else NO_JS)).new_page()
    answer_quickly(page, lang, RELATIVE)
    page.goto(url(lang, "easy_result"))
    page.get_by_role("link", name=words["apply"]).tap()
    page.wait_for_url(ends_at(lang, "easy_apply"))
    expect(page.locator("h1")).to_have_text(words["form"])
    # A mistake: said at the easy address, what was typed kept.
    page.fill("#name", DETAILS["name"])
    page.get_by_role("button", name=words["show"]).tap()
    page.wait_for_url(ends_at(lang, "easy_apply"))
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#name")).to_have_value(DETAILS["name"])
    fill_details(page, RELATIVE, how="tap", form="easy_apply")
    page.wait_for_url(ends_at(lang, "easy_sending"))
    expect(page.locator("h1")).to_have_text(words["ready"])
    assert page.locator("#mailto-link").get_attribute("href") == standard_mailto(new_context, lang, RELATIVE)
    # Back to the easy form, with what was typed.
    page.get_by_role("link", name=words["back"], exact=True).tap()
    page.wait_for_url(ends_at(lang, "easy_apply"))
    expect(page.locator("#phone")).to_have_value(DETAILS["phone"])
    page.get_by_role("link", name=words["back"], exact=True).tap()
    page.wait_for_url(ends_at(lang, "easy_result"))


@pytest.mark.parametrize("lang", LANGS)
def test_more_time_and_the_language_switch_keep_the_easy_form_and_what_was_typed(new_context, lang):
    words, other = WORDS[lang], "en" if lang == "da" else "da"
    page = new_context(**PHONE, **NO_JS).new_page()
    answer_quickly(page, lang, SELF)
    page.goto(url(lang, "easy_apply"))
    page.fill("#name", DETAILS["name"])
    page.get_by_role("button", name=words["more_time"]).tap()
    page.wait_for_url(ends_at(lang, "easy_apply"))
    expect(page.locator("main")).to_contain_text("200")
    expect(page.locator("#name")).to_have_value(DETAILS["name"])
    page.locator(".language-switch").get_by_text(words["switch"]).tap()
    page.wait_for_url(ends_at(other, "easy_apply"))
    expect(page.locator("h1")).to_have_text(WORDS[other]["form"])
    expect(page.locator("#name")).to_have_value(DETAILS["name"])


@pytest.mark.parametrize("lang", LANGS)
def test_the_easy_email_page_after_an_edit_stays_easy(new_context, lang):
    page = new_context(**DESKTOP).new_page()
    answer_quickly(page, lang, SELF)
    page.goto(url(lang, "easy_apply"))
    fill_details(page, SELF, form="easy_apply")
    page.wait_for_url(ends_at(lang, "easy_sending"))
    page.fill("#body", "Hej Fronten.\n\nJeg vil gerne søge.")
    page.locator("form[action$='/guide/email'] button[type=submit]").click()
    page.wait_for_url(ends_at(lang, "easy_sending"))
    expect(page.locator("h1")).to_have_text(WORDS[lang]["ready"])
    expect(page.locator("#body")).to_have_value("Hej Fronten.\n\nJeg vil gerne søge.")


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["375", "1280"])
@pytest.mark.parametrize("lang", LANGS)
def test_screenshots_and_axe_of_the_easy_form_and_email_page(new_context, screenshot, lang, size):
    width = size["viewport"]["width"]
    page = new_context(**size).new_page()
    answer_quickly(page, lang, RELATIVE)
    page.goto(url(lang, "easy_apply"))
    page.evaluate("document.fonts.ready.then(() => true)")
    screenshot(page, f"{lang}-easy-apply-{width}")
    assert axe_violations(page) == []
    fill_details(page, RELATIVE, form="easy_apply")
    page.wait_for_url(ends_at(lang, "easy_sending"))
    page.evaluate("document.fonts.ready.then(() => true)")
    screenshot(page, f"{lang}-easy-email-{width}")
    assert axe_violations(page) == []
