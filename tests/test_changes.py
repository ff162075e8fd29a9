"""Dated pages and the history of changes to what the site says."""

from datetime import date

import pytest

from tests.conftest import text_of
from tests.readability import blocks, stats
from webapp import content
from webapp.config import Config

SITE = content.load(Config.CONTENT_DIR, ("da", "en"))
CHANGES = {"da": "/da/aendringer-i-serviceniveauet", "en": "/en/changes-to-the-service-level"}
DATED = {"da": ("Sidst gennemgået: {}", "Næste gennemgang: {}"),
         "en": ("Last reviewed: {}", "Next review: {}")}
LONG_DATE = {"da": "{d.day}. {month} {d.year}", "en": "{d.day} {month} {d.year}"}
MONTHS = {"da": ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
                 "oktober", "november", "december"],
          "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"]}


def long_date(lang, day):
    return LONG_DATE[lang].format(d=day, month=MONTHS[lang][day.month - 1])


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_topic_and_easy_read_page_shows_when_it_was_and_will_be_reviewed(client, lang):
    paths = {"da": ("/da/serviceniveau/", "/da/let/"), "en": ("/en/service-level/", "/en/easy/")}[lang]
    for prefix, pages in zip(paths, (SITE.topics[lang], SITE.easy[lang]), strict=True):
        for page in pages:
            text = " ".join(client.get(prefix + page.id, follow_redirects=True).get_data(as_text=True).split())
            last, following = DATED[lang]
            assert last.format(long_date(lang, page.reviewed)) in text, page.id
            next_year = page.reviewed.replace(year=page.reviewed.year + 1)
            assert following.format(long_date(lang, next_year)) in text, page.id


def test_the_next_review_is_a_year_on_even_from_29_february():
    page = SITE.topics["da"][0]
    assert type(page)(**{**vars(page), "reviewed": date(2028, 2, 29)}).next_review == date(2029, 2, 28)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_changes_page_lists_dated_changes_newest_first(get_page, lang):
    soup = get_page(CHANGES[lang])
    dates = [time["datetime"] for time in soup.select("main ol.changes time")]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2026-12-04"
    earlier = text_of(soup.select("main ol.changes > li")[1])
    assert ("Ankestyrelsen" in earlier and "Digital Post" in earlier)
    assert ("statusattest" in earlier) == (lang == "en")


TITLES = {"da": ("Ændringer og rettelser", "Ændringer i serviceniveauet", "Rettelser på hjemmesiden"),
          "en": ("Changes and corrections", "Changes to the service level", "Corrections to this site")}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_service_levels_own_changes_and_the_sites_corrections_are_apart(get_page, lang):
    """The site's corrections are not listed as changes to the municipality's service level:
    each list is under a heading that says what it is."""
    soup = get_page(CHANGES[lang])
    page_title, service_level, corrections = TITLES[lang]
    assert text_of(soup.h1) == page_title and soup.title.get_text().startswith(page_title)
    assert text_of(soup.select_one("main h2#service-level")) == service_level
    assert text_of(soup.select_one("main h2#corrections")) == corrections
    # Every dated entry so far is a correction: the service level's list is empty and says so.
    assert all(change.kind == "correction" for change in SITE.changes)
    between = soup.select_one("main h2#service-level").find_next_sibling()
    assert between.name == "p" and {"da": "ingen ændringer", "en": "no changes"}[lang] in text_of(between)
    listed = soup.select_one("main h2#corrections").find_next_sibling("ol")
    assert len(listed.select("time")) == len(SITE.changes)
    footer = soup.select_one(f"footer a[href='{CHANGES[lang]}']")
    assert text_of(footer) == page_title


def test_a_change_of_the_service_level_is_listed_under_its_own_heading(tmp_path, app):
    for lang in ("da", "en"):
        (tmp_path / lang / "pages").mkdir(parents=True)
    (tmp_path / "changes.yml").write_text(
        "- date: 2027-01-10\n  kind: service_level\n  text: {da: Nyt tal, en: New number}\n"
        "- date: 2027-01-11\n  text: {da: Rettet, en: Corrected}\n", encoding="utf-8")
    loaded = content.load(tmp_path, ("da", "en"))
    assert [c.text["en"] for c in loaded.changes_of("service_level")] == ["<p>New number</p>"]
    assert [c.text["en"] for c in loaded.changes_of("correction")] == ["<p>Corrected</p>"]
    (tmp_path / "changes.yml").write_text("- date: 2027-01-10\n  kind: rumour\n  text: {da: x, en: x}\n",
                                          encoding="utf-8")
    with pytest.raises(content.ContentError, match="unknown kind rumour"):
        content.load(tmp_path, ("da", "en"))


def test_the_danish_changes_page_is_easy_to_read(get_page):
    lix, _, _ = stats(blocks(str(get_page(CHANGES["da"]).main)))
    assert lix <= 35, f"LIX {lix:.1f}"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_footer_and_the_legal_page_link_to_the_changes(get_page, lang):
    home = get_page(f"/{lang}/")
    assert home.select_one(f"footer a[href='{CHANGES[lang]}']")
    legal = get_page({"da": "/da/serviceniveau/love-og-regler", "en": "/en/service-level/legal"}[lang])
    note = legal.select_one("main .source-version")
    assert note.select_one(f"a[href='{CHANGES[lang]}']")
    assert {"da": "ingen dato og intet versionsnummer", "en": "no date or version number"}[lang] in text_of(note)


def test_a_change_without_every_language_stops_the_site_from_starting(tmp_path):
    for lang in ("da", "en"):
        (tmp_path / lang / "pages").mkdir(parents=True)
    (tmp_path / "changes.yml").write_text("- date: 2026-12-03\n  text: {da: Rettet}\n", encoding="utf-8")
    with pytest.raises(content.ContentError, match="every language"):
        content.load(tmp_path, ("da", "en"))
