"""Every combination of answers: the result page and the application email, in both
languages, checked against reviewed snapshot files in tests/snapshots/.

After an intended change, run `make snapshots` and review the diff before committing.
"""

import datetime
import hashlib
import itertools
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.guide_helpers import DETAILS, url
from webapp.guide.questions import QUESTIONS, lives_elsewhere
from webapp.guide.rules import outcome

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"


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


def page_text(html):
    """The main content as lines of text, one per heading, paragraph or list item."""
    main = BeautifulSoup(html, "html.parser").find("main")
    for hidden in main.select("form, dialog, .back-link"):
        hidden.decompose()
    blocks = [el for el in main.find_all(["h1", "h2", "h3", "p", "li"]) if not el.find(["p", "li"])]
    return "\n".join(" ".join(el.get_text(" ").split()) for el in blocks)


class FixedDate(datetime.date):
    @classmethod
    def today(cls):
        return cls(2026, 11, 26)


def render(client, lang, answers):
    with client.session_transaction() as session:
        session["answers"] = answers
        session["seen"] = 2**40
    result = page_text(client.get(url(lang, "result")).get_data(as_text=True))
    details = {**DETAILS, "applicant_name": "Bo Ørnsø"}
    html = client.post(url(lang, "apply"), data=details).get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    email = soup.find(id="body").get_text()
    english = soup.select_one(".email-english")
    if english:
        email += "\n--- English rendering ---\n" + english.get_text("\n").strip()
    return result, email


def build(client, lang):
    results, paths, samples = {}, [], {}
    for answers in all_answer_paths():
        result, email = render(client, lang, answers)
        result_id = results.setdefault(result, f"R{len(results) + 1:03d}")
        digest = hashlib.sha256(email.encode()).hexdigest()[:16]
        paths.append(f"{label(answers)} | {result_id} | {digest}")
        samples.setdefault((answers["who"], outcome(answers)), (label(answers), email))
    return {
        "results.txt": "".join(f"## {rid}\n{text}\n\n" for text, rid in results.items()),
        "paths.txt": "\n".join(paths) + "\n",
        "emails.txt": "".join(f"## {name}\n{email}\n\n" for name, email in samples.values() if email),
    }


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_answer_path_matches_the_reviewed_snapshots(client, lang, monkeypatch):
    monkeypatch.setattr("webapp.guide.routes.date", FixedDate)
    # The QR code is tested on its own (test_email.py); drawing 3,460 of them takes minutes.
    monkeypatch.setattr("webapp.guide.routes.qr_svg", lambda link, title: ("<svg></svg>", 1))
    built = build(client, lang)
    folder = SNAPSHOTS / lang
    if UPDATE:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in built.items():
            (folder / name).write_text(text)
    for name, text in built.items():
        assert (folder / name).read_text() == text, f"{lang}/{name} changed: run `make snapshots` and review"
    assert len(built["paths.txt"].splitlines()) == len(all_answer_paths())


def test_the_enumeration_covers_every_path():
    paths = all_answer_paths()
    # 4 people x 3 target x 8 needs x 3 homes x 4 times x 3 transport. The 4 paths of
    # people who do not live in Ballerup end before a result, on their own page.
    assert len(paths) == 4 * 3 * 8 * 3 * 4 * 3
