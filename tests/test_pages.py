from urllib.parse import urlparse

import pytest

from tests.conftest import check_page, crawl, text_of
from tests.guide_helpers import url

PAGES = ["service_level", "contact", "accessibility", "privacy", "deadlines", "complaint"]


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_is_well_formed(get_page, name, lang):
    get_page(url(lang, name))


@pytest.mark.parametrize("lang", ["da", "en"])
def test_pages_with_one_path_in_both_languages_are_well_formed(get_page, lang):
    get_page(f"/{lang}/")
    get_page(f"/{lang}/guide/")


def test_root_follows_the_browsers_language(client):
    assert client.get("/").headers["Location"] == "/da/"
    english = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert english.headers["Location"] == "/en/"
    assert "Accept-Language" in english.headers["Vary"]
    danish_first = client.get("/", headers={"Accept-Language": "da,en;q=0.5"})
    assert danish_first.headers["Location"] == "/da/"


def test_an_unknown_language_is_not_found(client):
    assert client.get("/de/").status_code == 404


@pytest.mark.parametrize("lang, title", [("da", "Siden findes ikke"), ("en", "Page not found")])
def test_not_found_page_is_in_the_readers_language(get_page, lang, title):
    soup = get_page(f"/{lang}/no-such-page", status=404)
    assert soup.h1.get_text(strip=True) == title


def test_language_switch_links_to_the_same_page(get_page):
    soup = get_page("/da/serviceniveau/pris-og-transport")
    link = soup.select_one("nav.language-switch a")
    assert link["href"] == "/en/service-level/costs-and-transport"
    assert link["lang"] == "en" and link["hreflang"] == "en"
    assert link.get_text(strip=True) == "English"
    alternates = {a["hreflang"]: urlparse(a["href"]).path for a in soup.select("link[rel=alternate]")}
    assert alternates == {"da": "/da/serviceniveau/pris-og-transport",
                          "en": "/en/service-level/costs-and-transport"}


def test_english_page_links_back_to_danish(get_page):
    link = get_page("/en/contact").select_one("nav.language-switch a")
    assert link["href"] == "/da/kontakt" and link.get_text(strip=True) == "Dansk"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_crawl_follows_every_internal_link(client, lang):
    pages = crawl(client, f"/{lang}/")
    for path, response in pages.items():
        assert response.status_code == 200, f"{path} gave {response.status_code}"
        if response.mimetype == "text/html":
            check_page(response, urlparse(path).path.split("/")[1])
    assert len(pages) > 15


def test_contact_page_gives_fronten_and_the_complaint_address(get_page):
    soup = get_page("/da/kontakt")
    hrefs = {a["href"] for a in soup.find_all("a", href=True)}
    assert {"tel:+4544773443", "mailto:ss-front@balk.dk", "mailto:social-adm@balk.dk"} <= hrefs
    text = text_of(soup)
    for fact in ("Parkvej 10", "2750 Ballerup", "Hold-an Vej 7", "Center for Voksne og Sundhed"):
        assert fact in text
    assert "åbningstid" not in text.lower()  # the source gives no opening hours


def test_topic_page_has_contents_review_date_and_source(get_page):
    soup = get_page("/da/serviceniveau/saadan-soeger-du")
    toc = [a["href"] for a in soup.select("nav.page-toc a")]
    assert toc == ["#apply", "#case-handling", "#processing-time"]
    for anchor in toc:
        assert soup.find(id=anchor[1:]) is not None
    assert "Sidst gennemgået: 3. december 2026" in text_of(soup)
    assert "Næste gennemgang: 3. december 2027" in text_of(soup)
    assert "serviceniveau" in soup.select_one(".source-note").get_text()


def test_footer_links_accessibility_statement_and_privacy(get_page):
    footer = get_page("/da/").select_one("footer")
    names = [a.get_text(strip=True) for a in footer.find_all("a")]
    assert "Tilgængelighedserklæring" in names
    assert "Privatliv og cookies" in names


def test_every_response_carries_the_security_headers(client):
    for path in ("/da/", "/en/guide/who", "/da/no-such-page", "/"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert "script-src 'self'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert "camera=()" in headers["Permissions-Policy"]
        assert "Strict-Transport-Security" not in headers


def test_production_adds_hsts(monkeypatch):
    from webapp import create_app

    monkeypatch.setenv("SECRET_KEY", "c4f1e8a09b3d72e5f6a1b0c9d8e7f2a3b4c5d6e7f8091a2b3c4d5e6f70819a2b")
    monkeypatch.setenv("SITE_URL", "https://localhost")
    client = create_app("production").test_client()
    assert "max-age" in client.get("/da/").headers["Strict-Transport-Security"]


def test_production_refuses_to_start_without_a_secret(monkeypatch):
    from webapp import create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError):
        create_app("production")


def test_a_server_error_is_a_friendly_page_in_the_readers_language(app):
    app.config["TESTING"] = False
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/en/boom")
    def boom():
        raise RuntimeError("boom")

    response = app.test_client().get("/en/boom")
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.get_data(as_text=True)


def test_no_page_loads_anything_from_another_site(get_page):
    soup = get_page("/da/")
    loaded = [tag.get("src") or tag.get("href") for tag in
              soup.select("script[src], img[src], link[rel=stylesheet], link[rel=icon]")]
    assert loaded and all(url.startswith(("/", "data:")) for url in loaded), loaded


def test_robots_txt_lets_search_engines_read_every_page(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    assert "Allow: /" in response.get_data(as_text=True)
