"""The complaint form. WTForms has no Danish, so every validator has its own message."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, Length

from ..forms import (
    MESSAGE_MAX,
    NAME_MAX,
    ContactForm,
    DatePartsField,
    email_field,
    name_field,
    one_line,
    phone_field,
    plain_text,
    tidy_name,
    visible_name,
)

# Whom the complaint is for: relatives and guardians complain for someone else too.
COMPLAINT_FOR = {
    "self": _l("Myself: the decision is about me"),
    "relative": _l("Someone else: I am a relative or someone close"),
    "guardian": _l("Someone else: I am their guardian (værge)"),
}


class ComplaintForm(ContactForm):
    # Most complain about their own decision, so that is chosen until changed; a post
    # without the field (an older page) is a complaint for oneself.
    complaint_for = RadioField(_l("Who is the complaint for?"), default="self", validate_choice=False, validators=[
        AnyOf(list(COMPLAINT_FOR), message=_l("Select who the complaint is for")),
    ])
    person_name = StringField(_l("The full name of the person the decision is about"), filters=[tidy_name],
                              validators=[
        Length(max=NAME_MAX, message=_l("The name can be at most 70 characters")),
        one_line,
    ])
    name = name_field(_l("Your full name"), _l("Enter your name"))
    phone = phone_field()
    email = email_field()
    decision_date = DatePartsField(_l("Date of the decision (optional)"), required=False)
    message = TextAreaField(_l("What do you disagree with?"), validators=[
        InputRequired(message=_l("Write what you disagree with in the decision")),
        Length(max=MESSAGE_MAX, message=_l("Write at most 1,000 characters")),
        plain_text,
    ])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.complaint_for.choices = list(COMPLAINT_FOR.items())
        self.complaint_for.first_id = "complaint_for-self"

    def for_someone_else(self):
        return self.complaint_for.data in ("relative", "guardian")

    def validate_person_name(self, field):
        if self.for_someone_else():
            visible_name(empty_message=_l("Enter the name of the person the decision is about"))(self, field)
