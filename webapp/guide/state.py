"""The guide's answers, kept only in the signed session cookie, with idle expiry."""

import time

from flask import current_app, session

from .questions import valid_answers


def answers():
    return valid_answers(session.get("answers"))


def save(key, value):
    session["answers"] = {**answers(), key: value}
    touch()


def has_started():
    return "answers" in session or "sending" in session


def clear():
    session.clear()


def touch():
    session["seen"] = int(time.time())


def seconds_left():
    timeout = current_app.config["GUIDE_IDLE_TIMEOUT"].total_seconds()
    return int(session.get("seen", 0) + timeout - time.time())


def is_expired():
    return has_started() and seconds_left() <= 0


def raw_answers():
    return session.get("answers")


def replace(new_answers):
    session["answers"] = new_answers


# The email being sent: its kind, the details typed on the form and, once edited, its
# text. Kept like the answers (signed cookie, idle expiry, cleared by "Finish and
# clear"), so the email page is a GET page that survives Reload, Back and Forward.
COOKIE_ROOM = 3800  # bytes; browsers drop a cookie over about 4 KB without a word


def save_sending(kind, details, body=None):
    session["sending"] = {"kind": kind, "details": details, "body": body}
    touch()


def sending():
    value = session.get("sending")
    if (isinstance(value, dict) and value.get("kind") in ("application", "complaint")
            and isinstance(value.get("details"), dict)):
        return value
    return None


def drop_sending():
    session.pop("sending", None)


def fits_in_cookie():
    serializer = current_app.session_interface.get_signing_serializer(current_app)
    return len(serializer.dumps(dict(session))) <= COOKIE_ROOM
