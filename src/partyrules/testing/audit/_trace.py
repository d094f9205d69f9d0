"""The trace property: the decision recomputed from the trace alone equals the decision.

:func:`recompute_decision` is the audit's own oracle: it recomputes the dimensions, the grade and
the verdict from a trace's steps, independently of the evaluator's decision function.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...evaluator import Evaluator
from ...frameworks import Framework
from ...model import Grade, Kind, Outcome, Rating
from ...regimes import REGIMES, Regime124, Regime366
from ...subjects import Subject
from ...text.catalogue import Message, msg
from ...trace import Trace
from ...tracing import build_trace
from .._subjects import grid, subjects
from ._search import Budget, all_read, describe, evaluate, kinds_of, result_words
from .report import Violation

__all__ = ["check_trace", "recompute_decision"]


def recompute_decision(trace: Trace) -> tuple[Grade | None, bool, dict[str, tuple[float, float, Rating, bool]]]:
    """The grade, the Four-Good verdict and each dimension's (score, max, rating, good),
    recomputed from the trace alone, independently of :func:`partyrules.scoring.decide`: an
    auditor checks that they equal the evaluation's.
    """
    excellent, good, average = trace.bands

    def rating(share: float) -> Rating:
        if share >= excellent:
            return Rating.EXCELLENT
        if share >= good:
            return Rating.GOOD
        if share >= average:
            return Rating.AVERAGE
        return Rating.POOR

    dimensions: dict[str, tuple[float, float, Rating, bool]] = {}
    for dim in trace.dimensions:
        steps = [s for s in trace.rules if s.dimension == dim.name and s.outcome is not Outcome.NOT_APPLICABLE]
        score = sum(s.points for s in steps)
        maximum = sum(s.possible_points for s in steps)
        failed = any(s.effect in ("required", "points_required") and not s.counted for s in steps)
        vetoed = any(s.effect == "veto" and s.counted for s in steps)
        value = rating(score / maximum) if maximum > 0 else Rating.EXCELLENT
        if (failed or vetoed) and value > Rating.AVERAGE:
            value = Rating.AVERAGE
        dimensions[dim.name] = (score, maximum, value, value >= Rating.GOOD)
    if any(s.effect == "excludes" and s.counted for s in trace.rules):
        return None, False, dimensions
    regime = REGIMES[trace.regime]
    decision = trace.decision
    if isinstance(regime, Regime366):
        base = regime.base_from_score(decision.score).grade if decision.score is not None else decision.base_grade
    else:
        assert isinstance(regime, Regime124)
        # criteria that are dimensions are rated from the recomputed dimensions, not copied
        recorded = dict(decision.criteria) or dict.fromkeys(dimensions, Rating.POOR)
        ratings = {name: dimensions[name][2] if name in dimensions else value for name, value in recorded.items()}
        base = regime.base_from_ratings(ratings, decision.task_criterion or "political_tasks").grade
    grade = base
    for step in trace.rules:
        if step.counted and step.effect in ("veto", "cap") and step.effect_grade is not None:
            grade = min(grade, step.effect_grade)
    all_good = all(value[3] for value in dimensions.values())
    if grade is Grade.EXCELLENT and trace.excellent_requires_good_dimensions and not all_good:
        grade = Grade.GOOD
    quota = decision.quota
    if grade is Grade.EXCELLENT and quota is not None and quota.code == "quota_moved":
        grade = Grade.GOOD  # the deciding body's quota, recorded with its rank
    blocked = any(s.effect == "blocks_four_good" and s.counted for s in trace.rules)
    four_good = bool(dimensions) and all_good and not blocked and grade >= trace.four_good_min_grade
    return grade, four_good, dimensions


def check_trace(
    framework: Framework,
    *,
    examples: int = 100,
    seed: int = 0,
    backend: str = "python",
    kinds: Iterable[Kind | str] | None = None,
) -> list[Violation]:
    """The grade, verdict and dimensions recomputed from the trace alone equal the evaluation's."""
    budget = Budget(examples, seed)
    violations = []
    with Evaluator(framework, backend=backend) as evaluator:
        for kind in kinds_of(framework, kinds):
            seen: dict[int, tuple[Message, Message]] = {}

            def incomplete(subject: Subject, seen: dict[int, tuple[Message, Message]] = seen) -> bool:
                result = evaluate(evaluator, subject)
                if result is None:
                    return False
                grade, four_good, dimensions = recompute_decision(build_trace(result, framework))
                actual = {d.name: (d.score, d.max, d.rating, d.good) for d in result.dimensions}
                if (grade, four_good, dimensions) != (result.grade, result.four_good, actual):
                    recomputed = result_words(grade, four_good)
                    seen[0] = (
                        msg("audit.evaluated", result=describe(result)),
                        msg("audit.from_trace", result=recomputed),
                    )
                    return True
                return False

            seeds = grid(framework, kind, all_read(framework, kind), seed=seed)
            found = budget.find(subjects(framework, kind, missing=True), incomplete, seeds)
            if found is not None:
                incomplete(found)
                violations.append(
                    Violation(
                        "trace",
                        kind,
                        msg("audit.not_recomputable"),
                        examples=(found,),
                        outcomes=seen[0],
                    )
                )
    return violations
