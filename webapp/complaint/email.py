"""The complaint email to Center for Voksne og Sundhed, from the typed details."""

from flask_babel import gettext as _

from .. import deadlines, facts
from ..emails import Email, Kind, contact_lines, register
from ..guide import statements
from .forms import ComplaintForm

COMPLAINTS = facts.value("complaint_email")


def subject():
    """Built here, never from a form, and with no name in it."""
    return _("Complaint about a decision on activity and social contact services")


def complaint_email(details):
    """Worded for whom it is for: yourself, or someone else as a relative or guardian
    (who says so, and that the municipality may ask for consent or the appointment)."""
    name = details["name"].strip()
    whom = details.get("complaint_for") or "self"
    person = details.get("person_name", "").strip()
    for_other = whom in ("relative", "guardian") and bool(person)
    lines = [_("To Center for Voksne og Sundhed, Ballerup Kommune"), ""]
    if for_other:
        lines += [_("I am complaining on behalf of %(person)s about a decision on activity and social contact services (section 104 of the Act on Social Services).", person=person),
                  str(statements.RELATIONS[whom]), str(statements.MAY_ASK[whom][0])]
    else:
        lines.append(_("I am complaining about a decision on activity and social contact services (section 104 of the Act on Social Services)."))
    if details.get("decision_date", "").strip():
        lines.append(_("Date of the decision: %(date)s", date=details["decision_date"].strip()))
    lines += ["", _("What I disagree with:"), details["message"].strip(), "",
              _("Contact person (me): %(name)s", name=name) if for_other else _("Name: %(name)s", name=name)]
    lines += contact_lines(details)
    lines += ["", _("Please confirm that you have received my complaint."), "", _("Kind regards"), name]
    return Email(COMPLAINTS, subject(), "\n".join(lines))


COMPLAINT = register(Kind(
    name="complaint", to=COMPLAINTS, subject=subject, build=complaint_email,
    form_endpoint="complaint.complaint",
    answer_by=deadlines.complaint_answer_by, fields=ComplaintForm.field_names(),
))
