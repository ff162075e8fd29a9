"""How the guide decides, worked out from the guide itself: every path through the
questions (questions.applicable), where each answer leads, what each answer adds to
the result (rules.findings) and which answers give which outcome (rules.outcome).

Nothing here is written by hand: the page "Sådan virker guiden" and its diagram are
drawn from this, so a changed question or rule changes them too. Where the rules
can no longer be told one answer at a time, FlowError says so, and the drawing
needs a new idea rather than a wrong picture.
"""

from dataclasses import dataclass
from functools import cache
from itertools import combinations

from . import questions, rules

RESULT = "result"
# The guide's two other ends: another municipality usually decides (rules.Decides).
ENDS = {rules.Decides.HOME: "home", rules.Decides.PLACING: "placing"}


class FlowError(ValueError):
    pass


@dataclass(frozen=True)
class Branch:
    option: str
    goes_to: str  # the next question's key, RESULT, or an end in ENDS
    when: tuple[str, tuple[str, ...]] | None = None  # only after these answers to an earlier question


@dataclass(frozen=True)
class Step:
    question: questions.Question
    branches: tuple[Branch, ...]
    adds: dict  # option -> the findings (keys) it adds to the result

    def together(self):
        """Where every answer leads to the same place: that place, else None."""
        places = {branch.goes_to for branch in self.branches}
        if len(places) == 1 and not any(branch.when for branch in self.branches):
            return places.pop()
        return None


@dataclass(frozen=True)
class Condition:
    question: str
    option: str


@dataclass(frozen=True)
class Flow:
    steps: tuple[Step, ...]
    always: tuple[str, ...]  # the findings every result has
    outcomes: tuple[tuple[Condition, str], ...]  # the first condition that holds gives the outcome
    ends: tuple[str, ...]
    sources: dict  # finding -> rules.Source, in the order the result page shows them
    together: tuple = ()  # Together: the findings only several answers tell


def choices(question):
    """Every answer the guide accepts to a question: one option, or for a multiple
    choice each set of options it takes (questions.Question.is_valid decides)."""
    values = [option.value for option in question.options]
    if not question.multiple:
        return values
    sets = [list(chosen) for size in range(1, len(values) + 1) for chosen in combinations(values, size)]
    return [answer for answer in sets if question.is_valid(answer)]


def chosen(answer):
    return answer if isinstance(answer, list) else [answer]


def _end(answers):
    if questions.decided_elsewhere(answers):
        return ENDS[rules.who_decides(answers)]
    return RESULT


def _walk(answers, seen, leaves):
    """Every path through the guide: for each question the answers before and where it
    led (seen), and every full set of answers with the place it ends (leaves)."""
    question = questions.first_unanswered(answers)
    for answer in choices(question):
        after = {**answers, question.key: answer}
        following = questions.first_unanswered(after)
        place = following.key if following else _end(after)
        seen.setdefault(question.key, []).append((chosen(answer), answers, place))
        if following:
            _walk(after, seen, leaves)
        else:
            leaves.append((after, place))


def _branches(question, seen):
    """Where each option leads; when it depends on an earlier answer, on which."""
    branches = []
    for option in question.options:
        paths = [(before, place) for answer, before, place in seen[question.key] if option.value in answer]
        places = list(dict.fromkeys(place for _, place in paths))
        if len(places) == 1:
            branches.append(Branch(option.value, places[0]))
            continue
        earlier = next((key for key in paths[0][0] if _decides_place(key, paths)), None)
        if earlier is None:
            raise FlowError(f"{question.key}={option.value}: where it leads depends on more than one answer")
        for place in places:
            values = tuple(v.value for v in questions.BY_KEY[earlier].options
                           if any(before[earlier] == v.value and p == place for before, p in paths))
            branches.append(Branch(option.value, place, (earlier, values)))
    return tuple(branches)


def _decides_place(key, paths):
    place_of = {}
    for before, place in paths:
        if key not in before or place_of.setdefault(str(before[key]), place) != place:
            return False
    return True


class Results:
    """The full sets of answers that reach a result, as bit masks (bit i: result i), so
    "which results have this answer" and "which have this finding" are one `&`."""

    def __init__(self, answer_sets):
        self.all = (1 << len(answer_sets)) - 1
        answer, finding, outcome = {}, {}, {}  # each: what -> the indexes of the results with it
        self.source = {}  # each finding's section of the service level, in the result page's order
        for i, answers in enumerate(answer_sets):
            for key, given in answers.items():
                for value in chosen(given):
                    answer.setdefault((key, value), []).append(i)
            for found in rules.findings(answers):
                finding.setdefault(found.key, []).append(i)
                self.source.setdefault(found.key, found.source)
            outcome.setdefault(rules.outcome(answers), []).append(i)
        self.order = list(self.source)
        self.answer, self.finding, self.outcome = (
            {what: self._mask(indexes, len(answer_sets)) for what, indexes in table.items()}
            for table in (answer, finding, outcome))

    @staticmethod
    def _mask(indexes, size):
        bits = bytearray(b"0" * size)
        for i in indexes:
            bits[size - 1 - i] = ord("1")
        return int(bits, 2)

    def having(self, key, value):
        return self.answer.get((key, value), 0)


@dataclass(frozen=True)
class Together:
    """A finding that no one answer tells: it is there when all these answers are given
    (`present`), or whenever they are not all given (not `present`)."""
    conditions: tuple[Condition, ...]
    finding: str
    present: bool


def _adds(asked, results):
    """Which option adds each finding that not every result has: the first question
    whose answer alone tells whether the finding is there ({question: {option: keys}});
    failing that, the fewest answers (up to 3) that tell it together."""
    every = [key for key in results.order if results.finding[key] == results.all]
    adds = {q.key: {option.value: [] for option in q.options} for q in asked}
    together = []
    conditions = [Condition(q.key, o.value) for q in asked for o in q.options]
    for key in results.order:
        if key in every:
            continue
        has = results.finding[key]
        question = next((q for q in asked if all(results.having(q.key, o.value) & has in
                                                 (0, results.having(q.key, o.value)) for o in q.options)), None)
        if question is not None:
            for option in question.options:
                if results.having(question.key, option.value) & has:
                    adds[question.key][option.value].append(key)
            continue
        found = _together(key, has, conditions, results)
        if found is None:
            raise FlowError(f"no three answers tell whether {key} is in the result")
        together.append(found)
    return tuple(every), {q: {o: tuple(keys) for o, keys in options.items()} for q, options in adds.items()}, \
        tuple(together)


def _together(key, has, conditions, results):
    for size in (2, 3):
        for chosen_ in combinations(conditions, size):
            if len({c.question for c in chosen_}) < size:
                continue
            mask = results.all
            for condition in chosen_:
                mask &= results.having(condition.question, condition.option)
            if mask and mask == has:
                return Together(chosen_, key, True)
            if mask and mask == results.all & ~has:
                return Together(chosen_, key, False)
    return None


def _outcome_list(results, asked):
    """The outcome as a list of conditions, first match wins: at each turn the answer
    that settles the most remaining results, in the order the guide asks."""
    left = results.all
    found = []
    while left:
        best = None
        for condition in (Condition(q.key, o.value) for q in asked for o in q.options):
            hit = results.having(condition.question, condition.option) & left
            outcome = next((o for o, mask in results.outcome.items() if hit and hit & mask == hit), None)
            if outcome and (best is None or hit.bit_count() > best[1].bit_count()):
                best = (condition, hit, outcome)
        if best is None:
            raise FlowError("the outcome cannot be told one answer at a time")
        found.append((best[0], best[2]))
        left &= ~best[1]
    return tuple(found)


@cache
def worked_out():
    seen, leaves = {}, []
    _walk({}, seen, leaves)
    results = Results([answers for answers, place in leaves if place == RESULT])
    asked = [q for q in questions.QUESTIONS if q.key in seen]
    every, adds, together = _adds(asked, results)
    steps = tuple(Step(q, _branches(q, seen), adds[q.key]) for q in asked)
    ends = tuple(dict.fromkeys(place for _, place in leaves))
    return Flow(steps, every, _outcome_list(results, asked), ends, results.source, together)
