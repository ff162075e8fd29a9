"""The guide's flow in a real browser, at 375 px and 1280 px in both languages: the
early exits for someone outside Ballerup or placed in a botilbud by another municipality, the slim header on a phone, "Start again"
asking first, the exclusive "None of these" and dates as three fields."""

import pytest
from browser_helpers import (
    DESKTOP,
    ELSEWHERE,
    LANGS,
    PHONE,
    SELF,
    answer_quickly,
    choose,
    submit_question,
)
from playwright.sync_api import expect

from tests.guide_helpers import ends_at, url

pytestmark = pytest.mark.browser

SIZES = pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["375", "1280"])


@SIZES
@pytest.mark.parametrize("lang", LANGS)
def test_a_no_to_ballerup_ends_the_guide_on_its_own_page(new_context, lang, size):
    page = new_context(**size).new_page()
    page.goto(url(lang, "who"))
    for key in ("who", "residence", "housing"):
        page.wait_for_url(ends_at(lang, key))
        choose(page, key, ELSEWHERE[key], how="tap" if size is PHONE else "click")
        submit_question(page, key)
    page.wait_for_url(ends_at(lang, "outside"))
    expect(page.locator("main a[href^='https://www.borger.dk/']")).to_be_visible()
    expect(page.locator("main a[href='tel:+4544773443']").first).to_be_visible()
    page.locator("main a.back-link").click()
    page.wait_for_url(ends_at(lang, "housing"))
    expect(page.locator("#answer-own_home")).to_be_checked()


@pytest.mark.parametrize("lang", LANGS)
def test_a_botilbud_place_from_another_municipality_ends_the_guide_without_javascript(
        new_context, lang):
    page = new_context(**PHONE, java_script_enabled=False).new_page()
    page.goto(url(lang, "who"))
    answers = {"who": "self", "residence": "yes", "housing": "residential", "placed_by": "other"}
    for key, value in answers.items():
        page.wait_for_url(ends_at(lang, key))
        choose(page, key, value, how="tap")
        submit_question(page, key)
    page.wait_for_url(ends_at(lang, "outside"))
    expect(page.locator("main a[href='tel:+4544773443']").first).to_be_visible()
    page.locator("main a.back-link").click()
    page.wait_for_url(ends_at(lang, "placed_by"))
    expect(page.locator("#answer-other")).to_be_checked()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_question_is_in_the_first_screen_and_the_menu_opens(
        new_context, lang, javascript):
    page = new_context(**PHONE, java_script_enabled=javascript).new_page()
    page.goto(url(lang, "who"))
    heading = page.locator("h1").bounding_box()
    # Before the slim header the h1 started about 314 px down; the first option must show too.
    assert heading["y"] < 240, heading
    assert page.locator("label[for='answer-self']").bounding_box()["y"] < 667 - 50
    menu = page.locator(".site-header summary")
    expect(page.locator(".site-menu-panel a").first).to_be_hidden()
    menu.tap()
    expect(page.locator(".site-menu-panel a")).to_have_count(6)
    page.locator(f".site-menu-panel a[href='{url(lang, 'deadlines')}']").tap()
    page.wait_for_url(ends_at(lang, "deadlines"))


@pytest.mark.parametrize("lang", LANGS)
def test_at_a_desk_the_menu_is_open_in_the_header(new_context, lang):
    page = new_context(**DESKTOP).new_page()
    page.goto(url(lang, "who"))
    expect(page.locator(".site-header summary")).to_be_hidden()
    expect(page.locator(".site-nav-wide a")).to_have_count(6)
    for link in page.locator(".site-nav-wide a").all():
        expect(link).to_be_visible()


@pytest.mark.parametrize("size, javascript", [(PHONE, True), (DESKTOP, False)],
                         ids=["375-js", "1280-no-js"])
@pytest.mark.parametrize("lang", LANGS)
def test_start_again_asks_first(new_context, lang, size, javascript):
    page = new_context(**size, java_script_enabled=javascript).new_page()
    page.goto(url(lang, "who"))
    choose(page, "who", "relative")
    submit_question(page, "who")
    page.wait_for_url(ends_at(lang, "residence"))
    page.locator(".guide-tools a").click()
    expect(page.locator("h1")).to_be_visible()
    # "No" goes back to the same question, with the answers kept.
    page.locator("main a.button-secondary").click()
    page.wait_for_url(ends_at(lang, "residence"))
    page.locator("main a.back-link").click()
    expect(page.locator("#answer-relative")).to_be_checked()
    # "Yes" deletes them and starts from the first question.
    page.locator(".guide-tools a").click()
    page.locator(f"main form[action='{url(lang, 'restart')}'] button").click()
    page.wait_for_url(ends_at(lang, "who"))
    expect(page.locator("input[name=answer]:checked")).to_have_count(0)


@SIZES
@pytest.mark.parametrize("lang", LANGS)
def test_none_of_these_and_the_other_boxes_untick_each_other(new_context, lang, size):
    page = new_context(**size).new_page()
    answer_quickly(page, lang, SELF, upto="needs")
    page.goto(url(lang, "needs"))
    divider = page.locator(".choice-divider")
    expect(divider).to_have_text({"da": "eller", "en": "or"}[lang])
    assert divider.bounding_box()["y"] < page.locator("#answer-none").bounding_box()["y"]
    how = "tap" if size is PHONE else "click"
    choose(page, "needs", ["social_skills", "social_contact"], how)
    choose(page, "needs", "none", how)
    expect(page.locator("input[name=answer]:checked")).to_have_count(1)
    expect(page.locator("#answer-none")).to_be_checked()
    choose(page, "needs", "support_care", how)
    expect(page.locator("#answer-none")).not_to_be_checked()
    expect(page.locator("#answer-support_care")).to_be_checked()
    submit_question(page, "needs")
    page.wait_for_url(ends_at(lang, "timing"))


@SIZES
@pytest.mark.parametrize("lang", LANGS)
def test_a_date_in_three_boxes_with_a_clear_error(new_context, lang, size):
    page = new_context(**size).new_page()
    page.goto(url(lang, "deadlines"))
    page.fill("#dato-dag", "26")
    page.fill("#dato-aar", "2026")
    page.locator("main form button[type=submit]").click()
    summary = page.locator(".error-summary a")
    expect(summary).to_have_text({"da": "Datoen skal have en måned",
                                  "en": "The date must include a month"}[lang])
    summary.click()
    assert page.evaluate("document.activeElement.id") == "dato-maaned"
    expect(page.locator("#dato-dag")).to_have_value("26")
    # The boxes sit side by side, also on a phone.
    boxes = [page.locator(f"#dato-{part}").bounding_box() for part in ("dag", "maaned", "aar")]
    assert boxes[0]["y"] == boxes[1]["y"] == boxes[2]["y"]
    page.keyboard.type("11")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".deadline-date")).to_have_count(3)
    href = page.locator(".deadline-list a").first.get_attribute("href")
    assert href.endswith(".ics?dato=2026-11-26"), href
