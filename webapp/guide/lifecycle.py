"""The session's life: start again, finish and clear, the pages after clearing and
after the time limit, more time, and a POST whose token has run out."""

from urllib.parse import urlsplit

from flask import current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .. import drafts, journey
from ..feedback import funnel
from ..security import from_this_site
from ..urls import localized
from . import bp, state
from .flow import next_url
from .questions import QUESTIONS


def guide_page(target):
    """`target` if it is a page of a journey in this language (a path on this site),
    else None: the confirmation page's "No" link may only lead back into the guide."""
    parts = urlsplit(target or "")
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or "\\" in target:
        return None
    try:
        endpoint, values = current_app.url_map.bind("localhost").match(parts.path, method="GET")
    except HTTPException:
        return None
    if endpoint.split(".")[0] not in journey.NAMES or endpoint == "guide.restart" or values["lang"] != g.lang:
        return None
    return target


@localized(bp, "/guide/forfra", "/guide/start-again", old="/guide/forfra", reads=("back",),
           methods=["GET", "POST"])
def restart():
    """GET asks first (works without JavaScript); the form on that page POSTs to clear."""
    if request.method == "POST":
        state.clear()
        return redirect(url_for("guide.question", key=QUESTIONS[0].key))
    if not state.has_started():
        return redirect(url_for("guide.start"))
    back = guide_page(request.args.get("back")) or next_url(state.answers())
    return render_template("guide/restart.html", cancel=back)


@localized(bp, "/guide/afslut", "/guide/finish", old="/guide/afslut", methods=["POST"])
def finish():
    state.clear()  # the session interface expires the cookie by name (Set-Cookie)
    funnel.count("cleared")
    response = redirect(url_for("guide.cleared"))
    # Also the browser's cache of this site. Never "cookies": that clears every cookie
    # of the whole registrable domain (balk.dk), not only this site's.
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


@localized(bp, "/guide/ryddet", "/guide/cleared", old="/guide/ryddet")
def cleared():
    return render_template("guide/cleared.html")


@localized(bp, "/guide/udloebet", "/guide/expired", old="/guide/udloebet")
def expired():
    return render_template("guide/expired.html")


@localized(bp, "/guide/forlaeng", "/guide/keep-alive", old="/guide/forlaeng", methods=["POST"])
def keep_alive():
    """With JavaScript (the warning dialog): another full limit, as JSON. Without (a
    form with `back`, "I need more time"): ten times the limit, then back to the page."""
    if "back" not in request.form:
        if not state.has_started():
            return {"seconds_left": 0}, 400
        return {"seconds_left": state.seconds_left()}
    state.extend()
    flash(drafts.more_time_message())
    return redirect(guide_page(request.form["back"]) or url_for("guide.start"), 303)


@bp.errorhandler(CSRFError)
def token_refused(error):
    """A POST without the page's valid token never reaches its view."""
    endpoint = request.endpoint
    if endpoint == "guide.question" and from_this_site():
        if state.has_started():
            flash(_("For your safety, your answer was not saved. Choose it again."))
            return redirect(request.path, 303)
        # No answers any more: say they were deleted, not silently back to question 1.
        return redirect(url_for("guide.expired"), 303)
    if (endpoint == "guide.finish" and request.form.get("csrf_token")
            and "csrf_token" not in session and from_this_site()):
        # The page's token ran out with the session (the person waited while sending):
        # clearing is what they asked for. No token, or another site: refused.
        return finish()
    if endpoint == "guide.keep_alive" and "back" not in request.form:
        return {"seconds_left": 0}, 400
    return journey.token_refused(error)
