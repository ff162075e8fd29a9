"""Free text is scrubbed before anything is written: CPR numbers, phone numbers and
email addresses (also spelled out: "jens at example dot dk", "snabel-a", "punktum")
become "[fjernet]"; control characters and bidi overrides go."""

import re

REMOVED = "[fjernet]"

_DOT_WORD = r"(?:dot|punktum)"
_AT_WORD = r"(?:at|snabel-?\s?a)"
# A dot between the parts of a domain: written, spelled out, or in brackets.
_DOT = rf"(?:\s*\.\s*|\s+{_DOT_WORD}\s+|\s*[(\[]{_DOT_WORD}[)\]]\s*)"
EMAIL = re.compile(rf"[\w.+-]+\s*(?:@|[(\[]{_AT_WORD}[)\]])\s*[\w-]+(?:{_DOT}[\w-]+)+",
                   re.IGNORECASE)
# "at" alone is an everyday word in Danish ("for at komme"): spelled out, the address
# needs its dot without spaces or spelled out too, and a domain ending in letters.
_SPELLED_DOT = rf"(?:\.|\s+{_DOT_WORD}\s+|\s*[(\[]{_DOT_WORD}[)\]]\s*)"
SPELLED_EMAIL = re.compile(
    rf"[\w.+-]+\s+{_AT_WORD}\s+[\w-]+(?:{_SPELLED_DOT}[\w-]+)*{_SPELLED_DOT}[^\W\d_]{{2,}}\b",
    re.IGNORECASE)
# Any dash: hyphen, the Unicode dashes, minus, and their small and full-width forms.
DASHES = "\u2010-\u2015\u2212\ufe58\ufe63\uff0d-"
# Eight digits or more, in groups split by spaces, dashes (with spaces around them),
# dots or slashes, with an optional +45/0045 (in brackets or not) in front: CPR numbers
# (ddmmyy-xxxx, 020291 - 1234, with or without the dash) and Danish and foreign phone
# numbers. A date written in digits goes too; better one date too many than a number
# too few.
NUMBER = re.compile(
    rf"(?<!\w)(?:\(?(?:\+|00)\s*\d{{1,3}}\)?[\s./{DASHES}]*)?\d(?:[\s./{DASHES}]{{0,3}}\d){{7,}}(?!\w)")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# For a terminal: also no carriage return, which could hide what is before it on the line.
TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def scrub(text):
    text = CONTROL.sub("", text or "")
    text = EMAIL.sub(REMOVED, text)
    text = SPELLED_EMAIL.sub(REMOVED, text)
    return NUMBER.sub(REMOVED, text).strip()


def for_terminal(text):
    """`text` without C0 and C1 controls (but newline and tab) and bidi overrides, so
    a stored text cannot move the cursor, change colours or reorder what is shown."""
    return TERMINAL_UNSAFE.sub("", text.replace("\r\n", "\n"))
