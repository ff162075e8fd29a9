"""What applies to a person, decided from the guide's answers.

Plain functions, apart from HTTP. Every finding names the section of the service
level it comes from (a topic page in content/ and an anchor on it), so the
result page can link to it ("Why?") and a test can check the link exists.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .. import deadlines


@dataclass(frozen=True)
class Source:
    topic: str
    anchor: str


TARGET_GROUP = Source("who-can-get-it", "target-group")
SCOPE = Source("what-you-get", "scope")
ACTIVITIES = Source("what-you-get", "activities")
PROVIDERS = Source("what-you-get", "providers")
COSTS = Source("costs-and-transport", "costs")
TRANSPORT = Source("costs-and-transport", "transport")
EXPECTATIONS = Source("your-part", "expectations")
FOLLOW_UP = Source("your-part", "follow-up")
ENDING = Source("your-part", "ending")
CASE_HANDLING = Source("apply", "case-handling")
PROCESSING_TIME = Source("apply", "processing-time")
COMPLAINT = Source("complaints", "complaint")


class Outcome(StrEnum):
    LIKELY = "likely"  # in the target group with a need the offer meets
    UNCLEAR = "unclear"  # not sure about the target group or the needs: the municipality assesses it
    UNLIKELY = "unlikely"  # says no to the target group or to every need


class Group(StrEnum):
    """The parts of the result page, in its order."""

    SCOPE = "scope"
    COSTS = "costs"
    TRANSPORT = "transport"
    PLACE = "place"
    YOUR_PART = "your_part"  # what is expected, follow-up, when it ends


class Decides(StrEnum):
    """Which municipality usually decides (the handlekommune)."""

    BALLERUP = "ballerup"
    HOME = "home"  # the one the person lives in, not Ballerup
    PLACING = "placing"  # another municipality, that gave the place in a residential facility
    UNSURE = "unsure"  # the guide goes on, and asks the person to call Fronten first


def who_decides(answers):
    """As a rule the municipality the person lives in; for someone in a residential
    facility (botilbud), the one that gave the place, wherever the facility is
    (retssikkerhedsloven § 9, stk. 3; content/NOTES.md). None until the answers tell.
    The guide only says who usually decides: Fronten settles it."""
    if answers.get("housing") == "residential":
        placed_by = {"ballerup": Decides.BALLERUP, "other": Decides.PLACING, "unsure": Decides.UNSURE}
        return placed_by.get(answers.get("placed_by"))
    if "housing" not in answers:
        return None
    residence = {"yes": Decides.BALLERUP, "no": Decides.HOME, "unsure": Decides.UNSURE}
    return residence.get(answers.get("residence"))


@dataclass(frozen=True)
class Finding:
    key: str  # names the sentence that says it (see statements.py)
    source: Source
    group: Group | None = None


def outcome(answers):
    """For a person who lives in Ballerup: the others leave the guide before a result."""
    if answers.get("target") == "no" or answers.get("needs") == ["none"]:
        return Outcome.UNLIKELY
    if answers.get("target") == "unsure" or answers.get("needs") == ["unsure"]:
        return Outcome.UNCLEAR
    return Outcome.LIKELY


def findings(answers):
    """What applies if the person gets a place, in the order the result page shows it.

    Every finding is conditional ("if you get a place ..."), so the same list serves
    every outcome: the result page never presents it as granted."""
    found = [Finding("scope_family" if answers["housing"] == "family"
                     else "scope_own_home_or_facility", SCOPE, Group.SCOPE)]

    timing = answers["timing"]
    if timing in ("day", "both", "unsure"):
        found.append(Finding("cost_day_free", COSTS, Group.COSTS))
    if timing in ("evening", "both", "unsure"):
        found.append(Finding("cost_evening_fee", COSTS, Group.COSTS))
    found += [Finding("cost_own_expenses", COSTS, Group.COSTS),
              Finding("transport_assessed", TRANSPORT, Group.TRANSPORT)]
    if answers["transport"] in ("no", "unsure"):
        found.append(Finding("transport_ask", TRANSPORT, Group.TRANSPORT))

    found += [
        Finding("activities_vary", ACTIVITIES, Group.PLACE),
        Finding("providers", PROVIDERS, Group.PLACE),
        Finding("expectations", EXPECTATIONS, Group.YOUR_PART),
        Finding("follow_up", FOLLOW_UP, Group.YOUR_PART),
        Finding("can_end_placed" if placed_by_ballerup_elsewhere(answers) else "can_end",
                ENDING, Group.YOUR_PART),
    ]
    return found


def placed_by_ballerup_elsewhere(answers):
    """Lives outside Ballerup in a residential facility Ballerup gave the place in: as a
    rule Ballerup still decides (retssikkerhedsloven § 9, stk. 3), and the person has not
    "moved to another municipality" by living there."""
    return (answers.get("residence") == "no" and answers.get("housing") == "residential"
            and answers.get("placed_by") == "ballerup")


@dataclass(frozen=True)
class Milestone:
    key: str
    source: Source
    by: date | None = None  # the latest date, where the service level gives one


def after_you_apply(applied_on):
    """What happens after an application sent on `applied_on`, in order."""
    return [
        Milestone("caseworker_contacts", CASE_HANDLING),
        Milestone("conversation", CASE_HANDLING),
        Milestone("information_gathered", CASE_HANDLING),
        Milestone("draft_decision", CASE_HANDLING),
        Milestone("decision", PROCESSING_TIME, deadlines.latest_answer(applied_on)),
        Milestone("complaint_possible", COMPLAINT),
    ]
