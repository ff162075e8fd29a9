""""How the guide works": every question, answer and outcome of the guide (worked out
in guide/decisions.py), in the page's language, as a nested list and as a Graphviz diagram.

The diagram is drawn from these in guide_diagram.py.
"""

from dataclasses import dataclass

from babel.lists import format_list
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import facts
from ..guide import decisions, questions, rules, statements
from ..i18n import babel_locale

END_TEXTS = {
    decisions.RESULT: _l("You see the result"),
    decisions.ENDS[rules.Decides.HOME]: _l("Contact the municipality you live in"),
    decisions.ENDS[rules.Decides.PLACING]: _l("Contact the municipality that gave you the place"),
}

# The fact (content/facts.yml) each finding rests on: its quote is the service level's
# sentence. A finding without one rests on its section alone (rules.Finding.source).
FACT_OF_FINDING = {
    "scope_own_home_or_facility": "days_own_home",
    "scope_family": "days_family",
    "cost_day_free": "cost_day_free",
    "cost_evening_fee": "cost_evening_fee",
    "cost_own_expenses": "own_costs_also_daytime",
    "transport_assessed": "transport",
    "transport_ask": "transport",
    "activities_vary": None,
    "providers": None,
    "expectations": None,
    "follow_up": None,
    "can_end": "moving_ends",
    "can_end_placed": "placing_municipality",
}


@dataclass(frozen=True)
class Place:
    key: str  # a question's key, decisions.RESULT or an end
    number: int | None  # the question's number, for a question
    text: str


@dataclass(frozen=True)
class Way:
    place: Place
    when: str = ""  # "Har du svaret „Nej“ til spørgsmål 2", when it depends on an earlier answer
    when_key: str = ""
    when_values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    value: str
    text: str
    ways: tuple[Way, ...]
    adds: tuple[str, ...]  # the sentences it adds to the result


@dataclass(frozen=True)
class Step:
    number: int
    key: str
    title: str
    answers: tuple[Answer, ...]
    together: Place | None  # where every answer leads, when they all lead to one place
    multiple: bool


@dataclass(frozen=True)
class Rule:
    short: str  # for the diagram: "Svært ved at klare hverdagen: Nej → Tilbuddet ser ..."
    sentence: str  # for the list: "Har du svaret Nej til spørgsmål 5: Tilbuddet ser ..."


def _places(steps):
    places = {decisions.RESULT: Place(decisions.RESULT, None, str(END_TEXTS[decisions.RESULT]))}
    places |= {end: Place(end, None, str(END_TEXTS[end])) for end in decisions.worked_out().ends if end != decisions.RESULT}
    places |= {step.question.key: Place(step.question.key, number, str(step.question.title))
               for number, step in enumerate(steps, 1)}
    return places


def _numbers():
    return {step.question.key: number for number, step in enumerate(decisions.worked_out().steps, 1)}


def _options(key, values, lang, quoted=False):
    """"Ja eller Ved ikke": the chosen options' labels (in quotes, inside a sentence)."""
    texts = [str(option.label) for option in questions.BY_KEY[key].options if option.value in values]
    if quoted:
        texts = [_("“%(answer)s”", answer=text) for text in texts]
    return format_list(texts, style="or", locale=babel_locale(lang))


def _if_answered(key, values, lang):
    return _("If you answered %(answers)s to question %(number)s",
             answers=_options(key, values, lang, quoted=True), number=_numbers()[key])


def steps(lang):
    """The questions in the order the guide asks them, in the page's language."""
    found = decisions.worked_out()
    places = _places(found.steps)
    made = []
    for number, step in enumerate(found.steps, 1):
        answers = tuple(
            Answer(option.value, str(option.label),
                   tuple(Way(places[b.goes_to], _if_answered(*b.when, lang), *b.when) if b.when
                         else Way(places[b.goes_to]) for b in step.branches if b.option == option.value),
                   tuple(str(statements.FINDINGS[key][0]) for key in step.adds[option.value]))
            for option in step.question.options)
        together = step.together()
        made.append(Step(number, step.question.key, str(step.question.title), answers,
                         places[together] if together else None, step.question.multiple))
    return made


def outcome_rules(lang):
    """The result's outcome: the first rule that holds gives it."""
    rules_ = []
    for condition, outcome in decisions.worked_out().outcomes:
        heading = str(statements.OUTCOMES[outcome][0][0])
        question = questions.BY_KEY[condition.question]
        short = f"{question.summary}: {_options(question.key, [condition.option], lang)} → {heading}"
        rules_.append(Rule(short, f"{_if_answered(question.key, [condition.option], lang)}: {heading}."))
    return rules_


def always():
    """What every result says, whatever the answers."""
    return [str(statements.FINDINGS[key][0]) for key in decisions.worked_out().always]


@dataclass(frozen=True)
class Basis:
    says: str  # what the guide says, in the page's language
    quote: str  # the service level's own sentence (Danish), or ""
    law: str  # the law it rests on (Danish), or ""
    source: rules.Source | None  # the section of the service level that says more


def _fact(key, lang, source=None, says=None):
    fact = facts.FACTS[key]
    return Basis(says or facts.text(key, lang), fact.quote, fact.law, source)


def who_decides_basis(lang):
    return [_fact("home_municipality", lang),
            _fact("placing_municipality", lang, rules.Source("who-can-get-it", "placing-municipality"))]


def target_group_basis(lang):
    law = facts.FACTS["law_consolidated"]
    return [_fact("target_group", lang, rules.TARGET_GROUP),
            Basis(_("The service level rests on section 104 of the Act on Social Services."), law.quote, "", None)]


def together(lang):
    """The result's sentences that several answers tell together."""
    made = []
    numbers = _numbers()
    for found in decisions.worked_out().together:
        answers = format_list([_("%(answer)s to question %(number)s",
                                 answer=_options(c.question, [c.option], lang, quoted=True),
                                 number=numbers[c.question]) for c in found.conditions],
                              locale=babel_locale(lang))
        sentence = str(statements.FINDINGS[found.finding][0])
        made.append(_("If you answered %(answers)s: %(sentence)s", answers=answers, sentence=sentence)
                    if found.present else
                    _("Unless you answered %(answers)s: %(sentence)s", answers=answers, sentence=sentence))
    return made


def findings_basis(lang):
    """Every finding the result can show, with the fact (content/facts.yml) it rests on."""
    return [_fact(FACT_OF_FINDING[key], lang, source, says=str(statements.FINDINGS[key][0])) if FACT_OF_FINDING.get(key)
            else Basis(str(statements.FINDINGS[key][0]), "", "", source)
            for key, source in decisions.worked_out().sources.items()]
