"""What a person meets with their hands (issue #21): Enter on a form, targets on a
phone, Escape in the time-limit dialog, the limit without JavaScript, the way on in the
first screen, buttons whose edge can be seen, the email page on a phone, titles."""

import re
import time

import pytest
from browser_helpers import (
    DESKTOP,
    DETAILS,
    LANGS,
    NO_JS,
    OUTCOMES,
    PHONE,
    RELATIVE,
    SELF,
    answer_quickly,
    email_page,
    steps,
    text,
)
from flask_babel import lazy_gettext
from playwright.sync_api import expect

from tests.guide_helpers import ends_at, url
from webapp.guide.statements import OUTCOMES as HEADINGS

pytestmark = pytest.mark.browser
JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
LOW = {"viewport": {"width": 640, "height": 400}}  # 1280 × 800 at 200 %
# Someone in a residential facility placed by Ballerup: the guide's longest path.
RESIDENTIAL = {**SELF, "housing": "residential", "placed_by": "ballerup"}


def box(locator):
    return locator.bounding_box()


@JAVASCRIPT
@pytest.mark.parametrize("lang", LANGS)
def test_enter_in_a_field_sends_the_form_not_the_language_button(new_context, lang, javascript):
    page = new_context(**PHONE, **({} if javascript else NO_JS)).new_page()
    page.goto(url(lang, "complaint"))
    page.fill("#name", DETAILS["name"])
    page.press("#name", "Enter")
    # Sent (and refused, as the other fields are empty) in the same language.
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.url.endswith(url(lang, "complaint")), page.url
    expect(page.locator("#name")).to_have_value(DETAILS["name"])

    answer_quickly(page, lang, SELF)
    page.goto(url(lang, "apply"))
    for field in ("name", "phone", "email"):
        page.fill(f"#{field}", DETAILS[field])
    page.press("#phone", "Enter")
    page.wait_for_url(ends_at(lang, "sending"))
    expect(page.locator("#email-to")).to_be_visible()


# Every control a finger meets on the guide's pages, with the smallest height and width
# it may have (a row of options: its height; the whole width is the label's).
TARGETS = {
    "main .button:visible": (44, 44),
    "main input.form-input:visible, main textarea:visible": (44, 44),
    "main .choice-list li:not(.choice-divider)": (44, 0),
    ".back-link": (44, 44),
    ".summary-action a": (44, 44),
    ".language-switch :is(a, button)": (44, 44),
    ".site-menu > summary": (44, 44),
}


def small_targets(page):
    found = []
    for selector, (height, width) in TARGETS.items():
        for element in page.locator(selector).all():
            size = box(element)
            if size and (size["height"] < height - 0.5 or size["width"] < width - 0.5):
                found.append(f"{selector} “{element.inner_text()[:30]}” {size['width']:.0f}×{size['height']:.0f}")
    return found


def rows_touch(page):
    """Option rows follow each other with no gap a tap could fall into (the "or" before
    "None of these" is a row of its own)."""
    rows = [box(row) for row in page.locator(".choice-list li").all()]
    return all(after["y"] <= before["y"] + before["height"] + 0.5 for before, after in zip(rows, rows[1:], strict=False))


@pytest.mark.parametrize("lang", LANGS)
def test_every_target_is_44_px_on_a_phone(new_context, lang):
    page = new_context(**PHONE).new_page()
    small = []
    page.goto(url(lang, "complaint"))
    small += small_targets(page)
    answer_quickly(page, lang, SELF)
    for key in ("needs", "timing"):
        page.goto(url(lang, key))
        small += small_targets(page)
        assert rows_touch(page), f"a gap between the options of {key}"
    # A hint under an option is part of its row: tapping it chooses the option.
    hint = box(page.locator("#answer-day-hint"))
    page.touchscreen.tap(hint["x"] + hint["width"] / 2, hint["y"] + hint["height"] / 2)
    expect(page.locator("#answer-day")).to_be_checked()
    for name in ("check", "result", "apply"):
        page.goto(url(lang, name))
        small += small_targets(page)
    page.goto(url(lang, "apply"))
    for field in ("name", "phone"):
        page.fill(f"#{field}", DETAILS[field])
    page.locator(f"form[action='{url(lang, 'apply')}'] button[type=submit]").click()
    page.wait_for_url(ends_at(lang, "sending"))
    small += small_targets(page)  # the copy buttons, shown with JavaScript
    assert not small, "under 44 px on a phone:\n" + "\n".join(small)


def contrast(first, second):
    def luminance(rgb):
        channels = [c / 255 for c in rgb]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


EDGE_AND_BACKGROUND = """button => {
  let behind = button.parentElement;
  while (behind && getComputedStyle(behind).backgroundColor.match(/rgba\\(.*, 0\\)|transparent/)) {
    behind = behind.parentElement;
  }
  return [getComputedStyle(button).borderTopColor, getComputedStyle(behind || document.body).backgroundColor];
}"""


def rgb(css):
    return [int(part) for part in re.findall(r"\d+", css)[:3]]


@pytest.mark.parametrize("lang", LANGS)
def test_the_edge_of_every_light_button_stands_out_3_to_1(new_context, lang):
    page = email_page(new_context, lang, DESKTOP)
    edges = []
    for where in (None, url(lang, "apply")):  # the copy buttons, "Start again"; "I need more time"
        if where:
            page.goto(where)
        edges += [(button.inner_text(), *button.evaluate(EDGE_AND_BACKGROUND))
                  for button in page.locator(".button-tertiary:visible").all()]
    assert len(edges) >= 5
    for name, edge, behind in edges:
        ratio = contrast(rgb(edge), rgb(behind))
        assert ratio >= 3, f"“{name}”: edge {edge} on {behind} is {ratio:.2f}:1"


def test_escape_gives_more_time_and_without_javascript_the_limit_clears_the_screen(
        short_expiry_server, browser):
    """One wait for both (the limit is 8 s here, the warning 5 s before): Escape in the
    dialog gives more time; without JavaScript the email page, with the name and phone on
    it, goes to the expired page at the limit."""
    base = {"base_url": short_expiry_server.url}
    pages = {lang: email_page(browser.new_context, lang, PHONE, **NO_JS, **base) for lang in LANGS}
    for lang, page in pages.items():
        refresh = page.locator("meta[http-equiv=refresh]")
        expect(refresh).to_have_attribute("content", f"8;url={url(lang, 'expired')}")
        expect(page.locator("main")).to_contain_text(DETAILS["phone"])

    with_js = browser.new_context(**DESKTOP, **base).new_page()
    answer_quickly(with_js, "da", SELF, upto="target")
    with_js.goto(url("da", "target"))
    started = time.monotonic()
    dialog = with_js.locator("#timeout-dialog")
    expect(dialog).to_be_visible(timeout=6000)
    with_js.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    try:
        time.sleep(max(0, 9 - (time.monotonic() - started)))
        # Past the first limit: the page with JavaScript is still there, its answers kept.
        assert with_js.url.endswith(url("da", "target"))
        # (The check page sends on to the first question not answered, not to "expired".)
        assert with_js.request.get(url("da", "check")).url.endswith(url("da", "target"))
        for lang, page in pages.items():
            page.wait_for_url(ends_at(lang, "expired"), timeout=5000)
            expect(page.locator("main")).not_to_contain_text(DETAILS["phone"])
    finally:
        with_js.context.close()
        for page in pages.values():
            page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_refresh_follows_more_time(new_context, lang):
    page = new_context(**DESKTOP, **NO_JS).new_page()
    answer_quickly(page, lang, SELF)
    page.goto(url(lang, "apply"))
    expect(page.locator("meta[http-equiv=refresh]")).to_have_attribute("content", f"1200;url={url(lang, 'expired')}")
    page.locator("button[value=more-time]").click()
    page.wait_for_url(ends_at(lang, "apply"))
    expect(page.locator("meta[http-equiv=refresh]")).to_have_attribute("content", f"12000;url={url(lang, 'expired')}")


def first_screen(page, selector):
    """The element's bottom edge is within the first screen (once the web fonts are in)."""
    page.evaluate("document.fonts.ready.then(() => true)")
    return box(page.locator(selector).first)["y"] + box(page.locator(selector).first)["height"] <= page.viewport_size["height"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_way_to_apply_is_in_the_results_first_screen(new_context, lang):
    for size in (PHONE, DESKTOP):
        page = new_context(**size).new_page()
        for outcome, answers in OUTCOMES.items():
            answer_quickly(page, lang, answers)
            page.goto(url(lang, "result"))
            apply_link = f"main .result-panel a[href='{url(lang, 'apply')}']"
            assert first_screen(page, apply_link), (outcome, size["viewport"], box(page.locator(apply_link)))


@pytest.mark.parametrize("lang", LANGS)
def test_each_question_and_continue_fit_a_low_screen(new_context, lang):
    page = new_context(**LOW).new_page()
    page.goto(url(lang, "who"))  # without answers (with them, it first offers to go on)
    assert first_screen(page, f"form[action='{url(lang, 'who')}'] button[type=submit]")
    # For another person: the longer wording of the two.
    for answers in ({**RELATIVE, "housing": "residential", "placed_by": "ballerup"},):
        answer_quickly(page, lang, answers)
        for key in steps(answers)[1:]:
            page.goto(url(lang, key))
            continue_button = f"form[action='{url(lang, key)}'] button[type=submit]"
            assert first_screen(page, continue_button), (answers["who"], key, box(page.locator(continue_button)))


@JAVASCRIPT
@pytest.mark.parametrize("lang", LANGS)
def test_a_phone_is_told_what_to_do_when_no_mail_program_opens(new_context, lang, javascript):
    page = email_page(new_context, lang, PHONE, **({} if javascript else NO_JS))
    help_text = page.locator("#mailto-help")
    if javascript:
        expect(help_text).to_be_hidden()
        page.evaluate("document.getElementById('mailto-link').addEventListener('click', e => e.preventDefault())")
        page.locator("#mailto-link").tap()
    expect(help_text.locator(".for-touch")).to_be_visible()
    expect(help_text.locator(".for-mouse")).to_be_hidden()
    # The words for a phone, and a way to the text to copy.
    assert {"da": "hold fingeren", "en": "press and hold"}[lang] in help_text.inner_text()
    help_text.locator("a[href='#body']").tap()
    expect(page.locator("#body")).to_be_in_viewport()
    # No Ctrl+P on a phone.
    assert "Ctrl+P" not in page.locator("main").inner_text()
    # The way to correct the details comes before the ways to send.
    change = box(page.locator("form:has(input[name=action][value=edit]) button"))
    assert change["y"] < box(page.locator("#ways"))["y"]
    # Back goes to the details as typed, not past them to the result.
    page.locator(".back-link").tap()
    page.wait_for_url(ends_at(lang, "apply"))
    expect(page.locator("#name")).to_have_value(DETAILS["name"])


@pytest.mark.parametrize("lang", LANGS)
def test_outcome_pages_have_a_neutral_title(new_context, live_server, lang):
    page = new_context(**DESKTOP).new_page()
    answer_quickly(page, lang, SELF)
    for name in ("result", "easy_result"):
        page.goto(url(lang, name))
        assert page.title().startswith(text(live_server.app, lang, lazy_gettext("Your result"))), page.title()
    heading = text(live_server.app, lang, HEADINGS["likely"][0][0])
    assert heading not in page.title()
    page.goto(url(lang, "result"))
    expect(page.locator("h1")).to_have_text(heading)
    assert heading not in page.title()
    # After "Finish and clear", Back says the answers were cleared, and how: not as if
    # only the time limit had run out.
    page.locator(f".guide-tools form[action='{url(lang, 'finish')}'] button").click()
    page.wait_for_url(ends_at(lang, "cleared"))
    page.go_back()
    page.wait_for_url(ends_at(lang, "expired"))
    expect(page.locator("main .font-lead")).to_contain_text({"da": "»Afslut og ryd«", "en": "“Finish and clear”"}[lang])


@JAVASCRIPT
@pytest.mark.parametrize("lang", LANGS)
def test_the_language_switch_on_a_question_keeps_the_choice_and_the_way_back(new_context, lang, javascript):
    other = "en" if lang == "da" else "da"
    page = new_context(**DESKTOP, **({} if javascript else NO_JS)).new_page()
    answer_quickly(page, lang, SELF)
    page.goto(url(lang, "check"))
    page.locator(f".summary-action a[href='{url(lang, 'needs')}?return=check']").click()
    page.locator("label[for='answer-support_care']").click()  # ticked, not sent
    page.locator(".language-switch button").click()
    page.wait_for_url(re.compile(re.escape(url(other, "needs")) + r"\?return=check$"))
    expect(page.locator("#answer-support_care")).to_be_checked()
    expect(page.locator("#answer-social_skills")).to_be_checked()
    expect(page.locator(".error-summary")).to_have_count(0)
    # Enter, too, sends the question, never the language button.
    page.press("#answer-support_care", "Enter")
    page.wait_for_url(ends_at(other, "check"))
    expect(page.locator(".summary-list")).to_contain_text(
        {"da": "Støtte og omsorg", "en": "Support and care"}[other])


@pytest.mark.parametrize("lang", LANGS)
def test_the_step_count_never_jumps(new_context, lang):
    page = new_context(**PHONE).new_page()
    page.goto(url(lang, "who"))
    counts = []
    for key in steps(RESIDENTIAL):
        page.wait_for_url(ends_at(lang, key))
        counts.append(tuple(int(n) for n in re.findall(r"\d+", page.locator(".step-count").inner_text())))
        page.locator(f"label[for='answer-{RESIDENTIAL[key] if isinstance(RESIDENTIAL[key], str) else RESIDENTIAL[key][0]}']").tap()
        page.locator(f"form[action='{url(lang, key)}'] button[type=submit]").tap()
    assert [step for step, _total in counts] == list(range(1, len(counts) + 1)), counts
    assert {total for _step, total in counts} == {len(counts)}, counts
