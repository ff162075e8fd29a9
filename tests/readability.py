"""How easy a text is to read: LIX and words per sentence.

LIX = words / sentences + 100 × (words over 6 letters) / words (Björnsson), as
Digitaliseringsstyrelsen uses it: under 25 very easy, 25–34 easy.
A sentence ends only at . ! or ?, and only where the next word starts a sentence: not
before a small letter or a digit, so "7. august 2019", "nr. 798" and "m.v. i" stay in
their sentence; a colon does not end one. Every heading, list item and paragraph is at
least one sentence of its own, so a list of short items counts as short sentences.

Run `.venv/bin/python -m tests.readability` for the table of the easy-read pages and of
the guide's pages in easy read (the result, the form and the email page).
"""

import copy
import re

from bs4 import BeautifulSoup

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# Not after a digit: "7. august 2019" is one sentence, not two.
# A full stop ends a sentence only where the next word does not go on with it: not
# before a small letter or a digit ("7. august 2019", "nr. 798", "m.v. i").
SENTENCE_END = re.compile(r"[.!?](?=\s*$|\s+[^\s\d]|\s+$)(?!\s+[a-zæøå])")
BLOCKS = "h1, h2, h3, h4, p, li"


# On a page with a form, what a person reads around the boxes as well.
FORM_BLOCKS = BLOCKS + ", label, legend, button, dt"
# Not measured on a guide page: the email itself (written for the office, the same at
# every reading level), its printed letter, and the time-limit dialog until it opens.
NOT_READ = ".email-english, .print-only, dialog, .sr-only"


def blocks(html, selector=BLOCKS):
    """The text of each heading, paragraph and list item, each sentence once: a nested
    list, or a paragraph inside a list item, is its own block, not part of the item's."""
    soup = BeautifulSoup(html, "html.parser")
    for nested in soup.select("li ul, li ol"):
        nested.extract()
    texts = []
    for block in soup.select(selector):
        if block.select(selector):
            block = copy.copy(block)
            for inner in block.select(selector):
                inner.decompose()
        texts.append(" ".join(block.get_text(" ").split()))
    return [text for text in texts if text]


def guide_page_blocks(html):
    """The blocks of a guide page's <main>, its form's labels and buttons too."""
    main = BeautifulSoup(html, "html.parser").main
    for part in main.select(NOT_READ):
        part.extract()
    return [text for text in blocks(str(main), FORM_BLOCKS) if text]


def easy_guide_pages(lang, for_self=True):
    """{name: html} of the guide's pages in easy read, after answering the questions
    for yourself (or for another person) and filling in the easy form."""
    from tests.guide_helpers import ANSWERS, DETAILS, answer_all, url
    from webapp import create_app

    client = create_app("testing").test_client()
    answers = ANSWERS if for_self else {**ANSWERS, "who": "relative"}
    answer_all(client, lang, answers)
    details = DETAILS if for_self else {**DETAILS, "applicant_name": "Bo Ørnsø"}
    pages = {name: client.get(url(lang, name)).get_data(as_text=True)
             for name in ("easy_result", "easy_apply")}
    sent = client.post(url(lang, "easy_apply"), data=details, follow_redirects=True)
    pages["easy_sending"] = sent.get_data(as_text=True)
    return pages


def sentences(texts):
    found = []
    for text in texts:
        found += [part for part in SENTENCE_END.split(text) if WORD.search(part)]
    return found


def stats(texts):
    """(LIX, average words per sentence, sentences) of a list of block texts."""
    parts = sentences(texts)
    words = [word for part in parts for word in WORD.findall(part)]
    long_words = [word for word in words if len(word) > 6]
    per_sentence = len(words) / len(parts)
    return per_sentence + 100 * len(long_words) / len(words), per_sentence, len(parts)


def page_stats(page):
    return stats([page.title, page.summary, *blocks(page.html)])


if __name__ == "__main__":
    from webapp import content
    from webapp.config import Config

    site = content.load(Config.CONTENT_DIR, ("da", "en"))
    print(f"{'lang':4} {'page':22} {'LIX':>5} {'words/sentence':>15} {'sentences':>9}")
    for lang in ("da", "en"):
        for page in site.easy[lang]:
            lix, per_sentence, count = page_stats(page)
            print(f"{lang:4} {page.id:22} {lix:5.1f} {per_sentence:15.1f} {count:9}")
    for lang in ("da", "en"):
        for own in (True, False):
            for name, html in easy_guide_pages(lang, own).items():
                lix, per_sentence, count = stats(guide_page_blocks(html))
                label = f"{name}{'' if own else ' (other)'}"
                print(f"{lang:4} {label:22} {lix:5.1f} {per_sentence:15.1f} {count:9}")
