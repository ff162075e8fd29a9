"""The form of a question page. WTForms has no Danish, so every validator has its own message."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectMultipleField
from wtforms.validators import ValidationError

from ..forms import BaseForm


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
            if set(self.question.exclusive) & set(value):
                raise ValidationError(_l("“None of these” and “I do not know” cannot be selected together with other options"))
            raise ValidationError(_l("Select one of the options"))


class MultipleQuestionForm(QuestionForm):
    answer = SelectMultipleField(validate_choice=False)

    def validate_answer(self, field):
        # Each box once, in the page's order (unknown values last, to be refused): a
        # repeated or reordered box is the same answer, and must not make another.
        order = [option.value for option in self.question.options]
        chosen = dict.fromkeys(field.data or [])
        field.data = sorted(chosen, key=lambda value: order.index(value) if value in order else len(order))
        super().validate_answer(field)


def question_form(question, for_self, **kwargs):
    form_class = MultipleQuestionForm if question.multiple else QuestionForm
    return form_class(question, for_self, **kwargs)
