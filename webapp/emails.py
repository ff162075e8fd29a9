"""What the site's emails share: the Email itself, the contact lines, the kinds of
email (each journey registers its own: the application in webapp/sending, the complaint
in webapp/complaint), the mailto: link and the QR code.

Texts are written in the current locale; the caller asks for Danish (the office's
language) and, on the English site, for an English rendering too.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from urllib.parse import quote

from flask_babel import gettext as _

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


@dataclass(frozen=True)
class Kind:
    """A kind of email the email page can show, registered by the journey that writes it."""

    name: str                                  # "application" or "complaint"
    to: str
    subject: Callable[[], str]                 # built here, never from a form, never with a name
    build: Callable[[dict], "Email | None"]    # from the typed details; None when the answers it needs are gone
    form_endpoint: str                         # where its details are typed and corrected: also the email page's Back
    answer_by: Callable[[date], date]          # when the person can expect an answer
    fields: frozenset[str]                     # the details its form gives (the session's shape)


KINDS: dict[str, Kind] = {}


def register(kind):
    KINDS[kind.name] = kind
    return kind


def contact_lines(details):
    lines = []
    if details.get("phone"):
        lines.append(_("Phone: %(phone)s", phone=details["phone"]))
    if details.get("email"):
        lines.append(_("Email: %(email)s", email=details["email"]))
    if details.get("best_time"):
        lines.append(_("Best time to call: %(time)s", time=details["best_time"]))
    return lines


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
