"""A subject's years: the grade in force, Four-Good recognitions, streaks, reproductions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from ..frameworks import Framework
from ..model import Grade
from ..results import Evaluation
from .store import Record

# -- results --------------------------------------------------------------------------------------


@attrs.frozen
class YearResult:
    """A subject's outcome for one year: the grade in force (the last decision or correction),
    and whether it was recognised as Four-Good."""

    year: int
    grade: str | None
    four_good_recognised: bool | None
    decided_by: str | None
    record: int | None


@attrs.frozen
class Streaks:
    """Years running, up to the subject's latest year: EXCELLENT, Four-Good recognised.
    Hướng dẫn 06-HD/TW §19 rewards EXCELLENT ("tiêu biểu") 5 years in a row."""

    excellent: int
    four_good: int
    through: int | None

    @property
    def excellent_five_years(self) -> bool:
        return self.excellent >= 5


def streaks(years: Sequence[YearResult]) -> Streaks:
    """The streaks ending at the last of ``years`` (sorted by year; a gap breaks a streak)."""
    if not years:
        return Streaks(0, 0, None)
    ordered = sorted(years, key=lambda item: item.year)
    last = ordered[-1].year

    def run(test: Any) -> int:
        count, expected = 0, last
        for item in reversed(ordered):
            if item.year != expected or not test(item):
                break
            count += 1
            expected -= 1
        return count

    return Streaks(
        run(lambda item: item.grade == Grade.EXCELLENT.value), run(lambda item: item.four_good_recognised is True), last
    )


@attrs.frozen
class Reproduction:
    """A stored stage evaluated again with its recorded framework version."""

    record: Record
    evaluation: Evaluation
    framework: Framework

    @property
    def same(self) -> bool:
        stored = (self.record.evaluated, self.record.four_good, self.record.score)
        again = (
            None if self.evaluation.grade is None else self.evaluation.grade.value,
            self.evaluation.four_good,
            self.evaluation.score,
        )
        return stored == again
