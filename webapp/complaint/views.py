"""The complaint page (/klage, /complaint): the rules in short, and the form that
leads to the complaint email."""

from datetime import date

from flask import render_template
from flask_wtf.csrf import CSRFError

from .. import deadlines, drafts, journey, sending
from ..urls import localized
from . import bp
from .forms import ComplaintForm


@localized(bp, "/klage", "/complaint", old="/klage", methods=["GET", "POST"])
def complaint():
    return drafts.form_page("complaint", ComplaintForm, _render_complaint, sending.send)


def _render_complaint(form):
    today = date.today()
    return render_template("complaint/complaint.html", form=form, has_errors=bool(form.errors),
                           draft_form=drafts.FORM_ID, deadline_today=deadlines.complaint_deadline(today),
                           deadline_moved=deadlines.moved_text(deadlines.why_moved(deadlines.complaint_deadline, today)))


drafts.register_form_page("complaint.complaint", lambda: ("complaint", ComplaintForm))
bp.register_error_handler(CSRFError, journey.token_refused)
