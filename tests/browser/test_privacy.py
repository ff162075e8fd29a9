"""Privacy as the browser sees it: nothing leaves the site, and after "Finish and
clear" the Back button brings back no answers and no personal details."""

from urllib.parse import quote, quote_plus

import pytest
from browser_helpers import (
    APPLICANT,
    DESKTOP,
    DETAILS,
    LANGS,
    RELATIVE,
    SELF,
    answer_in_browser,
    checked_answers,
    journey_to_email,
)
from playwright.sync_api import Error as PlaywrightError

from tests.guide_helpers import ends_at, topic_url, url

pytestmark = pytest.mark.browser

PERSONAL = [DETAILS["name"], DETAILS["phone"], DETAILS["email"], APPLICANT]


def _encodings(value):
    return {value, quote(value), quote_plus(value), quote(value, safe="")}


@pytest.mark.parametrize("lang", LANGS)
def test_the_journey_makes_no_request_outside_the_site(live_server, new_context, lang):
    context = new_context(**DESKTOP)
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    journey_to_email(page, lang, RELATIVE)
    page.goto(url(lang, "deadlines") + "?dato=2026-11-26")
    page.goto(topic_url(lang, "costs-and-transport"))

    assert requests, "no requests were recorded"
    outside = [address for address in requests
               if not address.startswith(live_server.url + "/") and not address.startswith("data:")]
    assert not outside, "requests outside the site:\n" + "\n".join(outside)
    # Answers and personal details travel in POST bodies, never in a URL.
    leaks = [address for address in requests for value in PERSONAL for form in _encodings(value)
             if form in address]
    assert not leaks, "personal details in URLs:\n" + "\n".join(leaks)


def _settled_content(page):
    """The page's HTML once Back (and any redirect after it) has finished."""
    for _ in range(50):
        try:
            page.wait_for_load_state()
            return page.content()
        except PlaywrightError as error:
            if "navigating" not in str(error):
                raise
            page.wait_for_timeout(100)
    raise AssertionError(f"{page.url} never finished loading")


def _shows_nothing_personal(page, where):
    content = _settled_content(page)
    for value in PERSONAL:
        assert value not in content, f"{where}: {value!r} is on {page.url}"
    assert checked_answers(page) == 0, f"{where}: an answer is still chosen on {page.url}"
    assert page.locator(".summary-list").count() == 0, f"{where}: answers listed on {page.url}"


@pytest.mark.parametrize("lang", LANGS)
def test_back_after_finish_and_clear_from_the_email(new_context, lang):
    page = new_context(**DESKTOP).new_page()
    journey_to_email(page, lang, RELATIVE)
    page.locator(f".guide-tools form[action='{url(lang, 'finish')}'] button").click()
    page.wait_for_url(ends_at(lang, "cleared"))
    assert not [c for c in page.context.cookies() if c["name"] == "guide"], "session cookie kept"

    # Back through the journey: the email page (a POST's answer), the details form,
    # the result, the check page: none may show what was there.
    for step in range(1, 5):
        try:
            page.go_back()
        except PlaywrightError as error:
            # The email page answered a POST and may not be stored (no-store), so
            # Chromium shows its own "confirm form resubmission" page: that is fine.
            if "ERR_CACHE_MISS" not in str(error):
                raise
        page.wait_for_load_state()
        _shows_nothing_personal(page, f"Back ×{step}")


@pytest.mark.parametrize("lang", LANGS)
def test_back_after_finish_and_clear_from_a_question(new_context, lang):
    page = new_context(**DESKTOP).new_page()
    answer_in_browser(page, lang, SELF)
    page.locator(f"main a[href='{url(lang, 'result')}']").click()
    page.wait_for_url(ends_at(lang, "result"))
    page.locator(f".guide-tools form[action='{url(lang, 'finish')}'] button").click()
    page.wait_for_url(ends_at(lang, "cleared"))

    page.go_back()
    page.wait_for_load_state()
    # The result needs answers: Back lands on the page that says they were deleted.
    assert page.url.endswith((f"/{lang}/guide/", url(lang, "who"), url(lang, "expired"))), page.url
    _shows_nothing_personal(page, "Back")
    page.go_back()
    page.wait_for_load_state()
    _shows_nothing_personal(page, "Back ×2")
