import re
from datetime import date

import pytest

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
        f"pages/{key}": page for key, page in SITE.pages[lang].items()}


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
