"""The forms (application, complaint) never lose what was typed without a word.

What was typed is kept as a draft in the session and shown on a GET (Post/Redirect/
Get): after errors, so Reload never asks to resubmit; after a refused POST (the time
limit ran out, or the cookie was gone); when the person switches language or asks
for more time (buttons of the form itself, so nothing typed is left behind); and from
the email page's "Change your details"."""

from flask import flash, g, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from .guide import state
from .i18n import LANGUAGES
from .security import from_this_site

FORM_ID = "details-form"  # the form the language and "more time" buttons belong to
DRAFT_BUTTON = "draft"    # their name; the value is a language or "more-time"
# endpoint -> a function giving (kind, make_form): the form pages whose typed values
# are kept after a refused POST (registered by each journey with register_form_page).
FORM_PAGES = {}


def register_form_page(endpoint, form_of):
    FORM_PAGES[endpoint] = form_of


def refused_message():
    return _("The form was not sent. The page was open for more than %(minutes)s minutes "
             "without activity, or the browser had deleted its data, so for your safety we "
             "could not accept it. What you wrote is shown again. Check it and send it again.",
             minutes=state.default_limit() // 60)


def more_time_message():
    return _("You now have %(minutes)s minutes before your answers are deleted.",
             minutes=state.limit() // 60)


def keep_refused(kind, make_form):
    """A POST refused before its view (no valid token): keep the values it carried and
    show the form again. None when it did not come from this site, or they do not fit."""
    if request.method != "POST" or not from_this_site():
        return None
    values = make_form(formdata=None).typed_values(request.form)
    if state.save_draft(kind, values, note="refused"):
        return redirect(url_for(request.endpoint), 303)
    return None


def prefilled(kind, make_form):
    """The form for a GET: the kept draft (its errors again, after a failed send), or
    the details already sent (Back from the email page), or empty."""
    draft = state.draft(kind)
    if draft:
        form = make_form(formdata=MultiDict(draft["values"]))
        if draft["note"] == "errors":
            form.validate()
        elif draft["note"] == "refused":
            form.form_errors.append(refused_message())
        return form
    kept = state.sending(kind)
    return make_form(formdata=MultiDict(kept["details"]) if kept else None)


def form_page(kind, make_form, render, send):
    """GET and POST of a form page. `render(form)` makes the page, `send(kind, details)`
    answers a valid form."""
    if request.method == "GET":
        return render(prefilled(kind, make_form))
    form = make_form()
    values = form.typed_values(request.form)
    button = request.form.get(DRAFT_BUTTON, "")
    if button or request.form.get("action") == "edit":
        if button == "more-time":
            state.extend()
            flash(more_time_message())
        if state.save_draft(kind, values):
            lang = button if button in LANGUAGES else g.lang
            return redirect(url_for(request.endpoint, lang=lang), 303)
        return render(make_form(formdata=MultiDict(values)))
    if form.validate():
        state.drop_draft()
        return send(kind, form.details())
    if state.save_draft(kind, values, note="errors"):
        return redirect(url_for(request.endpoint), 303)
    return render(form)  # too long to keep in the cookie: shown at once
