"""Every page of the site and every state of the guide, in both languages:
axe-core (WCAG 2.2 A/AA) finds nothing, no sideways scrolling at 320 px, still
readable at 200% zoom, and the keyboard focus is always visible."""


import pytest
from browser_helpers import (
    DESKTOP,
    DETAILS,
    ELSEWHERE,
    LANGS,
    OUTCOMES,
    PHONE,
    RELATIVE,
    SELF,
    answer_quickly,
    axe_violations,
    fill_details,
    steps,
    submit_question,
)

from tests.guide_helpers import ends_at, topic_url, url
from webapp.pages import EASY_SLUGS

pytestmark = pytest.mark.browser

TOPICS = ("about", "who-can-get-it", "what-you-get", "costs-and-transport", "your-part",
          "apply", "complaints", "legal")


def _goto(path):
    return lambda page, lang: page.goto(f"/{lang}{path}")


def _open(name, query=""):
    """A page by its name in tests/guide_helpers.py PATHS."""
    return lambda page, lang: page.goto(url(lang, name) + query)
def _localised(paths):
    """A page whose URL is in each language's own words: {"da": "/da/let/", "en": "/en/easy/"}."""
    return lambda page, lang: page.goto(paths[lang])


EASY = {"da": "/da/let/", "en": "/en/easy/"}


def _question(key, error=False):
    def setup(page, lang):
        answer_quickly(page, lang, SELF, upto=key)
        page.goto(url(lang, key))
        if error:
            submit_question(page, key)
            page.locator(".error-summary").wait_for()
    return setup


def _needs_none_with_others(page, lang):
    answer_quickly(page, lang, SELF, upto="needs")
    page.goto(url(lang, "needs"))
    # As without JavaScript (which would untick one of them): both ticked.
    page.evaluate("""() => { for (const value of ["social_skills", "none"])
                               document.getElementById("answer-" + value).checked = true; }""")
    submit_question(page, "needs")
    page.locator(".error-summary").wait_for()


def _answered(answers, name):
    def setup(page, lang):
        answer_quickly(page, lang, answers)
        page.goto(url(lang, name))
    return setup


def _apply_errors(page, lang):
    _answered(RELATIVE, "apply")(page, lang)
    page.fill("#email", "not-an-address")
    page.locator(f"form[action='{url(lang, 'apply')}'] button[type=submit]").click()
    page.locator(".error-summary").wait_for()


def _email(answers=SELF):
    def setup(page, lang):
        _answered(answers, "apply")(page, lang)
        fill_details(page, answers)
        page.locator("#mailto-link").wait_for()
    return setup


def _easy_email(page, lang):
    _answered(RELATIVE, "easy_apply")(page, lang)
    fill_details(page, RELATIVE, form="easy_apply")
    page.locator("#mailto-link").wait_for()


def _email_edited(page, lang, body="Hej Fronten.\n\nJeg vil gerne søge."):
    _email()(page, lang)
    page.fill("#body", body)
    page.locator("form[action$='/guide/email'] button[type=submit]").click()
    page.wait_for_load_state()


def _email_empty(page, lang):
    _email_edited(page, lang, body="")
    page.locator(".error-summary").wait_for()


def _complaint_errors(page, lang):
    page.goto(url(lang, "complaint"))
    page.locator(f"form[action='{url(lang, 'complaint')}'] button[type=submit]").click()
    page.locator(".error-summary").wait_for()


def _complaint_for_someone_else_errors(page, lang):
    page.goto(url(lang, "complaint"))
    page.check("#complaint_for-guardian")
    page.locator(f"form[action='{url(lang, 'complaint')}'] button[type=submit]").click()
    page.locator(".error-summary").wait_for()


def _complaint_email(page, lang):
    page.goto(url(lang, "complaint"))
    page.fill("#name", DETAILS["name"])
    page.fill("#phone", DETAILS["phone"])
    page.fill("#message", "Jeg er uenig i, at jeg kun får 1 dag om ugen.")
    page.locator(f"form[action='{url(lang, 'complaint')}'] button[type=submit]").click()
    page.locator("#mailto-link").wait_for()


def _menu_open(page, lang):
    page.set_viewport_size(PHONE["viewport"])
    page.goto(url(lang, "who"))
    page.locator(".site-header summary").click()


def _cleared(page, lang):
    _answered(SELF, "check")(page, lang)
    page.locator(f".guide-tools form[action='{url(lang, 'finish')}'] button").click()
    page.wait_for_url(ends_at(lang, "cleared"))


STATES = {
    "home": _goto("/"),
    "service-level": _open("service_level"),
    **{f"topic-{topic}": _localised({lang: topic_url(lang, topic) for lang in LANGS}) for topic in TOPICS},
    "contact": _open("contact"),
    "accessibility-statement": _open("accessibility"),
    "privacy": _open("privacy"),
    "easy-read": _localised(EASY),
    **{f"easy-{topic}": _localised({lang: f"{url}{EASY_SLUGS[lang][topic]}" for lang, url in EASY.items()})
       for topic in TOPICS},
    "glossary": _localised({"da": "/da/ordliste", "en": "/en/glossary"}),
    "how-the-guide-works": _localised({"da": "/da/saadan-virker-guiden", "en": "/en/how-the-guide-works"}),
    "easy-result-likely": _answered(SELF, "easy_result"),
    "easy-result-someone-else-unclear": _answered({**RELATIVE, "target": "unsure"}, "easy_result"),
    "guide-start": _goto("/guide/"),
    **{f"question-{key}": _question(key) for key in steps(SELF)},
    **{f"question-{key}-error": _question(key, error=True) for key in steps(SELF)},
    "question-needs-none-with-others": _needs_none_with_others,
    "check": _answered(SELF, "check"),
    **{f"result-{outcome}": _answered(answers, "result")
       for outcome, answers in OUTCOMES.items()},
    "outside": _answered(ELSEWHERE, "outside"),
    "outside-botilbud-placed-elsewhere": _answered(
        {"who": "self", "residence": "yes", "housing": "residential", "placed_by": "other"}, "outside"),
    "apply": _answered(SELF, "apply"),
    "apply-someone-else": _answered(RELATIVE, "apply"),
    "apply-errors": _apply_errors,
    "email": _email(),
    "email-someone-else": _email(RELATIVE),
    "email-edited": _email_edited,
    "email-empty-error": _email_empty,
    "email-gone": _open("sending"),
    "easy-apply": _answered(SELF, "easy_apply"),
    "easy-apply-someone-else": _answered(RELATIVE, "easy_apply"),
    "easy-email-someone-else": _easy_email,
    "deadlines": _open("deadlines"),
    "deadlines-result": _open("deadlines", "?dato=2026-11-26"),
    "deadlines-result-for-a-letter": _open("deadlines", "?brev=klage&dato=2026-11-26"),
    "deadlines-error": _open("deadlines", "?dato=2026-02-30"),
    "deadlines-missing-month": _open("deadlines", "?dato-dag=26&dato-maaned=&dato-aar=2026"),
    "complaint": _open("complaint"),
    "complaint-errors": _complaint_errors,
    "complaint-email": _complaint_email,
    "complaint-for-someone-else-errors": _complaint_for_someone_else_errors,
    "cleared": _cleared,
    "restart-confirmation": _answered(SELF, "restart"),
    "question-menu-open": _menu_open,
    "expired": _open("expired"),
    "not-found": _goto("/findes-ikke"),
}

# Records, for each element that gets keyboard focus, whether it shows it: an
# outline or a box shadow on the element, or on its label (DKFDS draws the focus
# of radio buttons and checkboxes on the label's ::before).
FOCUS_LOGGER = """() => {
  const shows = (style) => (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
      && style.outlineColor !== "rgba(0, 0, 0, 0)") || (style.boxShadow && style.boxShadow !== "none");
  const visible = (el) => {
    if (shows(getComputedStyle(el))) return true;
    for (const label of el.labels || []) {
      if (shows(getComputedStyle(label)) || shows(getComputedStyle(label, "::before"))
          || shows(getComputedStyle(label, "::after"))) return true;
    }
    return false;
  };
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    else if (el.className && typeof el.className === "string") name += "." + el.className.trim().split(/\\s+/).join(".");
    const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40);
    return text ? `${name} "${text}"` : name;
  };
  window.__focusLog = [];
  document.addEventListener("focusin", (event) => {
    window.__focusLog.push({element: describe(event.target), visible: visible(event.target)});
  });
  const tabbable = "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), "
    + "select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";
  return [...document.querySelectorAll(tabbable)].filter((el) => el.checkVisibility()).length;
}"""

OVERFLOW = """(width) => {
  const doc = document.documentElement;
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1 && el.checkVisibility()) {
      wide.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : ""} (right edge ${Math.round(box.right)})`);
    }
  }
  const clipped = [];
  for (const el of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    if (["hidden", "clip"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1
        && el.innerText && el.innerText.trim() && el.checkVisibility()
        && !(el.clientWidth <= 1 && el.clientHeight <= 1)) {
      clipped.push(`${el.tagName.toLowerCase()}.${String(el.className).trim()} (${el.scrollWidth} > ${el.clientWidth})`);
    }
  }
  return {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, wide: wide.slice(0, 5),
          clipped: clipped.slice(0, 5)};
}"""


def focus_problems(page):
    count = page.evaluate(FOCUS_LOGGER)
    page.evaluate("() => { if (document.activeElement) document.activeElement.blur(); }")
    for _ in range(count + 3):
        page.keyboard.press("Tab")
    log = page.evaluate("window.__focusLog")
    problems = []
    if count and not log:
        problems.append(f"focus: {count} focusable elements, but Tab never focused one")
    seen = set()
    for entry in log:
        if not entry["visible"] and entry["element"] not in seen:
            seen.add(entry["element"])
            problems.append(f"focus not visible on {entry['element']}")
    return problems


def reflow_problems(page, width, what):
    page.set_viewport_size({"width": width, "height": 800})
    page.wait_for_timeout(50)
    result = page.evaluate(OVERFLOW, width)
    problems = []
    if result["scrollWidth"] > width or result["scrollWidth"] > result["clientWidth"]:
        problems.append(f"{what}: scrolls sideways ({result['scrollWidth']} px wide in a "
                        f"{width} px window); too wide: {', '.join(result['wide']) or '?'}")
    if result["clipped"]:
        problems.append(f"{what}: text cut off in {', '.join(result['clipped'])}")
    return problems


@pytest.fixture(scope="module")
def pages(browser, base_url):
    """One browser page per language, reused from state to state with its cookies
    cleared in between: a new context for each of the hundred states costs more
    time than every check on a page together."""
    contexts = {}

    def page_for(lang):
        if lang not in contexts:
            contexts[lang] = browser.new_context(base_url=base_url, **DESKTOP)
            contexts[lang].new_page()
        context = contexts[lang]
        context.clear_cookies()
        page = context.pages[0]
        page.set_viewport_size(DESKTOP["viewport"])
        return page

    yield page_for
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("lang", LANGS)
def test_page_is_accessible(pages, lang, state):
    page = pages(lang)
    STATES[state](page, lang)
    assert page.locator("html").get_attribute("lang") == lang
    problems = axe_violations(page)
    problems += focus_problems(page)
    # 200% zoom of a 1280 px window is a 640 CSS px wide layout.
    problems += reflow_problems(page, 640, "at 200% zoom (640 px)")
    problems += reflow_problems(page, 320, "at 320 px")
    assert not problems, f"{page.url} ({state}, {lang}):\n" + "\n".join(problems)


def test_the_checks_catch_problems(pages):
    """The checks above can fail: a page with a missing alt text, a too-wide box and
    an invisible focus is caught by each of them."""
    page = pages("da")
    page.goto("/da/")
    page.evaluate("""() => {
      const img = document.createElement("img");
      img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
      const wide = document.createElement("div");
      wide.id = "too-wide";
      wide.style.minWidth = "700px";
      wide.textContent = "x";
      document.querySelector("main").append(img, wide);
      document.styleSheets[0].insertRule(".site-nav a:focus { outline: none !important }");
    }""")
    assert any(line.startswith("axe image-alt") for line in axe_violations(page))
    assert any(line.startswith("focus not visible on a") for line in focus_problems(page))
    assert any("div#too-wide" in line for line in reflow_problems(page, 320, "at 320 px"))
    assert any("div#too-wide" in line for line in reflow_problems(page, 640, "at 640 px"))
