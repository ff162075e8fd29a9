"""Forms for the guide. WTForms has no Danish, so every validator has its own message."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, Optional, Regexp, ValidationError

MESSAGE_MAX = 1000
NAME_MAX = 70

CSRF_MESSAGE = _l("The page was open for a long time, so for your safety we could not accept it. Check what you wrote and try again.")


class ErrorSummaryMixin:
    def error_list(self):
        """(field id, message) pairs for the error summary, in the fields' order, which
        is the page's: each form declares its fields in the order its page shows them."""
        pairs = []
        for field in self:
            if field.errors and field.name == "csrf_token":
                pairs.append(("main", CSRF_MESSAGE))
            elif field.errors:
                pairs.append((getattr(field, "first_id", field.id), field.errors[0]))
        return pairs


class BaseForm(ErrorSummaryMixin, FlaskForm):
    def details(self):
        """What the person typed, without the form's own hidden fields."""
        return {f.name: f.data or "" for f in self if f.name not in ("csrf_token", "action")}


class QuestionForm(BaseForm):
    """One question: radio buttons, or checkboxes where more than one can apply."""

    answer = RadioField(validate_choice=False)

    def __init__(self, question, for_self, **kwargs):
        super().__init__(**kwargs)
        self.question = question
        self.answer.choices = [(o.value, o.text(for_self)) for o in question.options]
        self.answer.first_id = f"answer-{question.options[0].value}"

    def validate_answer(self, field):
        value = field.data
        if not value:
            raise ValidationError(self.question.error_missing)
        if not self.question.is_valid(value):
            if self.question.exclusive and self.question.exclusive in value:
                raise ValidationError(_l("“None of these” cannot be selected together with other options"))
            raise ValidationError(_l("Select one of the options"))


class MultipleQuestionForm(QuestionForm):
    answer = SelectMultipleField(validate_choice=False)


def question_form(question, for_self, **kwargs):
    form_class = MultipleQuestionForm if question.multiple else QuestionForm
    return form_class(question, for_self, **kwargs)


PHONE = re.compile(r"^\+?[\d\s\-()]{8,20}$")


def _phone_field():
    return StringField(_l("Phone number"), validators=[
        Optional(),
        Regexp(PHONE, message=_l("Enter a phone number with 8 digits, for example 12 34 56 78")),
    ])


def _email_field():
    return StringField(_l("Email address"), validators=[
        Optional(),
        Length(max=254, message=_l("The email address is too long")),
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


def _name_field(label, message):
    return StringField(label, validators=[
        InputRequired(message=message),
        Length(max=NAME_MAX, message=_l("The name can be at most 70 characters")),
    ])


def _message_field(label):
    return TextAreaField(label, validators=[
        Optional(),
        Length(max=MESSAGE_MAX, message=_l("Write at most 1,000 characters")),
    ])


class ApplicationForm(ContactForm):
    name = _name_field(_l("Full name"), _l("Enter the name of the person the application is for"))
    applicant_name = StringField(_l("Your name"), validators=[
        Length(max=NAME_MAX, message=_l("The name can be at most 70 characters")),
    ])
    phone = _phone_field()
    email = _email_field()
    best_time = StringField(_l("Best time to call (optional)"), validators=[
        Optional(), Length(max=100, message=_l("Write at most 100 characters")),
    ])
    message = _message_field(_l("In your own words (optional)"))
    action = HiddenField()

    def __init__(self, *args, for_self=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_self = for_self

    def validate_applicant_name(self, field):
        if not self.for_self and not (field.data or "").strip():
            raise ValidationError(_l("Enter your own name"))


class ComplaintForm(ContactForm):
    name = _name_field(_l("Your full name"), _l("Enter your name"))
    phone = _phone_field()
    email = _email_field()
    decision_date = StringField(_l("Date of the decision (optional)"), validators=[
        Optional(), Length(max=40, message=_l("Write at most 40 characters")),
    ])
    message = TextAreaField(_l("What do you disagree with?"), validators=[
        InputRequired(message=_l("Write what you disagree with in the decision")),
        Length(max=MESSAGE_MAX, message=_l("Write at most 1,000 characters")),
    ])
    action = HiddenField()


class EmailEditForm(BaseForm):
    """The email text, edited by the citizen, to rebuild the link and QR code."""

    kind = HiddenField()
    body = TextAreaField(_l("The text of the email"), validators=[
        InputRequired(message=_l("The email text is empty. Write your application, or start again")),
        Length(max=6000, message=_l("Write at most 6,000 characters")),
    ])
    english = HiddenField()


class KeepAliveForm(BaseForm):
    pass
