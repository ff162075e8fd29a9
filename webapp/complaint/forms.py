"""The complaint form. WTForms has no Danish, so every validator has its own message."""

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length

from ..forms import (
    MESSAGE_MAX,
    ContactForm,
    DatePartsField,
    email_field,
    name_field,
    phone_field,
    plain_text,
)


class ComplaintForm(ContactForm):
    name = name_field(_l("Your full name"), _l("Enter your name"))
    phone = phone_field()
    email = email_field()
    decision_date = DatePartsField(_l("Date of the decision (optional)"), required=False)
    message = TextAreaField(_l("What do you disagree with?"), validators=[
        InputRequired(message=_l("Write what you disagree with in the decision")),
        Length(max=MESSAGE_MAX, message=_l("Write at most 1,000 characters")),
        plain_text,
    ])
