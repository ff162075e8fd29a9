"""The guide's flow in a real browser, at 375 px and 1280 px in both languages: the
early exit for someone outside Ballerup, the slim header on a phone, "Start again"
asking first, the exclusive "None of these" and dates as three fields."""

import pytest
from browser_helpers import DESKTOP, ELSEWHERE, LANGS, PHONE, choose, submit_question
from playwright.sync_api import expect

from tests.guide_helpers import ends_at, url

pytestmark = pytest.mark.browser

SIZES = pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["375", "1280"])


@SIZES
@pytest.mark.parametrize("lang", LANGS)
def test_a_no_to_ballerup_ends_the_guide_on_its_own_page(new_context, lang, size):
    page = new_context(**size).new_page()
    page.goto(url(lang, "who"))
    for key in ("who", "residence"):
        choose(page, key, ELSEWHERE[key], how="tap" if size is PHONE else "click")
        submit_question(page, key)
    page.wait_for_url(ends_at(lang, "outside"))
    expect(page.locator("main a[href^='https://www.borger.dk/']")).to_be_visible()
    expect(page.locator("main a[href='tel:+4544773443']").first).to_be_visible()
    page.locator("main a.back-link").click()
    page.wait_for_url(ends_at(lang, "residence"))
    expect(page.locator("#answer-no")).to_be_checked()
