from datetime import date

import pytest

from webapp.guide import rules
from webapp.guide.rules import Outcome

BASE = {"who": "self", "residence": "yes", "target": "yes", "needs": ["social_contact"],
        "housing": "own_home", "timing": "day", "transport": "yes"}


def keys(**changes):
    return [finding.key for finding in rules.findings({**BASE, **changes})]


@pytest.mark.parametrize("changes, expected", [
    ({}, Outcome.LIKELY),
    ({"target": "unsure"}, Outcome.UNCLEAR),
    ({"target": "no"}, Outcome.UNLIKELY),
    ({"needs": ["none"]}, Outcome.UNLIKELY),
    ({"target": "unsure", "needs": ["none"]}, Outcome.UNLIKELY),
    ({"needs": ["unsure"]}, Outcome.UNCLEAR),  # "Ved ikke": the municipality assesses it
    ({"target": "no", "needs": ["unsure"]}, Outcome.UNLIKELY),
])
def test_outcome(changes, expected):
    assert rules.outcome({**BASE, **changes}) is expected


@pytest.mark.parametrize("housing, scope", [
    ("own_home", "scope_own_home_or_facility"),
    ("residential", "scope_own_home_or_facility"),
    ("family", "scope_family"),
])
def test_days_a_week_follow_where_the_person_lives(housing, scope):
    found = keys(housing=housing)
    assert scope in found
    assert {"scope_family", "scope_own_home_or_facility"} - {scope} & set(found) == set()


@pytest.mark.parametrize("timing, day_free, evening_fee", [
    ("day", True, False), ("evening", False, True), ("both", True, True), ("unsure", True, True),
])
def test_costs_follow_day_or_evening(timing, day_free, evening_fee):
    found = keys(timing=timing)
    assert ("cost_day_free" in found) is day_free
    assert ("cost_evening_fee" in found) is evening_fee
    assert "cost_own_expenses" in found  # food, materials, activities: always the citizen's


@pytest.mark.parametrize("transport, expected", [
    ("yes", ["transport_assessed"]),
    ("no", ["transport_assessed", "transport_ask"]),
    ("unsure", ["transport_assessed", "transport_ask"]),
])
def test_the_municipality_assesses_transport_whatever_the_answer(transport, expected):
    # The citizen's own answer never becomes the municipality's assessment.
    assert [k for k in keys(transport=transport) if k.startswith("transport")] == expected


def test_every_result_says_what_is_expected_and_when_it_ends_in_its_group():
    found = rules.findings(BASE)
    for key in ("providers", "expectations", "follow_up", "can_end"):
        assert key in [f.key for f in found]
    assert all(f.group for f in found)
    assert {f.group for f in found} == set(rules.Group)


def test_every_finding_has_a_sentence_for_self_and_for_another_person(app):
    from webapp.guide.statements import FINDINGS, MILESTONES

    with app.test_request_context("/en/"):
        for key, (own, other) in [*FINDINGS.items(), *MILESTONES.items()]:
            assert str(own) and str(other), key
    used = {m.key for m in rules.after_you_apply(date(2026, 11, 26))}
    assert used == set(MILESTONES)


def test_the_answer_is_due_30_working_days_after_applying():
    decision = next(m for m in rules.after_you_apply(date(2026, 11, 26)) if m.key == "decision")
    assert decision.by == date(2027, 1, 13)
    assert decision.source == rules.PROCESSING_TIME


D = rules.Decides


@pytest.mark.parametrize("residence, housing, placed_by, expected", [
    # As a rule, the municipality the person lives in.
    ("yes", "own_home", None, D.BALLERUP),
    ("yes", "family", None, D.BALLERUP),
    ("no", "own_home", None, D.HOME),
    ("no", "family", None, D.HOME),
    ("unsure", "own_home", None, D.UNSURE),
    # In a botilbud: the municipality that gave the place, wherever the botilbud is.
    ("yes", "residential", "ballerup", D.BALLERUP),
    ("yes", "residential", "other", D.PLACING),
    ("yes", "residential", "unsure", D.UNSURE),
    ("no", "residential", "ballerup", D.BALLERUP),
    ("no", "residential", "other", D.PLACING),
    ("no", "residential", "unsure", D.UNSURE),
    ("unsure", "residential", "ballerup", D.BALLERUP),
    ("unsure", "residential", "other", D.PLACING),
    # Not known yet: the home, or the botilbud's municipality, is still to be asked.
    ("no", None, None, None),
    ("yes", "residential", None, None),
    # A botilbud answer left from before no longer counts once the person lives elsewhere.
    ("no", "own_home", "ballerup", D.HOME),
])
def test_who_decides(residence, housing, placed_by, expected):
    answers = {"residence": residence, "housing": housing, "placed_by": placed_by}
    assert rules.who_decides({k: v for k, v in answers.items() if v}) is expected


@pytest.mark.parametrize("answers, steps", [
    ({"residence": "yes", "housing": "own_home"},
     ["who", "residence", "housing", "target", "needs", "timing", "transport"]),
    ({"residence": "yes", "housing": "residential"},
     ["who", "residence", "housing", "placed_by", "target", "needs", "timing", "transport"]),
    ({"residence": "no"},  # the home is asked before the guide can tell
     ["who", "residence", "housing", "target", "needs", "timing", "transport"]),
    ({"residence": "no", "housing": "family"}, ["who", "residence", "housing"]),
    ({"residence": "yes", "housing": "residential", "placed_by": "other"},
     ["who", "residence", "housing", "placed_by"]),
    ({"residence": "no", "housing": "residential", "placed_by": "ballerup"},
     ["who", "residence", "housing", "placed_by", "target", "needs", "timing", "transport"]),
    ({"residence": "unsure", "housing": "own_home"},
     ["who", "residence", "housing", "target", "needs", "timing", "transport"]),
])
def test_the_questions_that_apply_stop_where_another_municipality_decides(answers, steps):
    from webapp.guide.questions import applicable

    assert [q.key for q in applicable({"who": "self", **answers})] == steps


def test_i_do_not_know_is_a_need_on_its_own():
    from webapp.guide.questions import NEEDS
    assert NEEDS.is_valid(["unsure"]) and NEEDS.is_valid(["none"])
    assert not NEEDS.is_valid(["unsure", "social_contact"]) and not NEEDS.is_valid(["none", "unsure"])


@pytest.mark.parametrize("changes, ends", [
    ({"residence": "no", "housing": "residential", "placed_by": "ballerup"}, "can_end_placed"),
    ({"residence": "yes", "housing": "residential", "placed_by": "ballerup"}, "can_end"),
    ({"residence": "no", "housing": "residential", "placed_by": "unsure"}, "can_end"),
    ({}, "can_end"),
])
def test_someone_ballerup_placed_elsewhere_is_not_told_it_ends_for_living_elsewhere(changes, ends):
    found = keys(**changes)
    assert ends in found and ({"can_end", "can_end_placed"} - {ends}) & set(found) == set()
