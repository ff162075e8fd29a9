"""The guide's result in easy words ("Vis i let dansk"), from the same rules as the
result page: the outcome, the raw answers and the real dates.

Only "if you get a place" is said about days, costs and transport, whatever the
outcome: the guide informs, the municipality decides. Every sentence has a
version for the person themself and one for someone applying for another person.
"""

from dataclasses import dataclass

from flask_babel import format_date
from flask_babel import gettext as _
from markupsafe import Markup

from .. import deadlines
from .rules import Outcome, outcome

PHONE_LINK = Markup('<a href="tel:+4544773443">44&nbsp;77&nbsp;34&nbsp;43</a>')


@dataclass(frozen=True)
class Part:
    icon: str  # a name from webapp.markdown_ext.ICONS
    heading: str
    lines: tuple[str, ...]
    link: tuple[str, str] | None = None  # (text, endpoint): a button after the lines


def _pick(own, self_text, other_text):
    return self_text if own else other_text


def easy_result(answers, today, own):
    """(title, parts) for the answers; `own` is True when applying for yourself."""
    result = outcome(answers)
    call = Markup(_("Call Fronten on %(phone)s.")) % {"phone": PHONE_LINK}
    if result is Outcome.LIKELY:
        title = _pick(own, _("The service seems to fit you"), _("The service seems to fit the person"))
        first = Part("person", _("The municipality decides"), (
            _pick(own, _("The service looks like it is for you."),
                  _("The service looks like it is for the person.")),
            _("The municipality always makes the decision."),
        ))
    else:
        if result is Outcome.UNCLEAR:
            title = _pick(own, _("We cannot tell if the service fits you"),
                          _("We cannot tell if the service fits the person"))
        else:
            title = _pick(own, _("The service does not seem to fit you"),
                          _("The service does not seem to fit the person"))
        first = Part("person", _("Who the service is for"), (
            _("The service is for adults who find daily life very hard."),
            _("This can be because of their body or their mind."),
            _("It can also be because of special social problems."),
            _("They also need help to be with other people, or support and care."),
            _("Anyone can ask Fronten if the service is for them."),
            _("The municipality decides."),
        ))

    if answers.get("housing") == "family":
        days = (_pick(own, _("If you get a place, it can be 1 to 5 days a week."),
                      _("If the person gets a place, it can be 1 to 5 days a week.")),
                _("There must be special reasons for this."))
    else:
        days = (_pick(own, _("If you get a place, it is 1 to 4 days a week."),
                      _("If the person gets a place, it is 1 to 4 days a week.")),)

    costs = []
    if answers.get("timing") in ("day", "both", "unsure"):
        costs.append(_("The service itself is free in the daytime."))
    if answers.get("timing") in ("evening", "both", "unsure"):
        costs.append(_("A club in the evening can cost money every month."))
    costs.append(_("Food, materials, activities and events are always paid for by the person who goes there."))

    transport = [_("The municipality assesses if the trip can be made safely without help."),
                 _("If not, the municipality can pay for the transport.")]
    if answers.get("transport") in ("no", "unsure"):
        transport.append(_("Tell Fronten if help with transport is needed."))

    answer_by = deadlines.latest_answer(today)
    return title, (
        first,
        Part("phone", _("Call Fronten"), (call,)),
        Part("mail", _("Apply by email"), (
            _("We write the email for you."),
            _("You check it and send it yourself."),
        ), link=(_("Write the email"), "guide.apply")),
        Part("calendar", _("How many days?"), (*days, _("The municipality decides how many days."))),
        Part("money", _("What does it cost?"), tuple(costs)),
        Part("bus", _("Transport"), tuple(transport)),
        Part("calendar", _("When does the answer come?"), (
            _("Does the municipality get the application today, %(today)s?",
              today=format_date(today, "full")),
            _("Then the answer must come no later than %(date)s.",
              date=format_date(answer_by, "full")),
            _("If the municipality cannot make it in time, it must write and say when."),
        )),
        Part("list", _pick(own, _("If you get a place"), _("If the person gets a place")), (
            _pick(own, _("You must come on time."), _("The person must come on time.")),
            _pick(own, _("You must tell the service if you cannot come."),
                  _("The person must tell the service if they cannot come.")),
            _pick(own, _("You must do what the staff ask you to do."),
                  _("The person must do what the staff ask them to do.")),
        )),
    )
