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
    assert dates == sorted(dates, reverse=True) and dates[0] == "2026-12-03"
    today = text_of(soup.select_one("main ol.changes li"))
    assert ("Ankestyrelsen" in today and "Digital Post" in today)
    assert ("statusattest" in today) == (lang == "en")


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
