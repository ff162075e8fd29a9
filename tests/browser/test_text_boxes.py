"""The text boxes on a phone: the count under a box changes on every key but is spoken
only when the text nears or passes the limit, and every limit is written the same way
("1.000 tegn", "1,000 characters"), with and without JavaScript."""

import pytest
from browser_helpers import NO_JS, PHONE
from playwright.sync_api import expect

from tests.guide_helpers import url

pytestmark = pytest.mark.browser

# What a screen reader hears by itself (the live region's texts, in order).
SPOKEN = """() => {
  const status = document.querySelector("[data-count-status]");
  window.spoken = [];
  new MutationObserver(() => window.spoken.push(status.textContent)).observe(
    status, {childList: true, characterData: true, subtree: true});
}"""


def test_the_count_is_spoken_near_and_over_the_limit_only(new_context):
    page = new_context(**PHONE).new_page()
    page.goto(url("da", "complaint"))
    box, count = page.locator("#message"), page.locator("#message-count")
    expect(count).to_have_text("0 af 1.000 tegn")
    # Read with the box, never by itself: not a live region.
    assert "message-count" in box.get_attribute("aria-describedby").split()
    assert count.get_attribute("aria-live") is None
    page.evaluate(SPOKEN)

    box.tap()
    page.keyboard.type("Jeg klager over afgørelsen")
    expect(count).to_have_text("26 af 1.000 tegn")
    box.fill("a" * 898)
    page.keyboard.type("bc")  # 899, then 900: 90 % of the limit
    page.keyboard.type("de")
    expect(count).to_have_text("902 af 1.000 tegn")
    box.fill("a" * 1000)
    page.keyboard.type("f")
    expect(count).to_have_text("1.001 af 1.000 tegn")
    page.keyboard.press("Backspace")
    expect(count).to_have_text("1.000 af 1.000 tegn")
    assert page.evaluate("window.spoken") == [
        "900 af 1.000 tegn: du er tæt på grænsen.",
        "1.001 af 1.000 tegn: teksten er for lang.",
        "1.000 af 1.000 tegn: nu er teksten kort nok.",
    ]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang, limit, count", [("da", "Du kan skrive op til 1.000 tegn.", "0 af 1.000 tegn"),
                                                ("en", "You can write up to 1,000 characters.",
                                                 "0 of 1,000 characters")])
def test_the_limit_is_written_with_the_languages_thousands_separator(new_context, lang, limit, count,
                                                                     javascript):
    page = new_context(**PHONE, **({} if javascript else NO_JS)).new_page()
    page.goto(url(lang, "complaint"))
    expect(page.locator("#message-count")).to_have_text(count if javascript else limit)
    # Sent too long: the message names the same number, written the same way.
    page.fill("#message", "x" * 1001)
    page.locator(f"form[action='{url(lang, 'complaint')}'] button.button-primary").tap()
    expect(page.locator(".error-summary")).to_contain_text("1.000 tegn" if lang == "da" else "1,000 characters")
    assert page.locator("[data-count-status]").inner_text() == ""
