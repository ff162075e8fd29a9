"""The application email to Fronten: what it says, part by part, from the guide's
answers and the typed details; nothing about health, function or needs."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import deadlines, facts
from ..emails import Email, Kind, contact_lines, register
from ..guide import questions, state, statements
from .forms import ApplicationForm

FRONTEN = facts.value("email_fronten")

# What the application email says, part by part, in its order: the form's notice ("The
# email only says: ...") lists these, so it always matches the email. (yourself, another person)
SAYS = {
    "applying": (_l("your name, and that you are applying for activity and social contact services"),
                 _l("the person's name, and that you are applying on their behalf")),
    "address": (_l("your address, if you give it"), _l("the person's address, if you give it")),
    "relation": (None, _l("how you are connected to the person")),
    "contact": (_l("how the municipality can reach you"),
                _l("your name, and how the municipality can reach you")),
    "home": (_l("where you live"), _l("where the person lives")),
    "timing": (_l("whether it is about a daytime service or an evening club"),
               _l("whether it is about a daytime service or an evening club")),
    "transport": (_l("that you would like to hear about help with transport"),
                  _l("that you would like to hear about help with transport")),
    "own_words": (_l("what you write in your own words, if you write anything"),
                  _l("what you write in your own words, if you write anything")),
}
# The same in easy words, for the easy form.
SAYS_EASY = {
    "applying": (_l("your name, and that you apply for the service"),
                 _l("the person's name, and that you apply for the person")),
    "address": (_l("your address, if you write it"), _l("the address, if you write it")),
    "relation": (None, _l("how you know the person")),
    "contact": (_l("how the municipality can reach you"),
                _l("your name, and how the municipality can reach you")),
    "home": (_l("where you live"), _l("where the person lives")),
    "timing": (_l("if it is in the daytime or in the evening"),
               _l("if it is in the daytime or in the evening")),
    "transport": (_l("that you want to hear about help with transport"),
                  _l("that you want to hear about help with transport")),
    "own_words": (_l("what you write yourself, if you write something"),
                  _l("what you write yourself, if you write something")),
}
# The answers each part of the email states, as plain sentences (see EMAIL_FACTS).
FACTS_IN = {"home": ("residence", "housing", "placed_by"), "timing": ("timing",),
            "transport": ("transport",)}
# Details that fill every part the form can fill: the notice lists all of them.
EVERY_PART = {"name": "-", "address": "-", "applicant_name": "-", "message": "-"}


def _facts(answers, keys):
    """The answers that starting a case needs, as plain sentences (see EMAIL_FACTS)."""
    own = questions.for_self(answers)
    asked = {q.key for q in questions.applicable(answers)}
    pairs = (statements.EMAIL_FACTS.get((key, answers.get(key))) for key in keys if key in asked)
    return [str(statements.in_form(pair, own)) for pair in pairs if pair]


def _parts(answers, details):
    """The application email's body after the greeting, as (part, its lines), in order."""
    own = questions.for_self(answers)
    name = details["name"].strip()
    address = details.get("address", "").strip()
    if own:
        yield "applying", [_("I am applying for activity and social contact services under section 104 of the Act on Social Services."),
                           "", _("Name: %(name)s", name=name)]
        if address:
            yield "address", [_("Address: %(address)s", address=address)]
        yield "contact", contact_lines(details)
    else:
        yield "applying", [_("I am applying for activity and social contact services under section 104 of the Act on Social Services on behalf of %(name)s.", name=name)]
        if address:
            yield "address", [_("The person's address: %(address)s", address=address)]
        yield "relation", [str(statements.RELATIONS[answers["who"]]), str(statements.MAY_ASK[answers["who"]][0])]
        yield "contact", ["", _("Contact person (me): %(name)s", name=details["applicant_name"].strip()),
                          *contact_lines(details)]
    for number, (part, keys) in enumerate(FACTS_IN.items()):
        lines = _facts(answers, keys)
        if lines:
            yield part, [""] * (number == 0) + lines
    if details.get("message", "").strip():
        yield "own_words", ["", _("In my own words:"), details["message"].strip()]


def what_it_says(answers, easy=False):
    """The form's notice: the parts of the email these answers lead to, in its words
    (`easy`: in easy words)."""
    own = questions.for_self(answers)
    says = SAYS_EASY if easy else SAYS
    return [statements.in_form(says[part], own) for part, _lines in _parts(answers, EVERY_PART)]


def application_email(answers, details):
    own = questions.for_self(answers)
    lines = [_("To Fronten, Ballerup Kommune"), ""]
    for _part, part_lines in _parts(answers, details):
        lines += part_lines
    lines += ["", _("Please contact me about the next steps."), "", _("Kind regards"),
              details["name"].strip() if own else details["applicant_name"].strip()]
    return Email(FRONTEN, subject(), "\n".join(lines))


def subject():
    """Built here, never from a form, and with no name in it: subjects show in
    notifications, previews and mail logs."""
    return _("Application for activity and social contact services")


def _from_session(details):
    answers = state.answers()
    return application_email(answers, details) if questions.all_answered(answers) else None


APPLICATION = register(Kind(
    name="application", to=FRONTEN, subject=subject, build=_from_session,
    form_endpoint="sending.apply", answer_by=deadlines.latest_answer,
    fields=ApplicationForm.field_names(),
))
