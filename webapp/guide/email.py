"""The application and complaint emails: their text, the mailto: link and the QR code.

The text is written in the current locale; the caller asks for Danish (the
office's language) and, on the English site, for an English rendering too.
"""

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import facts
from .questions import applicable, for_self
from .statements import EMAIL_FACTS, MAY_ASK, RELATIONS, in_form

FRONTEN = facts.value("email_fronten")
COMPLAINTS = facts.value("complaint_email")
MAILTO_LIMIT = 2000  # longer links fail in some mail programs and browsers
# A longer link gets no QR code (the page points to the other ways): building one
# costs about 0.1-0.2 s at this length, and grows with it.
QR_LINK_MAX = MAILTO_LIMIT
QR_KEPT = 64


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    body: str


def _contact_lines(details):
    lines = []
    if details.get("phone"):
        lines.append(_("Phone: %(phone)s", phone=details["phone"]))
    if details.get("email"):
        lines.append(_("Email: %(email)s", email=details["email"]))
    if details.get("best_time"):
        lines.append(_("Best time to call: %(time)s", time=details["best_time"]))
    return lines


# What the application email says, part by part, in its order: the form's notice ("The
# email only says: ...") lists these, so it always matches the email. (yourself, another person)
SAYS = {
    "applying": (_l("your name, and that you are applying for activity and social contact services"),
                 _l("the person's name, and that you are applying on their behalf")),
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
# The answers each part of the email states, as plain sentences (see EMAIL_FACTS).
FACTS_IN = {"home": ("residence", "housing", "placed_by"), "timing": ("timing",),
            "transport": ("transport",)}
# Details that fill every part the form can fill: the notice lists all of them.
EVERY_PART = {"name": "-", "applicant_name": "-", "message": "-"}


def _facts(answers, keys):
    """The answers that starting a case needs, as plain sentences (see EMAIL_FACTS)."""
    own = for_self(answers)
    asked = {q.key for q in applicable(answers)}
    pairs = (EMAIL_FACTS.get((key, answers.get(key))) for key in keys if key in asked)
    return [str(in_form(pair, own)) for pair in pairs if pair]


def _parts(answers, details):
    """The application email's body after the greeting, as (part, its lines), in order."""
    own = for_self(answers)
    name = details["name"].strip()
    if own:
        yield "applying", [_("I am applying for activity and social contact services under section 104 of the Act on Social Services."),
                           "", _("Name: %(name)s", name=name)]
        yield "contact", _contact_lines(details)
    else:
        yield "applying", [_("I am applying for activity and social contact services under section 104 of the Act on Social Services on behalf of %(name)s.", name=name)]
        yield "relation", [str(RELATIONS[answers["who"]]), str(MAY_ASK[answers["who"]][0])]
        yield "contact", ["", _("Contact person (me): %(name)s", name=details["applicant_name"].strip()),
                          *_contact_lines(details)]
    for number, (part, keys) in enumerate(FACTS_IN.items()):
        lines = _facts(answers, keys)
        if lines:
            yield part, [""] * (number == 0) + lines
    if details.get("message", "").strip():
        yield "own_words", ["", _("In my own words:"), details["message"].strip()]


def what_it_says(answers):
    """The form's notice: the parts of the email these answers lead to, in its words."""
    own = for_self(answers)
    return [in_form(SAYS[part], own) for part, _lines in _parts(answers, EVERY_PART)]


def application_email(answers, details):
    own = for_self(answers)
    lines = [_("To Fronten, Ballerup Kommune"), ""]
    for _part, part_lines in _parts(answers, details):
        lines += part_lines
    lines += ["", _("Please contact me about the next steps."), "", _("Kind regards"),
              details["name"].strip() if own else details["applicant_name"].strip()]
    return Email(FRONTEN, subject("application"), "\n".join(lines))


def complaint_email(details):
    name = details["name"].strip()
    lines = [_("To Center for Voksne og Sundhed, Ballerup Kommune"), "",
             _("I am complaining about a decision on activity and social contact services (section 104 of the Act on Social Services).")]
    if details.get("decision_date", "").strip():
        lines.append(_("Date of the decision: %(date)s", date=details["decision_date"].strip()))
    lines += ["", _("What I disagree with:"), details["message"].strip(), "",
              _("Name: %(name)s", name=name)]
    lines += _contact_lines(details)
    lines += ["", _("Please confirm that you have received my complaint."), "", _("Kind regards"), name]
    return Email(COMPLAINTS, subject("complaint"), "\n".join(lines))


def subject(kind):
    """The email's subject, always built here, never from a form, and with no name in it:
    subjects show in notifications, previews and mail logs."""
    if kind == "complaint":
        return _("Complaint about a decision on activity and social contact services")
    return _("Application for activity and social contact services")


def _encode(text):
    # RFC 6068: percent-encode everything outside the unreserved set; line
    # breaks as CRLF. Nothing the citizen types can add a header or recipient.
    return quote(text.replace("\r\n", "\n").replace("\n", "\r\n"), safe="")


def _link(email, body, subject=None):
    subject = _encode(email.subject) if subject is None else subject
    return f"mailto:{email.to}?subject={subject}&body={_encode(body)}"


def _encoded_subject(subject, budget):
    """The subject, percent-encoded, cut to `budget` characters at a whole character."""
    encoded = _encode(subject)
    if len(encoded) <= budget:
        return encoded
    ellipsis = _encode("…")
    parts, used = [], len(ellipsis)
    for char in subject:
        piece = _encode(char)
        if used + len(piece) > budget:
            break
        parts.append(piece)
        used += len(piece)
    return "".join(parts) + ellipsis if used <= budget else ""


# Kept like the QR codes (see _qr_svg): only in this process's memory, at most QR_KEPT.
@lru_cache(maxsize=QR_KEPT)
def mailto(email, paste_note, limit=MAILTO_LIMIT):
    """The mailto: link and whether it had to be shortened; never longer than `limit`.

    A body too long for a link is cut at a line break and ends with `paste_note`
    (asking the citizen to paste the full text); if even that is too long, the
    body is only the note, and the subject is cut to what fits."""
    body = email.body.replace("\r\n", "\n").replace("\r", "\n")
    link = _link(email, body)
    if len(link) <= limit:
        return link, False
    # Each line's encoded length adds up (a line break is 6 characters, "%0D%0A"),
    # so the longest start that fits is found in one pass.
    lines = body.split("\n")
    room = limit - len(_link(email, "\n" + paste_note))
    kept = 0
    for line in lines:
        room -= len(_encode(line)) + 6
        if room < 0:
            break
        kept += 1
    if kept:
        link = _link(email, "\n".join([*lines[:kept], "", paste_note]))
        if len(link) <= limit:
            return link, True
    budget = limit - len(_link(email, paste_note, subject=""))
    return _link(email, paste_note, subject=_encoded_subject(email.subject, budget)), True


def qr_svg(link, title):
    """The link as an inline SVG QR code, for opening the email on a phone, or
    (None, None) if the link is longer than QR_LINK_MAX or cannot fit in one."""
    if len(link) > QR_LINK_MAX:
        return None, None
    return _qr_svg(link, str(title))


# Kept so Reload, Back and a replayed cookie do not build the same code again. The
# link holds the person's name and details, so the codes live only in this process's
# memory: at most QR_KEPT (the least recently used dropped first), gone on restart,
# never written to disk or a log.
@lru_cache(maxsize=QR_KEPT)
def _qr_svg(link, title):
    import segno  # imported when first needed: a slow import

    try:
        qr = segno.make(link, error="l", micro=False)
    except segno.DataOverflowError:
        return None, None
    svg = qr.svg_inline(border=4, title=title, dark="#000", light="#fff", omitsize=True)
    return svg, qr.version
