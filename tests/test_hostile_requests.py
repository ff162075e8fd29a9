"""Issue 20: requests that got a 500, each now a clear 4xx page or the page itself."""

import pytest
from bs4 import BeautifulSoup

from tests.guide_helpers import url
from webapp import create_app
from webapp.config import TestingConfig


class CsrfConfig(TestingConfig):
    WTF_CSRF_ENABLED = True
    PROPAGATE_EXCEPTIONS = False  # as in production: a crash is a 500 page, not an exception


def h1(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").h1.get_text(strip=True)


@pytest.fixture(scope="module")
def csrf_app():
    return create_app(CsrfConfig)


UNREADABLE_SITES = ["http://[", "http://[::1", "http://[evil]", "https://[::1]x:80"]


@pytest.mark.parametrize("header", ["Origin", "Referer"])
@pytest.mark.parametrize("page", ["complaint", "apply", "who", "finish"])
@pytest.mark.parametrize("lang, title", [("da", "Intet blev ændret"), ("en", "Nothing was changed")])
def test_an_unreadable_origin_is_another_site_and_gets_the_400_page(csrf_app, header, page,
                                                                    lang, title):
    for value in UNREADABLE_SITES:
        response = csrf_app.test_client().post(url(lang, page), headers={header: value},
                                               data={"name": "Åse", "phone": "12345678"})
        assert response.status_code == 400, (value, response.status_code)
        assert h1(response) == title
        assert "Åse" not in response.get_data(as_text=True)  # another site's post is not shown again
