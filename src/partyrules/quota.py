"""The quota on EXCELLENT: at each deciding body, among comparable subjects (the same kind), the
number graded EXCELLENT may not exceed 20% of the number graded GOOD (QĐ 366 Art. 11; QĐ 124;
HD 21/2019 for members, within each grassroots organisation), or 25% where the body grants it
for outstanding units (QĐ 366).

Two things the guidance leaves open are parameters:

- ``base``: what the 20% is of.  ``"good"`` (the default) reads 366 Art. 11 literally: "không
  vượt quá 20% tổng số tập thể, cá nhân được xếp loại 'Hoàn thành tốt nhiệm vụ'", the number
  finally graded GOOD.  ``"good_or_better"`` counts EXCELLENT and GOOD together, as some
  committees' software does (unverified).  With 50 GOOD: 10 EXCELLENT at most on the first
  reading, 12 on the second.
- ``rounding``: ``"down"`` (the default), ``"nearest"`` or ``"up"``.

The counts are the final ones: a subject moved from EXCELLENT to GOOD counts as GOOD.  Where more
are proposed than allowed, they are ranked by score (highest first), then by task score, then by
id (code-point order, so the ranking never depends on the order of the input); the first ones
stay EXCELLENT and the rest are moved to GOOD.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction

import attrs

from .model import Grade, Kind, Reason
from .results import Evaluation

__all__ = ["Candidate", "Placement", "QuotaRule", "apply_quota", "place_children", "quota_reason"]

BASES = ("good", "good_or_better")
ROUNDINGS = ("down", "nearest", "up")


@attrs.frozen
class QuotaRule:
    """How many EXCELLENT a body may decide: ``share`` of the ``base`` count, rounded."""

    share: float = 0.2
    base: str = attrs.field(default="good", validator=attrs.validators.in_(BASES))
    rounding: str = attrs.field(default="down", validator=attrs.validators.in_(ROUNDINGS))

    def __attrs_post_init__(self) -> None:
        if isinstance(self.share, bool) or not 0 < self.share <= 1:
            raise ValueError(f"share must be in (0, 1], got {self.share!r}")

    def _round(self, value: Fraction) -> int:
        if self.rounding == "down":
            return math.floor(value)
        if self.rounding == "up":
            return math.ceil(value)
        return math.floor(value + Fraction(1, 2))

    def allowed(self, excellent: int, good: int) -> int:
        """The most EXCELLENT allowed when ``excellent`` are proposed and ``good`` graded GOOD
        otherwise: the largest k ≤ excellent with k ≤ round(share × base), where the base counts
        the ``excellent - k`` moved to GOOD."""
        share = Fraction(str(self.share))
        for k in range(excellent, -1, -1):
            final_good = good + excellent - k
            base = final_good if self.base == "good" else final_good + k
            if k <= self._round(share * base):
                return k
        return 0


@attrs.frozen
class Candidate:
    """A subject whose proposed grade the quota weighs."""

    id: str
    grade: Grade
    score: float | None = None
    task_score: float | None = None


@attrs.frozen
class Placement:
    """Where the quota put one EXCELLENT proposal: its ``rank`` among them, of ``allowed``."""

    id: str
    rank: int
    allowed: int
    proposed: int

    @property
    def moved(self) -> bool:
        return self.rank > self.allowed


def _key(candidate: Candidate) -> tuple[float, float, str]:
    score = candidate.score if candidate.score is not None else -math.inf
    task = candidate.task_score if candidate.task_score is not None else -math.inf
    return (-score, -task, candidate.id)


def apply_quota(candidates: Sequence[Candidate], rule: QuotaRule) -> dict[str, Placement]:
    """The placement of each EXCELLENT candidate among ``candidates`` (one group of comparable
    subjects of one deciding body); those with ``moved`` are to be graded GOOD."""
    excellent = sorted((c for c in candidates if c.grade is Grade.EXCELLENT), key=_key)
    good = sum(1 for c in candidates if c.grade is Grade.GOOD)
    allowed = rule.allowed(len(excellent), good)
    return {c.id: Placement(c.id, rank, allowed, len(excellent)) for rank, c in enumerate(excellent, 1)}


def quota_reason(placement: Placement, rule: QuotaRule) -> Reason:
    """The reason a trace gives for a placement: "moved to GOOD by the quota: rank 4 of 3 allowed"."""
    return Reason(
        "quota_moved" if placement.moved else "quota_kept",
        {
            "rank": placement.rank,
            "allowed": placement.allowed,
            "proposed": placement.proposed,
            "percent": round(rule.share * 100, 2),
            "base": rule.base,
            "rounding": rule.rounding,
        },
    )


def _task_score(facts: Mapping[str, object]) -> float | None:
    value = facts.get("score_tasks")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def place_children(
    children: Sequence[Evaluation], facts: Sequence[Mapping[str, object]], rule: QuotaRule
) -> tuple[Evaluation, ...]:
    """A committee's listed cells with the quota applied among them (the committee decides
    them): each EXCELLENT proposal's evidence records its placement, and those beyond the
    number allowed are graded GOOD."""
    candidates = [
        Candidate(child.subject_id, child.grade, child.score, _task_score(child_facts))
        for child, child_facts in zip(children, facts, strict=True)
        if child.kind is Kind.CELL and child.grade in (Grade.EXCELLENT, Grade.GOOD)
    ]
    placed = apply_quota(candidates, rule)
    if not placed:
        return tuple(children)
    found = []
    for child in children:
        placement = placed.get(child.subject_id)
        if placement is None:
            found.append(child)
            continue
        evidence = attrs.evolve(child.evidence, quota=quota_reason(placement, rule))
        found.append(attrs.evolve(child, grade=Grade.GOOD if placement.moved else child.grade, evidence=evidence))
    return tuple(found)
