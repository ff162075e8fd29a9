"""Every Danish page is easy to read: LIX 35 at most (Digitaliseringsstyrelsen's
"easy" band ends at 34), counted on what the page's main part says, with only . ! ?
ending a sentence (tests/readability.py). The easy-read pages have their own, lower
limit (tests/test_content.py)."""

import pytest
from bs4 import BeautifulSoup

from tests.conftest import crawl
from tests.guide_helpers import ANSWERS, DETAILS, answer_all, url
from tests.readability import blocks, sentences, stats

LIMIT = 35


def main_lix(html):
    main = BeautifulSoup(html, "html.parser").select_one("main")
    return stats(blocks(str(main)))[0]


def danish_pages(client):
    """Every Danish page a link reaches, and the guide's pages on the way through it."""
    pages = {path: response.get_data(as_text=True) for path, response in crawl(client, "/da/").items()
             if response.mimetype == "text/html" and response.status_code == 200 and path.startswith("/da/")}
    for answers in (ANSWERS, {**ANSWERS, "who": "relative", "housing": "family"},
                    {**ANSWERS, "target": "unsure"}, {**ANSWERS, "needs": ["none"]}):
        client.post(url("da", "restart"))
        answer_all(client, "da", answers)
        for name in [*answers, "check", "result", "easy_result", "apply"]:
            pages[f"{url('da', name)} {answers}"] = client.get(url("da", name)).get_data(as_text=True)
    client.post(url("da", "apply"), data={**DETAILS, "applicant_name": "Bo Ørnsø"})
    pages["email page"] = client.get(url("da", "sending")).get_data(as_text=True)
    client.post(url("da", "restart"))
    answer_all(client, "da", {"who": "self", "residence": "no", "housing": "own_home"})
    pages["outside"] = client.get(url("da", "outside")).get_data(as_text=True)
    pages["deadlines"] = client.get(url("da", "deadlines") + "?dato=26-11-2026&brev=klage").get_data(as_text=True)
    return pages


def test_every_danish_page_has_a_lix_of_35_at_most(client):
    pages = danish_pages(client)
    assert len(pages) > 40
    too_hard = {path: round(lix, 1) for path, html in pages.items() if (lix := main_lix(html)) > LIMIT}
    assert not too_hard, too_hard


def test_only_full_stops_question_and_exclamation_marks_end_a_sentence():
    assert sentences(["Du kan klage: skriftligt eller mundtligt. Hvornår? Nu!"]) == [
        "Du kan klage: skriftligt eller mundtligt", " Hvornår", " Nu"]
    # A full stop after a digit is an ordinal, not the end of a sentence.
    assert len(sentences(["Loven er fra 7. august 2019."])) == 1


@pytest.mark.parametrize("colon_text, lix_above", [
    ("Det er svært at læse: sagsbehandlingstiden, partshøringen, visitationen, bevillingen.", LIMIT)])
def test_a_colon_does_not_make_a_long_sentence_look_short(colon_text, lix_above):
    assert stats([colon_text])[0] > lix_above


def test_a_paragraph_inside_a_list_item_is_counted_once():
    html = "<ol><li><p>Kan forventes senest mandag.</p><p>Du får afgørelsen.</p></li><li>Kort.</li></ol>"
    assert blocks(html) == ["Kan forventes senest mandag.", "Du får afgørelsen.", "Kort."]


def test_the_plain_language_script_names_the_hardest_results_from_their_real_keys():
    """The script once crashed at its end ("too many values to unpack"): the result
    keys it gets have four parts."""
    from scripts.plain_language import worst_results
    from tests.test_snapshots import PATHS, result_key
    keys = {result_key(answers) for answers in PATHS[:200]}
    figures = {key: (20.0 + index, 8.0, 10) for index, key in enumerate(sorted(keys, key=str))}
    rows = worst_results(figures)
    assert len(rows) == 3 and rows[0][1][0] == max(f[0] for f in figures.values())
    assert all(name.startswith("worst: ") and name.endswith(("(self)", "(other)")) for name, _f in rows)
