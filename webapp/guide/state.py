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
    return "answers" in session


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
