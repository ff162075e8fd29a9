"""Full-page screenshots of the key pages at 375 px and 1280 px, for a person to look
at: test-artifacts/screenshots/<lang>-<page>-<width>.png (ignored by git)."""

import pytest
from browser_helpers import (
    DESKTOP,
    LANGS,
    PHONE,
    SELF,
    answer_quickly,
    fill_details,
    submit_question,
)

from tests.guide_helpers import url

pytestmark = pytest.mark.browser


ZOOMED = {"viewport": {"width": 640, "height": 400}}  # 1280 × 800 at 200 %


@pytest.mark.parametrize("size", [PHONE, DESKTOP, ZOOMED], ids=["375", "1280", "640"])
@pytest.mark.parametrize("lang", LANGS)
def test_key_pages(new_context, screenshot, lang, size):
    width = size["viewport"]["width"]
    page = new_context(**size).new_page()
    taken = []

    def shoot(name):
        # Web fonts first, so the picture shows the page as a person sees it.
        page.evaluate("document.fonts.ready.then(() => true)")
        taken.append(screenshot(page, f"{lang}-{name}-{width}"))

    page.goto(f"/{lang}/")
    shoot("home")
    page.goto(url(lang, "who"))
    shoot("question")
    submit_question(page, "who")
    page.locator(".error-summary").wait_for()
    shoot("error")
    answer_quickly(page, lang, SELF)
    page.goto(url(lang, "check"))
    shoot("check")
    page.goto(url(lang, "result"))
    shoot("result")
    page.goto(url(lang, "easy_result"))
    shoot("easy-result")
    page.goto({"da": "/da/let/saadan-soeger-du", "en": "/en/easy/apply"}[lang])
    shoot("easy")
    page.goto(url(lang, "apply"))
    fill_details(page, SELF)
    page.locator("#mailto-link").wait_for()
    shoot("email")
    page.goto(url(lang, "deadlines"))
    shoot("deadlines-empty")
    page.goto(url(lang, "deadlines") + "?brev=svar&dato=2026-11-26")
    assert page.url.endswith("?brev=svar&dato=2026-11-26")
    shoot("deadlines")
    page.goto({"da": "/da/saadan-virker-guiden", "en": "/en/how-the-guide-works"}[lang])
    shoot("how-the-guide-works")
    assert all(path.stat().st_size > 10_000 for path in taken)
