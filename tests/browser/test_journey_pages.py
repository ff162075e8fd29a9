"""The pages a person walks through (issue 14): finishing where you send, the QR code by
pointer type, focus on the error summary, the deadline calculator asking which letter,
and what fits in the first screen. (The easy result's way to apply is in
test_easy_sending.py.)"""

import re
import shutil
import subprocess
from datetime import date
from urllib.parse import quote

import pytest
from babel.dates import format_date
from browser_helpers import (
    DESKTOP,
    DETAILS,
    LANGS,
    NO_JS,
    PHONE,
    SELF,
    answer_quickly,
    email_page,
    journey_to_email,
    submit_question,
)
from playwright.sync_api import expect

from tests.guide_helpers import ends_at, url
from webapp import deadlines
from webapp.i18n import BABEL_LOCALES

pytestmark = pytest.mark.browser

# A 1280 × 800 library screen at 200 % zoom, with a mouse.
ZOOMED = {"viewport": {"width": 640, "height": 400}}
FINISH = {"da": "Jeg har sendt den – afslut og ryd", "en": "I have sent it – finish and clear"}
LONG_TEXT = "Jeg vil gerne møde andre og lave noget sammen med dem i løbet af ugen. " * 14  # 990 characters


def long_date(day, lang):
    return format_date(day, "full", locale=BABEL_LOCALES[lang])


# Finish where you send.

@pytest.mark.parametrize("lang, close", [("da", "luk browservinduet"), ("en", "close the browser window")])
def test_what_happens_next_and_finish_come_right_under_the_ways_to_send(new_context, lang, close):
    page = email_page(new_context, lang, DESKTOP)
    ways = page.locator(".send-options").bounding_box()
    finish = page.get_by_role("button", name=FINISH[lang])
    box = finish.bounding_box()
    gap = box["y"] - (ways["y"] + ways["height"])
    assert 0 < gap < 400, gap  # was at y = 2,667, below the text and the English rendering
    after = page.locator(".after-sending")
    expect(after).to_contain_text(long_date(deadlines.latest_answer(date.today()), lang))
    expect(after).to_contain_text("44 77 34 43")
    finish.click()
    page.wait_for_url(ends_at(lang, "cleared"))
    expect(page.locator("main")).to_contain_text(close)


def test_the_complaint_says_when_the_answer_comes_and_who_to_call(new_context):
    page = new_context(**PHONE).new_page()
    page.goto(url("da", "complaint"))
    page.fill("#name", DETAILS["name"])
    page.fill("#phone", DETAILS["phone"])
    page.fill("#message", "Jeg er uenig i, at jeg kun får 1 dag om ugen.")
    page.locator(f"form[action='{url('da', 'complaint')}'] button[type=submit]").tap()
    after = page.locator(".after-sending")
    expect(after).to_contain_text(long_date(deadlines.complaint_answer_by(date.today()), "da"))
    expect(after).to_contain_text("sagsbehandler")
    expect(page.get_by_role("button", name=FINISH["da"])).to_be_visible()


def test_taps_from_home_to_a_ready_email_on_a_phone(new_context):
    lang = "da"  # the words are checked in both languages above
    page = new_context(**PHONE).new_page()
    taps = []
    page.on("framenavigated", lambda frame: taps.append(frame.url) if frame == page.main_frame else None)
    journey_to_email(page, lang, SELF, how="tap")
    # Home, 7 questions, check, result, form, email page: no start page in between.
    assert not any(re.search(r"/guide/$", address) for address in taps), taps
    ways = page.locator(".send-options").bounding_box()
    finish = page.get_by_role("button", name=FINISH[lang]).bounding_box()
    assert 0 < finish["y"] - (ways["y"] + ways["height"]) < 500, (ways, finish)


# QR where it works.

@pytest.mark.parametrize("size", [ZOOMED, DESKTOP], ids=["640-zoomed", "1280"])
def test_a_computer_with_a_mouse_shows_the_qr_code_at_any_zoom(new_context, size):
    page = email_page(new_context, "da", size, java_script_enabled=False)
    expect(page.locator("figure.qr-code svg")).to_be_visible()
    expect(page.locator("#mailto-help")).to_be_visible()  # no mail program may be set up


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_touch_phone_gets_no_qr_code(new_context, javascript):
    # What a phone is told when no mail program opens: tests/browser/test_hands.py.
    page = email_page(new_context, "en", PHONE, java_script_enabled=javascript)
    expect(page.locator("figure.qr-code svg")).to_be_hidden()


@pytest.mark.skipif(not shutil.which("zbarimg"), reason="zbarimg (Debian: zbar-tools) is missing")
@pytest.mark.parametrize("lang, qr_note", [("da", "kun starten af teksten"), ("en", "holds only the start")])
def test_a_cut_text_is_said_at_the_qr_code_and_the_phone_never_asked_to_copy(
        new_context, lang, qr_note, tmp_path):
    page = email_page(new_context, lang, {**DESKTOP, "device_scale_factor": 3},
                      {**DETAILS, "message": LONG_TEXT})
    note = page.locator(".send-phone .qr-cut")
    expect(note).to_be_visible()
    expect(note).to_contain_text(qr_note)
    expect(note).to_contain_text("Digital Post")
    # The mail program's link opens beside the page, so it may ask to copy from it; the
    # QR code's email opens on a phone away from the page, so it says only that it is cut.
    copy = quote("Kopiér den fra siden")
    assert copy in page.locator("#mailto-link").get_attribute("href")
    shot = tmp_path / "qr.png"
    page.locator("figure.qr-code svg").screenshot(path=shot)
    scanned = subprocess.run(["zbarimg", "--quiet", "--raw", str(shot)], capture_output=True,
                             text=True, check=True).stdout.strip()
    assert scanned.startswith("mailto:ss-front@balk.dk?subject=")
    assert copy not in scanned and quote("for lang til en QR-kode") in scanned


# Focus on the error summary.

FORMS = {
    "question": lambda page, lang: (page.goto(url(lang, "who")), submit_question(page, "who")),
    "deadlines": lambda page, lang: page.goto(url(lang, "deadlines") + "?dato-dag=31&dato-maaned=2&dato-aar=2026"),
    "complaint": lambda page, lang: (page.goto(url(lang, "complaint")), page.locator(
        f"form[action='{url(lang, 'complaint')}'] button[type=submit]").click()),
    "apply": lambda page, lang: (answer_quickly(page, lang, SELF), page.goto(url(lang, "apply")), page.locator(
        f"form[action='{url(lang, 'apply')}'] button[type=submit]").click()),
}


# Without JavaScript the autofocus attribute does it; the script only repeats it.
@pytest.mark.parametrize("form, javascript", [*((form, False) for form in FORMS), ("question", True)])
def test_after_an_error_the_summary_has_the_focus(new_context, form, javascript):
    page = new_context(**DESKTOP, java_script_enabled=javascript).new_page()
    FORMS[form](page, "da")
    expect(page.locator(".error-summary")).to_be_focused()
    page.keyboard.press("Tab")  # the next Tab is the summary's first link, not the header
    assert page.evaluate("document.activeElement.closest('.error-summary') !== null")


# Easy read.

def test_an_old_english_easy_url_lands_on_the_danish_one(page):
    page.goto("/da/let/costs-and-transport")
    assert page.url.endswith("/da/let/hvad-koster-det")
    page.get_by_role("link", name="Start guiden").click()
    page.wait_for_url(ends_at("da", "who"))


# Layout.

@pytest.mark.parametrize("lang", LANGS)
def test_the_home_start_button_is_in_the_first_phone_screen_and_goes_to_question_1(phone_page, lang):
    page = phone_page
    page.goto(f"/{lang}/")
    button = page.locator("main a.button-start")
    box = button.bounding_box()
    assert box["y"] + box["height"] <= 667, box
    button.tap()
    page.wait_for_url(ends_at(lang, "who"))


@pytest.mark.parametrize("key, first", [("who", "self"), ("target", "yes"), ("timing", "day")])
def test_at_200_percent_zoom_the_header_is_slim_and_the_first_answer_in_view(new_context, key, first):
    page = new_context(**ZOOMED).new_page()
    answer_quickly(page, "da", SELF, upto=key)
    page.goto(url("da", key))
    expect(page.locator(".site-menu summary")).to_be_visible()
    option = page.locator(f"label[for='answer-{first}']").bounding_box()
    assert option["y"] + option["height"] <= 400, option


def test_option_hints_line_up_with_their_labels(desktop_page):
    page = desktop_page
    answer_quickly(page, "da", SELF, upto="timing")
    page.goto(url("da", "timing"))
    text_x = page.evaluate("""() => {
      const start = (el) => { const r = document.createRange(); r.selectNodeContents(el.firstChild);
                              return r.getBoundingClientRect().x; };
      return [start(document.querySelector("label[for='answer-day']")),
              start(document.querySelector("#answer-day-hint"))]; }""")
    assert abs(text_x[0] - text_x[1]) < 1, text_x


@pytest.mark.parametrize("lang, letter, title", [
    ("da", "Jeg fik afgørelsen", "Sidste dag for at klage over afgørelsen"),
    ("en", "I received the decision", "Last day to complain about the decision"),
])
def test_the_calculator_asks_which_letter_and_answers_it_in_the_first_phone_screen(
        phone_page, lang, letter, title):
    page = phone_page
    page.goto(url(lang, "deadlines"))
    page.get_by_label(letter).check()
    for part, value in (("dag", "26"), ("maaned", "11"), ("aar", "2026")):
        page.fill(f"#dato-{part}", value)
    page.locator(f"form[action='{url(lang, 'deadlines')}'] button[type=submit]").tap()
    page.wait_for_url(re.compile(r"brev=klage"))
    first = page.locator(".deadline-list h3").first
    expect(first).to_have_text(title)
    date_box = page.locator(".deadline-date").first.bounding_box()
    assert date_box["y"] + date_box["height"] <= 667, date_box
    expect(page.locator(".deadline-date").first).to_contain_text("28")  # 24 December is closed
    expect(page.get_by_label(letter)).to_be_checked()


@pytest.mark.parametrize("lang, hint, button, javascript", [
    ("da", "tryk Ctrl+P", "Udskriv", True), ("da", "tryk Ctrl+P", "Udskriv", False),
    ("en", "press Ctrl+P", "Print", False)])
def test_printing_has_a_button_with_javascript_and_a_hint_without(new_context, lang, hint, button, javascript):
    page = email_page(new_context, lang, DESKTOP, java_script_enabled=javascript)
    print_way = page.locator("#way-print + p")
    if javascript:
        expect(print_way.get_by_role("button", name=button)).to_be_visible()
        expect(print_way.locator(".print-hint")).to_be_hidden()
    else:
        expect(print_way.locator(".print-hint")).to_contain_text(hint)
        expect(print_way.locator(".print-hint")).to_be_visible()


def test_no_javascript_needed_to_see_the_easy_guide_link(new_context):
    page = new_context(**PHONE, **NO_JS).new_page()
    page.goto("/da/let/")
    expect(page.locator(".easy-guide-link a.button")).to_be_visible()
