"""What every form shares: the error summary, the filters and checks for names and
plain text, the date-parts field, contact fields and the base form. Each journey's own
forms live in its package. WTForms has no Danish, so every validator has its own message."""

import re
import unicodedata
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from wtforms import Field, StringField, TextAreaField
from wtforms.fields.core import UnboundField
from wtforms.validators import (
    Email,
    InputRequired,
    Length,
    Optional,
    Regexp,
    StopValidation,
    ValidationError,
)

MESSAGE_MAX = 1000
NAME_MAX = 70

# Characters that have no place in a name, a phone number or a date: control
# characters (NUL, line breaks, tab), Unicode line and paragraph separators, and
# the bidirectional controls that can make text read differently from what it is.
NOT_ON_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# In a text with several lines, line breaks and tabs are fine.
NOT_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u061c\u202a-\u202e\u2066-\u2069]")


def one_line(form, field):
    if field.data and NOT_ON_ONE_LINE.search(field.data):
        raise ValidationError(_l("Write on one line, with letters, numbers and ordinary punctuation only"))


def plain_text(form, field):
    if field.data and NOT_IN_TEXT.search(field.data):
        raise ValidationError(_l("The text contains invisible control characters. Remove them, or type the text again"))


# What draws nothing: separators (spaces), control and format characters (zero-width
# spaces, the BOM, soft hyphens, Unicode TAG characters), and the Hangul fillers and
# the blank Braille pattern, which count as letters or symbols but are blank.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _blank(char):
    return char in BLANK_LETTERS or unicodedata.category(char)[0] in "ZC"


def _trimmed(char):
    # Not control characters (a line break is refused by one_line, not hidden), nor
    # combining marks (a name in Hindi can end in one).
    return _blank(char) and unicodedata.category(char) != "Cc"


def tidy_name(value):
    """A name in NFC, with spaces and invisible characters taken off both ends."""
    if not isinstance(value, str):
        return value
    value = unicodedata.normalize("NFC", value)
    start, end = 0, len(value)
    while start < end and _trimmed(value[start]):
        start += 1
    while end > start and _trimmed(value[end - 1]):
        end -= 1
    return value[start:end]


def shows_something(text):
    """Whether the text has a character that can be seen (a combining mark alone cannot)."""
    return any(not _blank(char) and unicodedata.category(char)[0] != "M" for char in text)


INVISIBLE_NAME = _l("The name has no letters that can be seen. Write the name with ordinary letters")


def visible_name(message=INVISIBLE_NAME, empty_message=None):
    """Refuses a name that shows nothing (goes with the tidy_name filter): with
    `empty_message` if it was left empty or only spaces, else with `message` (only
    zero-width, filler or other invisible characters)."""

    def check(form, field):
        if shows_something(field.data or ""):
            return
        raw = field.raw_data[0] if field.raw_data else ""
        raise StopValidation(empty_message if empty_message and not raw.strip() else message)

    return check


class ErrorSummaryMixin:
    def error_list(self):
        """(field id, message) pairs for the error summary: the form's own messages
        first, then the fields' in their order, which is the page's: each form declares
        its fields in the order its page shows them."""
        pairs = [("main", message) for message in self.form_errors]
        for field in self:
            if field.errors:
                pairs.append((getattr(field, "first_id", field.id), field.errors[0]))
        return pairs


# A whole date as people write it: 26.11.2026 (or 26/11/2026, 26-11-2026) or 2026-11-26.
# ASCII digits only: "²".isdigit() and "١".isdigit() are true as well.
WHOLE_DATE = (
    re.compile(r"(?P<aar>[0-9]{4})-(?P<maaned>[0-9]{1,2})-(?P<dag>[0-9]{1,2})"),
    re.compile(r"(?P<dag>[0-9]{1,2})[./-](?P<maaned>[0-9]{1,2})[./-](?P<aar>[0-9]{4})"),
)
# Each box as digits, at most as many as the part can have; the year's length is
# checked on its own, for its own message.
PART_DIGITS = {"dag": re.compile("[0-9]{1,2}"), "maaned": re.compile("[0-9]{1,2}"),
               "aar": re.compile("[0-9]+")}
FIRST_YEAR, LAST_YEAR = 2000, 2100
DATE_PARTS = ("dag", "maaned", "aar")  # day, month, year: the inputs' names end in these
MISSING_PARTS = {
    ("dag",): _l("The date must include a day"),
    ("maaned",): _l("The date must include a month"),
    ("aar",): _l("The date must include a year"),
    ("dag", "maaned"): _l("The date must include a day and a month"),
    ("dag", "aar"): _l("The date must include a day and a year"),
    ("maaned", "aar"): _l("The date must include a month and a year"),
}


class DatePartsField(Field):
    """A date as three boxes, day, month and year (the GOV.UK pattern), named
    `<name>-dag`, `<name>-maaned`, `<name>-aar`. A whole date in `<name>` is read too
    (links to a date, and the complaint's hidden copy on the email page)."""

    def __init__(self, label, required=True, missing_message=None, **kwargs):
        super().__init__(label, **kwargs)
        self.required = required
        self.missing_message = missing_message or _l("Enter a date")
        self.parts = dict.fromkeys(DATE_PARTS, "")
        self.wrong = ()

    @property
    def first_id(self):
        """The box the error summary links to: the first wrong one."""
        return f"{self.id}-{(self.wrong or DATE_PARTS)[0]}"

    def process(self, formdata, data=None, extra_filters=None):
        self.process_errors, self.data, self.wrong = [], None, ()
        self.parts = dict.fromkeys(DATE_PARTS, "")
        if formdata is None:
            return
        self.parts = {p: formdata.get(f"{self.name}-{p}", "").strip()[:40] for p in DATE_PARTS}
        whole = formdata.get(self.name, "").strip()[:40]
        if whole and not any(self.parts.values()):
            match = next((m for pattern in WHOLE_DATE if (m := pattern.fullmatch(whole))), None)
            self.parts = match.groupdict() if match else {"dag": whole, "maaned": "", "aar": ""}

    def _fail(self, wrong, message):
        self.wrong = wrong
        raise StopValidation(message)

    def pre_validate(self, form):
        missing = tuple(p for p in DATE_PARTS if not self.parts[p])
        if len(missing) == 3:
            if self.required:
                self._fail(DATE_PARTS, self.missing_message)
            raise StopValidation()  # an optional date left out
        if missing:
            self._fail(missing, MISSING_PARTS[missing])
        not_numbers = tuple(p for p in ("dag", "aar") if not PART_DIGITS[p].fullmatch(self.parts[p]))
        if not_numbers:
            self._fail(not_numbers, _l("The date must be a real date, for example 26 11 2026"))
        if not PART_DIGITS["maaned"].fullmatch(self.parts["maaned"]) or not 1 <= int(self.parts["maaned"]) <= 12:
            self._fail(("maaned",), _l("The month must be a number from 1 to 12"))
        if len(self.parts["aar"]) != 4:
            self._fail(("aar",), _l("The year must have 4 digits, for example 2026"))
        day, month, year = (int(self.parts[p]) for p in DATE_PARTS)
        try:
            self.data = date(year, month, day)
        except ValueError:
            self._fail(("dag",), _l("The date must be a real date, for example 26 11 2026"))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            self.data = None
            self._fail(("aar",), _l("Enter a date between the year 2000 and 2100"))

    def details_text(self):
        """The date as written in the email: 26.11.2026, or empty."""
        return f"{self.data.day}.{self.data.month}.{self.data.year}" if self.data else ""


class BaseForm(ErrorSummaryMixin, FlaskForm):
    class Meta:
        # CSRFProtect checks every POST before the view (webapp/security.py); the form
        # only carries the token, so a kept draft can be validated again on a GET.
        csrf = False

    def hidden_tag(self, *fields):
        token = Markup('<input type="hidden" name="csrf_token" value="{}">').format(generate_csrf())
        return token + super().hidden_tag(*fields)

    @classmethod
    def field_names(cls):
        """The keys of details(), known without a request."""
        return frozenset(name for name in dir(cls) if isinstance(getattr(cls, name), UnboundField))

    def details(self):
        """What the person typed."""
        return {f.name: f.details_text() if isinstance(f, DatePartsField) else f.data or ""
                for f in self}

    def typed_values(self, formdata):
        """The raw values of this form's fields in `formdata`, to show them again."""
        names = [f"{f.name}-{part}" for f in self if isinstance(f, DatePartsField) for part in DATE_PARTS]
        names += [f.name for f in self]
        return {name: formdata[name] for name in names if formdata.get(name)}


# 8 digits, spaces anywhere between them, optionally +45 in front.
PHONE = re.compile(r"^(\+45)?( *[0-9]){8} *\Z")


def phone_field():
    return StringField(_l("Phone number"), validators=[
        Optional(),
        Length(max=30, message=_l("Enter a phone number with 8 digits, for example 12 34 56 78. You may write +45 in front.")),
        Regexp(PHONE, message=_l("Enter a phone number with 8 digits, for example 12 34 56 78. You may write +45 in front.")),
    ])


def email_field():
    return StringField(_l("Email address"), validators=[
        Optional(),
        Length(max=254, message=_l("The email address is too long")),
        one_line,
        Email(message=_l("Enter an email address in the correct format, like name@example.com")),
    ])


class ContactForm(BaseForm):
    """A form with `phone` and `email` fields (declared by each subclass in its page
    order): at least one of them is needed to reach the person."""

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if (self.phone.data or "").strip() or (self.email.data or "").strip():
            return valid
        # Checked here, not in validate_phone: Optional() stops an empty field's checks.
        self.phone.errors = [_l("Enter a phone number or an email address, so the municipality can reach you")]
        return False


def name_field(label, message):
    return StringField(label, filters=[tidy_name], validators=[
        InputRequired(message=message),
        visible_name(empty_message=message),
        Length(max=NAME_MAX, message=_l("The name can be at most 70 characters")),
        one_line,
    ])


# A CPR number (ddmmyy-xxxx, with or without the dash or a space) has no place in an
# ordinary email: the caseworker asks for it by a secure way.
CPR_NUMBER = re.compile(r"(?<![0-9])[0-3][0-9][01][0-9]{3}[- ]?[0-9]{4}(?![0-9])")


def no_cpr_number(form, field):
    if field.data and CPR_NUMBER.search(field.data):
        raise ValidationError(_l("Do not write a CPR number. The caseworker asks for it in a safe way"))


def address_field(label):
    """An address (optional), on one line, without a CPR number."""
    return StringField(label, filters=[tidy_name], validators=[
        Optional(),
        Length(max=150, message=_l("Write at most 150 characters")),
        one_line,
        no_cpr_number,
    ])


def message_field(label):
    return TextAreaField(label, validators=[
        Optional(),
        Length(max=MESSAGE_MAX, message=_l("Write at most 1,000 characters")),
        plain_text,
    ])
