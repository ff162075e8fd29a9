#!/usr/bin/env python3
"""Page weight and Lighthouse scores of the key pages, printed as one table.

Run by `make bench-web`. A benchmark, not a test: it starts the site (default
configuration, CSRF on) on a free local port and, in both languages, for the
home page, a question, the result and the application email:

- bytes transferred (compressed, headers included, fonts included) with Chromium
  through Playwright, counted from the DevTools `Network.loadingFinished` events:
  first view with an empty cache, and repeat view (the same page again in the
  same browser context);
- whether the page works without JavaScript (its main content is there);
- Lighthouse 12.8.2 in its default mobile mode: the four category scores.

Targets: first view <= 60 KB, repeat view <= 10 KB, no JavaScript needed,
Lighthouse 100 in all four categories. Each target's line says met or missed,
with the figure. The script exits 0 once the table is printed, targets met or
not; non-zero only if it crashes.

Lighthouse is found in $LIGHTHOUSE (a path to its executable) or else in
node_modules/.bin/lighthouse (`npm ci` installs it from package.json). Chromium
is $CHROMIUM or /usr/bin/chromium. 1 KB here is 1024 bytes.
"""

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.support.live_server import LiveServer  # noqa: E402
from webapp.guide.questions import SLUGS  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
LIGHTHOUSE_VERSION = "12.8.2"
LIGHTHOUSE_TIMEOUT = int(os.environ.get("LIGHTHOUSE_TIMEOUT", "150"))  # seconds per run
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LANGS = ("da", "en")

FIRST_VIEW_BUDGET = 60 * 1024
REPEAT_VIEW_BUDGET = 10 * 1024

ANSWERS = {"who": "self", "residence": "yes", "target": "yes",
           "needs": ["social_skills", "social_contact"], "housing": "own_home",
           "timing": "both", "transport": "no"}
DETAILS = {"name": "Åse Testesen", "phone": "12 34 56 78", "email": "aase@example.dk",
           "best_time": "Formiddag", "message": "Jeg vil gerne møde andre."}

# page key: (label in the table, path by language, what shows that the page works without JS)
PAGES = {
    "home": ("home", {"da": "/da/", "en": "/en/"}, "main h1"),
    "question": ("question (who)", {"da": "/da/guide/hvem", "en": "/en/guide/who"},
                 "input[name=answer]"),
    "result": ("result", {"da": "/da/guide/resultat", "en": "/en/guide/result"}, ".in-short"),
    "email": ("email page (LH: apply form*)", {"da": "/da/guide/ansoegning", "en": "/en/guide/apply"},
              "#mailto-link"),
}


# --- Walking the guide with the context's own HTTP client (shares its cookies,
# but not the browser's cache, so it does not warm the cache being measured).

def _form_body(fields, token):
    pairs = [("csrf_token", token)]
    for name, value in fields.items():
        pairs += [(name, item) for item in (value if isinstance(value, list) else [value])]
    return urlencode(pairs)


def _token(context, url):
    html = context.request.get(url).text()
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    if not match:
        raise RuntimeError(f"no CSRF token on {url}")
    return match.group(1)


def answer_guide(context, base, lang):
    token = _token(context, f"{base}{PAGES['question'][1][lang]}")
    for key, value in ANSWERS.items():
        response = context.request.post(
            f"{base}/{lang}/guide/{SLUGS[lang][key]}", data=_form_body({"answer": value}, token),
            max_redirects=0, headers={"Content-Type": "application/x-www-form-urlencoded"})
        if response.status != 302:
            raise RuntimeError(f"answering {key}: HTTP {response.status}")


class ByteCounter:
    """Sums encodedDataLength (bytes on the wire) of every finished request."""

    def __init__(self, context, page):
        self.total = 0
        self.requests = 0
        self.cdp = context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.cdp.on("Network.loadingFinished", self._finished)

    def _finished(self, event):
        self.total += int(event.get("encodedDataLength", 0))
        self.requests += 1

    def measure(self, page, action):
        page.wait_for_timeout(100)  # let events of earlier, unmeasured loads arrive
        self.total = self.requests = 0
        action()
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(200)
        return self.total

    def cache_disabled(self, disabled):
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": disabled})


def submit_details(page):
    for name, value in DETAILS.items():
        page.fill(f"#{name}", value)
    page.locator("main form:has(#name) button[type=submit]").click()
    page.locator("#mailto-link").wait_for()


def weigh(browser, base, lang, key):
    """(first view bytes, repeat view bytes, session cookie header) for one page."""
    _label, path, _selector = PAGES[key]
    url = f"{base}{path[lang]}"
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2.625)
    try:
        page = context.new_page()
        counter = ByteCounter(context, page)
        if key in ("result", "email"):
            answer_guide(context, base, lang)
        if key == "email":
            # The email page is the answer to posting the details form: open the form
            # (not counted), then count the post with the cache off (an empty cache).
            page.goto(url)
            counter.cache_disabled(True)
            first = counter.measure(page, lambda: submit_details(page))
            counter.cache_disabled(False)
            page.goto(url)
            submit_details(page)  # now the cache holds what the email page uses
            page.goto(url)
            repeat = counter.measure(page, lambda: submit_details(page))
        else:
            first = counter.measure(page, lambda: page.goto(url))
            repeat = counter.measure(page, lambda: page.goto(url))
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in context.cookies())
        return first, repeat, cookie
    finally:
        context.close()


def works_without_js(browser, base, lang, key):
    _label, path, selector = PAGES[key]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        if key in ("result", "email"):
            answer_guide(context, base, lang)
        page.goto(f"{base}{path[lang]}")
        if key == "email":
            submit_details(page)
        return page.locator(selector).count() > 0
    finally:
        context.close()


# --- Lighthouse

def find_lighthouse():
    candidates = [os.environ.get("LIGHTHOUSE"), str(ROOT / "node_modules" / ".bin" / "lighthouse")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def lighthouse_version(executable):
    try:
        result = subprocess.run([executable, "--version"], capture_output=True, text=True,
                                timeout=60)
        return result.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def run_lighthouse(executable, url, out_dir, name, cookie=None):
    """The four category scores (0-100), or an error text."""
    output = Path(out_dir) / f"{name}.json"
    command = [
        executable, url, "--output=json", f"--output-path={output}", "--quiet",
        f"--only-categories={','.join(CATEGORIES)}", "--max-wait-for-load=30000",
        "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS),
    ]
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    # Its own process group, so a run that hangs can be stopped with its Chromium.
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _stdout, stderr = process.communicate(timeout=LIGHTHOUSE_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return f"timed out after {LIGHTHOUSE_TIMEOUT} s"
    if process.returncode != 0 or not output.exists():
        return f"exit {process.returncode}: {stderr.strip()[-300:]}"
    report = json.loads(output.read_text())
    if report.get("runtimeError"):
        return f"{report['runtimeError'].get('code')}: {report['runtimeError'].get('message')}"
    scores = {}
    for category in CATEGORIES:
        score = report["categories"].get(category, {}).get("score")
        scores[category] = None if score is None else round(score * 100)
    return scores


# --- The table

def kb(size):
    return f"{size / 1024:.1f}"


def main():
    rows = []
    started = time.monotonic()
    executable = find_lighthouse()
    version = lighthouse_version(executable) if executable else None
    with LiveServer("default") as site, sync_playwright() as playwright, \
            tempfile.TemporaryDirectory(prefix="bench-web-") as out_dir:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for key in PAGES:
                for lang in LANGS:
                    first, repeat, cookie = weigh(browser, site.url, lang, key)
                    no_js = works_without_js(browser, site.url, lang, key)
                    rows.append({"key": key, "lang": lang, "first": first, "repeat": repeat,
                                 "no_js": no_js, "cookie": cookie if key in ("result", "email")
                                 else None})
        finally:
            browser.close()

        for row in rows:
            if not executable:
                row["lighthouse"] = "Lighthouse not installed"
                continue
            url = f"{site.url}{PAGES[row['key']][1][row['lang']]}"
            row["lighthouse"] = run_lighthouse(executable, url, out_dir,
                                               f"{row['key']}-{row['lang']}", row["cookie"])

    print_table(rows, version, site.url, time.monotonic() - started)


def print_table(rows, version, url, seconds):
    header = (f"{'page':<30} {'lang':<4} {'first KB':>8} {'repeat KB':>9} {'JS needed':>9}  "
              f"{'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4}")
    print()
    print(f"Page weight (Chromium, compressed bytes incl. headers and fonts; 1 KB = 1024 B) "
          f"and Lighthouse {version or '(not installed)'}, mobile; site at {url}")
    print(header)
    print("-" * len(header))
    errors = []
    for row in rows:
        label = PAGES[row["key"]][0]
        scores = row["lighthouse"]
        if isinstance(scores, dict):
            cells = [("-" if scores[c] is None else str(scores[c])) for c in CATEGORIES]
        else:
            cells = ["err"] * 4
            errors.append(f"  Lighthouse on {label}/{row['lang']}: {scores}")
        print(f"{label:<30} {row['lang']:<4} {kb(row['first']):>8} {kb(row['repeat']):>9} "
              f"{'no' if row['no_js'] else 'YES':>9}  "
              f"{cells[0]:>4} {cells[1]:>4} {cells[2]:>4} {cells[3]:>4}")
    print("-" * len(header))
    print("* Lighthouse cannot post a form: for the email page it measures the application "
          "form (/<lang>/guide/ansoegning) instead.\n  It reaches that form and the result with "
          "the guide's session cookie. Bytes are of the email page itself.")
    for line in errors:
        print(line)

    def where(row):
        return f"{PAGES[row['key']][0].split(' (')[0]}/{row['lang']}"

    worst_first = max(rows, key=lambda r: r["first"])
    over = [f"{where(r)} {kb(r['first'])} KB" for r in rows if r["first"] > FIRST_VIEW_BUDGET]
    print("Target first view <= 60 KB incl. fonts: "
          + (f"met (largest {kb(worst_first['first'])} KB, {where(worst_first)})" if not over
             else "MISSED: " + ", ".join(over)))
    worst_repeat = max(rows, key=lambda r: r["repeat"])
    over = [f"{where(r)} {kb(r['repeat'])} KB" for r in rows if r["repeat"] > REPEAT_VIEW_BUDGET]
    print("Target repeat view <= 10 KB: "
          + (f"met (largest {kb(worst_repeat['repeat'])} KB, {where(worst_repeat)})" if not over
             else "MISSED: " + ", ".join(over)))
    needs_js = [where(r) for r in rows if not r["no_js"]]
    print("Target no JavaScript needed: "
          + ("met (every page's content is there with JavaScript off)" if not needs_js
             else "MISSED: " + ", ".join(needs_js)))
    below, unmeasured = [], []
    for row in rows:
        scores = row["lighthouse"]
        if not isinstance(scores, dict):
            unmeasured.append(where(row))
            continue
        below += [f"{where(row)} {c} {scores[c]}" for c in CATEGORIES if scores[c] != 100]
    if unmeasured:
        print("Target Lighthouse 100 x4: NOT MEASURED for " + ", ".join(unmeasured)
              + ("; MISSED: " + ", ".join(below) if below else ""))
    else:
        print("Target Lighthouse 100 x4: "
              + ("met (all pages, all four categories)" if not below
                 else "MISSED: " + ", ".join(below)))
    print(f"({seconds:.0f} s)")


if __name__ == "__main__":
    try:
        main()
    except Exception:  # noqa: BLE001 - a crash is the one reason to exit non-zero
        traceback.print_exc()
        sys.exit(1)
