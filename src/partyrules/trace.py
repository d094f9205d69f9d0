"""The trace as data: every rule with the values it read, every dimension, the decision and
what kept the subject from the next level.  Rendering is in :mod:`partyrules.render`.

Reasons are codes with values (``("score_below", {"score": 85.0, "needed": 90.0, ...})``) so that
they can be rendered in Vietnamese or English, and recomputed by an auditor.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .model import Grade, Kind, Outcome, Rating, Status, UnknownPolicy
from .rules import AllOf, AnyOf, Compare, Condition, In, Not, Param, Rule

if TYPE_CHECKING:
    from .evaluate import Source
    from .results import Evaluation

__all__ = [
    "ChildSummary",
    "Decision",
    "DimensionStep",
    "Reason",
    "RuleStep",
    "Trace",
    "build_trace",
    "recompute_decision",
    "show",
]

Value = int | float | bool | str | None


@attrs.frozen
class Reason:
    """One reason, as a code and its values; :mod:`partyrules.render` words it."""

    code: str
    args: dict[str, Value] = attrs.field(factory=dict)


@attrs.frozen
class RuleStep:
    """One rule for one subject: what it read, what it found, what it did."""

    rule_id: str
    dimension: str
    title_vi: str
    title_en: str
    outcome: Outcome
    condition: str
    facts: dict[str, Value]
    params: dict[str, Value]
    effect: str
    counted: bool
    points: float
    effect_grade: Grade | None
    source: str
    status: Status
    possible_points: float = 0.0


@attrs.frozen
class DimensionStep:
    name: str
    score: float
    max: float
    rating: Rating
    good: bool
    points: float | None
    reasons: tuple[Reason, ...]


@attrs.frozen
class ChildSummary:
    """A listed child (member of a cell, cell of a committee) as the parent's trace sees it."""

    subject_id: str
    name: str
    kind: Kind
    grade: Grade | None
    four_good: bool
    graded: bool


@attrs.frozen
class Decision:
    """The grade, the verdict, and what kept the subject from the next level of each."""

    grade: Grade | None
    base_grade: Grade
    score: float | None
    four_good: bool
    graded: bool
    applied: tuple[str, ...]
    next_grade: Grade | None
    grade_blockers: tuple[Reason, ...]
    four_good_blockers: tuple[Reason, ...]
    criteria: dict[str, Rating] = attrs.field(factory=dict)
    task_criterion: str = ""


@attrs.frozen
class Trace:
    """The full explanation of one evaluation, and what it takes to reproduce it."""

    subject_id: str
    kind: Kind
    period: int
    framework: str
    framework_version: str
    framework_hash: str
    regime: str
    regime_source: str
    backend: str
    library_version: str
    unknown_policy: UnknownPolicy
    four_good_min_grade: Grade
    rules: tuple[RuleStep, ...]
    dimensions: tuple[DimensionStep, ...]
    decision: Decision
    children: tuple[ChildSummary, ...] = ()
    bands: tuple[float, float, float] = (0.9, 0.8, 0.5)
    excellent_requires_good_dimensions: bool = True
    framework_in_force: str = ""


def _value(v: object, params: Mapping[str, Any]) -> str:
    if isinstance(v, Param):
        return f"{v.name} ({_fmt(params.get(v.name))})"
    return _fmt(v)


def _fmt(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return f"{v:g}" if abs(v) < 1e15 else repr(v)
    if v is None:
        return "?"
    if isinstance(v, str):
        return repr(v)
    return str(v)


SYMBOL = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "=", "!=": "≠"}


def show(condition: Condition, facts: Mapping[str, Any], params: Mapping[str, Any]) -> str:
    """A condition with the values it read: ``regular_meetings_held (11) ≥ 12``."""
    if isinstance(condition, Compare):
        return (
            f"{condition.fact} ({_fmt(facts.get(condition.fact))}) "
            f"{SYMBOL[condition.op]} {_value(condition.value, params)}"
        )
    if isinstance(condition, In):
        values = ", ".join(_value(v, params) for v in condition.values)
        return f"{condition.fact} ({_fmt(facts.get(condition.fact))}) ∈ {{{values}}}"
    if isinstance(condition, Not):
        return f"not ({show(condition.item, facts, params)})"
    joiner = " and " if isinstance(condition, AllOf) else " or "
    assert isinstance(condition, AllOf | AnyOf)
    return "(" + joiner.join(show(i, facts, params) for i in condition.items) + ")"


def _effect(rule: Rule) -> tuple[str, Grade | None]:
    if rule.veto is not None:
        return "veto", rule.veto
    if rule.cap is not None:
        return "cap", rule.cap
    if rule.blocks_four_good:
        return "blocks_four_good", None
    if rule.excludes:
        return "excludes", None
    if rule.required and rule.points:
        return "points_required", None
    if rule.required:
        return "required", None
    return "points", None


def build_trace(evaluation: Evaluation, source: Source) -> Trace:
    """Build the trace of an evaluation from what the evaluator kept."""
    from . import _version

    view, facts = source.view, source.facts
    framework = source.framework
    steps = []
    for item in view.rules:
        outcome = source.outcomes[item.id]
        effect, grade = _effect(item)
        counted = item.id in source.counted
        text = show(item.when, facts, view.params)
        if item.applies is not None:
            text += f" [if {show(item.applies, facts, view.params)}]"
        steps.append(
            RuleStep(
                rule_id=item.id,
                dimension=item.dimension,
                title_vi=item.title_vi,
                title_en=item.title_en,
                outcome=outcome,
                condition=text,
                facts={name: facts.get(name) for name in item.facts()},
                params={name: view.params.get(name) for name in item.params()},
                effect=effect,
                counted=counted,
                points=float(item.points) if counted and item.scoring else 0.0,
                effect_grade=grade,
                source=item.source,
                status=item.status,
                possible_points=float(item.points) if item.scoring else 0.0,
            )
        )
    bands = framework.policy.bands
    by_id = {r.id: r for r in view.rules}
    dimensions = []
    for result in evaluation.dimensions:
        reasons: list[Reason] = []
        share = result.score / result.max if result.max else 1.0
        if share < bands.good:
            reasons.append(
                Reason(
                    "share_below",
                    {"dimension": result.name, "score": result.score, "max": result.max, "needed": bands.good},
                )
            )
        reasons.extend(Reason("required_failed", _about(by_id[r], source)) for r in result.required_failed)
        reasons.extend(Reason("vetoed", _about(by_id[r], source)) for r in result.vetoed)
        reasons.extend(Reason("unknown", {"rule": r}) for r in result.unknown)
        dimensions.append(
            DimensionStep(
                result.name, result.score, result.max, result.rating, result.good, result.points, tuple(reasons)
            )
        )
    decision = _decision(evaluation, source)
    children = tuple(
        ChildSummary(c.subject_id, c.name, c.kind, c.grade, c.four_good, c.graded) for c in evaluation.children
    )
    return Trace(
        subject_id=evaluation.subject_id,
        kind=evaluation.kind,
        period=evaluation.period,
        framework=framework.name,
        framework_version=framework.version,
        framework_hash=framework.content_hash,
        regime=source.regime.name,
        regime_source=source.regime.source,
        backend=evaluation.backend,
        library_version=_version(),
        unknown_policy=framework.policy.unknown,
        four_good_min_grade=framework.policy.four_good_min_grade,
        rules=tuple(steps),
        dimensions=tuple(dimensions),
        decision=decision,
        children=children,
        bands=(bands.excellent, bands.good, bands.average),
        excellent_requires_good_dimensions=framework.policy.excellent_requires_good_dimensions,
        framework_in_force=f"{framework.effective_from or '…'}–{framework.effective_to or '…'}",
    )


def _about(rule: Rule, source: Source) -> dict[str, Value]:
    """The arguments every rule-based reason carries: id, titles, condition with its values."""
    return {
        "rule": rule.id,
        "title_vi": rule.title_vi,
        "title_en": rule.title_en,
        "condition": show(rule.when, source.facts, source.view.params),
    }


def _decision(evaluation: Evaluation, source: Source) -> Decision:
    rules = {r.id: r for r in source.view.rules}
    policy = source.framework.policy
    grade = evaluation.grade
    grade_blockers: list[Reason] = []
    four_good_blockers: list[Reason] = []
    next_grade = grade.next_up() if grade is not None else None
    if not evaluation.graded:
        excluded = sorted(r.id for r in source.view.rules if r.excludes and r.id in source.counted)
        four_good_blockers.append(Reason("not_graded", {"rules": ", ".join(excluded)}))
    if next_grade is not None:
        if source.base.grade < next_grade:
            grade_blockers.extend(Reason(code, dict(args)) for code, args in source.base.needs)  # type: ignore[arg-type]
        for rule_id in source.sanctions:
            limit = rules[rule_id].veto or rules[rule_id].cap
            if limit is not None and limit < next_grade:
                code = "vetoed_grade" if rules[rule_id].veto is not None else "capped"
                grade_blockers.append(Reason(code, {**_about(rules[rule_id], source), "grade": limit.value}))
        not_good = [d.name for d in evaluation.dimensions if not d.good]
        if next_grade is Grade.EXCELLENT and not_good and policy.excellent_requires_good_dimensions:
            grade_blockers.append(Reason("excellent_needs_good_dimensions", {"dimensions": ", ".join(not_good)}))
    if evaluation.graded and not evaluation.four_good:
        for result in evaluation.dimensions:
            if not result.good:
                four_good_blockers.append(
                    Reason(
                        "dimension_not_good",
                        {
                            "dimension": result.name,
                            "rating": result.rating.value,
                            "score": result.score,
                            "max": result.max,
                        },
                    )
                )
        for rule_id in source.sanctions:
            if rules[rule_id].blocks_four_good:
                four_good_blockers.append(Reason("blocked", _about(rules[rule_id], source)))
        if grade is not None and grade < policy.four_good_min_grade:
            four_good_blockers.append(
                Reason("grade_below", {"grade": grade.value, "needed": policy.four_good_min_grade.value})
            )
    return Decision(
        grade=grade,
        base_grade=source.base.grade,
        score=source.base.score,
        four_good=evaluation.four_good,
        graded=evaluation.graded,
        applied=source.sanctions,
        next_grade=next_grade,
        grade_blockers=tuple(grade_blockers),
        four_good_blockers=tuple(four_good_blockers),
        criteria=dict(source.base.criteria),
        task_criterion=source.view.grading.task_criterion if source.base.criteria else "",
    )


def recompute_decision(trace: Trace) -> tuple[Grade | None, bool, dict[str, tuple[float, float, Rating, bool]]]:
    """The grade, the Four-Good verdict and each dimension's (score, max, rating, good),
    recomputed from the trace alone; an auditor checks that they equal the evaluation's."""
    from .regimes import REGIMES, Regime124, Regime366

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
    blocked = any(s.effect == "blocks_four_good" and s.counted for s in trace.rules)
    four_good = bool(dimensions) and all_good and not blocked and grade >= trace.four_good_min_grade
    return grade, four_good, dimensions
