"""No English on a Danish page, and no Danish on an English page (outside parts
marked with another lang, such as the language switch or the Danish email)."""

import re

import pytest
from bs4 import BeautifulSoup

from tests.conftest import crawl
from tests.guide_helpers import ANSWERS, answer_all, url

# Common words that only one of the two languages uses.
GIVEAWAYS = {
    "da": re.compile(r"\b(the|and|your|you|with|this|what|which|Error|Select|Enter)\b"),
    "en": re.compile(r"\b(ikke|jeg|du|dig|eller|hvad|hvis|kan du|Vælg|Skriv)\b"),
}


def visible_text(html, lang):
    soup = BeautifulSoup(html, "html.parser")
    for foreign in soup.select(f"[lang]:not([lang={lang}]), script, style"):
        foreign.decompose()
    return " ".join(soup.body.get_text(" ").split())


def guide_urls(client, lang):
    answer_all(client, lang, {**ANSWERS, "who": "relative"})
    return [url(lang, name) for name in [*ANSWERS, "check", "result", "easy_result", "apply", "sending"]]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_page_speaks_one_language(client, lang):
    urls = [path for path, response in crawl(client, f"/{lang}/").items()
            if response.mimetype == "text/html" and path.startswith(f"/{lang}/")]
    urls += guide_urls(client, lang) + [url(lang, "deadlines") + "?dato=2026-11-26", url(lang, "deadlines") + "?dato=x"]
    for path in urls:
        text = visible_text(client.get(path).get_data(as_text=True), lang)
        found = GIVEAWAYS[lang].findall(text)
        assert not found, f"{path}: {found[:5]} in {text[:200]}"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_error_messages_speak_the_pages_language(client, lang):
    answer_all(client, lang)
    pages = [client.post(url(lang, "needs"), follow_redirects=True, data={}),
             client.post(url(lang, "apply"), follow_redirects=True, data={"email": "x"}),
             client.post(url(lang, "complaint"), follow_redirects=True, data={})]
    for response in pages:
        found = GIVEAWAYS[lang].findall(visible_text(response.get_data(as_text=True), lang))
        assert not found, found[:5]
