"""The guide's answers, kept only in the encrypted session cookie (webapp/session.py),
with idle expiry."""

import time

from flask import current_app, session

from .. import session as cookie
from ..emails import KINDS
from ..session import LIMIT, SEEN, declare, dict_of, list_of, one_of, optional, record, text
from ..session import seconds_left as _seconds_left
from .questions import valid_answers

# The email being sent: its kind, the details typed on the form and, once edited, its
# text. Kept like the answers (encrypted cookie, idle expiry, cleared by "Finish and
# clear"), so the email page is a GET page that survives Reload, Back and Forward.
COOKIE_ROOM = 3800  # bytes; browsers drop a cookie over about 4 KB without a word


def _is_kind(value):
    return text(value) and value in KINDS  # the kinds of email (webapp/emails.py)


_SENDING = record(kind=_is_kind, details=dict_of(text), body=optional(text))


def _is_sending(value):
    return _SENDING(value) and value["details"].keys() == KINDS[value["kind"]].fields


# What the guide keeps in the cookie (see webapp/session.py). An answer's value is
# checked against its question by valid_answers, which says when one is dropped.
declare(
    answers=dict_of(lambda value: text(value) or list_of(text)(value)),
    sending=_is_sending,
    draft=record(kind=_is_kind, values=dict_of(text), note=one_of(None, "errors", "refused")),
    tried=record(key=text, values=list_of(text), sent=lambda value: isinstance(value, bool)),
)


def answers():
    return valid_answers(session.get("answers"))


def save(key, value):
    session["answers"] = {**answers(), key: value}
    touch()


def has_started():
    return any(key in session for key in ("answers", "sending", "draft", LIMIT))


def clear():
    """Empty the session; a copy of the cookie taken before no longer works."""
    session.end()


def touch():
    cookie.touch(session, limit())


def default_limit():
    return int(current_app.config["GUIDE_IDLE_TIMEOUT"].total_seconds())


def limit():
    return session.get(LIMIT, default_limit())


def extend():
    """More time without JavaScript: ten times the limit, from now."""
    session[LIMIT] = int(current_app.config["GUIDE_EXTENDED_TIMEOUT"].total_seconds())
    session[SEEN] = int(time.time())


def seconds_left():
    return _seconds_left(session, default_limit())


def is_expired():
    """The cookie came in past its time limit (the session interface emptied it)."""
    return getattr(session, "expired", False)


def save_tried(key, values, sent=True):
    """A question's choice shown again on the GET: sent with a wrong answer (shown with
    its error), or not sent, when the person switched language."""
    session["tried"] = {"key": key, "values": [str(v)[:40] for v in values[:20]], "sent": sent}


def pop_tried(key):
    """(values, sent) of the choice kept for this question, or None."""
    tried = session.pop("tried", None)
    return (tried["values"], tried["sent"]) if tried and tried["key"] == key else None


def raw_answers():
    return session.get("answers")


def replace(new_answers):
    session["answers"] = new_answers


def save_sending(kind, details, body=None):
    session["sending"] = {"kind": kind, "details": details, "body": body}
    touch()


def sending(kind=None):
    value = session.get("sending")
    return value if value and kind in (None, value["kind"]) else None


def drop_sending():
    session.pop("sending", None)


# A form's typed values not yet sent: after errors (shown again on a GET, so Reload
# never asks to resubmit), after the time limit, and when switching language.
def save_draft(kind, values, note=None):
    """Keep the values if they fit in the cookie; False if they do not."""
    session["draft"] = {"kind": kind, "values": values, "note": note}
    if fits_in_cookie():
        return True
    session.pop("draft", None)
    return False


def draft(kind):
    value = session.get("draft")
    return value if value and value["kind"] == kind else None


def drop_draft():
    session.pop("draft", None)


def fits_in_cookie():
    interface = current_app.session_interface
    return len(interface.encode(current_app, "x" * 16, dict(session))) <= COOKIE_ROOM
