import re
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from webapp import create_app


@pytest.fixture
def app():
    return create_app("testing")


@pytest.fixture
def client(app):
    return app.test_client()


def check_page(response, lang):
    """What every page must have: a title, one h1, the URL's language, unique ids."""
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.title and soup.title.get_text(strip=True), "page has no title"
    assert len(soup.find_all("h1")) == 1, "page must have exactly one h1"
    assert soup.html["lang"] == lang
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates, f"duplicate ids: {duplicates}"
    return soup


@pytest.fixture
def get_page(client):
    """Fetch a page, check it like every page is checked, and return it parsed."""

    def fetch(url, status=200, lang=None, **kwargs):
        response = client.get(url, **kwargs)
        assert response.status_code == status, f"{url}: {response.status_code}"
        lang = lang or re.match(r"^/(da|en)/", url).group(1)
        return check_page(response, lang)

    return fetch


def text_of(soup):
    return " ".join(soup.get_text(" ").split())


def crawl(client, start):
    """Every page reachable from `start` by following internal links: {url: response}."""
    seen, queue = {}, [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen[url] = response = client.get(url)
        if response.mimetype != "text/html":
            continue
        for href in re.findall(r'<a [^>]*href="(/[^"#]*)', response.get_data(as_text=True)):
            target = urlparse(href.replace("&amp;", "&"))
            queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return seen
