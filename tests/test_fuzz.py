"""Property-based fuzz (issue 9): every route and every form field, in both languages,
with hostile and generated input, wrong methods, odd headers, forged cookies and
tokens. Never a 5xx: a clear 4xx page, or the page (the form again) with a message.

Cheap on purpose: a fixed number of derandomized examples, no example database."""

import time

import flask
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.guide_helpers import ANSWERS, url
from webapp import create_app
from webapp.config import TestingConfig
from webapp.deadlines.views import KINDS
from webapp.guide.questions import QUESTIONS

FUZZ = settings(max_examples=120, derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

HOSTILE = [
    "", " ", "\x00", "\r\nBcc: evil@example.com", "Åse\u2028x", "\u202eevil", "\u2066x\u2069",
    "€" * 300, "😀" * 300, "%0D%0A", "{{ 7*7 }}", "<script>alert(1)</script>", "../../etc/passwd",
    "9999-11-20", "0001-01-01", "2026-02-30", "12\n34\n56\n78", "((((((((", "+45 12 34 56 78",
    "x" * 7000, "²", "9999999999", "١٢", "application", "complaint", "edit", "check", "none", "self", "\ud800"[:0] + "\ufeff",
]
text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=80))
FIELDS = ["answer", "name", "applicant_name", "phone", "email", "best_time", "message",
          "decision_date", "action", "kind", "body", "english", "subject", "csrf_token",
          "return", "dato", "dato-dag", "dato-maaned", "dato-aar", "decision_date-dag",
          "decision_date-maaned", "decision_date-aar", "_method", "endpoint", "_external", "lang"]
form = st.dictionaries(st.sampled_from(FIELDS), st.one_of(text, st.lists(text, max_size=3)),
                       max_size=8)
METHODS = ["GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"]
LANGS = ["da", "en", "xx", "DA", ""]
HOSTS = ["localhost", "evil.example", "127.0.0.1:5000", "a" * 300, "[::1]", "x y", "ø.dk",
         "localhost:99999", ""]
COOKIES = ["guide=", "guide=forged", "guide=eyJhbnN3ZXJzIjp7fX0.forged.sig", "guide=" + "x" * 4000,
           "session=1; guide=.eJw"]


def paths():
    """Every route's URL with its path values filled in, good and bad."""
    value = {
        "lang": st.sampled_from(LANGS),
        "key": st.sampled_from([q.key for q in QUESTIONS] + ["x", "ansoegning"]),
        "topic_id": st.sampled_from(["costs-and-transport", "apply", "nope", "..", "%00"]),
        "page_id": st.sampled_from(["costs-and-transport", "apply", "nope", "..", "%00"]),
        "kind": st.sampled_from(["svar", "bemaerkninger", "klage", "x"]),
        "filename": st.sampled_from(["build/main.css", "scss/main.scss", "../pyproject.toml"]),
    }
    rules = sorted(create_app("testing").url_map.iter_rules(), key=lambda r: r.rule)

    @st.composite
    def build(draw):
        rule = draw(st.sampled_from(rules))
        path = rule.rule
        for name in rule.arguments:
            path = path.replace(f"<{name}>", draw(value[name])).replace(
                f"<path:{name}>", draw(value[name]))
        return path

    return build()


request = st.fixed_dictionaries({
    "path": paths(),
    "method": st.sampled_from(METHODS),
    "data": form,
    "query": form,
    "accept_language": st.one_of(st.sampled_from(["da", "en", "*", "xx;q=abc", "", "da-DK,en;q=0.5"]),
                                 st.text(max_size=40)),
    "host": st.sampled_from(HOSTS),
    "cookie": st.one_of(st.none(), st.sampled_from(COOKIES)),
    "started": st.booleans(),
})


def send(app, r):
    client = app.test_client()
    if r["started"]:
        with client.session_transaction() as session:
            session["answers"], session["seen"] = dict(ANSWERS), int(time.time())
    headers = {"Accept-Language": r["accept_language"], "Host": r["host"]}
    if r["cookie"]:
        headers["Cookie"] = r["cookie"]
    query = {k: v for k, v in r["query"].items() if isinstance(v, str)}
    with client.open(r["path"], method=r["method"], data=r["data"], query_string=query,
                     headers=headers) as response:
        response.get_data()  # read before the (static) file is closed
    return response


def check(response, r):
    assert response.status_code < 500, (response.status_code, r)
    if response.status_code >= 400 and response.mimetype == "text/html" and r["method"] != "HEAD":
        assert "<h1" in response.get_data(as_text=True), (response.status_code, r)


class CsrfConfig(TestingConfig):
    WTF_CSRF_ENABLED = True


def url_for_kind(app, lang, kind):
    with app.test_request_context(f"/{lang}/"):
        return flask.url_for("deadlines.deadline_calendar", lang=lang, kind=kind)


@pytest.fixture(scope="module")
def apps():
    return {"testing": create_app("testing"), "csrf": create_app(CsrfConfig)}


@FUZZ
@given(r=request)
def test_no_request_gets_a_server_error(apps, r):
    check(send(apps["testing"], r), r)


@FUZZ
@given(r=request)
def test_no_request_with_forged_tokens_gets_a_server_error(apps, r):
    check(send(apps["csrf"], r), r)


@FUZZ
@given(lang=st.sampled_from(["da", "en"]), data=form,
       url=st.sampled_from(["ansoegning", "email", "who", "needs", "forfra", "afslut"]))
def test_every_form_field_takes_anything_in_both_languages(apps, lang, data, url):
    client = apps["testing"].test_client()
    with client.session_transaction() as session:
        session["answers"], session["seen"] = dict(ANSWERS), int(time.time())
    response = client.post(f"/{lang}/guide/{url}", data=data)
    assert response.status_code in (200, 302, 303, 308, 400, 413), (response.status_code, data)
    if response.status_code == 200 and url in ("ansoegning", "email"):
        html = response.get_data(as_text=True)
        assert 'class="alert alert-error error-summary"' in html or 'id="mailto-link"' in html


@FUZZ
@given(lang=st.sampled_from(["da", "en"]), data=form)
def test_the_complaint_and_deadline_forms_take_anything(apps, lang, data):
    client = apps["testing"].test_client()
    assert client.post(url(lang, "complaint"), data=data).status_code in (200, 303)
    query = {k: v for k, v in data.items() if isinstance(v, str)}
    assert client.get(url(lang, "deadlines"), query_string=query).status_code == 200
    for kind in KINDS:
        ics = url_for_kind(apps["testing"], lang, kind)
        assert client.get(ics, query_string=query).status_code in (200, 404)
