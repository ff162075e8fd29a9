import re
from datetime import date

import pytest

from tests.readability import page_stats
from webapp import content
from webapp.config import Config
from webapp.guide import rules

LANGS = ("da", "en")
SITE = content.load(Config.CONTENT_DIR, LANGS)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"\b\d{2} \d{2} \d{2} \d{2}\b")
NUMBER = re.compile(r"\d+")


def facts(text):
    return {
        "emails": set(EMAIL.findall(text)),
        "phones": set(PHONE.findall(text)),
        "numbers": set(NUMBER.findall(text)),
    }


def all_pages(lang):
    return {page.id: page for page in SITE.topics[lang]} | {
        f"pages/{key}": page for key, page in SITE.pages[lang].items()} | {
        f"easy/{page.id}": page for page in SITE.easy[lang]}


def without_list_numbers(text):
    return re.sub(r"^\d+\. ", "", text, flags=re.MULTILINE)


@pytest.mark.parametrize("page_id", sorted(all_pages("da")))
def test_danish_and_english_pages_carry_the_same_facts(page_id):
    da, en = all_pages("da")[page_id], all_pages("en")[page_id]
    assert facts(da.text) == facts(en.text)
    assert [h.anchor for h in da.headings] == [h.anchor for h in en.headings]
    assert da.order == en.order and da.reviewed == en.reviewed


def test_a_missing_translation_stops_the_site_from_starting(tmp_path):
    for lang in LANGS:
        (tmp_path / lang / "pages").mkdir(parents=True)
    (tmp_path / "da" / "costs.md").write_text(
        "---\nid: costs\ntitle: Udgifter\norder: 1\nsummary: s\nreviewed: 2026-11-26\n---\nTekst\n")
    with pytest.raises(content.ContentError, match="do not pair"):
        content.load(tmp_path, LANGS)


def test_front_matter_is_required(tmp_path):
    (tmp_path / "da").mkdir()
    (tmp_path / "da" / "x.md").write_text("---\nid: x\ntitle: X\n---\nTekst\n")
    with pytest.raises(content.ContentError, match="order"):
        content.read_page(tmp_path / "da" / "x.md", "da")


def test_every_page_has_complete_front_matter():
    for lang in LANGS:
        for page in all_pages(lang).values():
            assert page.title and page.summary and isinstance(page.reviewed, date)


def test_every_rule_names_a_section_that_exists():
    sources = [value for value in vars(rules).values() if isinstance(value, rules.Source)]
    assert len(sources) >= 10
    for source in sources:
        assert SITE.has_anchor(source.topic, source.anchor), source


# Facts from the municipality's document that the site must carry exactly.
SOURCE_FACTS = {
    "apply": ["Parkvej 10", "2750 Ballerup", "ss-front@balk.dk", "44 77 34 43", "30", "10"],
    "what-you-get": ["1–4", "1–5", "Tilbudsportalen"],
    "complaints": ["4", "Hold-an Vej 7", "social-adm@balk.dk", "Center for Voksne og Sundhed",
                   "7998 Statsservice", "Ankestyrelsen"],
    "legal": ["§ 104", "798", "7. august 2019", "483", "19. maj 2011", "9286", "26. april 2018"],
    "about": ["serviceloven"],
}


@pytest.mark.parametrize("topic_id", sorted(SOURCE_FACTS))
def test_danish_pages_carry_the_source_facts(topic_id):
    text = SITE.topic("da", topic_id).text
    for fact in SOURCE_FACTS[topic_id]:
        assert fact.lower() in text.lower(), f"{topic_id} lacks {fact!r}"


def test_known_source_faults_are_not_copied():
    text = " ".join(page.text for page in SITE.topics["da"])
    assert "socialpædagogisk vejledning" not in text
    assert "kan forventet" not in text


def test_the_content_note_lists_the_source_faults():
    note = (Config.CONTENT_DIR / "NOTES.md").read_text()
    for fault in ("socialpædagogisk vejledning", "kan forventet", "indsat", "LBK nr. 67"):
        assert fault in note


def test_every_topic_has_an_easy_read_page_and_no_more():
    for lang in LANGS:
        assert [page.id for page in SITE.easy[lang]] == [page.id for page in SITE.topics[lang]]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("topic_id", [page.id for page in SITE.topics["da"]])
def test_easy_read_pages_carry_every_fact_of_the_full_page(lang, topic_id):
    full = facts(without_list_numbers(SITE.topic(lang, topic_id).text))
    easy = facts(without_list_numbers(SITE.easy_page(lang, topic_id).text))
    for kind in full:
        assert full[kind] <= easy[kind], f"{lang}/easy/{topic_id} lacks {kind} {full[kind] - easy[kind]}"


EASY_PAGES = [(lang, page.id) for lang in LANGS for page in SITE.easy[lang]]


@pytest.mark.parametrize(("lang", "page_id"), EASY_PAGES)
def test_easy_read_pages_are_easy_to_read(lang, page_id):
    """Danish LIX at most 25; in both languages at most 10 words a sentence on average
    (run `python -m tests.readability` for the table)."""
    lix, per_sentence, _ = page_stats(SITE.easy_page(lang, page_id))
    assert per_sentence <= 10, f"{per_sentence:.1f} words a sentence"
    if lang == "da":
        assert lix <= 25, f"LIX {lix:.1f}"


def test_the_readability_measure_tells_hard_text_from_easy():
    from tests.readability import stats
    easy = stats(["Ring til Fronten.", "Du kan også skrive en mail."])
    hard = stats(["Sagsbehandlingstiden for ansøgninger om aktivitets- og samværstilbud "
                  "udgør maksimalt 30 hverdage fra modtagelsestidspunktet."])
    assert easy[0] < 25 < hard[0]
    assert easy[1] < 10 < hard[1]


@pytest.mark.parametrize(("lang", "page_id"), EASY_PAGES)
def test_easy_read_pages_avoid_abbreviations(lang, page_id):
    text = SITE.easy_page(lang, page_id).text
    for abbreviation in (r"\bfx\b", r"\bf\.eks\.", r"\bkl\.", r"\bnr\.", r"\bm\.v\.", r"\bmv\.",
                         r"\be\.g\.", r"\bi\.e\.", r"\betc\b", r"\bno\. \d"):
        assert not re.search(abbreviation, text), f"{page_id}: {abbreviation}"
    # § only where the page says what it means.
    if "§" in text:
        assert re.search(r"§ betyder paragraf|§ means section", text)


def test_glossary_terms_pair_and_carry_the_same_facts():
    da, en = SITE.glossary["da"], SITE.glossary["en"]
    assert [t.anchor for t in da] == [t.anchor for t in en]
    for term_da, term_en in zip(da, en, strict=True):
        assert facts(term_da.meaning) == facts(term_en.meaning), term_da.anchor
        assert term_en.danish and term_da.meaning and term_en.meaning
        assert len(re.findall(r"[.!?](?=\s|$)", term_en.meaning)) <= 2, term_en.anchor  # one or two sentences


def test_glossary_has_the_terms_a_citizen_meets():
    terms = " ".join(t.term.lower() for t in SITE.glossary["da"])
    for word in ("§ 104", "serviceloven", "aktivitets- og samværstilbud", "målgruppe", "funktionsevne",
                 "særlige sociale problemer", "visitation", "bevilling", "afgørelse", "partshøring",
                 "udkast til afgørelse", "sagsbehandler", "fronten", "tilbudsportalen", "botilbud",
                 "kontingent", "hverdage", "statusattest", "lægekonsulent", "klage", "ankestyrelsen",
                 "digital post", "fuldmagt", "værge"):
        assert word in terms, word


def test_a_glossary_that_does_not_pair_stops_the_site_from_starting(tmp_path):
    for lang in LANGS:
        (tmp_path / lang / "pages").mkdir(parents=True)
        (tmp_path / lang / "glossary.yml").write_text(
            f"- {{anchor: {'a' if lang == 'da' else 'b'}, term: T, meaning: M, forms: [t]}}\n")
    with pytest.raises(content.ContentError, match="Glossary terms do not pair"):
        content.load(tmp_path, LANGS)




def test_the_first_use_of_a_term_links_to_the_glossary_but_not_in_headings_or_links(tmp_path):
    from bs4 import BeautifulSoup
    (tmp_path / "x.md").write_text(
        "---\nid: x\ntitle: T\norder: 1\nsummary: S\nreviewed: 2026-11-26\n---\n"
        "## Din sagsbehandler {#a}\n\n"
        "Ring til [Fronten](tel:+4544773443). Din sagsbehandler hjælper.\n\n"
        "- Sagsbehandleren og Fronten svarer. Du får en afgørelse.\n", encoding="utf-8")
    page = content.read_page(tmp_path / "x.md", "da", SITE.glossary["da"])
    soup = BeautifulSoup(page.html, "html.parser")
    links = [(a.get_text(), a["href"]) for a in soup.select("a.term-link")]
    assert links == [("sagsbehandler", "/da/ordliste#caseworker"), ("Fronten", "/da/ordliste#fronten"),
                     ("afgørelse", "/da/ordliste#decision")]
    assert not soup.h2.select("a") and soup.select_one("a[href^=tel]").get_text() == "Fronten"
    assert "Din sagsbehandler hjælper." in soup.get_text()


@pytest.mark.parametrize("lang", LANGS)
def test_every_glossary_link_on_a_page_leads_to_a_term(lang):
    anchors = {term.anchor for term in SITE.glossary[lang]}
    linked = set()
    for page in (*SITE.topics[lang], *SITE.easy[lang]):
        found = re.findall(rf'href="{content.GLOSSARY_PATHS[lang]}#([\w-]+)"', page.html)
        assert len(found) == len(set(found)), f"{page.id}: a term linked twice"
        linked |= set(found)
    assert linked <= anchors
    assert len(linked) >= 15, "most terms are used and linked somewhere"
