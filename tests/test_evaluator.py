"""Tests of the evaluator's unknown policies: what a rule that reads a missing fact counts as."""

from __future__ import annotations

import attrs
import pytest

from partyrules import Evaluator, Grade, MissingFactError, Outcome, Policy, Subject, UnknownPolicy
from support import FRAMEWORK, good_cell_facts

#: The demo framework under each unknown policy.
POLICIES = {policy: attrs.evolve(FRAMEWORK, policy=Policy(unknown=policy)) for policy in UnknownPolicy}


def evaluate(policy: UnknownPolicy, **facts: object) -> object:
    with Evaluator(POLICIES[policy], backend="python") as evaluator:
        return evaluator.evaluate(Subject("cell-1", "cell", 2025, good_cell_facts(**facts)))


class TestWorst:
    def test_an_unknown_scoring_rule_is_not_met(self) -> None:
        """Under ``worst`` an unknown scoring rule gives no points: attendance unknown costs its 10."""
        result = evaluate(UnknownPolicy.WORST, attendance=None)
        assert Outcome.UNKNOWN == result.evidence.outcome("demo.attendance")
        assert (10.0, 20.0) == (result.dimension("meetings").score, result.dimension("meetings").max)
        assert not result.complete

    def test_an_unknown_veto_applies(self) -> None:
        """Under ``worst`` an unknown veto applies: disunity unknown gives NOT_COMPLETED."""
        result = evaluate(UnknownPolicy.WORST, disunity=None)
        assert "demo.disunity" in result.evidence.counted
        assert Grade.NOT_COMPLETED == result.grade


class TestBest:
    def test_an_unknown_scoring_rule_is_met(self) -> None:
        """Under ``best`` an unknown scoring rule gives its points: 20/20 on meetings with attendance unknown."""
        result = evaluate(UnknownPolicy.BEST, attendance=None)
        assert Outcome.UNKNOWN == result.evidence.outcome("demo.attendance")
        assert "demo.attendance" in result.evidence.counted
        assert 20.0 == result.dimension("meetings").score
        assert not result.complete  # whatever the policy, the result says a fact was missing

    def test_an_unknown_veto_does_not_apply(self) -> None:
        """Under ``best`` an unknown veto does not apply: 28 + 64 = 92 points give EXCELLENT."""
        result = evaluate(UnknownPolicy.BEST, disunity=None)
        assert "demo.disunity" not in result.evidence.counted
        assert Grade.EXCELLENT == result.grade

    def test_a_missing_score_counts_as_the_best_grade(self) -> None:
        """Under ``best`` a missing score fact leaves the 366 base grade at EXCELLENT; under
        ``worst`` at NOT_COMPLETED; the base says which facts were missing."""
        best = evaluate(UnknownPolicy.BEST, score_tasks=None)
        worst = evaluate(UnknownPolicy.WORST, score_tasks=None)
        assert (Grade.EXCELLENT, Grade.NOT_COMPLETED) == (best.evidence.base.grade, worst.evidence.base.grade)
        assert ("score_tasks",) == best.evidence.base.missing == worst.evidence.base.missing


class TestError:
    def test_an_unknown_rule_raises_missing_fact_error(self) -> None:
        """Under ``error`` a rule that reads a missing fact raises MissingFactError naming the
        subject, the rule and the fact."""
        with pytest.raises(MissingFactError) as info:
            evaluate(UnknownPolicy.ERROR, attendance=None)
        error = info.value
        assert ("cell-1", {"demo.attendance": ("attendance",)}) == (error.subject_id, error.missing)
        assert isinstance(error, LookupError)
        assert "subject 'cell-1' lacks facts that rules read (demo.attendance: attendance)" in str(error)

    def test_a_missing_score_raises_too(self) -> None:
        """Under ``error`` a missing score fact raises, naming the grading's facts."""
        with pytest.raises(MissingFactError) as info:
            evaluate(UnknownPolicy.ERROR, score_general=None)
        assert {"grading": ("score_general",)} == info.value.missing

    def test_a_fact_decided_without_the_missing_one_does_not_raise(self) -> None:
        """A rule the known facts decide (three-valued logic) is not unknown, so nothing raises:
        a cell kind given, the school-only rule does not apply, whatever it reads."""
        result = evaluate(UnknownPolicy.ERROR, thematic_meetings_held=None)
        assert Outcome.NOT_APPLICABLE == result.evidence.outcome("demo.thematic_school")
        assert result.complete
