"""Every URL in the language of its page; the old paths redirect to the new ones."""

from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from tests.conftest import crawl
from tests.guide_helpers import answer_all, url
from webapp.pages import TOPIC_SLUGS

# Old path (as on the site before) -> where it leads now.
MOVED = [
    ("/en/guide/tjek", "/en/guide/check"),
    ("/en/guide/resultat", "/en/guide/result"),
    ("/en/guide/ansoegning", "/en/guide/apply"),
    ("/en/guide/ryddet", "/en/guide/cleared"),
    ("/en/guide/udloebet", "/en/guide/expired"),
    ("/en/guide/target", "/en/guide/target-group"),
    ("/en/guide/housing", "/en/guide/home"),
    ("/en/guide/timing", "/en/guide/day-or-evening"),
    ("/en/frister", "/en/deadlines"),
    ("/en/klage", "/en/complaint"),
    ("/en/serviceniveau/", "/en/service-level/"),
    ("/en/serviceniveau/apply", "/en/service-level/apply"),
    # The Danish topic pages were at their English ids.
    ("/da/serviceniveau/costs-and-transport", "/da/serviceniveau/pris-og-transport"),
    ("/da/serviceniveau/who-can-get-it", "/da/serviceniveau/hvem-kan-faa-tilbuddet"),
    ("/da/serviceniveau/apply", "/da/serviceniveau/saadan-soeger-du"),
    ("/da/serviceniveau/complaints", "/da/serviceniveau/saadan-klager-du"),
    ("/da/serviceniveau/legal", "/da/serviceniveau/love-og-regler"),
    ("/da/serviceniveau/about", "/da/serviceniveau/om-serviceniveauet"),
    ("/da/serviceniveau/what-you-get", "/da/serviceniveau/hvad-kan-du-faa"),
    ("/da/serviceniveau/your-part", "/da/serviceniveau/hvad-skal-du-selv-goere"),
    ("/en/kontakt", "/en/contact"),
    ("/en/tilgaengelighed", "/en/accessibility"),
    ("/en/privatliv", "/en/privacy"),
    ("/da/guide/who", "/da/guide/hvem"),
    ("/da/guide/residence", "/da/guide/bopael"),
    ("/da/guide/target", "/da/guide/maalgruppe"),
    ("/da/guide/needs", "/da/guide/behov"),
    ("/da/guide/housing", "/da/guide/bolig"),
    ("/da/guide/timing", "/da/guide/tidspunkt"),
    # The page reads `dato` and `return`; anything else in the query is dropped.
    ("/en/frister?dato=2026-11-26&utm_source=x", "/en/deadlines?dato=2026-11-26"),
    ("/en/frister/svar.ics?dato=2026-11-26", "/en/deadlines/answer.ics?dato=2026-11-26"),
    ("/en/frister/bemaerkninger.ics?dato=2026-11-26", "/en/deadlines/comments.ics?dato=2026-11-26"),
    ("/da/guide/housing?return=check&name=x", "/da/guide/bolig?return=check"),
]


@pytest.mark.parametrize("old, new", MOVED)
def test_an_old_path_redirects_permanently_to_the_new_one(client, old, new):
    response = client.get(old)
    assert response.status_code == 308
    assert response.headers["Location"] == new
    assert client.get(new).status_code in (200, 302)  # 302: a guide page that needs answers


@pytest.mark.parametrize("old, new", [("/en/guide/forfra", "/en/guide/start-again"),
                                      ("/en/guide/afslut", "/en/guide/finish"),
                                      ("/en/klage", "/en/complaint")])
def test_an_old_form_address_still_posts(client, old, new):
    response = client.post(old, data={})
    assert response.status_code == 308  # the browser posts the same form again to the new one
    assert response.headers["Location"] == new


def test_paths_that_did_not_move_are_served_directly(client):
    for path in ("/da/guide/tjek", "/da/frister", "/da/klage", "/da/serviceniveau/saadan-soeger-du",
                 "/da/kontakt", "/en/guide/who", "/en/guide/needs"):
        assert client.get(path).status_code in (200, 302), path
        assert client.get(path).status_code != 308, path


def _links(response):
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    for link in soup.find_all(["a", "link", "form"]):
        href = link.get("href") or link.get("action") or ""
        if href.startswith("/") and not href.startswith("/static/"):
            yield link, urlparse(href).path


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_internal_link_stays_in_its_languages_paths(app, client, lang):
    answer_all(client, lang)
    pages = crawl(client, f"/{lang}/")
    pages.update({path: client.get(path) for path in (url(lang, "check"), url(lang, "result"))})
    adapter = app.url_map.bind("localhost")
    checked = 0
    for page, response in pages.items():
        if response.mimetype != "text/html" or not page.startswith(f"/{lang}/"):
            continue
        for link, path in _links(response):
            endpoint, values = adapter.match(path, method=link.get("method", "get").upper())
            target = link.get("hreflang") or lang
            assert not endpoint.startswith("old."), f"{page} links to the old path {path}"
            assert values["lang"] == target, f"{page} links to {path}, not in {target}"
            checked += 1
    assert checked > 200


def test_the_language_switch_goes_to_the_other_languages_slug(app, client):
    answer_all(client, "da")
    for da, en in [("/da/guide/maalgruppe", "/en/guide/target-group"), ("/da/guide/tjek", "/en/guide/check"),
                   ("/da/frister", "/en/deadlines"), ("/da/serviceniveau/saadan-soeger-du", "/en/service-level/apply")]:
        for here, there in ((da, en), (en, da)):
            html = client.get(here).get_data(as_text=True)
            # A link; on a question, a button of its form that goes there with the choice.
            switch = html[html.index('<nav class="language-switch"'):html.index("</nav>")]
            assert f'href="{there}"' in switch or f'name="draft" value="{there[1:3]}"' in switch, here
            site = app.config["SITE_URL"]
            assert f'hreflang="{there[1:3]}" href="{site}{there}"' in html, here


def test_every_topic_page_has_an_address_in_each_language(app, client):
    for lang, base in (("da", "/da/serviceniveau/"), ("en", "/en/service-level/")):
        topics = app.extensions["content"].topics[lang]
        assert sorted(TOPIC_SLUGS[lang]) == sorted(page.id for page in topics)
        for page in topics:
            assert client.get(base + TOPIC_SLUGS[lang][page.id]).status_code == 200
    # A Danish address says it in Danish: no topic keeps its English id there.
    assert not set(TOPIC_SLUGS["da"].values()) & set(TOPIC_SLUGS["en"].values())
