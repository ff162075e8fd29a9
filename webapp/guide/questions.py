"""The guide's questions, their order and which apply: the wizard as data.

Each question is asked one per page. Wording comes in two forms: to the person
applying for themselves ("you"), and to someone applying for another person.
"""

from dataclasses import dataclass
from functools import cached_property

from flask_babel import lazy_gettext as _l

from . import rules


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    label_other: str | None = None  # when it reads differently about another person
    hint: str = ""  # a line under the label that says what the choice means

    def text(self, for_self):
        return self.label if for_self or self.label_other is None else self.label_other


@dataclass(frozen=True)
class Question:
    key: str  # the answer's name in the session (its URL slugs are in SLUGS)
    title: str
    title_other: str
    summary: str  # the short name on the check-your-answers page
    error_missing: str
    options: tuple[Option, ...]
    hint: str = ""
    hint_other: str = ""
    multiple: bool = False
    exclusive: tuple[str, ...] = ()  # checkboxes that cannot be ticked with any other

    def heading(self, for_self):
        return self.title if for_self else self.title_other

    def help_text(self, for_self):
        return self.hint if for_self else self.hint_other

    @cached_property
    def values(self):
        return frozenset(option.value for option in self.options)

    def is_valid(self, value):
        if self.multiple:
            return (
                isinstance(value, list)
                and bool(value)
                and set(value) <= self.values
                and not (set(self.exclusive) & set(value) and len(value) > 1)
            )
        return isinstance(value, str) and value in self.values

    def option_hints(self):
        return {option.value: option.hint for option in self.options if option.hint}

    def option_texts(self, value, for_self):
        chosen = value if isinstance(value, list) else [value]
        return [option.text(for_self) for option in self.options if option.value in chosen]


YES_NO_UNSURE = (
    Option("yes", _l("Yes")),
    Option("no", _l("No")),
    Option("unsure", _l("I am not sure")),
)

WHO = Question(
    key="who",
    title=_l("Who is this for?"),
    title_other=_l("Who is this for?"),
    summary=_l("Who it is for"),
    error_missing=_l("Select who it is for"),
    options=(
        Option("self", _l("Myself")),
        Option("relative", _l("A relative or someone close to me")),
        Option("guardian", _l("A person I am guardian for")),
        Option("professional", _l("A person I help in my work")),
    ),
)

RESIDENCE = Question(
    key="residence",
    title=_l("Do you live in Ballerup Kommune?"),
    title_other=_l("Does the person live in Ballerup Kommune?"),
    summary=_l("Lives in Ballerup Kommune"),
    error_missing=_l("Select yes, no or I am not sure"),
    hint=_l("As a rule, the municipality you live in decides. Do you live in a residential facility (botilbud)? Then we ask about it in a moment."),
    hint_other=_l("As a rule, the municipality a person lives in decides. Does the person live in a residential facility (botilbud)? Then we ask about it in a moment."),
    options=YES_NO_UNSURE,
)

HOUSING = Question(
    key="housing",
    title=_l("Where do you live?"),
    title_other=_l("Where does the person live?"),
    summary=_l("Where they live"),
    error_missing=_l("Select a type of home"),
    options=(
        Option("own_home", _l("In my own home"), _l("In their own home")),
        Option("residential", _l("In a residential facility (botilbud)")),
        Option("family", _l("With my family or relatives"), _l("With their family or relatives")),
    ),
)

# Asked only of someone in a residential facility: the municipality that gave the place
# usually stays the one that decides, wherever the facility is (see rules.who_decides).
PLACED_BY = Question(
    key="placed_by",
    title=_l("Which municipality gave you a place in a residential facility?"),
    title_other=_l("Which municipality gave the person a place in a residential facility?"),
    summary=_l("Municipality that gave the place"),
    error_missing=_l("Select a municipality or I am not sure"),
    hint=_l("As a rule, that municipality decides, also when the residential facility is in another municipality."),
    hint_other=_l("As a rule, that municipality decides, also when the residential facility is in another municipality."),
    options=(
        Option("ballerup", _l("Ballerup Kommune")),
        Option("other", _l("Another municipality")),
        Option("unsure", _l("I am not sure")),
    ),
)

TARGET = Question(
    key="target",
    title=_l("Do you find everyday life very hard?"),
    title_other=_l("Does the person find everyday life very hard?"),
    summary=_l("Hard to manage everyday life"),
    error_missing=_l("Select yes, no or I am not sure"),
    hint=_l("It can be because of a disability, an illness or a brain injury. It can also be particular social problems. The law says: significantly reduced physical or mental function, or particular social problems. You do not need to give a diagnosis."),
    hint_other=_l("It can be because of a disability, an illness or a brain injury. It can also be particular social problems. The law says: significantly reduced physical or mental function, or particular social problems. You do not need to give a diagnosis."),
    options=YES_NO_UNSURE,
)

NEEDS = Question(
    key="needs",
    title=_l("What do you need help with?"),
    title_other=_l("What does the person need help with?"),
    summary=_l("Needs"),
    error_missing=_l("Select at least one option"),
    hint=_l("Select all that fit."),
    hint_other=_l("Select all that fit."),
    multiple=True,
    exclusive=("none", "unsure"),
    options=(
        Option("social_skills", _l("Keeping or improving social skills")),
        Option("social_contact", _l("Being with other people or a change of surroundings")),
        Option("support_care", _l("Support and care that helps me get going"),
               _l("Support and care that helps the person get going")),
        Option("none", _l("None of these")),
        Option("unsure", _l("I do not know"), hint=_l("The municipality assesses it if you apply.")),
    ),
)

TIMING = Question(
    key="timing",
    title=_l("Are you looking for a daytime service or an evening club?"),
    title_other=_l("Is the person looking for a daytime service or an evening club?"),
    summary=_l("Day or evening"),
    error_missing=_l("Select day, evening, both or I am not sure"),
    options=(
        Option("day", _l("Daytime service"),
               hint=_l("A place to go during the day, with activities and other people.")),
        Option("evening", _l("Evening club"),
               hint=_l("A club that meets in the evening, with activities and other people.")),
        Option("both", _l("Both")),
        Option("unsure", _l("I am not sure")),
    ),
)

TRANSPORT = Question(
    key="transport",
    title=_l("Can you get to and from the service safely on your own?"),
    title_other=_l("Can the person get to and from the service safely on their own?"),
    summary=_l("Gets there safely on their own"),
    error_missing=_l("Select yes, no or I am not sure"),
    hint=_l("For example by bus, by bike or on foot, without help."),
    hint_other=_l("For example by bus, by bike or on foot, without help."),
    options=YES_NO_UNSURE,
)

QUESTIONS = (WHO, RESIDENCE, HOUSING, PLACED_BY, TARGET, NEEDS, TIMING, TRANSPORT)
BY_KEY = {question.key: question for question in QUESTIONS}

# Each question's page in each language: /da/guide/hvem, /en/guide/who.
SLUGS = {
    "da": {"who": "hvem", "residence": "bopael", "target": "maalgruppe", "needs": "behov",
           "housing": "bolig", "placed_by": "kommune", "timing": "tidspunkt", "transport": "transport"},
    "en": {"who": "who", "residence": "residence", "target": "target-group", "needs": "needs",
           "housing": "home", "placed_by": "municipality", "timing": "day-or-evening",
           "transport": "transport"},
}


def decided_elsewhere(answers):
    """Another municipality usually decides: the guide ends on its own page."""
    return rules.who_decides(answers) in (rules.Decides.HOME, rules.Decides.PLACING)


def applicable(answers):
    """The questions that apply, given the answers so far: the municipality that gave a
    place in a residential facility is asked only of someone who lives in one, and the
    guide stops at the answer that shows another municipality decides."""
    steps = [q for q in QUESTIONS if q is not PLACED_BY or answers.get(HOUSING.key) == "residential"]
    if decided_elsewhere(answers):
        last = PLACED_BY if PLACED_BY in steps else HOUSING
        return steps[:steps.index(last) + 1]
    return steps


def for_self(answers):
    return answers.get(WHO.key, "self") == "self"


def valid_answers(raw):
    """The answers that are still valid; unknown or tampered values are dropped."""
    if not isinstance(raw, dict):
        return {}
    return {key: value for key, value in raw.items()
            if key in BY_KEY and BY_KEY[key].is_valid(value)}


def first_unanswered(answers):
    return next((q for q in applicable(answers) if q.key not in answers), None)


def neighbours(question, answers):
    """The questions before and after this one, among those that apply."""
    steps = applicable(answers)
    index = steps.index(question)
    before = steps[index - 1] if index > 0 else None
    after = steps[index + 1] if index + 1 < len(steps) else None
    return before, after


def all_answered(answers):
    """Every question answered, by someone the guide can give a result to."""
    return not first_unanswered(answers) and not decided_elsewhere(answers)
