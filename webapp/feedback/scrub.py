"""Free text is scrubbed before anything is written: CPR numbers, phone numbers and
email addresses become "[fjernet]"."""

import re

REMOVED = "[fjernet]"

EMAIL = re.compile(r"[\w.+-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\s*\.\s*[\w-]+)+", re.IGNORECASE)
# Eight digits or more, in groups split by spaces, dashes, dots or slashes, with an
# optional +45/0045 (in brackets or not) in front: CPR numbers (ddmmyy-xxxx, with or
# without the dash) and Danish and foreign phone numbers. A date written in digits
# goes too; better one date too many than a number too few.
NUMBER = re.compile(r"(?<!\w)(?:\(?(?:\+|00)\s*\d{1,3}\)?[\s./-]*)?\d(?:[\s./-]{0,2}\d){7,}(?!\w)")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def scrub(text):
    text = CONTROL.sub("", text or "")
    text = EMAIL.sub(REMOVED, text)
    return NUMBER.sub(REMOVED, text).strip()
