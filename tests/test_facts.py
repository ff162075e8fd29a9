"""The registry of facts (content/facts.yml): every fact rests on the municipality's
document or on a law listed in content/NOTES.md, is carried by every page it lists
(both languages, both reading levels), is never typed by hand elsewhere, and
`make check-source` tells when the document changes under it."""

import ast
import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from scripts import check_source
from tests.guide_helpers import ANSWERS, answer_all, application_page, url
from webapp import complaint as email_module
from webapp import content, create_app, facts
from webapp.config import ROOT, Config

LANGS = ("da", "en")
SITE = content.load(Config.CONTENT_DIR, LANGS)
TOPICS = [page.id for page in SITE.topics["da"]]
CONTENT_PAGES = {*TOPICS, *(f"easy/{t}" for t in TOPICS), *(f"pages/{p}" for p in SITE.pages["da"]), "glossary"}
GUIDE_PAGES = {"result", "easy_result", "email", "complaint_email", "complaint_page", "how_it_works"}


def source_document():
    """Today's document: the checked copy kept in the repository."""
    return check_source.DEFAULT_SOURCE


def words(text):
    """Text as read: one space between words, none before punctuation or inside brackets
    (a link's text is set off by spaces when the page's text is taken out)."""
    text = " ".join(text.split())
    return re.sub(r"\s+(?=[.,?!:;)])|(?<=\()\s+", "", text)


def uses(keys):
    """The facts these placeholders show, with the facts their sentences name."""
    found = set(keys) & set(facts.FACTS)  # not the dates filled in when a page is shown
    for key in set(found):
        for text in facts.FACTS[key].wording.values():
            found |= uses(set(facts.REFERENCE.findall(text)))
    return found


# --- The registry itself -------------------------------------------------------

def test_every_fact_rests_on_the_document_or_on_a_law_in_the_notes():
    notes = words((Config.CONTENT_DIR / "NOTES.md").read_text(encoding="utf-8"))
    for fact in facts.FACTS.values():
        assert fact.quote or fact.law, fact.key
        if fact.law:
            assert fact.law in notes, f"{fact.key}: {fact.law!r} is not listed in content/NOTES.md"


def test_every_fact_lists_known_pages_and_both_reading_levels():
    for fact in facts.FACTS.values():
        assert set(fact.pages) <= CONTENT_PAGES | GUIDE_PAGES, fact.key
        for page in fact.pages:
            if page in TOPICS:
                assert f"easy/{page}" in fact.pages, f"{fact.key}: on {page} but not on its easy-read page"


def test_a_fact_without_a_source_or_a_page_stops_the_site_from_starting(tmp_path):
    path = tmp_path / "facts.yml"
    path.write_text("phone:\n  value: '44 77 34 43'\n  pages: [apply]\n", encoding="utf-8")
    with pytest.raises(facts.FactError, match="quote"):
        facts.read(path)
    path.write_text("phone:\n  value: '1'\n  quote: q\n  pages: [apply]\n"
                    "days:\n  value: '{phne} days'\n  quote: q\n  pages: [apply]\n", encoding="utf-8")
    with pytest.raises(facts.FactError, match="unknown facts"):
        facts.read(path)


def test_an_unknown_placeholder_stops_the_site_from_starting(tmp_path):
    (tmp_path / "x.md").write_text("---\nid: x\ntitle: T\norder: 1\nsummary: S\nreviewed: 2026-12-03\n---\n"
                                   "Ring på [[phone_frnten]].\n", encoding="utf-8")
    with pytest.raises(content.ContentError, match="phone_frnten"):
        content.read_page(tmp_path / "x.md", "da")


def test_a_sentence_takes_its_number_from_the_fact_it_names():
    assert facts.text("complaint_deadline_rule", "da") == (
        f"Kommunen skal have din klage senest {facts.value('complaint_weeks')} uger efter den dag, du fik afgørelsen.")
    assert facts.fill("Ring på [[phone_fronten]].", "en", "easy") == "Ring på [44 77 34 43](tel:+4544773443)."


# --- Each fact on every page it lists ------------------------------------------

def content_page(lang, page):
    if page.startswith("easy/"):
        return SITE.easy_page(lang, page.removeprefix("easy/"))
    if page.startswith("pages/"):
        return SITE.pages[lang][page.removeprefix("pages/")]
    return SITE.topic(lang, page)


def glossary_source(lang):
    return (Config.CONTENT_DIR / lang / "glossary.yml").read_text(encoding="utf-8")


def shown_text(lang, page):
    """What a reader sees of a content page, and what its editor wrote."""
    if page == "glossary":
        return words(" ".join(term.meaning for term in SITE.glossary[lang])), glossary_source(lang)
    found = content_page(lang, page)
    return words(BeautifulSoup(found.html, "html.parser").get_text(" ")), found.source


@pytest.mark.parametrize("lang", LANGS)
def test_every_content_page_carries_its_facts_from_the_registry(lang):
    missing = []
    for fact in facts.FACTS.values():
        for page in set(fact.pages) & CONTENT_PAGES:
            level = "easy" if page.startswith("easy/") else "full"
            shown, written = shown_text(lang, page)
            if fact.key not in uses(facts.placeholders(written)) or words(facts.text(fact.key, lang, level)) not in shown:
                missing.append(f"{lang}/{page}: {fact.key}")
    assert not missing


@pytest.fixture(scope="module")
def guide_texts():
    """The result, the easy result and the application email page, in both languages,
    for someone in their own home and someone living with family; the complaint page
    and "How the guide works"."""
    app = create_app("testing")
    texts = {}
    for lang in LANGS:
        for housing in ("own_home", "family"):
            client = app.test_client()
            answer_all(client, lang, {**ANSWERS, "housing": housing, "timing": "both"})
            for page in ("result", "easy_result"):
                soup = BeautifulSoup(client.get(url(lang, page)).get_data(as_text=True), "html.parser")
                texts[lang, page] = texts.get((lang, page), "") + " " + words(soup.main.get_text(" "))
        response = application_page(app.test_client(), lang)
        texts[lang, "email"] = words(BeautifulSoup(response.get_data(as_text=True), "html.parser").main.get_text(" "))
        soup = BeautifulSoup(app.test_client().get(url(lang, "complaint")).get_data(as_text=True), "html.parser")
        texts[lang, "complaint_page"] = words(soup.main.get_text(" "))
        how = {"da": "/da/saadan-virker-guiden", "en": "/en/how-the-guide-works"}[lang]
        soup = BeautifulSoup(app.test_client().get(how).get_data(as_text=True), "html.parser")
        texts[lang, "how_it_works"] = words(soup.main.get_text(" "))
        with app.test_request_context(f"/{lang}/"):
            texts[lang, "complaint_email"] = email_module.complaint_email(
                {"name": "Bo", "message": "Uenig"}).to
    return texts


@pytest.mark.parametrize("lang", LANGS)
def test_the_guide_carries_its_facts_from_the_registry(guide_texts, lang):
    missing = [f"{lang}/{page}: {fact.key}"
               for fact in facts.FACTS.values() for page in set(fact.pages) & GUIDE_PAGES
               if words(facts.text(fact.key, lang, "easy" if page == "easy_result" else "full"))
               not in guide_texts[lang, page]]
    assert not missing


# --- Nothing typed by hand -----------------------------------------------------

PHONE = re.compile(r"\d{2}\s?\d{2}\s?\d{2}\s?\d{2}")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
ADDRESSES = ("Parkvej", "Hold-an Vej", "Statsservice", "2750")
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
# Numbers that are not facts about the service: its legal name, and what the site
# itself is (the accessibility law and standard, what was tested, the cookie's life).
NOT_FACTS = {
    "*": {"104", "1"},  # § 104; "at least 1" in easy read
    "pages/accessibility": {"692", "8", "2018", "301", "549", "2.1", "2.2", "320", "200", "26", "2026"},
    "pages/privacy": {"20", "200", "12"},  # the cookie's time limit, with "more time"; feedback texts kept 12 months
}


def hand_typed(text, page):
    text = re.sub(r"\[\[\w+\]\]|#[0-9a-fA-F]{3,6}\b", "", text)  # placeholders, colours
    text = re.sub(r"^\s*\d+\. ", "", text, flags=re.MULTILINE)  # numbered steps
    allowed = NOT_FACTS["*"] | NOT_FACTS.get(page, set())
    found = PHONE.findall(text) + EMAIL.findall(text) + [a for a in ADDRESSES if a in text]
    return found + [n for n in DIGITS.findall(text) if n not in allowed]


@pytest.mark.parametrize("lang", LANGS)
def test_no_number_contact_or_address_is_typed_by_hand_in_content(lang):
    typed = {page: hand_typed(content_page(lang, page).source, page)
             for page in CONTENT_PAGES - {"glossary"}}
    typed["glossary"] = hand_typed(glossary_source(lang), "glossary")
    assert not {page: found for page, found in typed.items() if found}


GUIDE_FILES = ("webapp/guide/statements.py", "webapp/sending/application.py", "webapp/complaint/email.py",
               "webapp/emails.py", "webapp/guide/easy.py")


@pytest.mark.parametrize("path", GUIDE_FILES)
def test_no_number_contact_or_address_is_typed_by_hand_in_the_guide(path):
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    strings = [node.value for node in ast.walk(tree)
               if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    docstrings = {ast.get_docstring(node, clean=False) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)}
    typed = [(s, hand_typed(s, path)) for s in strings if s not in docstrings and hand_typed(s, path)]
    assert not typed


def test_the_contact_macros_take_their_details_from_the_registry():
    macros = (ROOT / "webapp/templates/macros/contact.html").read_text(encoding="utf-8")
    assert not hand_typed(re.sub(r"\{#.*?#\}", "", macros, flags=re.S), "macros")


# --- The document watched --------------------------------------------------------

def test_check_source_passes_on_todays_document(capsys):
    assert check_source.main(["check_source", str(source_document())]) == 0
    assert "all" in capsys.readouterr().out


def test_the_checked_document_is_in_the_repository_and_the_default(capsys):
    """A fresh clone with nothing beside it: `make check-source` and the tests read the
    copy in content/source/, and `SOURCE=` still checks another file."""
    assert source_document().is_relative_to(ROOT) and source_document().is_file()
    assert check_source.main(["check_source"]) == 0
    assert str(source_document()) in capsys.readouterr().out
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "SOURCE ?= content/source/" + check_source.SOURCE_NAME in makefile
    notes = (ROOT / "content" / "NOTES.md").read_text(encoding="utf-8")
    assert "content/source/" + check_source.SOURCE_NAME in notes


def test_check_source_reads_another_version_when_given_one(tmp_path, capsys):
    missing = tmp_path / "ny-udgave.txt"
    assert check_source.main(["check_source", str(missing)]) == 2
    assert str(missing) in capsys.readouterr().err


def test_nothing_in_the_repository_reads_outside_it():
    """Every tracked file: no path that leaves the repository for the shared folder
    or the machine it was written on."""
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    outside = re.compile(r"\.\./shared|(?<![\w.-])shared/(source|reference)|/wor[k]/")
    found = []
    for name in tracked.stdout.splitlines():
        path = ROOT / name
        if not path.is_file() or path.suffix in {".png", ".woff2", ".mo", ".ico"}:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        found += [f"{name}: {m.group(0)}" for m in outside.finditer(text)]
    assert not found, found


def test_hyphenation_line_breaks_and_dashes_do_not_count_as_changes():
    assert check_source.normalise("Serviceni-\nveauet gælder 1–4 dage,\n 2750  Ballerup") == \
        check_source.normalise("Serviceniveauet gælder 1-4 dage, 2750 Ballerup")


def test_check_source_names_each_fact_a_changed_document_no_longer_supports(tmp_path):
    changed = source_document().read_text(encoding="utf-8")
    for old, new in (("1-4 dage", "1-3 dage"), ("44 77 34 43", "44 77 34 99"),
                     ("senest fire uger efter, at du har", "senest tre uger efter, at du har")):
        assert old in changed
        changed = changed.replace(old, new)
    copy = tmp_path / "serviceniveau.txt"
    copy.write_text(changed, encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_source.py"), str(copy)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "days_own_home", "phone_fronten", "complaint_weeks", "complaint_deadline_rule"]
    phone = next(line for line in lines if line.startswith("phone_fronten"))
    assert '"Telefonnummer: 44 77 34 43"' in phone and "easy/apply" in phone and "pages/accessibility" in phone
