"""What every journey's pages share (the guide, sending, the complaint, the deadline
calculator): never cached, the idle time limit, a refused token, and what their layout
shows. Each journey makes its blueprint here."""

from flask import Blueprint, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _

from .security import refused

NAMES = set()  # the journeys' blueprints: their pages may be returned to after "more time"


def blueprint(name, import_name, open_views):
    """A journey's blueprint. `open_views` may be seen without answers, or after the time
    limit ran out; any other page then goes to the page that says the answers were deleted."""
    bp = Blueprint(name, import_name)
    NAMES.add(name)
    open_endpoints = {f"{name}.{view}" for view in open_views}

    @bp.before_request
    def expire_idle_answers():
        from . import drafts  # imported when called: the guide makes its blueprint here
        from .guide import state

        if state.is_expired():  # the session interface has emptied it
            if request.method == "POST" and request.endpoint in drafts.FORM_PAGES:
                return drafts.keep_refused(*drafts.FORM_PAGES[request.endpoint]()) or redirect(url_for("guide.expired"))
            if request.endpoint not in open_endpoints:
                return redirect(url_for("guide.expired"))
        elif state.has_started():
            raw = state.raw_answers()
            if raw is not None and raw != state.answers():
                state.replace(state.answers())
                flash(_("One of your answers could not be read. Please answer the question again."))
            state.touch()
        return None

    bp.after_request(_never_cache)
    bp.context_processor(_layout_context)
    return bp


def _never_cache(response):
    # These pages can show answers about disability and personal details:
    # a shared computer must not keep them, nor show them on Back.
    response.headers["Cache-Control"] = "no-store"
    return response


def _layout_context():
    from .guide import questions, state

    return {
        "for_self": questions.for_self(state.answers()),
        "guide_started": state.has_started(),
        "idle_timeout": state.limit(),
        "draft_form": None,
        "idle_warning": int(current_app.config["GUIDE_IDLE_WARNING"].total_seconds()),
    }


def token_refused(error):
    """A POST without the page's valid token never reaches its view: on a form page of
    this site what was typed is shown again, with what happened; else the 400 page.
    Each journey's own CSRFError handler comes here for what it does not handle."""
    from . import drafts

    if request.endpoint in drafts.FORM_PAGES:
        kept = drafts.keep_refused(*drafts.FORM_PAGES[request.endpoint]())
        if kept:
            return kept
    return refused(error)

