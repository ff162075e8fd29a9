"""The application form and the form that edits an email's text. WTForms has no
Danish, so every validator has its own message."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, Length, Optional

from ..forms import (
    NAME_MAX,
    BaseForm,
    ContactForm,
    address_field,
    email_field,
    message_field,
    name_field,
    one_line,
    phone_field,
    plain_text,
    tidy_name,
    visible_name,
)

BODY_MAX = 6000


class ApplicationForm(ContactForm):
    name = name_field(_l("Full name"), _l("Enter the name of the person the application is for"))
    # So the caseworker can find the person without a CPR number.
    address = address_field(_l("Address (optional)"))
    applicant_name = StringField(_l("Your name"), filters=[tidy_name], validators=[
        Length(max=NAME_MAX, message=_l("The name can be at most 70 characters")),
        one_line,
    ])
    phone = phone_field()
    email = email_field()
    best_time = StringField(_l("Best time to call (optional)"), validators=[
        Optional(), Length(max=100, message=_l("Write at most 100 characters")), one_line,
    ])
    message = message_field(_l("In your own words (optional)"))

    def __init__(self, *args, for_self=True, easy=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_self = for_self
        if easy:  # the same fields and checks, with easy words above the boxes
            for name, label in EASY_LABELS.items():
                self[name].label.text = label

    def validate_applicant_name(self, field):
        if not self.for_self:
            visible_name(empty_message=_l("Enter your own name"))(self, field)


EASY_LABELS = {
    "name": _l("Your name"),
    "applicant_name": _l("Your name"),
    "phone": _l("Phone"),
    "email": _l("Email"),
    "best_time": _l("When can the municipality call you? (optional)"),
    "message": _l("Do you want to write more? (optional)"),
}


class EmailEditForm(BaseForm):
    """The email text, edited by the citizen, to rebuild the link and QR code. The
    subject is not sent: the server builds it again from the kind and the name."""

    kind = HiddenField(validators=[AnyOf(("application", "complaint"), message=_l("The page could not be read. Start again from the guide"))])
    name = HiddenField(filters=[tidy_name], validators=[
        InputRequired(message=_l("The page could not be read. Start again from the guide")),
        visible_name(_l("The page could not be read. Start again from the guide")),
        Length(max=NAME_MAX, message=_l("The page could not be read. Start again from the guide")),
        one_line,
    ])
    body = TextAreaField(_l("The text of the email"), validators=[
        InputRequired(message=_l("The email text is empty. Write your application, or start again")),
        Length(max=BODY_MAX, message=_l("Write at most 6,000 characters")),
        plain_text,
    ])
    # The email page's reading level ("easy" after the easy form), kept after an edit.
    level = HiddenField(validators=[
        Optional(), AnyOf(("easy",), message=_l("The page could not be read. Start again from the guide")),
    ])
    english = HiddenField(validators=[
        Length(max=BODY_MAX, message=_l("The page could not be read. Start again from the guide")),
        plain_text,
    ])
