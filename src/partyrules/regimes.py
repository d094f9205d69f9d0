"""The central grading regimes: which base grade a subject's results give, by the year evaluated.

Only the *base* grade lives here (points bands for 366, criterion ratings for 124).  The task
conditions and the vetoes of each regime are ordinary rules (caps and vetoes) in the framework's
``annual`` rulesets, so that they are data, cited and traced like every other criterion.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from .errors import InputError, Problem, UnknownNameError
from .facts import FactValue
from .model import Grade, Rating

__all__ = ["REGIMES", "Base", "Regime", "Regime124", "Regime366", "regime_for_year"]


@attrs.frozen
class Base:
    """A base grade and what it rests on.

    ``score`` is the 100-point score (366) or ``None``; ``needs`` says, for the next grade up,
    what the base lacks (a code and its values, rendered by :mod:`partyrules.trace`); ``known``
    is false when a fact the base needs is missing (the unknown policy then decided ``grade``).
    """

    grade: Grade
    score: float | None
    needs: tuple[tuple[str, dict[str, object]], ...] = ()
    known: bool = True
    criteria: dict[str, Rating] = attrs.field(factory=dict)


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
        needs: tuple[tuple[str, dict[str, object]], ...] = ()
        up = grade.next_up()
        if up is not None:
            needs = (("score_below", {"score": score, "needed": self.threshold(up), "grade": up.value}),)
        return Base(grade, score, needs)


@attrs.frozen
class Regime124:
    """Quy định 124-QĐ/TW (04/10/2023) with Hướng dẫn 25-HD/BTCTW: criterion ratings, no points.

    EXCELLENT: every criterion Tốt or better and task results Xuất sắc; GOOD: every criterion
    Trung bình or better and task results Tốt or better; COMPLETED: every criterion Trung bình
    or better; NOT_COMPLETED: any criterion Kém (**confirmed**).
    """

    name: str = "124"
    source: str = "Quy định 124-QĐ/TW (2023); Hướng dẫn 25-HD/BTCTW (2023)"

    def base_from_ratings(self, ratings: Mapping[str, Rating], task: str) -> Base:
        task_rating = ratings.get(task, min(ratings.values(), default=Rating.POOR))
        poor = sorted(n for n, r in ratings.items() if r is Rating.POOR)
        below_good = sorted(n for n, r in ratings.items() if r < Rating.GOOD)
        if poor:
            grade = Grade.NOT_COMPLETED
        elif not below_good and task_rating is Rating.EXCELLENT:
            grade = Grade.EXCELLENT
        elif task_rating >= Rating.GOOD:
            grade = Grade.GOOD
        else:
            grade = Grade.COMPLETED
        needs: list[tuple[str, dict[str, object]]] = []
        if grade is Grade.NOT_COMPLETED:
            needs.append(("criteria_poor", {"criteria": ", ".join(poor)}))
        elif grade is Grade.COMPLETED:
            needs.append(("task_rating_below", {"task": task, "rating": task_rating.value, "needed": "GOOD"}))
        elif grade is Grade.GOOD:
            if task_rating is not Rating.EXCELLENT:
                needs.append(("task_rating_below", {"task": task, "rating": task_rating.value, "needed": "EXCELLENT"}))
            if below_good:
                needs.append(("criteria_below_good", {"criteria": ", ".join(below_good)}))
        return Base(grade, None, tuple(needs), criteria=dict(ratings))


Regime = Regime366 | Regime124
REGIMES: dict[str, Regime] = {"366": Regime366(), "124": Regime124()}


def regime_for_year(year: int) -> Regime:
    """The regime in force for the review of ``year``: 124 for 2023–2024, 366 from 2025."""
    if year >= 2025:
        return REGIMES["366"]
    if year >= 2023:
        return REGIMES["124"]
    raise InputError(
        [
            Problem(
                "$.period",
                f"no grading regime is encoded for {year}",
                "Quy định 124 applies to 2023–2024 and 366 from 2025; name a regime to override",
            )
        ]
    )


def get_regime(name: str | None, year: int) -> Regime:
    """The named regime, or the one in force for ``year`` when ``name`` is ``None``."""
    if name is None:
        return regime_for_year(year)
    try:
        return REGIMES[str(name)]
    except KeyError:
        raise UnknownNameError("regime", str(name), REGIMES) from None


def score_from_facts(facts: Mapping[str, FactValue], names: Sequence[str]) -> float | None:
    """The sum of the named score facts, or ``None`` when one is missing."""
    total = 0.0
    for name in names:
        value = facts.get(name)
        if value is None or isinstance(value, bool | str):
            return None
        total += float(value)
    return total
