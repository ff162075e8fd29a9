"""A cookie that opens with the key but holds the wrong shape is treated as unreadable:
a fresh session, never a 500 (webapp/session.py SHAPES, the guide's in state.py)."""

import time

import pytest

from tests.guide_helpers import ANSWERS, DETAILS
from webapp import create_app, sending  # noqa: F401  (sending registers the kinds of email)
from webapp.config import TestingConfig
from webapp.emails import KINDS


class CsrfConfig(TestingConfig):
    WTF_CSRF_ENABLED = True  # so the token in the cookie is read on every form page


@pytest.fixture(scope="module")
def app():
    return create_app(CsrfConfig)


def good():
    """A cookie as the site writes it: answers, a token, and the application being sent
    with every field its form has (those not in DETAILS left empty, as the form gives)."""
    details = {field: DETAILS.get(field, "") for field in sorted(KINDS["application"].fields)}
    return {"answers": ANSWERS, "seen": int(time.time()), "csrf_token": "a" * 40,
            "sending": {"kind": "application", "details": details, "body": None}}


# Each row: what is changed in a cookie that is otherwise good.
ROWS = {
    "seen as a string": {"seen": str(int(time.time()))},
    "seen as true": {"seen": True},
    "limit as a string": {"limit": "12000"},
    "limit of zero": {"limit": 0},
    "answers as a list": {"answers": ["self"]},
    "an answer as a number": {"answers": {**ANSWERS, "who": 1}},
    "sending without its keys": {"sending": {"kind": "application"}},
    "sending without the details' keys": {"sending": {"kind": "complaint", "details": {"name": "Åse"},
                                                      "body": None}},
    "sending of another kind": {"sending": {"kind": "letter", "details": {}, "body": None}},
    "sending with a body as a list": {"sending": {**good()["sending"], "body": ["x"]}},
    "draft without values": {"draft": {"kind": "complaint", "note": None}},
    "draft with a value as a number": {"draft": {"kind": "complaint", "values": {"name": 5},
                                                 "note": "errors"}},
    "tried values not a list": {"tried": {"key": "who", "values": "self"}},
    "_flashes not a list": {"_flashes": "Hej"},
    "_flashes of numbers": {"_flashes": [[1, 2]]},
    "a number as csrf_token": {"csrf_token": 5},
}
PAGES = ["/da/guide/tjek", "/da/guide/mailen", "/da/guide/hvem", "/da/guide/ansoegning",
         "/da/klage", "/en/guide/result", "/da/", "/da/serviceniveau/costs-and-transport"]


def request_all(app, data, sid="a-session-id"):
    """Every page with this cookie; each answer's status and whether it set a cookie."""
    client = app.test_client()
    seen = {}
    for path in PAGES:
        client.set_cookie("guide", app.session_interface.encode(app, sid, data))
        response = client.get(path)
        seen[path] = response.status_code
    client.set_cookie("guide", app.session_interface.encode(app, sid, data))
    seen["POST keep-alive"] = client.post("/da/guide/forlaeng").status_code
    return seen, client


def test_a_good_cookie_shows_its_answers_and_email(app):
    """The rows below differ from this cookie in one key only."""
    seen, client = request_all(app, good())
    assert seen["/da/guide/tjek"] == 200 and seen["/da/guide/mailen"] == 200
    client.set_cookie("guide", app.session_interface.encode(app, "a-session-id", good()))
    assert "Åse Ørnsø" in client.get("/da/guide/mailen").get_data(as_text=True)


@pytest.mark.parametrize("change", ROWS.values(), ids=ROWS.keys())
def test_a_cookie_of_the_wrong_shape_is_a_fresh_session(app, change):
    seen, client = request_all(app, {**good(), **change})
    assert all(status < 500 for status in seen.values()), seen
    # Nothing of it is used: no answers, no email, the cookie deleted.
    assert seen["/da/guide/tjek"] == 302 and seen["/da/guide/ansoegning"] == 302
    client.set_cookie("guide", app.session_interface.encode(app, "a-session-id", {**good(), **change}))
    response = client.get("/da/guide/mailen")
    assert "Åse" not in response.get_data(as_text=True)
    assert "guide=;" in response.headers["Set-Cookie"]


@pytest.mark.parametrize("who", [["self"], ["self", "guardian"], []])
def test_a_list_for_a_question_of_one_choice_is_dropped_and_asked_again(app, who):
    seen, client = request_all(app, {**good(), "answers": {**ANSWERS, "who": who}})
    assert all(status < 500 for status in seen.values()), seen
    assert seen["/da/guide/tjek"] == 302  # to the question, which is open again
    client.set_cookie("guide", app.session_interface.encode(app, "a-session-id",
                                                            {**good(), "answers": {**ANSWERS, "who": who}}))
    response = client.get("/da/guide/hvem")
    assert "Vi kunne ikke læse et af dine svar" in response.get_data(as_text=True)


@pytest.mark.parametrize("sid", ["", 5, None, ["x"]])
def test_a_cookie_without_a_session_id_is_a_fresh_session(app, sid):
    client = app.test_client()
    client.set_cookie("guide", app.session_interface.seal(app, app.session_interface.plain(sid, good())))
    assert client.get("/da/guide/tjek").headers["Location"] == "/da/guide/udloebet"


def test_a_key_no_part_of_the_site_uses_is_dropped(app):
    """An earlier version of the site may have kept a key this one no longer knows."""
    client = app.test_client()
    client.set_cookie("guide", app.session_interface.encode(app, "a-session-id",
                                                            {**good(), "old_key": {"x": 1}}))
    assert client.get("/da/guide/tjek").status_code == 200
    sid, data, _ = app.session_interface.decode(app, client.get_cookie("guide").value)
    assert "old_key" not in data and data["answers"] == ANSWERS


def test_the_shape_of_the_email_being_sent_has_each_forms_fields(app):
    """What the session's check expects is what each kind's form gives."""
    from webapp.complaint.forms import ComplaintForm
    from webapp.emails import KINDS
    from webapp.sending.forms import ApplicationForm

    with app.test_request_context("/da/klage"):
        assert ApplicationForm(formdata=None).details().keys() == KINDS["application"].fields
        assert ComplaintForm(formdata=None).details().keys() == KINDS["complaint"].fields
    assert "applicant_name" in KINDS["application"].fields and "decision_date" in KINDS["complaint"].fields
