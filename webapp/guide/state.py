"""The guide's answers, kept only in the encrypted session cookie (webapp/session.py),
with idle expiry."""

import time

from flask import current_app, session

from ..session import LIMIT, SEEN
from ..session import seconds_left as _seconds_left
from .questions import valid_answers


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
    session[SEEN] = int(time.time())


def default_limit():
    return int(current_app.config["GUIDE_IDLE_TIMEOUT"].total_seconds())


def limit():
    return session.get(LIMIT, default_limit())


def extend():
    """More time without JavaScript: ten times the limit, from now."""
    session[LIMIT] = int(current_app.config["GUIDE_EXTENDED_TIMEOUT"].total_seconds())
    touch()


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
    if isinstance(tried, dict) and tried.get("key") == key and isinstance(tried.get("values"), list):
        return tried["values"], tried.get("sent", True) is not False
    return None


def raw_answers():
    return session.get("answers")


def replace(new_answers):
    session["answers"] = new_answers


# The email being sent: its kind, the details typed on the form and, once edited, its
# text. Kept like the answers (encrypted cookie, idle expiry, cleared by "Finish and
# clear"), so the email page is a GET page that survives Reload, Back and Forward.
COOKIE_ROOM = 3800  # bytes; browsers drop a cookie over about 4 KB without a word
KINDS = ("application", "complaint")


def save_sending(kind, details, body=None):
    session["sending"] = {"kind": kind, "details": details, "body": body}
    touch()


def sending(kind=None):
    value = session.get("sending")
    if (isinstance(value, dict) and value.get("kind") in KINDS
            and isinstance(value.get("details"), dict) and kind in (None, value["kind"])):
        return value
    return None


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
    if isinstance(value, dict) and value.get("kind") == kind and isinstance(value.get("values"), dict):
        return value
    return None


def drop_draft():
    session.pop("draft", None)


def fits_in_cookie():
    interface = current_app.session_interface
    return len(interface.encode(current_app, "x" * 16, dict(session))) <= COOKIE_ROOM
