"""The trace as data: every rule with the values it read, every dimension, the decision and
what kept the subject from the next level.

The trace is built from an evaluation's :class:`~partyrules.evidence.Evidence` and its
framework (:func:`partyrules.build_trace`); conditions stay trees and reasons stay codes with
values, so that :mod:`partyrules.text` words them in Vietnamese or English, and an auditor can
recompute the decision from the trace alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from .conditions import Condition
from .model import FrozenMap, Grade, Kind, Outcome, Rating, Reason, Status, UnknownPolicy

__all__ = ["ChildSummary", "Decision", "DimensionStep", "RuleStep", "Trace", "Value"]

Value = int | float | bool | str | None


def _frozen(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return value if isinstance(value, FrozenMap) else FrozenMap(value or {})


@attrs.frozen
class RuleStep:
    """One rule for one subject: what it read, what it found, what it did.

    ``when`` and ``applies`` are the rule's conditions as written (parameters unresolved);
    ``facts`` and ``params`` the values they read; ``counted`` whether its effect was applied
    (met, or unknown and counted so by the policy).
    """

    rule_id: str
    dimension: str
    title_vi: str
    title_en: str
    outcome: Outcome
    when: Condition
    applies: Condition | None
    facts: Mapping[str, Value] = attrs.field(converter=_frozen)
    params: Mapping[str, Value] = attrs.field(converter=_frozen)
    effect: str
    counted: bool
    points: float
    effect_grade: Grade | None
    source: str
    status: Status
    possible_points: float = 0.0


@attrs.frozen
class DimensionStep:
    """One dimension: its titles (framework data), score, rating, and why it is not better."""

    name: str
    title_vi: str
    title_en: str
    short_vi: str
    short_en: str
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
    criteria: Mapping[str, Rating] = attrs.field(factory=FrozenMap, converter=_frozen)
    task_criterion: str = ""
    #: The quota's placement of an EXCELLENT proposal by the deciding body (see
    #: :mod:`partyrules.quota`): ``quota_moved`` means the grade above is GOOD because of it.
    quota: Reason | None = None


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
    framework_in_force: tuple[int | None, int | None] = (None, None)

    def rule(self, rule_id: str) -> RuleStep:
        """The step of rule ``rule_id``."""
        for step in self.rules:
            if step.rule_id == rule_id:
                return step
        raise KeyError(rule_id)
