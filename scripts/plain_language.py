"""Print the LIX (readability) of every Danish page the guide and the service level
show: topic pages, the guide's questions and each distinct result page as rendered.

    .venv/bin/python scripts/plain_language.py

LIX under 25 is very easy, 25-34 easy (Digitaliseringsstyrelsen). Target: 35 at most.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_babel import force_locale  # noqa: E402

from tests.readability import page_stats, stats  # noqa: E402
from tests.test_snapshots import question_texts, render_results  # noqa: E402
from webapp import create_app  # noqa: E402
from webapp.guide.questions import QUESTIONS  # noqa: E402


def row(kind, name, figures):
    lix, per_sentence, count = figures
    print(f"{kind:9} {name:58} {lix:5.1f} {per_sentence:6.1f} {count:5}")


def main():
    app = create_app("testing")
    client = app.test_client()
    print(f"{'kind':9} {'page':58} {'LIX':>5} {'w/s':>6} {'sent':>5}")
    for page in app.extensions["content"].topics["da"]:
        row("topic", page.id, page_stats(page))
    with app.test_request_context("/da/"), force_locale("da"):
        for question in QUESTIONS:
            for own in (True, False):
                row("question", f"{question.key} ({'self' if own else 'other'})",
                    stats(question_texts(question, own)))
    results = render_results(client, "da")
    figures = {key: stats(text.splitlines()) for key, text in results.items()}
    worst = sorted(figures.items(), key=lambda item: -item[1][0])
    lixes = [f[0] for f in figures.values()]
    print(f"results: {len(results)} distinct pages, LIX {min(lixes):.1f}-{max(lixes):.1f}")
    for (outcome, own, _keys), f in worst[:3]:
        row("result", f"worst: {outcome} ({'self' if own else 'other'})", f)


if __name__ == "__main__":
    main()
