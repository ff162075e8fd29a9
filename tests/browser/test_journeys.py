"""Journeys through the guide as people make them: on a phone, at a desk, without
JavaScript, with the keyboard only, switching language, making a mistake."""

import time

import pytest
from browser_helpers import (
    APPLICANT,
    DESKTOP,
    DETAILS,
    ERROR_PREFIX,
    LANGS,
    NO_JS,
    PHONE,
    RELATIVE,
    SELF,
    answer_quickly,
    axe_violations,
    choose,
    fill_details,
    journey_to_email,
    question_title,
    steps,
    submit_question,
    tab_to,
    text,
)
from playwright.sync_api import expect

from tests.guide_helpers import ends_at, url
from webapp.guide.questions import BY_KEY

pytestmark = pytest.mark.browser

FRONTEN = "ss-front@balk.dk"


def check_email_page(page, lang, answers, javascript=True):
    expect(page.locator("h1")).to_be_visible()
    href = page.locator("#mailto-link").get_attribute("href")
    assert href.startswith(f"mailto:{FRONTEN}?subject="), href
    assert "&body=" in href
    body = page.locator("#body").input_value()
    assert DETAILS["name"] in body
    assert DETAILS["phone"] in body
    if answers["who"] != "self":
        assert APPLICANT in body
    # The QR code is for a computer (a mouse): a touch phone sends from its own mail app.
    if page.evaluate("matchMedia('(any-pointer: fine)').matches"):
        expect(page.locator("figure.qr-code svg")).to_be_visible()
    else:
        expect(page.locator("figure.qr-code svg")).to_be_hidden()
    if lang == "en":
        expect(page.locator(".email-english")).to_be_visible()
    # Copy and Print are enhancements: shown with JavaScript, absent without.
    for button in (".js-copy", ".js-print"):
        if javascript:
            expect(page.locator(button).first).to_be_visible()
        else:
            expect(page.locator(button).first).to_be_hidden()
    width = page.viewport_size["width"]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"sideways scrolling on the email page: {scroll} > {width}"


@pytest.mark.parametrize("lang", LANGS)
def test_whole_guide_on_a_phone(phone_page, lang):
    page = phone_page
    journey_to_email(page, lang, SELF, how="tap")
    check_email_page(page, lang, SELF)


@pytest.mark.parametrize("lang", LANGS)
def test_whole_guide_at_a_desk_for_someone_else(desktop_page, lang):
    page = desktop_page
    journey_to_email(page, lang, RELATIVE)
    check_email_page(page, lang, RELATIVE)


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("lang", LANGS)
def test_whole_guide_without_javascript(new_context, lang, size):
    viewport = PHONE if size == "phone" else DESKTOP
    page = new_context(**viewport, **NO_JS).new_page()
    answers = SELF if size == "phone" else RELATIVE
    journey_to_email(page, lang, answers, how="tap" if size == "phone" else "click")
    check_email_page(page, lang, answers, javascript=False)


@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_only_from_home_to_email(new_context, lang):
    """Tab, Space and Enter only: no mouse click anywhere."""
    page = new_context(**DESKTOP).new_page()
    keys = page.keyboard
    page.goto(f"/{lang}/")
    tab_to(page, "main a.button-start")
    keys.press("Enter")
    for key in steps(SELF):
        page.wait_for_url(ends_at(lang, key))
        values = SELF[key] if isinstance(SELF[key], list) else [SELF[key]]
        first = BY_KEY[key].options[0].value
        if BY_KEY[key].multiple:
            for value in values:
                tab_to(page, f"#answer-{value}")
                keys.press("Space")
        else:
            # Tab enters a radio group at its first option; arrows move within it.
            tab_to(page, f"#answer-{first}")
            keys.press("Space")
            order = [o.value for o in BY_KEY[key].options]
            for _ in range(order.index(values[0])):
                keys.press("ArrowDown")
        expect(page.locator(f"#answer-{values[0]}")).to_be_checked()
        tab_to(page, f"form[action='{url(lang, key)}'] button[type=submit]")
        keys.press("Enter")
    page.wait_for_url(ends_at(lang, "check"))
    tab_to(page, f"main a[href='{url(lang, 'result')}']")
    keys.press("Enter")
    page.wait_for_url(ends_at(lang, "result"))
    tab_to(page, f"main a[href='{url(lang, 'apply')}']")
    keys.press("Enter")
    page.wait_for_url(ends_at(lang, "apply"))
    for field in ("name", "phone", "email", "best_time", "message"):
        tab_to(page, f"#{field}")
        keys.type(DETAILS[field])
    tab_to(page, f"form[action='{url(lang, 'apply')}'] button[type=submit]")
    keys.press("Enter")
    page.locator("#mailto-link").wait_for()
    check_email_page(page, lang, SELF)
    # The copy button is reachable and works from the keyboard too.
    tab_to(page, ".js-copy")


@pytest.mark.parametrize("lang", LANGS)
def test_switch_language_in_the_middle_keeps_answers(live_server, new_context, lang):
    other = "en" if lang == "da" else "da"
    page = new_context(**DESKTOP).new_page()
    page.goto(url(lang, "who"))
    for key in ("who", "residence", "housing", "target"):
        choose(page, key, SELF[key])
        submit_question(page, key)
    page.wait_for_url(ends_at(lang, "needs"))
    page.locator("main a.back-link").click()
    page.wait_for_url(ends_at(lang, "target"))

    page.locator("nav.language-switch :is(a, button)").click()
    page.wait_for_url(ends_at(other, "target"))
    assert page.locator("html").get_attribute("lang") == other
    expect(page.locator("h1")).to_have_text(question_title(live_server.app, other, "target"))
    expect(page.locator("#answer-yes")).to_be_checked()

    submit_question(page, "target")
    page.wait_for_url(ends_at(other, "needs"))
    for key in steps(SELF)[steps(SELF).index("needs"):]:
        page.wait_for_url(ends_at(other, key))
        choose(page, key, SELF[key])
        submit_question(page, key)
    page.wait_for_url(ends_at(other, "check"))
    rows = page.locator(".summary-list .summary-row")
    expect(rows).to_have_count(len(steps(SELF)))
    myself = text(live_server.app, other, BY_KEY["who"].options[0].label)
    expect(rows.first.locator("dd").first).to_have_text(myself)


@pytest.mark.parametrize("lang", LANGS)
def test_error_state_and_recovery(live_server, new_context, lang):
    page = new_context(**DESKTOP).new_page()
    page.goto(url(lang, "who"))
    submit_question(page, "who")

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    assert page.title().startswith(ERROR_PREFIX[lang] + " "), page.title()
    error = text(live_server.app, lang, BY_KEY["who"].error_missing)
    expect(summary.locator("a")).to_have_text([error])
    expect(page.locator(".form-error-message")).to_contain_text(error)
    # The summary links to the field, and following the link puts focus there.
    link = summary.locator("a")
    assert link.get_attribute("href") == "#answer-self"
    link.click()
    assert page.evaluate("document.activeElement.id") == "answer-self"

    # Recovery: choose, continue, and the error is gone.
    choose(page, "who", "self")
    submit_question(page, "who")
    page.wait_for_url(ends_at(lang, "residence"))
    expect(page.locator(".error-summary")).to_have_count(0)
    assert not page.title().startswith(ERROR_PREFIX[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_apply_form_errors_keep_the_input(new_context, lang):
    page = new_context(**DESKTOP).new_page()
    answer_quickly(page, lang, SELF)
    page.goto(url(lang, "apply"))
    page.fill("#best_time", "Kl. 9-12")
    page.locator(f"form[action='{url(lang, 'apply')}'] button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.title().startswith(ERROR_PREFIX[lang] + " "), page.title()
    hrefs = page.locator(".error-summary a").evaluate_all("links => links.map(a => a.hash)")
    assert hrefs == ["#name", "#phone"], hrefs
    expect(page.locator("#best_time")).to_have_value("Kl. 9-12")
    page.locator(".error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "name"
    fill_details(page, SELF)
    page.locator("#mailto-link").wait_for()


@pytest.mark.parametrize("lang", LANGS)
def test_copy_button_copies_the_exact_text(new_context, lang):
    context = new_context(**DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    answer_quickly(page, lang, SELF)
    page.goto(url(lang, "apply"))
    fill_details(page, SELF)
    body = page.locator("#body")
    # The citizen may change the text first: the copy is of what is in the box.
    body.press("Control+End")
    body.press_sequentially("\nVenlig hilsen, Åse ✓")
    page.locator(".js-copy[data-copy-target=body]").click()
    expect(page.locator(".copy-status")).not_to_be_empty()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == body.input_value()
    assert copied.endswith("Venlig hilsen, Åse ✓")


@pytest.mark.parametrize("lang", LANGS)
def test_print_shows_the_result_without_navigation(new_context, lang):
    page = new_context(**DESKTOP).new_page()
    answer_quickly(page, lang, SELF)
    page.goto(url(lang, "result"))
    page.emulate_media(media="print")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".in-short")).to_be_visible()
    expect(page.locator(".result-groups")).to_be_visible()
    for hidden in (".site-nav-wide", ".site-menu", ".language-switch", ".guide-tools", ".site-footer"):
        expect(page.locator(hidden)).to_be_hidden()
    page.emulate_media(media="screen")
    expect(page.locator(".site-nav-wide")).to_be_visible()


def _guide_started(browser, server, lang, **options):
    """A new context on `server` with the first question answered; returns its page."""
    context = browser.new_context(base_url=server.url, **DESKTOP, **options)
    page = context.new_page()
    page.goto(url(lang, "who"))
    choose(page, "who", "self")
    submit_question(page, "who")
    page.wait_for_url(ends_at(lang, "residence"))
    return page


# The idle tests wait for real time to pass, so each runs Danish and English side
# by side in two contexts: the waiting is shared.

def test_idle_warning_can_be_extended(browser, short_expiry_server):
    """Answers expire after 8 s on this server; the warning shows 5 s before."""
    pages = {lang: _guide_started(browser, short_expiry_server, lang) for lang in LANGS}
    try:
        for page in pages.values():
            expect(page.locator("#timeout-dialog")).to_be_hidden()
        # Twice: each "more time" restarts the clock, so the answers outlive the first 8 s.
        for round_ in range(2):
            for lang, page in pages.items():
                dialog = page.locator("#timeout-dialog")
                expect(dialog).to_be_visible(timeout=7000)
                expect(dialog.locator(".timeout-countdown")).not_to_be_empty()
                if round_ == 0:
                    problems = axe_violations(page)
                    assert not problems, f"the open dialog ({lang}):\n" + "\n".join(problems)
                    # The dialog is modal: focus is inside it.
                    assert page.evaluate(
                        "document.getElementById('timeout-dialog').contains(document.activeElement)")
                dialog.locator("[data-extend]").click()
                expect(dialog).to_be_hidden()
        for lang, page in pages.items():
            page.wait_for_timeout(1000)
            assert page.url.endswith(url(lang, "residence"))
            page.goto(url(lang, "who"))
            expect(page.locator("#answer-self")).to_be_checked()
    finally:
        for page in pages.values():
            page.context.close()


def test_idle_expiry_clears_the_answers(browser, short_expiry_server):
    """With JavaScript the page goes to "your answers were cleared" by itself;
    without it, the next page the person asks for says so."""
    with_js = {lang: _guide_started(browser, short_expiry_server, lang) for lang in LANGS}
    without_js = {lang: _guide_started(browser, short_expiry_server, lang, **NO_JS)
                  for lang in LANGS}
    last_activity = time.monotonic()
    try:
        for page in with_js.values():
            expect(page.locator("#timeout-dialog")).to_be_visible(timeout=7000)
        for lang, page in with_js.items():
            page.wait_for_url(ends_at(lang, "expired"), timeout=12000)
            expect(page.locator("main a.button-primary[href$='/guide/']")).to_be_visible()
        # 8 s after the last request (and a second for the clock's rounding).
        time.sleep(max(0, last_activity + 9 - time.monotonic()))
        for lang, page in without_js.items():
            page.reload()
            page.wait_for_url(ends_at(lang, "expired"))
            expect(page.locator("h1")).to_have_text(with_js[lang].locator("h1").inner_text())
        for lang, page in [*with_js.items(), *without_js.items()]:
            page.goto(url(lang, "who"))
            expect(page.locator("input[name=answer]:checked")).to_have_count(0)
            assert not [c for c in page.context.cookies() if "answers" in c["value"]]
    finally:
        for page in [*with_js.values(), *without_js.values()]:
            page.context.close()
