"""Scoring and the one decision function.

- :func:`score_dimension`: a dimension's score, maximum and rating from the rules that counted;
- :func:`decide`: the grade and the Four-Good verdict from the regime's base grade, the
  dimensions and the sanctions that apply, with what kept the subject from the next level of
  each.  It is pure: the evaluator calls it, and the audit calls it again to see what a
  subject's grade would be without one sanction.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import attrs

from .model import DimensionResult, FrozenMap, Grade, Rating, Reason
from .policy import Bands, Policy
from .regimes import Base
from .rules import Rule

__all__ = ["DimensionSpec", "Sanctions", "Verdict", "decide", "score_dimension"]


@attrs.frozen
class DimensionSpec:
    """One dimension of one kind, ready to score: each scoring rule's points, the required
    ones, the dimension's vetoes, its total and its declared weight."""

    name: str
    points: Mapping[str, float]
    required: frozenset[str]
    vetoes: frozenset[str]
    total: float
    weight: float | None

    @classmethod
    def of(cls, name: str, rules: Iterable[Rule], weight: float | None) -> DimensionSpec:
        items = [r for r in rules if r.dimension == name]
        scoring = [r for r in items if r.scoring]
        return cls(
            name,
            FrozenMap({r.id: float(r.points) for r in scoring}),
            frozenset(r.id for r in scoring if r.required),
            frozenset(r.id for r in items if r.veto is not None),
            math.fsum(float(r.points) for r in scoring),
            None if weight is None else float(weight),
        )


def score_dimension(
    spec: DimensionSpec,
    counted: frozenset[str],
    unknown: frozenset[str],
    not_applicable: frozenset[str],
    bands: Bands,
) -> DimensionResult:
    """The dimension's result: the points of the scoring rules that counted, out of those that
    apply; its rating by ``bands``, at most AVERAGE when a required rule failed or a veto of
    the dimension applies."""
    points = spec.points
    hit = counted.intersection(points)
    score = math.fsum(map(points.__getitem__, hit))  # exact, whatever the set's order
    maximum = spec.total
    if not_applicable:
        maximum = math.fsum(p for rid, p in points.items() if rid not in not_applicable)
    # lists of rule ids are sorted by id, so that results do not depend on the rules' order
    failed: tuple[str, ...] = ()
    if not spec.required <= hit:
        failed = tuple(sorted(r for r in spec.required if r not in hit and r not in not_applicable))
    vetoed: tuple[str, ...] = ()
    if not spec.vetoes.isdisjoint(counted):
        vetoed = tuple(sorted(spec.vetoes & counted))
    dim_unknown: tuple[str, ...] = ()
    if unknown:
        dim_unknown = tuple(sorted(rid for rid in points if rid in unknown))
    rating = bands.rating(score / maximum) if maximum > 0 else Rating.EXCELLENT
    if (failed or vetoed) and rating > Rating.AVERAGE:
        rating = Rating.AVERAGE
    weighted = None
    if spec.weight is not None:
        weighted = round(spec.weight * score / maximum, 6) if maximum > 0 else float(spec.weight)
    return DimensionResult(
        spec.name, score, maximum, rating, rating >= Rating.GOOD, weighted, failed, vetoed, dim_unknown
    )


@attrs.frozen
class Sanctions:
    """The vetoes, caps, blocks of Four-Good and exclusions of one kind, by rule id."""

    limits: Mapping[str, Grade]
    vetoes: frozenset[str]
    blocks: frozenset[str]
    excludes: frozenset[str]

    @property
    def ids(self) -> frozenset[str]:
        """Every rule that sanctions (a veto, a cap or a block)."""
        return frozenset(self.limits) | self.blocks

    @classmethod
    def of(cls, rules: Iterable[Rule]) -> Sanctions:
        items = list(rules)
        return cls(
            FrozenMap({r.id: r.limit for r in items if r.limit is not None}),
            frozenset(r.id for r in items if r.veto is not None),
            frozenset(r.id for r in items if r.blocks_four_good),
            frozenset(r.id for r in items if r.excludes),
        )


@attrs.frozen
class Verdict:
    """What :func:`decide` decided, and why not better."""

    grade: Grade | None
    four_good: bool
    graded: bool
    sanctions: tuple[str, ...]
    grade_blockers: tuple[Reason, ...]
    four_good_blockers: tuple[Reason, ...]


def decide(
    base: Base,
    dimensions: Sequence[DimensionResult],
    counted: frozenset[str],
    sanctions: Sanctions,
    policy: Policy,
) -> Verdict:
    """The grade and the Four-Good verdict.

    A subject an exclusion applies to is not graded.  Otherwise its grade is the base grade,
    lowered by every veto and cap that applies (the lowest wins), and at most GOOD when a
    dimension is not good and the policy requires good dimensions for EXCELLENT.  It is
    Four-Good when it has dimensions, all of them good, no block applies, and the grade is at
    least the policy's minimum.  Rule ids are sorted, so the verdict does not depend on the
    order rules are written in.
    """
    excluded = tuple(sorted(sanctions.excludes & counted))
    applied = tuple(sorted(sanctions.ids & counted))
    if excluded:
        return Verdict(None, False, False, applied, (), (Reason("not_graded", {"rules": excluded}),))
    grade = base.grade
    for rule_id in applied:
        limit = sanctions.limits.get(rule_id)
        if limit is not None and limit < grade:
            grade = limit
    not_good = tuple(d.name for d in dimensions if not d.good)
    if grade is Grade.EXCELLENT and policy.excellent_requires_good_dimensions and not_good:
        grade = Grade.GOOD
    blocking = tuple(r for r in applied if r in sanctions.blocks)
    four_good = bool(dimensions) and not blocking and not not_good and grade >= policy.four_good_min_grade
    grade_blockers: list[Reason] = []
    next_grade = grade.next_up()
    if next_grade is not None:
        if base.grade < next_grade:
            grade_blockers.extend(base.needs)
        for rule_id in applied:
            limit = sanctions.limits.get(rule_id)
            if limit is not None and limit < next_grade:
                code = "vetoed_grade" if rule_id in sanctions.vetoes else "capped"
                grade_blockers.append(Reason(code, {"rule": rule_id, "grade": limit.value}))
        if next_grade is Grade.EXCELLENT and not_good and policy.excellent_requires_good_dimensions:
            grade_blockers.append(Reason("excellent_needs_good_dimensions", {"dimensions": not_good}))
    four_good_blockers: list[Reason] = []
    if not four_good:
        for result in dimensions:
            if not result.good:
                args = {
                    "dimension": result.name,
                    "rating": result.rating.value,
                    "score": result.score,
                    "max": result.max,
                }
                four_good_blockers.append(Reason("dimension_not_good", args))
        four_good_blockers.extend(Reason("blocked", {"rule": rule_id}) for rule_id in blocking)
        if grade < policy.four_good_min_grade:
            four_good_blockers.append(
                Reason("grade_below", {"grade": grade.value, "needed": policy.four_good_min_grade.value})
            )
    return Verdict(grade, four_good, True, applied, tuple(grade_blockers), tuple(four_good_blockers))
