"""The server the browser tests use: it serves the site as the browser meets it."""

import gc
import time
import warnings
from urllib.request import Request, urlopen

import pytest

pytestmark = pytest.mark.browser


def test_static_responses_close_their_files(live_server):
    """A compressed static file (the stylesheet) must be closed by the app, not left
    to the garbage collector: on servers other than CPython's that leaks a file handle."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        for _ in range(3):
            request = Request(f"{live_server.url}/static/build/main.css",
                              headers={"Accept-Encoding": "br"})
            with urlopen(request, timeout=10) as response:
                assert response.status == 200
                assert response.headers["Content-Encoding"] == "br"
                response.read()
        time.sleep(0.2)
        gc.collect()
    unclosed = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    assert not unclosed, "\n".join(unclosed)
