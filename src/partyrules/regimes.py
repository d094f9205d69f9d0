"""The central grading regimes: which base grade a subject's results give, by the year evaluated.

Each regime computes its own base grade (:meth:`Regime366.base`, :meth:`Regime124.base`):
points bands for 366, criterion ratings for 124.  The task conditions and the vetoes of each
regime are ordinary rules (caps and vetoes) in the framework's ``annual`` rulesets, so that
they are data, cited and traced like every other criterion.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

import attrs

from .errors import InputError, UnknownNameError
from .facts import FactValue
from .model import DimensionResult, Grade, Rating, Reason, UnknownPolicy
from .problems import Problem
from .text.catalogue import msg

__all__ = [
    "REGIMES",
    "REGIME_FACT",
    "Base",
    "Grading",
    "Regime",
    "Regime124",
    "Regime366",
    "get_regime",
    "regime_for_year",
]

#: A fact that rules may read to apply under one regime only; the evaluator sets it.
REGIME_FACT = "regime"


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class Grading:
    """Where a kind's annual grade comes from.

    Regime 366 bands a 100-point score: the sum of ``score_facts`` (the official sheet, general
    30 + tasks 70), or, when none are named, the four-dimension points scaled to 100.  Regime 124
    grades criteria: the ratings in ``criteria_facts`` (texts ``EXCELLENT``/``GOOD``/
    ``AVERAGE``/``POOR``), or, when none are named, the dimension ratings; ``task_criterion`` is the
    criterion (a fact or a dimension) that stands for task results.
    """

    score_facts: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    criteria_facts: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    task_criterion: str = "political_tasks"

    @property
    def facts(self) -> tuple[str, ...]:
        """The facts the grade is computed from."""
        return (*self.score_facts, *self.criteria_facts)


@attrs.frozen
class Base:
    """A base grade and what it rests on.

    ``score`` is the 100-point score (366) or ``None``; ``needs`` says, for the next grade up,
    what the base lacks; ``missing`` names the facts the base needed and did not have (the
    unknown policy then decided ``grade``); ``criteria`` are the ratings a 124 grade rests on.
    """

    grade: Grade
    score: float | None
    needs: tuple[Reason, ...] = ()
    missing: tuple[str, ...] = ()
    criteria: Mapping[str, Rating] = attrs.field(factory=dict)

    @property
    def known(self) -> bool:
        return not self.missing


class Regime(Protocol):
    """A grading regime: its name, its source, and the base grade it gives."""

    @property
    def name(self) -> str: ...

    @property
    def source(self) -> str: ...

    def base(
        self,
        grading: Grading,
        facts: Mapping[str, FactValue],
        dimensions: Sequence[DimensionResult],
        unknown: UnknownPolicy,
    ) -> Base: ...


@attrs.frozen
class Regime366:
    """Quy định 366-QĐ/TW (30/8/2025) with Hướng dẫn 43-HD/BTCTW (31/10/2025): 100 points.

    EXCELLENT ≥ 90, GOOD ≥ 70, COMPLETED ≥ 50, NOT_COMPLETED below (**confirmed**).
    """

    name: str = "366"
    source: str = "Quy định 366-QĐ/TW (2025); Hướng dẫn 43-HD/BTCTW (2025)"
    bands: tuple[tuple[Grade, float], ...] = (
        (Grade.EXCELLENT, 90.0),
        (Grade.GOOD, 70.0),
        (Grade.COMPLETED, 50.0),
    )

    def threshold(self, grade: Grade) -> float:
        return dict(self.bands).get(grade, 0.0)

    def base_from_score(self, score: float) -> Base:
        grade = Grade.NOT_COMPLETED
        for candidate, minimum in self.bands:
            if score >= minimum:
                grade = candidate
                break
        up = grade.next_up()
        needs = (
            ()
            if up is None
            else (Reason("score_below", {"score": score, "needed": self.threshold(up), "grade": up.value}),)
        )
        return Base(grade, score, needs)

    def base(
        self,
        grading: Grading,
        facts: Mapping[str, FactValue],
        dimensions: Sequence[DimensionResult],
        unknown: UnknownPolicy,
    ) -> Base:
        """The points band of the score: the sum of the score facts, or the dimensions' points
        scaled to 100.  A missing score fact leaves the base to the unknown policy."""
        if grading.score_facts:
            missing = tuple(name for name in grading.score_facts if _number(facts.get(name)) is None)
            if missing:
                grade = Grade.EXCELLENT if unknown is UnknownPolicy.BEST else Grade.NOT_COMPLETED
                return Base(grade, None, (Reason("score_unknown", {"facts": missing}),), missing)
            score = sum(float(facts[name]) for name in grading.score_facts)
        else:
            total = sum(d.max for d in dimensions)
            weighted = [d.points for d in dimensions if d.points is not None]
            if dimensions and len(weighted) == len(dimensions):
                score = round(sum(weighted), 6)
            else:
                score = round(100 * sum(d.score for d in dimensions) / total, 6) if total else 0.0
        return self.base_from_score(score)


def _number(value: object) -> float | None:
    if value is None or isinstance(value, bool | str):
        return None
    return float(value)  # type: ignore[arg-type]


@attrs.frozen
class Regime124:
    """Quy định 124-QĐ/TW (04/10/2023) with Hướng dẫn 25-HD/BTCTW: criterion ratings, no points.

    EXCELLENT: every criterion Tốt or better and task results Xuất sắc; GOOD: every criterion
    Trung bình or better and task results Tốt or better; COMPLETED: every criterion Trung bình
    or better; NOT_COMPLETED: any criterion Kém (**confirmed**).
    """

    name: str = "124"
    source: str = "Quy định 124-QĐ/TW (2023); Hướng dẫn 25-HD/BTCTW (2023)"

    def base_from_ratings(self, ratings: Mapping[str, Rating], task: str, missing: tuple[str, ...] = ()) -> Base:
        task_rating = ratings.get(task, min(ratings.values(), default=Rating.POOR))
        poor = tuple(sorted(n for n, r in ratings.items() if r is Rating.POOR))
        below_good = tuple(sorted(n for n, r in ratings.items() if r < Rating.GOOD))
        if poor:
            grade = Grade.NOT_COMPLETED
        elif not below_good and task_rating is Rating.EXCELLENT:
            grade = Grade.EXCELLENT
        elif task_rating >= Rating.GOOD:
            grade = Grade.GOOD
        else:
            grade = Grade.COMPLETED
        needs: list[Reason] = []
        if grade is Grade.NOT_COMPLETED:
            needs.append(Reason("criteria_poor", {"criteria": poor}))
        elif grade is Grade.COMPLETED:
            needs.append(Reason("task_rating_below", {"task": task, "rating": task_rating.value, "needed": "GOOD"}))
        elif grade is Grade.GOOD:
            if task_rating is not Rating.EXCELLENT:
                needs.append(
                    Reason("task_rating_below", {"task": task, "rating": task_rating.value, "needed": "EXCELLENT"})
                )
            if below_good:
                needs.append(Reason("criteria_below_good", {"criteria": below_good}))
        return Base(grade, None, tuple(needs), missing, criteria=dict(ratings))

    def base(
        self,
        grading: Grading,
        facts: Mapping[str, FactValue],
        dimensions: Sequence[DimensionResult],
        unknown: UnknownPolicy,
    ) -> Base:
        """The criteria's grade: the rating facts, or the dimension ratings.  A missing rating
        counts as the unknown policy says (Kém under ``worst``, Xuất sắc under ``best``)."""
        if not grading.criteria_facts:
            return self.base_from_ratings({d.name: d.rating for d in dimensions}, grading.task_criterion)
        ratings: dict[str, Rating] = {}
        missing = []
        for name in grading.criteria_facts:
            value = facts.get(name)
            if isinstance(value, str):
                ratings[name] = Rating(value)
            else:
                missing.append(name)
                ratings[name] = Rating.EXCELLENT if unknown is UnknownPolicy.BEST else Rating.POOR
        return self.base_from_ratings(ratings, grading.task_criterion, tuple(missing))


REGIMES: dict[str, Regime] = {"366": Regime366(), "124": Regime124()}


def regime_for_year(year: int) -> Regime:
    """The regime in force for the review of ``year``: 124 for 2023–2024, 366 from 2025."""
    if year >= 2025:
        return REGIMES["366"]
    if year >= 2023:
        return REGIMES["124"]
    raise InputError([Problem(msg("regime.none_for_year", year=year), ("period",), hint=msg("regime.none_hint"))])


def get_regime(name: str | None, year: int) -> Regime:
    """The named regime, or the one in force for ``year`` when ``name`` is ``None``."""
    if name is None:
        return regime_for_year(year)
    try:
        return REGIMES[str(name)]
    except KeyError:
        raise UnknownNameError("regime", str(name), REGIMES) from None
