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
from webapp.guide.questions import QUESTIONS, decided_elsewhere, for_self
from webapp.i18n import babel_locale
from webapp.sending.application import application_email

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


# The order of the answers in a path's label (the guide's own order has moved since).
LABEL_ORDER = ("who", "residence", "target", "needs", "housing", "placed_by", "timing", "transport")
# Which municipality decides, beyond the main paths (they live in Ballerup, or Ballerup gave
# their place in a botilbud): (residence, housing, placed_by). Each is walked for every
# person and target answer, with the other answers fixed.
WHO_DECIDES = [(residence, housing, placed_by)
               for residence in ("yes", "no", "unsure")
               for housing, placed_by in (("own_home", None), ("family", None),
                                          ("residential", "ballerup"), ("residential", "other"),
                                          ("residential", "unsure"))
               if residence != "yes" or placed_by in ("other", "unsure")]
FIXED = {"needs": ["social_contact"], "timing": "day", "transport": "no"}


def in_label_order(answers):
    return {key: answers[key] for key in LABEL_ORDER if key in answers}


def all_answer_paths():
    """Every combination of answers that leads to a result, following the guide's skips:
    all of them for someone who lives in Ballerup (a botilbud place from Ballerup), and
    each other answer about where the person lives for every person and target answer.
    Paths where another municipality decides end on their own page (OUTSIDE_PATHS)."""
    needs = [list(c) for n in (1, 2, 3) for c in itertools.combinations(
        ["social_skills", "social_contact", "support_care"], n)] + [["none"], ["unsure"]]
    choices = {q.key: [o.value for o in q.options] for q in QUESTIONS}
    choices.update(needs=needs, residence=["yes"], placed_by=["ballerup"])
    keys = list(LABEL_ORDER)
    found = []
    for combo in itertools.product(*(choices[key] for key in keys)):
        answers = dict(zip(keys, combo, strict=True))
        if answers["housing"] != "residential":
            del answers["placed_by"]
        found.append(answers)
    for who, target, (residence, housing, placed_by) in itertools.product(
            choices["who"], choices["target"], WHO_DECIDES):
        answers = {"who": who, "residence": residence, "target": target, **FIXED,
                   "housing": housing, "placed_by": placed_by}
        found.append(in_label_order({k: v for k, v in answers.items() if v}))
    paths = {}
    for answers in found:
        paths.setdefault(label(answers), answers)
    return [a for a in paths.values() if not decided_elsewhere(a)], \
        [a for a in paths.values() if decided_elsewhere(a)]


def label(answers):
    return " ".join(f"{k}={'+'.join(v) if isinstance(v, list) else v}" for k, v in answers.items())


PATHS, OUTSIDE_PATHS = all_answer_paths()


def result_key(answers):
    """What decides the result page's text: the outcome, its form, its findings and
    whether it asks to check with Fronten which municipality decides."""
    return (rules.outcome(answers), for_self(answers),
            tuple(f.key for f in rules.findings(answers)),
            rules.who_decides(answers) is rules.Decides.UNSURE)


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


def outside_key(answers):
    return (rules.who_decides(answers), for_self(answers))


def render_outside(client, lang):
    """{(who decides, for yourself): the page that ends the guide}, each once."""
    pages = {}
    for answers in OUTSIDE_PATHS:
        if outside_key(answers) not in pages:
            with client.session_transaction() as session:
                session["answers"] = answers
                session["seen"] = 2**40
            pages[outside_key(answers)] = page_text(client.get(url(lang, "outside")).get_data(as_text=True))
    return pages


@pytest.fixture(scope="module")
def rendered(request):
    from webapp import create_app

    app = create_app("testing")
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr("webapp.guide.views.date", FixedDate)
    request.addfinalizer(monkeypatch.undo)
    client = app.test_client()
    return {lang: (render_results(client, lang), emails(app, lang), render_outside(client, lang))
            for lang in ("da", "en")}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_answer_path_matches_the_reviewed_snapshots(rendered, lang):
    results, mails, outside = rendered[lang]
    ids = {key: f"R{n:03d}" for n, key in enumerate(results, 1)}
    outside_ids = {key: f"O{n}" for n, key in enumerate(outside, 1)}
    digest = {name: hashlib.sha256(body.encode()).hexdigest()[:16] for name, body in mails.items()}
    samples = {}
    for answers in PATHS:
        where = tuple(answers.get(k) for k in ("residence", "housing", "placed_by"))
        samples.setdefault((answers["who"], rules.outcome(answers)), label(answers))
        if answers["who"] == "self" and answers["residence"] != "yes":
            samples.setdefault(where, label(answers))
    built = {
        "results.txt": "".join(f"## {ids[key]}\n{text}\n\n" for key, text in results.items()),
        "outside.txt": "".join(f"## {outside_ids[key]}\n{text}\n\n" for key, text in outside.items()),
        "paths.txt": "".join(f"{label(a)} | {ids[result_key(a)]} | {digest.get(label(a), '-')}\n"
                             for a in PATHS)
                     + "".join(f"{label(a)} | {outside_ids[outside_key(a)]} | -\n" for a in OUTSIDE_PATHS),
        "emails.txt": "".join(f"## {name}\n{mails[name]}\n\n" for name in samples.values()),
    }
    folder = SNAPSHOTS / lang
    if UPDATE:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in built.items():
            (folder / name).write_text(text)
    for name, text in built.items():
        assert (folder / name).read_text() == text, f"{lang}/{name} changed: run `make snapshots` and review"


MAIN_PATHS = 4 * 3 * 9 * 3 * 4 * 3  # people x target x needs x homes x times x transport
# people x target x (residence, home, botilbud municipality) that reach a result
OTHER_PATHS = 4 * 3 * 7


def test_the_enumeration_covers_every_path():
    assert len(PATHS) == MAIN_PATHS + OTHER_PATHS
    # Another municipality decides: 2 homes elsewhere + 3 botilbud places from elsewhere
    assert len(OUTSIDE_PATHS) == 4 * 3 * 5
    assert {outside_key(a) for a in OUTSIDE_PATHS} == {
        (decides, own) for decides in (rules.Decides.HOME, rules.Decides.PLACING)
        for own in (True, False)}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_email_on_any_path_says_anything_about_health_or_needs_or_against_the_applicant(
        rendered, lang):
    _results, mails, _outside = rendered[lang]
    assert len(mails) == MAIN_PATHS + OTHER_PATHS
    pattern = re.compile(SENSITIVE[lang], re.IGNORECASE)
    for name, body in mails.items():
        found = pattern.findall(body)
        assert not found, f"{name}: {found}"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_an_unclear_or_unlikely_result_gives_days_costs_and_transport_only_as_if_granted(
        rendered, lang):
    results, _mails, _outside = rendered[lang]
    conditional = {"da": ("Hvis du får et tilbud", "Hvis personen får et tilbud"),
                   "en": ("If you get a place", "If the person gets a place")}[lang]
    facts = {"da": r"dage om ugen|brugerbetaling|kontingent|transport",
             "en": r"days a week|user payment|membership fee|transport"}[lang]
    checked = 0
    for (outcome, _own, _keys, _ask), text in results.items():
        if outcome not in (rules.Outcome.UNCLEAR, rules.Outcome.UNLIKELY):
            continue
        before, heading, after = text.partition(next(c for c in conditional if c in text))
        assert not re.search(facts, before, re.IGNORECASE), before
        assert re.search(facts, after, re.IGNORECASE)
        checked += 1
    # outcome x form x home x day/evening x transport, outcome x form x home for the
    # results that ask to check which municipality decides, and outcome x form for someone
    # Ballerup placed in a residential facility elsewhere (whose place does not end for that)
    assert checked == 2 * 2 * 2 * 3 * 2 + 2 * 2 * 2 + 2 * 2


def test_every_danish_topic_page_is_easy_to_read(app):
    for page in app.extensions["content"].topics["da"]:
        assert page_stats(page)[0] <= 35, page.id


def test_every_danish_result_and_end_page_is_easy_to_read(rendered):
    results, _mails, outside = rendered["da"]
    for key, text in [*results.items(), *outside.items()]:
        lix, _per_sentence, _count = stats(text.splitlines())
        assert lix <= 35, (key, round(lix, 1))


def test_every_danish_question_is_easy_to_read(app):
    with app.test_request_context("/da/"), force_locale("da"):
        for question in QUESTIONS:
            for own in (True, False):
                lix, _per_sentence, _count = stats(question_texts(question, own))
                assert lix <= 35, (question.key, own, round(lix, 1))
