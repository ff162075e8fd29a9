"""Issue 20: requests that got a 500, each now a clear 4xx page or the page itself."""

import inspect
import io
import logging
import re
import sys
import time
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from flask import abort, request

from tests.guide_helpers import ANSWERS, url
from webapp import create_app
from webapp.config import ROOT, TestingConfig


class CsrfConfig(TestingConfig):
    WTF_CSRF_ENABLED = True
    PROPAGATE_EXCEPTIONS = False  # as in production: a crash is a 500 page, not an exception


class ErrorConfig(TestingConfig):
    PROPAGATE_EXCEPTIONS = False


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


@pytest.fixture(scope="module")
def app():
    return create_app(ErrorConfig)


@pytest.fixture
def started(app):
    """A client with the guide's answers in its cookie."""
    def client():
        client = app.test_client()
        with client.session_transaction() as session:
            session["answers"], session["seen"] = dict(ANSWERS), int(time.time())
        return client
    return client


FORM_PAGES = [("/da/tilbagemelding/tekst", "da"), ("/en/feedback/text", "en")]
FORM_PAGES += [(url(lang, page), lang) for lang in ("da", "en")
               for page in ("who", "apply", "complaint", "finish", "keep_alive")]
FORM_PAGES += [("/da/guide/email", "da"), ("/en/guide/email", "en"), ("/da/tilbagemelding", "da")]
CANNOT_BE_SHOWN = {"da": "Siden kunne ikke vises", "en": "The page could not be shown"}


@pytest.mark.parametrize("path, lang", FORM_PAGES)
def test_a_json_body_never_reaches_a_form(started, path, lang):
    for body in ("[1]", "5", "{", '{"missing":5}', '{"name":5,"body":[1],"answer":{}}', "null"):
        client = started()
        response = client.post(path, data=body, content_type="application/json",
                               headers={"Origin": "http://localhost"})
        assert response.status_code == 400, (body, response.status_code)
        assert h1(response) == CANNOT_BE_SHOWN[lang]
        assert client.get(url(lang, "result")).status_code == 200  # the answers are still there


@pytest.mark.parametrize("path, lang", FORM_PAGES)
def test_a_file_where_a_text_is_expected_gets_400(started, path, lang):
    for field in ("name", "missing", "body", "answer", "page", "csrf_token"):
        client = started()
        response = client.post(path, data={"page": "/da/", field: (io.BytesIO(b"Hej"), "brev.txt")},
                               headers={"Origin": "http://localhost"})
        assert response.status_code == 400, (field, response.status_code)
        assert h1(response) == CANNOT_BE_SHOWN[lang]


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", "application/octet-stream",
                                          "application/merge-patch+json", "multipart/mixed"])
def test_other_body_types_get_400_too(started, content_type):
    response = started().post(url("da", "complaint"), data=b"name=x", content_type=content_type)
    assert response.status_code == 400 and h1(response) == CANNOT_BE_SHOWN["da"]


def test_the_form_sent_as_multipart_text_still_works(started):
    data = {"name": "Åse", "phone": "12345678", "message": "Uenig"}
    for content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        response = started().post(url("da", "complaint"), data=data, content_type=content_type)
        assert response.status_code == 303, content_type


def test_a_5xx_logs_the_apps_own_frame_and_the_whole_traceback_without_paths_or_messages(caplog):
    app = create_app(ErrorConfig)

    @app.post("/<lang>/crash")
    def crash():
        return urlsplit(request.form["site"])  # the library raises, with what was typed

    @app.get("/<lang>/down")
    def down():
        abort(503)

    client = app.test_client()
    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        assert client.post("/da/crash", data={"site": "http://[Åse"}).status_code == 500
        assert client.get("/da/down").status_code == 503
    crashed, down_ = (record.getMessage() for record in caplog.records)
    first = crashed.splitlines()[0]
    line = inspect.getsourcelines(crash)[1] + 2
    assert first.endswith(f"ValueError at tests/test_hostile_requests.py:{line} in crash"), first
    assert "File urllib/parse.py:" in crashed and "File flask/app.py:" in crashed
    assert "Åse" not in crashed and str(ROOT) not in crashed and sys.prefix not in crashed
    assert down_.startswith("503 ") and "in down" in down_ and "abort(503)" in down_


HOSTILE_BACKS = ["//[", "//%5B", "/da/guide/hvem?\r\nX: 1", "/en/guide/who?\r\nX: 1",
                 "/da/guide/hvem\r\nX: 1", "[", "//[::1]/x", "/da/guide/hvem\x00", "http://[evil]/",
                 "/da/guide/tjek?back=//evil.example", "/da/guide/tjek#x\r\n", "\\\\evil.example",
                 "/da/guide/bolig?return=check\r\nX: 1", "/da/guide/bolig?return=evil"]


def restart_cancel_link(client, lang, back):
    soup = BeautifulSoup(client.get(url(lang, "restart"), query_string={"back": back}).text,
                         "html.parser")
    return soup.select_one("main form").find_next("a")["href"]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_back_is_built_from_the_page_it_names_never_echoed(started, lang):
    for back in HOSTILE_BACKS:
        client = started()
        response = client.get(url(lang, "restart"), query_string={"back": back})
        assert response.status_code == 200, (back, response.status_code)
        link = restart_cancel_link(client, lang, back)
        assert link.startswith(f"/{lang}/guide/") and not re.search(r"[\r\n\x00#\\]", link), (back, link)
        assert link.partition("?")[2] in ("", "return=check"), (back, link)
        more_time = client.post(url(lang, "keep_alive"), data={"back": back})
        assert more_time.status_code == 303, (back, more_time.status_code)
        assert more_time.location.startswith(f"/{lang}/") and "\n" not in more_time.location
        assert "?" not in more_time.location and "evil" not in more_time.location


@pytest.mark.parametrize("lang", ["da", "en"])
def test_back_to_a_journey_page_still_leads_there(started, lang):
    pages = [url(lang, page) for page in ("who", "needs", "check", "result", "apply", "sending",
                                          "complaint", "deadlines")]
    for page in (*pages, url(lang, "housing") + "?return=check"):
        client = started()
        assert restart_cancel_link(client, lang, page) == page
        assert client.post(url(lang, "keep_alive"), data={"back": page}).location == page


def test_flasks_own_traceback_logs_leave_out_messages_and_folders(caplog):
    app = create_app(ErrorConfig)

    @app.get("/<lang>/crash")
    def crash():
        raise ValueError(request.args["name"])

    @app.after_request
    def fails_on_the_error_page(response):
        if response.status_code == 500:
            raise KeyError(request.args["name"])
        return response

    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        assert app.test_client().get("/da/crash?name=Åse").status_code == 500
    logged = [record.getMessage() for record in caplog.records]
    assert any(line.startswith("Request finalizing failed") and "KeyError" in line for line in logged)
    assert not any(record.exc_info for record in caplog.records)
    assert not any("Åse" in line or str(ROOT) in line for line in logged)
