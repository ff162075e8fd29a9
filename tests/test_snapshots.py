"""Every combination of answers: what the result says and what the email says, in both
languages, checked against reviewed snapshot files in tests/snapshots/.

The rules and the email text are plain functions, so every path is checked as data;
each distinct result page is rendered once. After an intended change, run
`make snapshots` and review the diff before committing.
"""

import datetime
import hashlib
import itertools
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask_babel import force_locale

from tests.guide_helpers import DETAILS, url
from tests.readability import page_stats, stats
from webapp.guide import rules
from webapp.guide.email import application_email
from webapp.guide.questions import QUESTIONS, for_self, lives_elsewhere
from webapp.i18n import babel_locale

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"
TODAY = datetime.date(2026, 11, 26)
# The own-words field is the citizen's; everything else in the email is the site's.
SITE_DETAILS = {**DETAILS, "message": "", "applicant_name": "Bo Ørnsø"}

# Words that would say something about function, health, disability or needs, or
# argue against the applicant. None may stand in an email the site writes.
SENSITIVE = {
    "da": r"funktionsevne|handicap|syg|hjerneskade|psykisk|fysisk|diagnose|helbred|sociale problemer"
          r"|behov|færdigheder|omsorg|støtte|sikkert|svært|\bikke\b|\bingen\b|tvivl|ved ikke",
    "en": r"function|disab|\bill|brain|mental|physical|diagnos|health|social problems|need"
          r"|skills|\bcare\b|support|safe|hard|\bnot\b|\bno\b|none|unsure",
}


def all_answer_paths():
    """Every combination of answers that leads to a result, following the guide's skips.
    A "no" to living in Ballerup ends the guide on its own page (tested in test_guide.py)."""
    needs = [list(c) for n in (1, 2, 3) for c in itertools.combinations(
        ["social_skills", "social_contact", "support_care"], n)] + [["none"]]
    choices = {q.key: [o.value for o in q.options] for q in QUESTIONS}
    choices["needs"] = needs
    paths = {}
    for combo in itertools.product(*(choices[q.key] for q in QUESTIONS)):
        answers = dict(zip((q.key for q in QUESTIONS), combo, strict=True))
        if lives_elsewhere(answers):
            continue
        paths.setdefault(label(answers), answers)
    return list(paths.values())


def label(answers):
    return " ".join(f"{k}={'+'.join(v) if isinstance(v, list) else v}" for k, v in answers.items())


PATHS = all_answer_paths()


def result_key(answers):
    """What decides the result page's text: the outcome, its form and its findings."""
    return (rules.outcome(answers), for_self(answers),
            tuple(f.key for f in rules.findings(answers)))


def emails(app, lang):
    """{path label: the application email body} for every path that can apply."""
    with app.test_request_context(f"/{lang}/"), force_locale(babel_locale(lang)):
        return {label(a): application_email(a, SITE_DETAILS).body
                for a in PATHS}


def page_text(html):
    """The main content as lines of text, one per heading, paragraph, term or list item."""
    main = BeautifulSoup(html, "html.parser").find("main")
    for hidden in main.select("form, dialog, .back-link"):
        hidden.decompose()
    tags = ["h1", "h2", "h3", "p", "li", "dt", "dd", "summary"]
    blocks = [el for el in main.find_all(tags) if not el.find(["p", "li"])]
    lines = (" ".join(el.get_text(" ").split()) for el in blocks)
    return "\n".join(line for line in lines if line)


def question_texts(question, own):
    """A question page's words: its heading, hint, options and their hints."""
    texts = [question.heading(own), question.help_text(own)]
    texts += [o.text(own) for o in question.options] + list(question.option_hints().values())
    return [str(text) for text in texts if str(text)]


class FixedDate(datetime.date):
    @classmethod
    def today(cls):
        return TODAY


def render_results(client, lang):
    """{result key: the rendered result page's text}, each distinct result once."""
    pages = {}
    for answers in PATHS:
        key = result_key(answers)
        if key in pages:
            continue
        with client.session_transaction() as session:
            session["answers"] = answers
            session["seen"] = 2**40
        pages[key] = page_text(client.get(url(lang, "result")).get_data(as_text=True))
    return pages


@pytest.fixture(scope="module")
def rendered(request):
    from webapp import create_app

    app = create_app("testing")
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr("webapp.guide.routes.date", FixedDate)
    request.addfinalizer(monkeypatch.undo)
    client = app.test_client()
    return {lang: (render_results(client, lang), emails(app, lang)) for lang in ("da", "en")}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_answer_path_matches_the_reviewed_snapshots(rendered, lang):
    results, mails = rendered[lang]
    ids = {key: f"R{n:03d}" for n, key in enumerate(results, 1)}
    digest = {name: hashlib.sha256(body.encode()).hexdigest()[:16] for name, body in mails.items()}
    samples = {}
    for answers in PATHS:
        samples.setdefault((answers["who"], rules.outcome(answers)), label(answers))
    built = {
        "results.txt": "".join(f"## {ids[key]}\n{text}\n\n" for key, text in results.items()),
        "paths.txt": "".join(f"{label(a)} | {ids[result_key(a)]} | {digest.get(label(a), '-')}\n"
                             for a in PATHS),
        "emails.txt": "".join(f"## {name}\n{mails[name]}\n\n" for name in samples.values()),
    }
    folder = SNAPSHOTS / lang
    if UPDATE:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in built.items():
            (folder / name).write_text(text)
    for name, text in built.items():
        assert (folder / name).read_text() == text, f"{lang}/{name} changed: run `make snapshots` and review"


def test_the_enumeration_covers_every_path():
    # 4 people x 3 target x 8 needs x 3 homes x 4 times x 3 transport; the non-residents'
    # path ends before a result (test_guide.py)
    assert len(PATHS) == 4 * 3 * 8 * 3 * 4 * 3


@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_email_on_any_path_says_anything_about_health_or_needs_or_against_the_applicant(
        rendered, lang):
    _results, mails = rendered[lang]
    assert len(mails) == 4 * 3 * 8 * 3 * 4 * 3
    pattern = re.compile(SENSITIVE[lang], re.IGNORECASE)
    for name, body in mails.items():
        found = pattern.findall(body)
        assert not found, f"{name}: {found}"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_an_unclear_or_unlikely_result_gives_days_costs_and_transport_only_as_if_granted(
        rendered, lang):
    results, _mails = rendered[lang]
    conditional = {"da": ("Hvis du får et tilbud", "Hvis personen får et tilbud"),
                   "en": ("If you get a place", "If the person gets a place")}[lang]
    facts = {"da": r"dage om ugen|brugerbetaling|kontingent|transport",
             "en": r"days a week|user payment|membership fee|transport"}[lang]
    checked = 0
    for (outcome, _own, _keys), text in results.items():
        if outcome not in (rules.Outcome.UNCLEAR, rules.Outcome.UNLIKELY):
            continue
        before, heading, after = text.partition(next(c for c in conditional if c in text))
        assert not re.search(facts, before, re.IGNORECASE), before
        assert re.search(facts, after, re.IGNORECASE)
        checked += 1
    assert checked == 2 * 2 * 2 * 3 * 2  # outcome x form x home x day/evening x transport


def test_every_danish_topic_page_is_easy_to_read(app):
    for page in app.extensions["content"].topics["da"]:
        assert page_stats(page)[0] <= 35, page.id


def test_every_danish_result_is_easy_to_read(rendered):
    results, _mails = rendered["da"]
    for key, text in results.items():
        lix, _per_sentence, _count = stats(text.splitlines())
        assert lix <= 35, (key, round(lix, 1))


def test_every_danish_question_is_easy_to_read(app):
    with app.test_request_context("/da/"), force_locale("da"):
        for question in QUESTIONS:
            for own in (True, False):
                lix, _per_sentence, _count = stats(question_texts(question, own))
                assert lix <= 35, (question.key, own, round(lix, 1))


@pytest.mark.parametrize("who", ["self", "guardian"])
def test_the_page_for_someone_outside_ballerup_is_easy_to_read(app, who):
    from tests.guide_helpers import answer_all

    client = app.test_client()
    answer_all(client, "da", {"who": who, "residence": "no"})
    text = page_text(client.get(url("da", "outside")).get_data(as_text=True))
    assert "botilbud" in text
    assert stats(text.splitlines())[0] <= 35
