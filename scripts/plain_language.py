"""Print the LIX (readability) of every Danish page: each page a link reaches and the
guide's pages on the way (as tests/test_plain_language.py measures them), the topic
pages' text, every question and each distinct result page as rendered.

    .venv/bin/python scripts/plain_language.py

A sentence ends only at . ! or ? (tests/readability.py). LIX under 25 is very easy,
25-34 easy (Digitaliseringsstyrelsen). Target: 35 at most on every page.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_babel import force_locale  # noqa: E402

from tests.readability import page_stats, stats  # noqa: E402
from tests.test_plain_language import LIMIT, danish_pages, main_lix  # noqa: E402
from tests.test_snapshots import question_texts, render_results  # noqa: E402
from webapp import create_app  # noqa: E402
from webapp.guide.questions import QUESTIONS  # noqa: E402


def row(kind, name, figures):
    lix, per_sentence, count = figures
    print(f"{kind:9} {name:58} {lix:5.1f} {per_sentence:6.1f} {count:5}")


def main():
    app = create_app("testing")
    client = app.test_client()
    pages = {name: main_lix(html) for name, html in danish_pages(client).items()}
    print(f"pages: {len(pages)} Danish pages, LIX {min(pages.values()):.1f}-{max(pages.values()):.1f} "
          f"(limit {LIMIT}); the ten hardest:")
    for name, lix in sorted(pages.items(), key=lambda item: -item[1])[:10]:
        print(f"  {lix:5.1f}  {name[:100]}")
    print(f"\n{'kind':9} {'page':58} {'LIX':>5} {'w/s':>6} {'sent':>5}")
    for page in app.extensions["content"].topics["da"]:
        row("topic", page.id, page_stats(page))
    with app.test_request_context("/da/"), force_locale("da"):
        for question in QUESTIONS:
            for own in (True, False):
                row("question", f"{question.key} ({'self' if own else 'other'})",
                    stats(question_texts(question, own)))
    results = render_results(client, "da")
    figures = {key: stats(text.splitlines()) for key, text in results.items()}
    lixes = [f[0] for f in figures.values()]
    print(f"results: {len(results)} distinct pages, LIX {min(lixes):.1f}-{max(lixes):.1f}")
    for name, f in worst_results(figures):
        row("result", name, f)
    return 0 if max(pages.values()) <= LIMIT else 1


def worst_results(figures, count=3):
    """The hardest result pages as (name, figures). A result's key is
    test_snapshots.result_key: (outcome, for yourself, findings, asks who decides)."""
    hardest = sorted(figures.items(), key=lambda item: -item[1][0])[:count]
    return [(f"worst: {key[0]} ({'self' if key[1] else 'other'})", f) for key, f in hardest]


if __name__ == "__main__":
    sys.exit(main())
