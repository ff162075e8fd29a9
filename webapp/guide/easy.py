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

from .. import deadlines, facts
from .rules import Decides, Outcome, outcome, who_decides


@dataclass(frozen=True)
class Part:
    icon: str  # a name from webapp.markdown_ext.ICONS
    heading: str
    lines: tuple[str, ...]
    link: tuple[str, str] | None = None  # (text, endpoint): a button after the lines


def _pick(own, self_text, other_text):
    return self_text if own else other_text


def _ask_who_decides(answers):
    if who_decides(answers) is not Decides.UNSURE:
        return ()
    return (_("We do not know if Ballerup Kommune decides."), _("Ask Fronten before you apply."))


def easy_result(answers, today, own):
    """(title, parts) for the answers; `own` is True when applying for yourself."""
    result = outcome(answers)
    lang = facts.current_language()
    call = Markup(_("Call Fronten on %(phone)s.")) % {"phone": facts.html("phone_fronten", lang)}
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
            _("It can also be because of particular social problems."),
            _("They also need help to be with other people, or support and care."),
            _("Anyone can ask Fronten if the service is for them."),
            _("The municipality assesses it if you apply.") if result is Outcome.UNCLEAR
            else _("The municipality decides."),
        ))

    if answers.get("housing") == "family":
        most = facts.text("days_family", lang, "easy")
        days = (_pick(own, _("If you get a place, it can be %(days)s days a week.", days=most),
                      _("If the person gets a place, it can be %(days)s days a week.", days=most)),
                _("There must be special reasons for this."),
                facts.text("days_family_not_promised", lang, "easy"))
    else:
        usual = facts.text("days_own_home", lang, "easy")
        days = (_pick(own, _("If you get a place, it is %(days)s days a week.", days=usual),
                      _("If the person gets a place, it is %(days)s days a week.", days=usual)),)

    costs = []
    if answers.get("timing") in ("day", "both", "unsure"):
        costs.append(_("The service itself costs nothing in the daytime."))
    if answers.get("timing") in ("evening", "both", "unsure"):
        costs.append(_("A club in the evening can cost money every month."))
    costs.append(_("Food, materials, activities and events are paid for by the person who goes there."))
    costs.append(_("This is also true in the daytime."))

    transport = [_("The municipality assesses if the trip can be made safely without help."),
                 _("If not, the municipality can pay for the transport.")]
    if answers.get("transport") in ("no", "unsure"):
        transport.append(_("Tell Fronten if help with transport is needed."))

    answer_by = deadlines.latest_answer(today)
    return title, (
        first,
        Part("phone", _("Call Fronten"), (*_ask_who_decides(answers), call)),
        Part("mail", _("Apply by email"), (
            _("We write the email for you."),
            _("You check it and send it yourself."),
        ), link=(_("Write the email"), "sending.easy_apply")),
        Part("calendar", _("How many days?"), (*days, _("The municipality decides how many days."))),
        Part("money", _("What does it cost?"), tuple(costs)),
        Part("bus", _("Transport"), tuple(transport)),
        Part("calendar", _("When does the answer come?"), (
            _("Does the municipality get the application today, %(today)s?",
              today=format_date(today, "full")),
            _("Then you can expect the answer no later than %(date)s.",
              date=format_date(answer_by, "full")),
            _("If the municipality cannot make it in time, it must write and say when."),
        )),
        Part("chat", _("If you disagree"), (
            _pick(own, _("You can complain about the decision."),
                  _("The person can complain about the decision.")),
            _("The municipality must have the complaint no later than %(weeks)s weeks after the day the decision came.",
              weeks=facts.value("complaint_weeks")),
            *facts.text("not_to_ankestyrelsen", lang, "easy").split("\n"),
        )),
        Part("list", _pick(own, _("If you get a place"), _("If the person gets a place")), (
            _pick(own, _("You must come on time."), _("The person must come on time.")),
            _pick(own, _("You must tell the service if you cannot come."),
                  _("The person must tell the service if they cannot come.")),
            _pick(own, _("You must do what the staff ask you to do."),
                  _("The person must do what the staff ask them to do.")),
        )),
    )
