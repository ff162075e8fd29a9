"""The session cookie (encrypted, Max-Age, replay, rotation), CSRF for every POST, and
forms that never lose what was typed (expiry, errors, language, more time)."""

import base64
import re
import time
import zlib

import pytest
from bs4 import BeautifulSoup

from tests.guide_helpers import ANSWERS, DETAILS, answer_all, application_page, url
from webapp import create_app
from webapp.config import TestingConfig
from webapp.session import EncryptedSession

COMPLAINT = {"name": "Åse Ørnsø", "phone": "12 34 56 78", "message": "Jeg er uenig i antallet af dage."}


class CsrfConfig(TestingConfig):
    WTF_CSRF_ENABLED = True


@pytest.fixture(scope="module")
def app():
    """One app for the module: building one takes longer than most of these tests."""
    return create_app("testing")


@pytest.fixture(scope="module")
def csrf_app():
    return create_app(CsrfConfig)


@pytest.fixture
def csrf_client(csrf_app):
    return csrf_app.test_client()


def soup_of(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def cookie_header(response):
    return next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("guide="))


def max_age(response):
    return int(re.search(r"Max-Age=(\d+)", cookie_header(response)).group(1))


def set_session(client, app, data, sid="fixed-session-id"):
    client.set_cookie("guide", app.session_interface.encode(app, sid, data))


def token(client, path="/da/klage"):
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_nothing_in_the_cookie_can_be_read(client):
    application_page(client)
    value = client.get_cookie("guide").value
    raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    with pytest.raises(zlib.error):
        zlib.decompress(raw)
    for secret in ("Åse", "Ørnsø", "12 34 56 78", "aase@example", "møde andre", "social_contact",
                   "target", "answers"):
        assert secret.encode() not in raw and secret not in value


def test_max_age_is_the_time_left(app):
    interface = app.session_interface
    with app.test_request_context("/da/guide/"):
        session = EncryptedSession({"seen": int(time.time()) - 300, "answers": {"who": "self"}})
        session.modified = True
        response = app.response_class()
        interface.save_session(app, session, response)
    assert max_age(response) in (899, 900)
    assert "HttpOnly" in cookie_header(response) and "SameSite=Lax" in cookie_header(response)


def guide_cookie_set(response):
    return any(c.startswith("guide=") for c in response.headers.getlist("Set-Cookie"))


def test_a_guide_page_a_minute_or_more_later_gives_the_cookie_the_full_time_again(app, client):
    kept = {"answers": ANSWERS, "csrf_token": "t" * 40}
    set_session(client, app, {**kept, "seen": int(time.time()) - 61})
    assert max_age(client.get("/da/guide/tjek")) in (1199, 1200)


def test_within_a_minute_the_cookie_is_saved_only_when_its_content_changes(app, client):
    """A sliding limit needs no new cookie on every request: the browser's copy, its
    Max-Age and the time inside it still agree."""
    kept = {"answers": ANSWERS, "csrf_token": "t" * 40}
    set_session(client, app, {**kept, "seen": int(time.time()) - 30})
    response = client.get("/da/guide/tjek")
    assert response.status_code == 200 and not guide_cookie_set(response)
    # A changed answer is saved, with the time left from the time in the cookie.
    response = client.post("/da/guide/transport", data={"answer": "yes"})
    assert 1165 <= max_age(response) <= 1171  # 1,170 s, less the time the test took (a loaded CI machine)
    assert client.get("/da/guide/transport").status_code == 200
    assert soup_of(client.get("/da/guide/transport")).find("input", {"value": "yes"}).has_attr("checked")


def test_the_idle_limit_holds_without_new_cookies(app, client):
    """The time the server counts from is the one in the browser's cookie (saved at
    least once a minute while the person is active), so both end the session together."""
    set_session(client, app, {"answers": ANSWERS, "seen": int(time.time()) - 30})
    response = client.post("/da/guide/forlaeng")
    # 1,170 s, less the time the test took (a loaded CI machine): not the 1,200 of a new time.
    assert 1165 <= response.get_json()["seconds_left"] <= 1171 and not guide_cookie_set(response)
    set_session(client, app, {"answers": ANSWERS, "seen": int(time.time()) - 20 * 60 + 5})
    assert max_age(client.get("/da/guide/tjek")) in (1199, 1200)
    set_session(client, app, {"answers": ANSWERS, "seen": int(time.time()) - 20 * 60 - 1})
    assert client.get("/da/guide/tjek").headers["Location"] == "/da/guide/udloebet"


def test_an_old_copy_of_the_cookie_does_not_work_after_finish_and_clear(app, client):
    application_page(client)
    copy = client.get_cookie("guide").value
    assert client.post("/da/guide/afslut").status_code == 302
    client.set_cookie("guide", copy)
    assert client.get("/da/guide/tjek").headers["Location"] == "/da/guide/udloebet"
    page = client.get("/da/guide/mailen").get_data(as_text=True)
    assert "Åse" not in page and "Mailen er her ikke længere" in page


def test_the_cleared_page_sets_no_new_cookie(client):
    answer_all(client)
    client.post("/da/guide/afslut")
    assert "guide=" not in " ".join(client.get("/da/guide/ryddet").headers.getlist("Set-Cookie"))
    assert client.get_cookie("guide") is None


def test_an_old_copy_does_not_work_after_start_again(client):
    answer_all(client)
    copy = client.get_cookie("guide").value
    client.post("/da/guide/forfra")
    client.set_cookie("guide", copy)
    assert client.get("/da/guide/tjek").status_code == 302


def test_a_copy_past_its_time_limit_is_refused_by_the_server(app, client):
    set_session(client, app, {"answers": ANSWERS, "seen": int(time.time()) - 21 * 60})
    assert client.get("/da/guide/tjek").headers["Location"] == "/da/guide/udloebet"
    set_session(client, app, {"answers": ANSWERS, "seen": int(time.time()) - 21 * 60})
    assert client.get("/da/klage").status_code == 200  # open to all, with nothing of before
    set_session(client, app, {"answers": ANSWERS, "seen": int(time.time()) - 21 * 60})
    response = client.post("/da/klage", data=COMPLAINT)  # no CSRF here: the time limit alone
    assert response.headers["Location"] == "/da/klage"
    assert "Åse Ørnsø" in client.get("/da/klage").get_data(as_text=True)


@pytest.mark.parametrize("change", [
    lambda v: v[:-3] + ("AAA" if v[-3:] != "AAA" else "BBB"),
    lambda v: v[:20] + v[21:],
    lambda v: "not-a-cookie",
    lambda v: "",
    lambda v: base64.urlsafe_b64encode(b"\0" * 40).decode(),
])
def test_a_changed_cookie_is_ignored(client, change):
    answer_all(client)
    client.set_cookie("guide", change(client.get_cookie("guide").value))
    response = client.get("/da/guide/tjek")
    assert response.status_code == 302 and response.headers["Location"] == "/da/guide/udloebet"


def test_the_key_can_rotate_with_a_fallback():
    class Old(TestingConfig):
        SECRET_KEY = "old-key-" + "o" * 32

    class New(TestingConfig):
        SECRET_KEY = "new-key-" + "n" * 32
        SECRET_KEY_FALLBACKS = [Old.SECRET_KEY]

    class NewOnly(New):
        SECRET_KEY_FALLBACKS = []

    old_client = create_app(Old).test_client()
    answer_all(old_client)
    old_cookie = old_client.get_cookie("guide").value

    rotated = create_app(New).test_client()
    rotated.set_cookie("guide", old_cookie)
    assert rotated.get("/da/guide/tjek").status_code == 200  # opened with the fallback
    saved_again = rotated.get_cookie("guide").value

    new_only = create_app(NewOnly).test_client()
    new_only.set_cookie("guide", saved_again)
    assert new_only.get("/da/guide/tjek").status_code == 200  # saved with the new key
    new_only.set_cookie("guide", old_cookie)
    assert new_only.get("/da/guide/tjek").status_code == 302


@pytest.mark.parametrize("path, data", [
    ("/da/guide/afslut", {}),
    ("/da/guide/forfra", {}),
    ("/da/guide/email", {"kind": "application", "name": "Åse", "body": "Send penge til evil"}),
    ("/en/guide/keep-alive", {"back": "/en/guide/"}),
])
@pytest.mark.parametrize("with_session", [False, True])
def test_a_post_without_the_pages_token_is_refused_with_400(csrf_app, csrf_client, path, data, with_session):
    client = csrf_client
    if with_session:
        set_session(client, csrf_app, {"answers": ANSWERS, "seen": int(time.time())})
    response = client.post(path, data=data)
    assert response.status_code == 400
    assert "Send penge" not in response.get_data(as_text=True) or path.endswith("email")
    assert 'id="mailto-link"' not in response.get_data(as_text=True)
    if with_session:
        assert client.get("/da/guide/tjek").status_code == 200  # nothing was changed


@pytest.mark.parametrize("headers", [{"Origin": "https://evil.example"}, {"Origin": "null"},
                                     {"Sec-Fetch-Site": "cross-site", "Origin": "null"}])
def test_a_form_from_another_site_is_refused_and_nothing_is_kept(csrf_client, headers):
    client = csrf_client
    response = client.post("/da/klage", data=COMPLAINT, headers=headers)
    assert response.status_code == 400
    assert "Åse" not in client.get("/da/klage").get_data(as_text=True)


def test_a_complaint_sent_after_the_time_limit_is_shown_again_with_what_was_typed(csrf_app, csrf_client):
    client = csrf_client
    stale = token(client)
    set_session(client, csrf_app, {"csrf_token": "gone", "seen": int(time.time()) - 21 * 60})
    response = client.post("/da/klage", data={**COMPLAINT, "csrf_token": stale})
    assert response.status_code == 303 and response.headers["Location"] == "/da/klage"
    soup = soup_of(client.get("/da/klage"))
    assert "mere end 20 minutter" in soup.select_one(".error-summary").get_text()
    assert soup.find("input", {"name": "name"})["value"] == "Åse Ørnsø"
    assert soup.find("textarea", {"name": "message"}).get_text() == COMPLAINT["message"]
    # Sent again with the new page's token, it goes through.
    again = client.post("/da/klage", data={**COMPLAINT, "csrf_token": token(client)})
    assert again.status_code == 303 and again.headers["Location"] == "/da/guide/mailen"


def test_the_application_after_the_time_limit_keeps_what_was_typed_until_the_questions_are_answered(
        app, csrf_client):
    client = csrf_client
    response = client.post("/da/guide/ansoegning", data={**DETAILS, "csrf_token": token(client)})
    assert response.status_code == 303  # no answers: the details are kept
    soup = soup_of(client.get("/da/guide/ansoegning"))
    assert "blev slettet efter 20 minutter" in soup.select_one(".error-summary").get_text()
    assert soup.find("input", {"name": "phone"})["value"] == DETAILS["phone"]
    # The same cookie on an app without CSRF checks, to answer the questions quickly.
    client = app.test_client()
    client.set_cookie("guide", csrf_client.get_cookie("guide").value)
    answer_all(client)
    soup = soup_of(client.get("/da/guide/ansoegning"))
    assert soup.find("input", {"name": "name"})["value"] == DETAILS["name"]


def test_finish_and_clear_after_the_time_limit_still_clears(csrf_app, csrf_client):
    client = csrf_client
    stale = token(client)
    set_session(client, csrf_app, {"answers": ANSWERS, "seen": int(time.time()) - 21 * 60})
    response = client.post("/da/guide/afslut", data={"csrf_token": stale})
    assert response.status_code == 302 and response.headers["Location"] == "/da/guide/ryddet"
    assert response.headers["Clear-Site-Data"] == '"cache"'
    refused = client.post("/da/guide/afslut", data={"csrf_token": stale},
                          headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"})
    assert refused.status_code == 400


def test_a_question_sent_after_the_time_limit_says_the_answers_were_deleted(csrf_client):
    response = csrf_client.post("/da/guide/bolig", data={"answer": "own_home", "csrf_token": "old"})
    assert response.headers["Location"] == "/da/guide/udloebet"


def test_a_later_question_without_answers_says_they_were_deleted(client):
    response = client.get("/da/guide/bolig", follow_redirects=True)
    assert response.request.path == "/da/guide/udloebet"
    assert "efter 20 minutter uden aktivitet" in response.get_data(as_text=True)
    assert client.get("/da/guide/hvem").status_code == 200  # the first question is open to all


def test_form_errors_are_shown_on_a_get_so_reload_does_not_resubmit(client):
    response = client.post("/da/klage", data={"name": "Åse", "phone": "12"})
    assert response.status_code == 303 and response.headers["Location"] == "/da/klage"
    for _reload in range(2):
        soup = soup_of(client.get("/da/klage"))
        summary = soup.select_one(".error-summary").get_text()
        assert "8 cifre" in summary and "Skriv, hvad du er uenig i" in summary
        assert soup.title.get_text().startswith("Fejl:")
        assert soup.find("input", {"name": "phone"})["value"] == "12"


def test_switching_language_on_a_form_keeps_what_was_typed(client):
    soup = soup_of(client.get("/da/klage"))
    button = soup.select_one(".language-switch button[name=draft]")
    assert button["value"] == "en" and button["form"] == soup.select_one("main form[method=post][id]")["id"]
    response = client.post("/da/klage", data={**COMPLAINT, "draft": "en"})
    assert response.headers["Location"] == "/en/complaint"
    soup = soup_of(client.get("/en/complaint"))
    assert soup.html["lang"] == "en" and not soup.select_one(".error-summary")
    assert soup.find("input", {"name": "name"})["value"] == "Åse Ørnsø"
    assert soup.find("textarea", {"name": "message"}).get_text() == COMPLAINT["message"]


def test_more_time_on_a_form_keeps_what_was_typed_and_gives_200_minutes(client):
    response = client.post("/da/klage", data={**COMPLAINT, "draft": "more-time"})
    assert max_age(response) in (11999, 12000)
    text = client.get("/da/klage").get_data(as_text=True)
    assert "Nu har du 200 minutter" in text and "Jeg er uenig i antallet af dage." in text


def test_more_time_without_javascript_from_the_start_page(client):
    soup = soup_of(client.get("/da/guide/"))
    form = soup.find("button", string=re.compile("Jeg har brug for længere tid")).find_parent("form")
    data = {i["name"]: i["value"] for i in form.find_all("input")}
    response = client.post(form["action"], data=data)
    assert response.headers["Location"] == "/da/guide/" and max_age(response) in (11999, 12000)
    assert "200 minutter" in client.get("/da/guide/").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/da/guide/hvem", "/da/guide/ansoegning", "/da/klage", "/en/complaint"])
def test_every_form_says_the_time_limit(client, path):
    answer_all(client)
    text = " ".join(soup_of(client.get(path)).get_text(" ").split())
    assert "slettet efter 20 minutter, hvis du ikke gør noget" in text or "deleted after 20 minutes if" in text


def test_the_start_page_offers_to_continue_or_start_again_when_answers_exist(client):
    assert "Fortsæt, hvor du slap" not in client.get("/da/guide/").get_data(as_text=True)
    answer_all(client, answers={k: v for k, v in ANSWERS.items() if k != "transport"})
    soup = soup_of(client.get("/da/guide/"))
    assert soup.find("a", string="Fortsæt, hvor du slap")["href"] == url("da", "transport")
    assert soup.find("button", string="Start forfra").find_parent("form")["action"] == "/da/guide/forfra"


def test_change_the_phone_from_the_email_page_and_the_email_has_the_new_one(client):
    soup = soup_of(application_page(client))
    form = soup.find("input", {"name": "action", "value": "edit"}).find_parent("form")
    data = {i["name"]: i.get("value", "") for i in form.find_all("input")}
    edit = client.post(form["action"], data=data)
    assert edit.status_code == 303
    form_page = soup_of(client.get(edit.headers["Location"]))
    assert not form_page.find("input", {"name": "action"})  # no hidden "edit" left: no loop
    values = {i["name"]: i.get("value", "") for i in form_page.select("main form[id] input")}
    values.update(phone="87 65 43 21", message=DETAILS["message"])
    sent = client.post(edit.headers["Location"], data=values, follow_redirects=True)
    assert "87 65 43 21" in sent.get_data(as_text=True) and sent.request.path == "/da/guide/mailen"


def test_back_from_the_email_page_shows_the_filled_form(client):
    application_page(client)
    soup = soup_of(client.get("/da/guide/ansoegning"))
    assert soup.find("input", {"name": "phone"})["value"] == DETAILS["phone"]
    assert soup.find("textarea", {"name": "message"}).get_text() == DETAILS["message"]


def test_a_question_with_an_error_is_shown_on_a_get_so_reload_does_not_resubmit(client):
    client.post("/da/guide/hvem", data={"answer": "self"})
    response = client.post("/da/guide/bopael?return=check", data={"return": "check"})
    assert response.status_code == 303 and response.headers["Location"] == "/da/guide/bopael?return=check"
    soup = soup_of(client.get(response.headers["Location"]))
    assert soup.title.get_text().startswith("Fejl:") and soup.select_one(".error-summary")
    assert soup.find("input", {"name": "return"})["value"] == "check"
