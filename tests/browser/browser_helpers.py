"""Walking the guide in a real browser, and small checks shared by the browser tests."""

import re
from urllib.parse import urlencode

from flask_babel import force_locale

from tests.guide_helpers import ends_at, url
from webapp.guide.questions import BY_KEY, applicable

LANGS = ("da", "en")

# The viewports the journeys run at, and a context without JavaScript.
PHONE = {"viewport": {"width": 375, "height": 667}, "has_touch": True, "is_mobile": True,
         "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
NO_JS = {"java_script_enabled": False}
ERROR_PREFIX = {"da": "Fejl:", "en": "Error:"}

# Answers that lead to "it looks like you can apply", for the person themself
# and for a relative (the apply form then also asks for the applicant's name).
SELF = {"who": "self", "residence": "yes", "target": "yes",
        "needs": ["social_skills", "social_contact"], "housing": "own_home",
        "timing": "both", "transport": "no"}
RELATIVE = {**SELF, "who": "relative", "needs": ["support_care"], "housing": "family",
            "timing": "evening", "transport": "unsure"}
# One set of answers per result outcome.
OUTCOMES = {
    "likely": SELF,
    "unclear": {**SELF, "target": "unsure"},
    "unlikely": {**SELF, "needs": ["none"]},
}
# Lives in another municipality, not in a botilbud: the guide ends after the home.
ELSEWHERE = {"who": "guardian", "residence": "no", "housing": "own_home"}

DETAILS = {"name": "Åse Testesen", "phone": "12 34 56 78", "email": "aase@example.dk",
           "best_time": "Formiddag", "message": "Jeg vil gerne møde andre & lave noget #sammen?"}
APPLICANT = "Bo Hjælpersen"


def text(app, lang, message):
    """A UI string (lazy or plain msgid) as the app shows it in `lang`."""
    with app.app_context(), force_locale(lang):
        return str(message)


def steps(answers):
    return [q.key for q in applicable(answers)]


def page_language(page):
    return re.search(r"//[^/]+/(da|en)/", page.url).group(1)


def question_form(page, key):
    return page.locator(f"form[action='{url(page_language(page), key)}']")


def submit_question(page, key, how="click"):
    button = question_form(page, key).locator("button[type=submit]")
    getattr(button, how)()


def choose(page, key, value, how="click"):
    """Choose one option (or tick several), clicking or tapping the label as a person does."""
    values = value if isinstance(value, list) else [value]
    for item in values:
        getattr(page.locator(f"label[for='answer-{item}']"), how)()


def answer_in_browser(page, lang, answers, how="click", start=True):
    """Answer every question that applies, from the first, through the page's own forms.
    Ends on the check-your-answers page."""
    if start:
        page.goto(f"/{lang}/guide/")
        getattr(page.locator("main a.button-start"), how)()
    for key in steps(answers):
        page.wait_for_url(ends_at(lang, key))
        choose(page, key, answers[key], how)
        submit_question(page, key, how)
    page.wait_for_url(ends_at(lang, "check"))


def fill_details(page, answers, details=DETAILS, how="click", form="apply"):
    """Fill in and send the application form (`form="easy_apply"`: the easy one)."""
    page.fill("#name", details["name"])
    if answers["who"] != "self":
        page.fill("#applicant_name", APPLICANT)
    for field in ("phone", "email", "best_time", "message"):
        page.fill(f"#{field}", details[field])
    apply_url = url(page_language(page), form)
    getattr(page.locator(f"form[action='{apply_url}'] button[type=submit]"), how)()


def journey_to_email(page, lang, answers=SELF, how="click"):
    """Home page → the first question → check → result → details → the email page."""
    page.goto(f"/{lang}/")
    getattr(page.locator("main a.button-start"), how)()
    answer_in_browser(page, lang, answers, how, start=False)
    getattr(page.locator(f"main a[href='{url(lang, 'result')}']"), how)()
    page.wait_for_url(ends_at(lang, "result"))
    getattr(page.locator(f"main a[href='{url(lang, 'apply')}']"), how)()
    page.wait_for_url(ends_at(lang, "apply"))
    fill_details(page, answers, how=how)
    page.locator("#mailto-link").wait_for()


# Quick set-up through the context's own HTTP client (it shares the browser's
# cookies), for tests that are about a state, not about getting there.

def csrf_token(page, url):
    html = page.request.get(url).text()
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'data-csrf="([^"]+)"', html)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def post_form(page, url, fields, token=None):
    """POST a form as the browser would (with the session's CSRF token); returns the response."""
    token = token or csrf_token(page, url)
    pairs = [("csrf_token", token)]
    for name, value in fields.items():
        pairs += [(name, item) for item in (value if isinstance(value, list) else [value])]
    return page.request.post(url, data=urlencode(pairs), max_redirects=0, headers={
        "Content-Type": "application/x-www-form-urlencoded"})


def answer_quickly(page, lang, answers, upto=None):
    """Save answers in the session without rendering each page; stop before `upto`."""
    token = csrf_token(page, url(lang, "who"))
    for key in steps(answers):
        if key == upto:
            break
        response = post_form(page, url(lang, key), {"answer": answers[key]}, token)
        assert response.status == 302, (key, response.status)


def tab_to(page, selector, limit=80):
    """Press Tab until the focused element matches `selector`; keyboard only."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)",
                         selector):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector} on {page.url}")


def checked_answers(page):
    return page.locator("input[name=answer]:checked").count()


def question_title(app, lang, key, for_self=True):
    return text(app, lang, BY_KEY[key].heading(for_self))


# Accessibility checks shared by the tests.

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


def axe_violations(page, context=None):
    """axe-core's WCAG 2.2 A/AA violations on the page, one readable line per element."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context, options=AXE_OPTIONS)
    lines = []
    for violation in results.response["violations"]:
        lines.append(f"axe {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {target}: {summary[:300]}")
    return lines


def email_page(new_context, lang, size, details=DETAILS, **options):
    """A new page in a context of `size`, on the email page after answering for yourself."""
    page = new_context(**size, **options).new_page()
    answer_quickly(page, lang, SELF)
    page.goto(url(lang, "apply"))
    fill_details(page, SELF, details)
    page.wait_for_url(ends_at(lang, "sending"))
    return page
