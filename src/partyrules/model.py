"""Values of the domain: grades, ratings, subject kinds, rule status and outcomes.

All enums are ordered where the domain is: ``Grade.EXCELLENT > Grade.GOOD``.
"""

from __future__ import annotations

import enum
from typing import TypeVar

_E = TypeVar("_E", bound=enum.Enum)

__all__ = [
    "Grade",
    "Kind",
    "Outcome",
    "Rating",
    "Status",
    "UnknownPolicy",
]


def _ranked(cls: type[_E]) -> type[_E]:
    """Give each member of an ordered enum its rank once, as an attribute (fast comparisons)."""
    for index, member in enumerate(cls):
        object.__setattr__(member, "_rank_", index)
    return cls


class _Ordered(enum.Enum):
    """An enum ordered by the position of its members, worst first."""

    _rank_: int

    @property
    def rank(self) -> int:
        return self._rank_

    def __lt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._rank_ < other._rank_  # type: ignore[attr-defined, no-any-return]

    def __le__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._rank_ <= other._rank_  # type: ignore[attr-defined, no-any-return]

    def __gt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._rank_ > other._rank_  # type: ignore[attr-defined, no-any-return]

    def __ge__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._rank_ >= other._rank_  # type: ignore[attr-defined, no-any-return]


@_ranked
class Grade(_Ordered):
    """The annual quality grade (Quy định 124-QĐ/TW, 366-QĐ/TW), worst first."""

    NOT_COMPLETED = "NOT_COMPLETED"
    COMPLETED = "COMPLETED"
    GOOD = "GOOD"
    EXCELLENT = "EXCELLENT"

    @property
    def label_vi(self) -> str:
        return _GRADE_VI[self]

    @property
    def short_vi(self) -> str:
        return _GRADE_SHORT[self]

    @property
    def label_en(self) -> str:
        return _GRADE_EN[self]

    def label(self, lang: str) -> str:
        return self.label_vi if lang == "vi" else self.label_en

    def next_up(self) -> Grade | None:
        return _GRADE_UP[self]


_GRADE_UP: dict[Grade, Grade | None] = {
    Grade.NOT_COMPLETED: Grade.COMPLETED,
    Grade.COMPLETED: Grade.GOOD,
    Grade.GOOD: Grade.EXCELLENT,
    Grade.EXCELLENT: None,
}

_GRADE_VI = {
    Grade.EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ",
    Grade.GOOD: "Hoàn thành tốt nhiệm vụ",
    Grade.COMPLETED: "Hoàn thành nhiệm vụ",
    Grade.NOT_COMPLETED: "Không hoàn thành nhiệm vụ",
}
_GRADE_SHORT = {
    Grade.EXCELLENT: "HTXSNV",
    Grade.GOOD: "HTTNV",
    Grade.COMPLETED: "HTNV",
    Grade.NOT_COMPLETED: "KHTNV",
}
_GRADE_EN = {
    Grade.EXCELLENT: "excellently completed tasks",
    Grade.GOOD: "well completed tasks",
    Grade.COMPLETED: "completed tasks",
    Grade.NOT_COMPLETED: "did not complete tasks",
}


@_ranked
class Rating(_Ordered):
    """A criterion or dimension rating: Kém / Trung bình / Tốt / Xuất sắc, worst first."""

    POOR = "POOR"
    AVERAGE = "AVERAGE"
    GOOD = "GOOD"
    EXCELLENT = "EXCELLENT"

    def label(self, lang: str) -> str:
        return _RATING_VI[self] if lang == "vi" else self.value.lower()


_RATING_VI = {
    Rating.EXCELLENT: "Xuất sắc",
    Rating.GOOD: "Tốt",
    Rating.AVERAGE: "Trung bình",
    Rating.POOR: "Kém",
}


class Kind(enum.Enum):
    """What is evaluated."""

    MEMBER = "member"
    CELL = "cell"
    COMMITTEE = "committee"

    @property
    def child(self) -> Kind | None:
        return {Kind.COMMITTEE: Kind.CELL, Kind.CELL: Kind.MEMBER}.get(self)

    def label(self, lang: str) -> str:
        vi = {Kind.MEMBER: "đảng viên", Kind.CELL: "chi bộ", Kind.COMMITTEE: "đảng bộ cơ sở"}
        return vi[self] if lang == "vi" else self.value


class Status(enum.Enum):
    """Whether a rule's numbers were read in its source or chosen as a default."""

    CONFIRMED = "confirmed"
    DEFAULT = "default"


class Outcome(enum.Enum):
    """The outcome of one rule for one subject."""

    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


class UnknownPolicy(enum.Enum):
    """What an unknown rule outcome (a fact it reads is missing) counts as.

    ``WORST``: the outcome that is worse for the subject (a scoring rule is not met, a veto or
    cap applies); ``BEST``: the better one; ``ERROR``: evaluation raises
    :class:`~partyrules.errors.MissingFactError`.  Whatever the policy, the trace marks the rule
    ``unknown`` and the evaluation ``complete=False``.
    """

    WORST = "worst"
    BEST = "best"
    ERROR = "error"
