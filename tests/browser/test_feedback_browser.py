""""Was this page useful?" in a real browser: answered in place with JavaScript (no
cookie, the text scrubbed), the thanks page without it, and axe on the new pages."""

from datetime import date

import pytest
from browser_helpers import DESKTOP, PHONE, axe_violations
from playwright.sync_api import expect
from sqlalchemy import delete, select

from webapp.feedback import store
from webapp.feedback.views import limiter

pytestmark = pytest.mark.browser

TOPIC = {"da": "/da/serviceniveau/saadan-soeger-du", "en": "/en/service-level/apply"}
USAGE = {"da": "/da/saadan-bruges-siden", "en": "/en/how-the-site-is-used"}


@pytest.fixture
def database(live_server):
    """The live server's (in-memory) database, emptied before and after the test, and
    its limit of answers a minute counted afresh."""
    app = live_server.app

    def empty():
        with app.app_context():
            limiter.reset()
            for model in (store.PageAnswer, store.FunnelCount, store.Comment):
                store.db.session.execute(delete(model))
            store.db.session.commit()

    empty()
    yield app
    empty()


def test_no_answered_in_place_with_the_text_scrubbed_and_no_cookie(new_context, database, screenshot):
    context = new_context(**PHONE)
    page = context.new_page()
    page.goto(TOPIC["da"])
    reply = page.locator("[data-feedback]")
    reply.screenshot(path=str(screenshot(page, "feedback-topic-375").with_name("feedback-ask-375.png")))
    page.get_by_role("button", name="Nej").click()
    reply.get_by_text("Tak. Vi bruger dit svar").wait_for()
    assert page.url.endswith(TOPIC["da"])
    assert page.evaluate("document.activeElement.textContent").startswith("Tak.")
    assert page.locator("h1").count() == 1
    page.get_by_label("Hvad manglede du? (frivilligt)").fill("Mere om tider. Ring 20 30 40 50 eller mail bo@example.dk")
    screenshot(page, "feedback-no-in-place-375")
    reply.screenshot(path=str(screenshot(page, "feedback-no-in-place-375").with_name("feedback-reply-375.png")))
    assert axe_violations(page, context="[data-feedback]") == []
    reply.get_by_role("button", name="Send").click()
    reply.get_by_text("Vi har fået din tekst").wait_for()
    assert page.url.endswith(TOPIC["da"])
    assert context.cookies() == []
    with database.app_context():
        assert [c.text for c in store.db.session.scalars(select(store.Comment))] == \
            ["Mere om tider. Ring [fjernet] eller mail [fjernet]"]
        answers = store.db.session.scalars(select(store.PageAnswer)).all()
        assert [(a.path, a.answer, a.count) for a in answers] == [(TOPIC["da"], "no", 1)]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_without_javascript_the_thanks_page_asks_what_was_missing(new_context, database, screenshot, lang):
    context = new_context(**DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(TOPIC[lang])
    page.get_by_role("button", name="Nej" if lang == "da" else "No", exact=False).first.click()
    page.locator("textarea").wait_for()
    assert page.locator("h1").inner_text() == ("Tak for dit svar" if lang == "da" else "Thank you for your answer")
    screenshot(page, f"{lang}-feedback-thanks-nojs-1280")
    assert context.cookies() == []


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_new_pages_pass_axe(new_context, database, screenshot, lang):
    with database.app_context():
        for step, n in (("started", 31), ("result_likely", 17), ("result_unclear", 6),
                        ("result_unlikely", 2), ("email_application", 9), ("cleared", 4)):
            store.db.session.add(store.FunnelCount(day=date.today(), lang="da", step=step, count=n))
        for path, answer, n in ((TOPIC["da"], "yes", 12), (TOPIC["da"], "no", 5), ("/da/ordliste", "yes", 3)):
            store.db.session.add(store.PageAnswer(day=date.today(), path=path, lang="da", answer=answer, count=n))
        store.db.session.commit()
    for size, width in ((PHONE, 375), (DESKTOP, 1280)):
        page = new_context(**size).new_page()
        page.goto(USAGE[lang])
        assert page.locator("svg.bar-chart rect.bar").count() >= 5
        screenshot(page, f"{lang}-usage-{width}")
        assert axe_violations(page) == []
    page.goto(f"/{lang}/feedback/thanks?page={TOPIC[lang]}&answer=no".replace(
        "/da/feedback/thanks", "/da/tilbagemelding/tak"))
    assert axe_violations(page) == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang, send, thanks", [("da", "Send", "Tak. Vi bruger dit svar"),
                                               ("en", "Send", "Thank you. We will use your answer")])
def test_the_optional_text_may_be_left_empty(new_context, database, lang, send, thanks, javascript):
    page = new_context(**PHONE, java_script_enabled=javascript).new_page()
    page.goto(TOPIC[lang])
    page.locator("[data-feedback] button[value=no]").tap()
    box = page.get_by_label("(frivilligt)" if lang == "da" else "(optional)")
    box.wait_for()
    page.get_by_role("button", name=send, exact=True).tap()
    page.get_by_text(thanks).last.wait_for()
    expect(page.locator(".error-summary, .form-error-message")).to_have_count(0)
    expect(box).to_have_count(0)
    assert page.url.endswith(TOPIC[lang]) == javascript  # answered in place with JavaScript
    with database.app_context():
        assert store.db.session.scalars(select(store.Comment)).all() == []
        assert [a.answer for a in store.db.session.scalars(select(store.PageAnswer))] == ["no"]
