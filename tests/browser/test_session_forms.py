"""Nothing typed is lost: change the details and send again, Back from the email page,
a form sent after the time limit, switching language on a form, more time without
JavaScript; and the cookie the browser keeps (encrypted, with Max-Age)."""

import base64
import time

import pytest
from browser_helpers import DESKTOP, DETAILS, NO_JS, SELF, answer_quickly, fill_details
from playwright.sync_api import expect

from tests.guide_helpers import ends_at, url

pytestmark = pytest.mark.browser
JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
COMPLAINT = {"name": "Åse Testesen", "phone": "12 34 56 78", "message": "Jeg er uenig i antallet af dage."}
NEW_PHONE = "87 65 43 21"


def context_options(javascript):
    return {**DESKTOP, **({} if javascript else NO_JS)}


def fill_complaint(page, details=COMPLAINT):
    for field, value in details.items():
        page.fill(f"#{field}", value)


def submit(page, lang, name):
    page.locator(f"form[action='{url(lang, name)}'] button[type=submit]:not([name])").click()


def change_details(page, lang, name):
    page.locator("form:has(input[name=action][value=edit]) button").click()
    page.wait_for_url(ends_at(lang, name))
    expect(page.locator(".error-summary")).to_have_count(0)


@JAVASCRIPT
def test_change_the_phone_on_the_application_and_the_email_has_it(new_context, javascript):
    lang = "da"
    page = new_context(**context_options(javascript)).new_page()
    answer_quickly(page, lang, SELF)
    page.goto(url(lang, "apply"))
    fill_details(page, SELF)
    page.wait_for_url(ends_at(lang, "sending"))
    change_details(page, lang, "apply")
    expect(page.locator("#phone")).to_have_value(DETAILS["phone"])
    expect(page.locator("#message")).to_have_value(DETAILS["message"])
    page.fill("#phone", NEW_PHONE)
    submit(page, lang, "apply")
    page.wait_for_url(ends_at(lang, "sending"))
    expect(page.locator("#body")).to_contain_text(NEW_PHONE)
    expect(page.locator("#body")).not_to_contain_text(DETAILS["phone"])


@JAVASCRIPT
def test_change_the_phone_on_the_complaint_and_the_email_has_it(new_context, javascript):
    lang = "en"
    page = new_context(**context_options(javascript)).new_page()
    page.goto(url(lang, "complaint"))
    fill_complaint(page)
    submit(page, lang, "complaint")
    page.wait_for_url(ends_at(lang, "sending"))
    change_details(page, lang, "complaint")
    expect(page.locator("#message")).to_have_value(COMPLAINT["message"])
    page.fill("#phone", NEW_PHONE)
    submit(page, lang, "complaint")
    page.wait_for_url(ends_at(lang, "sending"))
    expect(page.locator("#body")).to_contain_text(NEW_PHONE)


def test_back_from_the_email_page_shows_the_filled_form(new_context):
    lang = "da"
    page = new_context(**DESKTOP).new_page()
    answer_quickly(page, lang, SELF)
    page.goto(url(lang, "apply"))
    fill_details(page, SELF)
    page.wait_for_url(ends_at(lang, "sending"))
    page.go_back()
    page.wait_for_url(ends_at(lang, "apply"))
    expect(page.locator("#name")).to_have_value(DETAILS["name"])
    expect(page.locator("#phone")).to_have_value(DETAILS["phone"])


def test_a_form_sent_after_the_time_limit_comes_back_with_what_was_typed(short_expiry_server, browser):
    """Danish without JavaScript and English with it, side by side, so the wait is shared."""
    runs = {("da", False): "Formularen blev ikke sendt", ("en", True): "The form was not sent"}
    pages = {}
    for (lang, javascript) in runs:
        page = browser.new_context(**context_options(javascript), base_url=short_expiry_server.url).new_page()
        page.goto(url(lang, "complaint"))
        fill_complaint(page)
        pages[lang, javascript] = page
    time.sleep(9)  # the limit is 8 s here: the browser has dropped the cookie (Max-Age)
    try:
        for (lang, javascript), page in pages.items():
            submit(page, lang, "complaint")
            page.wait_for_url(ends_at(lang, "complaint"))
            expect(page.locator(".error-summary")).to_contain_text(runs[lang, javascript])
            expect(page.locator("#name")).to_have_value(COMPLAINT["name"])
            expect(page.locator("#message")).to_have_value(COMPLAINT["message"])
            page.reload()  # a GET page: Reload asks nothing, and shows the same
            expect(page.locator("#message")).to_have_value(COMPLAINT["message"])
            submit(page, lang, "complaint")
            page.wait_for_url(ends_at(lang, "sending"))
    finally:
        for page in pages.values():
            page.context.close()


def test_switching_language_on_a_form_keeps_what_was_typed(new_context):
    page = new_context(**DESKTOP, **NO_JS).new_page()
    page.goto(url("da", "complaint"))
    fill_complaint(page)
    page.locator(".language-switch button", has_text="English").click()
    page.wait_for_url(ends_at("en", "complaint"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#name")).to_have_value(COMPLAINT["name"])
    expect(page.locator("#message")).to_have_value(COMPLAINT["message"])
    expect(page.locator(".error-summary")).to_have_count(0)


def test_more_time_without_javascript_and_the_cookie_the_browser_keeps(new_context):
    context = new_context(**DESKTOP, **NO_JS)
    page = context.new_page()
    page.goto(url("da", "complaint"))
    fill_complaint(page)
    page.locator("button[name=draft][value=more-time]").click()
    page.wait_for_url(ends_at("da", "complaint"))
    expect(page.locator("main")).to_contain_text("Nu har du 200 minutter")
    expect(page.locator("#message")).to_have_value(COMPLAINT["message"])
    cookie = next(c for c in context.cookies() if c["name"] == "guide")
    assert 199 * 60 < cookie["expires"] - time.time() <= 200 * 60  # Max-Age: gone by itself
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    raw = base64.urlsafe_b64decode(cookie["value"] + "=" * (-len(cookie["value"]) % 4))
    assert b"Testesen" not in raw and b"uenig" not in raw
