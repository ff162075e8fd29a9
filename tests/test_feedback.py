""""Was this page useful?", the guide's funnel and the public usage page, on the
test app's in-memory SQLite (tests/test_feedback_storage.py runs the storage itself
on SQLite files and a real PostgreSQL)."""

import logging
from datetime import date

import pytest
from bs4 import BeautifulSoup
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import select

from tests.conftest import check_page, text_of
from tests.guide_helpers import ANSWERS, answer_all, application_page, url
from tests.readability import blocks, stats
from tests.test_language_purity import GIVEAWAYS, visible_text
from webapp import create_app
from webapp.config import TestingConfig
from webapp.feedback import exempt_from_csrf, store
from webapp.feedback.scrub import scrub

TOPIC = "/da/serviceniveau/pris-og-transport"
ASKING = {  # pages that ask, in both languages
    "da": [TOPIC, "/da/let/hvad-koster-det", "/da/ordliste"],
    "en": ["/en/service-level/costs-and-transport", "/en/easy/costs-and-transport", "/en/glossary"],
}
NOT_ASKING = ["/da/", "/da/kontakt", "/da/privatliv", "/en/guide/", "/da/klage"]
SAME_SITE = {"Sec-Fetch-Site": "same-origin"}


def answer(client, page=TOPIC, value="no", lang="da", **headers):
    action = "/da/tilbagemelding" if lang == "da" else "/en/feedback"
    return client.post(action, data={"page": page, "answer": value}, headers={**SAME_SITE, **headers})


def rows(app, model):
    with app.app_context():
        return store.db.session.scalars(select(model)).all()


def counts(app):
    return {(r.path, r.lang, r.answer): r.count for r in rows(app, store.PageAnswer)}


def steps(app):
    return {(r.lang, r.step): r.count for r in rows(app, store.FunnelCount)}


@pytest.mark.parametrize("cases", [
    ("Mit CPR er 010190-1234.", "Mit CPR er [fjernet]."),
    ("cpr 0101901234 tak", "cpr [fjernet] tak"),
    ("Ring på +45 44 77 34 43 eller 0045 20304050", "Ring på [fjernet] eller [fjernet]"),
    ("tlf. 44773443, mobil 20 30 40 50, (+45) 2030 4050", "tlf. [fjernet], mobil [fjernet], [fjernet]"),
    ("Skriv til aase.ornso+x@example.dk eller bo @ mail . dk", "Skriv til [fjernet] eller [fjernet]"),
    ("Jeg er 45 år, bor i 2750 og kan komme 2 dage", "Jeg er 45 år, bor i 2750 og kan komme 2 dage"),
    # CPR numbers with spaces or any dash around the separator.
    ("CPR 020291 - 1234.", "CPR [fjernet]."),
    ("cpr 030392–4321, 030392 — 4321 og 030392−4321", "cpr [fjernet], [fjernet] og [fjernet]"),
    # Email addresses spelled out, in English and Danish.
    ("skriv til jens at example dot dk tak", "skriv til [fjernet] tak"),
    ("Jens snabel-a example punktum dk eller jens snabel a mail.dk", "[fjernet] eller [fjernet]"),
    ("jens (at) example (dot) dk, jens@example dot dk", "[fjernet], [fjernet]"),
    # "at" is an everyday Danish word: a sentence with it stays.
    ("Jeg har brug for at komme ud. Det er svært at se.", "Jeg har brug for at komme ud. Det er svært at se."),
    ("Åbent at 10.30 og kl. 9 - 15", "Åbent at 10.30 og kl. 9 - 15"),
    ("Hej\u202eevil\u202c og \x1b[31mrød\x85 tekst", "Hejevil og [31mrød tekst"),
])
def test_scrubbing_removes_cpr_phone_and_email_but_keeps_ordinary_numbers(cases):
    text, scrubbed = cases
    assert scrub(text) == scrubbed


def test_the_pages_that_ask_have_the_same_form_for_everyone(client):
    for lang, paths in ASKING.items():
        for path in paths:
            html = client.get(path).get_data(as_text=True)
            form = BeautifulSoup(html, "html.parser").select_one("[data-feedback] form")
            assert form is not None, path
            assert form["action"] == ("/da/tilbagemelding" if lang == "da" else "/en/feedback")
            assert form.select_one("input[name=page]")["value"] == path
            assert not form.select("input[name=csrf_token]")
            heading = form.h2.get_text()
            assert heading == ("Var siden nyttig?" if lang == "da" else "Was this page useful?")
    for path in NOT_ASKING:
        assert "data-feedback" not in client.get(path).get_data(as_text=True), path


def test_the_result_easy_result_and_email_page_ask(app, client):
    answer_all(client)
    for page in ("result", "easy_result"):
        soup = BeautifulSoup(client.get(url("da", page)).get_data(as_text=True), "html.parser")
        assert soup.select_one("[data-feedback] input[name=page]")["value"] == url("da", page)
    email = application_page(client)
    soup = BeautifulSoup(email.get_data(as_text=True), "html.parser")
    assert soup.select_one("[data-feedback] input[name=page]")["value"] == url("da", "sending")


def test_yes_is_counted_and_thanked_without_a_cookie(app, client):
    response = answer(client, value="yes")
    assert response.status_code == 303
    assert not response.headers.getlist("Set-Cookie")
    thanks = client.get(response.headers["Location"])
    assert not thanks.headers.getlist("Set-Cookie")
    soup = check_page(thanks, "da")
    assert soup.h1.get_text() == "Tak for dit svar"
    assert soup.select_one(f"main a[href='{TOPIC}']").get_text() == "Tilbage til siden"
    assert not soup.select("textarea")
    assert counts(app) == {(TOPIC, "da", "yes"): 1}


def test_no_offers_the_text_and_stores_it_scrubbed(app, client):
    thanks = client.get(answer(client, value="no", lang="en", page="/en/glossary").headers["Location"])
    soup = check_page(thanks, "en")
    page_text = text_of(soup)
    assert "What were you missing? (optional)" in page_text
    assert "Do not write names, CPR numbers" in page_text
    assert "Nobody will answer what you write" in page_text and "44 77 34 43" in page_text
    assert soup.select_one("textarea")["data-maxlength"] == "500"

    text = "Jeg savnede priser. Ring 20 30 40 50 eller +4544773443, mail bo@example.dk, CPR 010190-1234"
    response = client.post("/en/feedback/text", headers=SAME_SITE,
                           data={"page": "/en/glossary", "missing": text})
    assert response.status_code == 303 and not response.headers.getlist("Set-Cookie")
    assert "We have your text" in client.get(response.headers["Location"]).get_data(as_text=True)
    [comment] = rows(app, store.Comment)
    assert (comment.path, comment.lang, comment.day) == ("/en/glossary", "en", store.today())
    assert comment.text == ("Jeg savnede priser. Ring [fjernet] eller [fjernet], mail [fjernet], "
                            "CPR [fjernet]")
    assert counts(app) == {("/en/glossary", "en", "no"): 1}


@pytest.mark.parametrize("missing", ["", "  \r\n ", None])
def test_an_empty_text_is_an_answer_too_as_its_label_says_optional(app, client, missing):
    data = {"page": TOPIC} if missing is None else {"page": TOPIC, "missing": missing}
    sent = client.post("/da/tilbagemelding/tekst", headers=SAME_SITE, data=data)
    assert sent.status_code == 303
    soup = check_page(client.get(sent.headers["Location"]), "da")
    assert not soup.select(".error-summary, textarea")
    assert "Tak. Vi bruger dit svar" in text_of(soup)
    assert rows(app, store.Comment) == []


def test_a_too_long_text_is_explained_and_kept(app, client):
    long = "a" * 501
    too_long = client.post("/da/tilbagemelding/tekst", headers=SAME_SITE, data={"page": TOPIC, "missing": long})
    soup = check_page(too_long, "da")
    assert "Skriv højst 500 tegn" in soup.select_one(".error-summary").get_text()
    assert soup.textarea.get_text() == long
    assert too_long.headers["Cache-Control"] == "no-store"  # what was typed: not kept by the browser
    assert rows(app, store.Comment) == []


def test_the_comments_command_shows_no_control_characters(app):
    """A text stored before the scrubber took them out cannot reach the terminal."""
    with app.app_context():
        store.add_comment(TOPIC, "da", "Ret\x1b[2J\x1b]0;title\x07 her\x9b31m, \u202eevil\u202c \u2066x\u2069\rskjult\nny linje\tog tab")
    output = app.test_cli_runner().invoke(args=["feedback", "comments"]).output
    assert "Ret[2J]0;title her31m, evil xskjult\nny linje\tog tab" in output
    assert not [c for c in output if (ord(c) < 32 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f
                or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069]


@pytest.mark.parametrize("data", [
    {"page": "https://evil.example/", "answer": "yes"},
    {"page": "/da/serviceniveau/no-such-topic", "answer": "yes"},
    {"page": "/da/kontakt", "answer": "yes"},  # a page that does not ask
    {"page": TOPIC, "answer": "maybe"},
    {"answer": "yes"},
])
def test_only_real_answers_about_pages_that_ask_are_counted(app, client, data):
    response = client.post("/da/tilbagemelding", data=data, headers=SAME_SITE)
    assert response.status_code == 400
    assert "Dit svar blev ikke gemt" in response.get_data(as_text=True)
    assert counts(app) == {}


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": "https://evil.example"},
])
def test_a_post_from_another_site_is_refused(app, client, headers):
    response = client.post("/da/tilbagemelding", data={"page": TOPIC, "answer": "no"}, headers=headers)
    assert response.status_code == 403
    assert "Svaret kom fra en anden hjemmeside" in response.get_data(as_text=True)
    assert counts(app) == {}


def test_our_own_posts_pass_whatever_origin_the_browser_names(app, client):
    # With Referrer-Policy: no-referrer, browsers send "Origin: null" on the site's own posts.
    for headers in ({"Origin": "null", "Sec-Fetch-Site": "same-origin"},
                    {"Origin": app.config["SITE_URL"]}, {}):
        assert client.post("/da/tilbagemelding", data={"page": TOPIC, "answer": "yes"},
                           headers=headers).status_code == 303
    assert counts(app) == {(TOPIC, "da", "yes"): 3}


def test_a_same_site_post_needs_no_token_even_with_csrf_protection():
    class WithCsrf(TestingConfig):
        WTF_CSRF_ENABLED = True

    app = create_app(WithCsrf)
    if "csrf" not in app.extensions:  # until the app installs CSRFProtect itself
        CSRFProtect(app)
        exempt_from_csrf(app)
    client = app.test_client()
    assert answer(client, value="yes").status_code == 303
    assert client.post("/da/tilbagemelding/tekst", headers=SAME_SITE,
                       data={"page": TOPIC, "missing": "Mere om kørsel"}).status_code == 303
    # The rest of the site still needs its token: the guide keeps no answer without it.
    assert client.post(url("da", "who"), data={"answer": "self"}).status_code != 302


def test_a_flood_gets_a_friendly_429_and_the_counts_stay_sane(app, client, caplog):
    caplog.set_level(logging.DEBUG)
    assert app.config["FEEDBACK_RATE_LIMIT"] == "30 per minute;300 per hour"  # the README's numbers
    statuses = [answer(client, value="no").status_code for _ in range(35)]
    assert statuses == [303] * 30 + [429] * 5
    refused = answer(client, lang="en", page="/en/glossary")
    soup = check_page(refused, "en")
    assert soup.h1.get_text() == "Thank you, that is enough for now"
    assert "Wait a minute" in text_of(soup)
    danish = client.post("/da/tilbagemelding/tekst", headers=SAME_SITE, data={"page": TOPIC, "missing": "x"})
    assert danish.status_code == 429 and "Vent et minut" in danish.get_data(as_text=True)
    assert counts(app) == {(TOPIC, "da", "no"): 30}
    # Another client is not held back, and the limit is on the answers only.
    other = client.post("/da/tilbagemelding", data={"page": TOPIC, "answer": "yes"},
                        headers=SAME_SITE, environ_base={"REMOTE_ADDR": "192.0.2.9"})
    assert other.status_code == 303
    assert all(client.get(TOPIC).status_code == 200 for _ in range(10))
    assert "127.0.0.1" not in caplog.text and "192.0.2.9" not in caplog.text


def _statuses(client, n, peer, **headers):
    return [client.post("/da/tilbagemelding", data={"page": TOPIC, "answer": "yes"},
                        headers={**SAME_SITE, **headers}, environ_base={"REMOTE_ADDR": peer}).status_code
            for _ in range(n)]


def test_behind_a_trusted_proxy_the_limit_is_per_client_from_its_header(app, client):
    app.config["FEEDBACK_RATE_LIMIT"] = "3 per minute"
    app.config["TRUSTED_PROXIES"] = "10.0.0.0/8, unix"
    for client_address in ("198.51.100.1", "2001:db8::1"):
        assert _statuses(client, 4, "10.1.2.3", **{"X-Real-IP": client_address}) == [303] * 3 + [429]
    # The last X-Forwarded-For entry is the one the proxy added; a unix socket's peer is the proxy.
    forwarded = {"X-Forwarded-For": "192.0.2.66, 198.51.100.7"}
    assert _statuses(client, 4, "", **forwarded) == [303] * 3 + [429]
    assert _statuses(client, 1, "10.9.9.9", **{"X-Real-IP": "198.51.100.7"}) == [429]
    assert counts(app) == {(TOPIC, "da", "yes"): 9}


def test_a_forged_address_header_from_anyone_else_changes_nothing(app, client):
    app.config["FEEDBACK_RATE_LIMIT"] = "3 per minute"
    statuses = [_statuses(client, 1, "203.0.113.5", **{"X-Real-IP": f"198.51.100.{n}",
                                                       "X-Forwarded-For": f"192.0.2.{n}"})[0]
                for n in range(5)]
    assert statuses == [303] * 3 + [429] * 2  # one client, whatever it claims
    app.config["TRUSTED_PROXIES"] = "10.0.0.0/8"
    assert _statuses(client, 1, "203.0.113.5", **{"X-Real-IP": "198.51.100.99"}) == [429]
    # From the proxy, a header that is not an address is ignored, never trusted as a key.
    assert _statuses(client, 4, "10.0.0.1", **{"X-Real-IP": "not-an-address"}) == [303] * 3 + [429]


def test_an_answer_the_database_did_not_take_says_so_and_keeps_the_text(app, client, caplog):
    with app.app_context():
        store.db.drop_all()
    for lang, action in (("da", "/da/tilbagemelding"), ("en", "/en/feedback")):
        response = client.post(action, data={"page": TOPIC, "answer": "yes"}, headers=SAME_SITE)
        soup = check_page(response, lang)
        assert response.status_code == 503 and "Tak" not in soup.h1.get_text()
        assert soup.h1.get_text() == {"da": "Dit svar blev ikke gemt", "en": "Your answer was not saved"}[lang]
        assert {"da": "Prøv igen om nogle minutter", "en": "Try again in a few minutes"}[lang] in text_of(soup)
    assert [r.levelname for r in caplog.records if "not stored (OperationalError)" in r.message] == ["ERROR"] * 2
    text = client.post("/da/tilbagemelding/tekst", headers=SAME_SITE,
                       data={"page": TOPIC, "missing": "Mere om kørsel, ring 20 30 40 50"})
    soup = check_page(text, "da")
    assert text.status_code == 503 and soup.h1.get_text() == "Dit svar blev ikke gemt"
    assert "Tak" not in text_of(soup) and text.headers["Cache-Control"] == "no-store"
    assert soup.find("textarea").get_text() == "Mere om kørsel, ring 20 30 40 50"  # kept, to send again
    assert "20 30 40 50" not in caplog.text
    # The guide goes on too, and the public page says the figures are missing.
    answer_all(client)
    assert client.get(url("da", "result")).status_code == 200
    usage = client.get("/da/saadan-bruges-siden")
    assert usage.status_code == 200 and "Tallene kan ikke vises lige nu" in usage.get_data(as_text=True)


def test_the_funnel_counts_a_run_through_the_guide_once(app, client):
    client.get("/en/guide/")
    answer_all(client, "en")
    for _ in range(2):  # a reload is not a new result
        assert client.get(url("en", "result")).status_code == 200
    application_page(client, "en")
    client.get(url("en", "sending"))
    copy = client.get_cookie("guide").value
    client.post(url("en", "finish"))
    # The copy taken before "Finish and clear" counts nothing more, nor does "Finish and
    # clear" sent again, or sent without a session at all.
    client.set_cookie("guide", copy)
    for path in ("result", "sending"):
        client.get(url("en", path))
    client.set_cookie("guide", copy)
    client.post(url("en", "finish"))
    client.delete_cookie("guide")
    for _ in range(3):
        client.post(url("en", "finish"))
    assert steps(app) == {("en", "started"): 1, ("en", "result_likely"): 1,
                          ("en", "email_application"): 1, ("en", "cleared"): 1}
    # A new run after "Finish and clear" counts again; each outcome as itself.
    answer_all(client, "da", {**ANSWERS, "target": "unsure"})
    client.get(url("da", "result"))
    answer_all(client, "da", {**ANSWERS, "target": "no"})
    client.get(url("da", "result"))
    assert {key: n for key, n in steps(app).items() if key[0] == "da"} == {
        ("da", "started"): 1, ("da", "result_unclear"): 1, ("da", "result_unlikely"): 1}


def test_the_funnel_counts_outside_ballerup_and_the_complaint_email(app, client):
    answer_all(client, "da", {"who": "self", "residence": "no", "housing": "own_home"})
    assert client.get(url("da", "outside")).status_code == 200
    complaint = client.post(url("da", "complaint"), follow_redirects=True, data={
        "name": "Bo", "phone": "12345678", "decision_date-dag": "1", "decision_date-maaned": "12",
        "decision_date-aar": "2026", "message": "Jeg er uenig."})
    assert complaint.status_code == 200
    assert steps(app).get(("da", "outside")) == 1
    assert steps(app).get(("da", "email_complaint")) == 1, complaint.get_data(as_text=True)[:300]


def _seed(app, day, answers=(), funnel=()):
    with app.app_context():
        session = store.db.session
        for path, lang, value, n in answers:
            session.add(store.PageAnswer(day=day, path=path, lang=lang, answer=value, count=n))
        for lang, step, n in funnel:
            session.add(store.FunnelCount(day=day, lang=lang, step=step, count=n))
        session.add(store.Comment(day=day, path=TOPIC, lang="da", text="HEMMELIG TEKST"))
        session.commit()


def test_the_usage_page_shows_chart_and_table_and_hides_small_numbers(app, client):
    _seed(app, date(2026, 11, 3),
          # The page's old address (before its Danish one) counts as the same page.
          answers=[(TOPIC, "da", "yes", 4), ("/da/serviceniveau/costs-and-transport", "da", "yes", 3),
                   ("/en/service-level/costs-and-transport", "en", "yes", 2),
                   (TOPIC, "da", "no", 6), ("/da/ordliste", "da", "yes", 3)],
          funnel=[("da", "started", 40), ("en", "started", 2), ("da", "result_likely", 3)])
    _seed(app, date(2026, 10, 30), funnel=[("da", "started", 9)])
    for path, lang in (("/da/saadan-bruges-siden", "da"), ("/en/how-the-site-is-used", "en")):
        response = client.get(path)
        soup = check_page(response, lang)
        assert "HEMMELIG" not in response.get_data(as_text=True)
        months = [h.get_text() for h in soup.select("main h2")]
        assert months == (["November 2026", "Oktober 2026"] if lang == "da"
                          else ["November 2026", "October 2026"])
        chart = soup.select_one("svg.bar-chart[role=img]")
        assert chart.title.get_text() and chart.desc.get_text()
        table = {tr.th.get_text(): [td.get_text() for td in tr.select("td")]
                 for tr in soup.select("main section")[0].select("tbody tr")}
        if lang == "da":
            assert table["Startede vejledningen"] == ["42"]
            assert table["Resultat: tilbuddet ser ud til at passe"] == ["under 5"]
            assert table["Hvad koster det, og hvordan kommer jeg frem?"] == ["9", "6", "60\xa0%"]
            assert table["Ordliste"] == ["under 5", "under 5", "for få svar"]
        else:
            assert table["Started the guide"] == ["42"]
            assert table["Glossary"] == ["under 5", "under 5", "too few answers"]
        # A small number gets no bar: only the bars for 42 and for the 60 % share.
        assert len(soup.select("main section")[0].select("rect.bar")) == 2
    assert client.get("/da/").status_code == 200
    footer = BeautifulSoup(client.get("/da/").get_data(as_text=True), "html.parser").footer
    assert footer.select_one("a[href='/da/saadan-bruges-siden']").get_text() == "Sådan bruges siden"


def test_the_usage_page_without_figures(client):
    soup = check_page(client.get("/en/how-the-site-is-used"), "en")
    assert "There are no figures yet." in text_of(soup)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_new_pages_speak_one_language(app, client, lang):
    app.config["FEEDBACK_RATE_LIMIT"] = "5 per minute"
    page = TOPIC if lang == "da" else "/en/glossary"
    texts = f"/{lang}/tilbagemelding/tekst" if lang == "da" else "/en/feedback/text"
    _seed(app, date(2026, 11, 3), answers=[(page, lang, "yes", 9), (page, lang, "no", 6)],
          funnel=[(lang, "started", 12)])
    responses = [client.get(answer(client, page=page, value=v, lang=lang).headers["Location"])
                 for v in ("yes", "no")]
    responses += [client.post(texts, headers=SAME_SITE, data={"page": page, "missing": ""}),
                  client.get(f"/{lang}/{'saadan-bruges-siden' if lang == 'da' else 'how-the-site-is-used'}"),
                  answer(client, page=page, lang=lang, **{"Sec-Fetch-Site": "cross-site"})]
    responses += [answer(client, page=page, lang=lang) for _ in range(4)]  # over the limit
    with app.app_context():
        store.db.drop_all()  # and the pages that say an answer was not saved
    elsewhere = {"environ_base": {"REMOTE_ADDR": "192.0.2.1"}, "headers": SAME_SITE}
    responses += [client.post(texts, data={"page": page, "missing": "Mere"}, **elsewhere),
                  client.post(texts.removesuffix("/tekst").removesuffix("/text"),
                              data={"page": page, "answer": "yes"}, **elsewhere)]
    assert {403, 429, 503} <= {r.status_code for r in responses}
    for response in responses:
        if response.status_code != 303:
            html = response.get_data(as_text=True)
            text = visible_text(html, lang)
            assert not GIVEAWAYS[lang].findall(text), text[:300]
            if lang == "da":  # plain language: LIX 35 at most
                assert stats(blocks(str(BeautifulSoup(html, "html.parser").main)))[0] <= 35
