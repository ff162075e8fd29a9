"""Guide pages kept per process (webapp/kept_pages.py): a browser that takes gzip gets
the kept pieces joined into one gzip stream, which must read back as the very page
every other browser gets, with this reader's own token in each form."""

import gzip
import re

import pytest

from tests.guide_helpers import DETAILS, answer_all, application_page, url


def page(client, path, coding):
    response = client.get(path, headers={"Accept-Encoding": coding} if coding else {})
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("name", ["needs", "result"])
def test_a_kept_page_gzipped_in_pieces_reads_back_as_the_page_itself(client, name):
    answer_all(client)
    path = url("da", name)
    page(client, path, None)
    page(client, path, None)  # this reader's token is signed now: the same from here on
    plain = page(client, path, None).get_data()
    zipped = page(client, path, "gzip, deflate, br")
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.vary and zipped.headers["Cache-Control"] == "no-store"
    assert gzip.decompress(zipped.get_data()) == plain
    tokens = set(re.findall(rb'name="csrf_token" value="([^"]+)"', plain))
    assert len(tokens) == 1 and b"blank-9d2f" not in plain
    # A browser that refuses gzip does not get it.
    assert page(client, path, "gzip;q=0, identity").headers.get("Content-Encoding") is None


def test_an_email_page_is_compressed_whole_and_reads_back_as_the_page(client):
    application_page(client, details={**DETAILS, "message": "Jeg vil gerne møde andre. " * 30})
    path = url("da", "sending")
    plain = page(client, path, None).get_data()
    zipped = page(client, path, "gzip")
    assert gzip.decompress(zipped.get_data()) == plain
    assert "Jeg vil gerne møde andre. " * 30 in plain.decode()
