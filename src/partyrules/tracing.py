"""The full trace of an evaluation, rebuilt from its evidence and the framework that produced it."""

from __future__ import annotations

from .errors import FrameworkMismatchError
from .frameworks import Framework, KindView
from .model import Reason, ReasonValue
from .regimes import REGIMES
from .results import Evaluation
from .rules import Rule
from .trace import ChildSummary, Decision, DimensionStep, RuleStep, Trace

__all__ = ["build_trace"]


def build_trace(evaluation: Evaluation, framework: Framework) -> Trace:
    """The trace of ``evaluation``: every rule with the values it read, every dimension, the
    decision and what kept the subject from the next level.

    ``framework`` must be the one that produced the evaluation (the same content hash), else
    :class:`~partyrules.errors.FrameworkMismatchError`.
    """
    if evaluation.framework.content_hash != framework.content_hash:
        raise FrameworkMismatchError(evaluation.subject_id, evaluation.framework.content_hash, framework.content_hash)
    view = framework.view(evaluation.kind)
    evidence = evaluation.evidence
    steps = tuple(_step(item, evaluation, view) for item in view.rules)
    bands = framework.policy.bands
    dimensions = []
    for result in evaluation.dimensions:
        reasons: list[Reason] = []
        share = result.score / result.max if result.max else 1.0
        if share < bands.good:
            args: dict[str, ReasonValue] = {
                "dimension": result.name,
                "score": result.score,
                "max": result.max,
                "needed": bands.good,
            }
            reasons.append(Reason("share_below", args))
        reasons.extend(Reason("required_failed", {"rule": r}) for r in result.required_failed)
        reasons.extend(Reason("vetoed", {"rule": r}) for r in result.vetoed)
        reasons.extend(Reason("unknown", {"rule": r}) for r in result.unknown)
        declared = framework.dimension(result.name)
        titles = (declared.title_vi, declared.title_en, declared.short_vi, declared.short_en) if declared else ("",) * 4
        dimensions.append(
            DimensionStep(
                result.name,
                *titles,
                result.score,
                result.max,
                result.rating,
                result.good,
                result.points,
                tuple(reasons),
            )
        )
    grade = evaluation.grade
    decision = Decision(
        grade=grade,
        base_grade=evidence.base.grade,
        score=evidence.base.score,
        four_good=evaluation.four_good,
        graded=evaluation.graded,
        applied=evidence.sanctions,
        next_grade=grade.next_up() if grade is not None else None,
        grade_blockers=evidence.grade_blockers,
        four_good_blockers=evidence.four_good_blockers,
        criteria=evidence.base.criteria,
        task_criterion=view.grading.task_criterion if evidence.base.criteria else "",
        quota=evidence.quota,
    )
    children = tuple(
        ChildSummary(c.subject_id, c.name, c.kind, c.grade, c.four_good, c.graded) for c in evaluation.children
    )
    regime = REGIMES[evaluation.regime]
    return Trace(
        subject_id=evaluation.subject_id,
        kind=evaluation.kind,
        period=evaluation.period,
        framework=framework.name,
        framework_version=framework.version,
        framework_hash=framework.content_hash,
        regime=regime.name,
        regime_source=regime.source,
        backend=evaluation.backend,
        library_version=evaluation.library_version,
        unknown_policy=framework.policy.unknown,
        four_good_min_grade=framework.policy.four_good_min_grade,
        rules=steps,
        dimensions=tuple(dimensions),
        decision=decision,
        children=children,
        bands=(bands.excellent, bands.good, bands.average),
        excellent_requires_good_dimensions=framework.policy.excellent_requires_good_dimensions,
        framework_in_force=framework.in_force,
    )


def _step(item: Rule, evaluation: Evaluation, view: KindView) -> RuleStep:
    evidence = evaluation.evidence
    counted = item.id in evidence.counted
    return RuleStep(
        rule_id=item.id,
        dimension=item.dimension,
        title_vi=item.title_vi,
        title_en=item.title_en,
        outcome=evidence.outcome(item.id),
        when=item.when,
        applies=item.applies,
        facts={name: evidence.facts.get(name) for name in item.facts()},
        params={name: view.params.get(name) for name in item.params()},
        effect=item.effect,
        counted=counted,
        points=float(item.points) if counted and item.scoring else 0.0,
        effect_grade=item.limit,
        source=item.source,
        status=item.status,
        possible_points=float(item.points) if item.scoring else 0.0,
    )
