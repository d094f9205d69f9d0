"""Values of the domain: grades, ratings, subject kinds, rule status and outcomes, and the
result of one dimension.

Ordered enums are ordered as the domain is, worst first: ``Grade.EXCELLENT > Grade.GOOD``.
Their names in Vietnamese and English are in :mod:`partyrules.text`.
"""

from __future__ import annotations

import enum
from collections.abc import ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from typing import Any, TypeVar

import attrs

from .errors import ValidationError
from .problems import DATA, Loc, Problem, Scope, describe
from .text.catalogue import Message, msg

_E = TypeVar("_E", bound=enum.Enum)

__all__ = [
    "DimensionResult",
    "FrozenMap",
    "Grade",
    "Kind",
    "Outcome",
    "Rating",
    "Reason",
    "Status",
    "UnknownPolicy",
    "coerce",
]


def coerce(cls: type[_E], value: object, *, error: type[ValidationError], loc: Loc = (), scope: Scope = DATA) -> _E:
    """``value`` as a member of the enum ``cls`` (a member, or its value); otherwise ``error``
    with one problem at ``loc`` saying what the values are."""
    if isinstance(value, cls):
        return value
    try:
        return cls(value)
    except ValueError:
        values = ", ".join(str(member.value) for member in cls)
        raise error([Problem(msg("value.one_of", values=values, given=describe(value)), loc, scope)]) from None


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
        return self._rank_ < other._rank_

    def __le__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._rank_ <= other._rank_

    def __gt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._rank_ > other._rank_

    def __ge__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._rank_ >= other._rank_


@_ranked
class Grade(_Ordered):
    """The annual quality grade (Quy định 124-QĐ/TW, 366-QĐ/TW), worst first."""

    NOT_COMPLETED = "NOT_COMPLETED"
    COMPLETED = "COMPLETED"
    GOOD = "GOOD"
    EXCELLENT = "EXCELLENT"

    def next_up(self) -> Grade | None:
        """The grade one level up, or ``None`` for EXCELLENT."""
        return _GRADE_UP[self]


_GRADE_UP: dict[Grade, Grade | None] = {
    Grade.NOT_COMPLETED: Grade.COMPLETED,
    Grade.COMPLETED: Grade.GOOD,
    Grade.GOOD: Grade.EXCELLENT,
    Grade.EXCELLENT: None,
}


@_ranked
class Rating(_Ordered):
    """A criterion or dimension rating: Kém / Trung bình / Tốt / Xuất sắc, worst first."""

    POOR = "POOR"
    AVERAGE = "AVERAGE"
    GOOD = "GOOD"
    EXCELLENT = "EXCELLENT"


class Kind(enum.Enum):
    """What is evaluated."""

    MEMBER = "member"
    CELL = "cell"
    COMMITTEE = "committee"

    @property
    def child(self) -> Kind | None:
        """The kind a subject of this kind lists: a committee's cells, a cell's members."""
        return _CHILD.get(self)

    @property
    def plural(self) -> str:
        """The key under which a parent lists subjects of this kind (``cells``)."""
        return _PLURAL[self]

    @property
    def word(self) -> Message:
        """The kind in words, for a sentence (``chi bộ``, ``cell``)."""
        return msg(f"kind.{self.value}")


_CHILD = {Kind.COMMITTEE: Kind.CELL, Kind.CELL: Kind.MEMBER}
_PLURAL = {Kind.MEMBER: "members", Kind.CELL: "cells", Kind.COMMITTEE: "committees"}


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


@attrs.frozen
class DimensionResult:
    """One dimension of one subject: points met out of the maximum, rating, and good or not.

    ``points`` is the score scaled to the dimension's declared weight (``dimension_points`` of
    the framework), or ``None`` when the framework declares no weights.  Lists of rule ids
    are sorted, so that a result does not depend on the order rules are written in.
    """

    name: str
    score: float
    max: float
    rating: Rating
    good: bool
    points: float | None = None
    required_failed: tuple[str, ...] = ()
    vetoed: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()


class FrozenMap(Mapping[Any, Any]):
    """An immutable, hashable, picklable mapping."""

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[Any, Any] | Iterable[tuple[Any, Any]] = ()) -> None:
        self._data: dict[Any, Any] = dict(data)
        self._hash: int | None = None

    def __getitem__(self, key: Any) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._data!r})"

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self._data,))

    def as_dict(self) -> dict[Any, Any]:
        return dict(self._data)

    # the read-only views of the underlying dict: as fast as a dict's (Mapping's own go through
    # __getitem__ key by key)
    def items(self) -> ItemsView[Any, Any]:
        return self._data.items()

    def keys(self) -> KeysView[Any]:
        return self._data.keys()

    def values(self) -> ValuesView[Any]:
        return self._data.values()

    def get(self, key: Any, default: Any = None) -> Any:
        return self._data.get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    @classmethod
    def adopt(cls, data: dict[Any, Any]) -> Any:
        """A map over ``data`` itself, without a copy: the caller gives up ``data``."""
        made = cls.__new__(cls)
        made._data = data
        made._hash = None
        return made


#: A value a :class:`Reason` carries: a number, a flag, a text, a list of names, or nothing.
ReasonValue = int | float | bool | str | tuple[str, ...] | None


class Reason:
    """Why a subject did not reach a level, as a code and its values (rule ids, grades,
    scores); :mod:`partyrules.text` words it, reading titles from the framework.

    Immutable, hashable and cheap to build (evaluations make several per subject).
    """

    __slots__ = ("args", "code")

    code: str
    args: Mapping[str, ReasonValue]

    def __init__(self, code: str, args: Mapping[str, ReasonValue] | None = None) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "args", args if isinstance(args, FrozenMap) else FrozenMap(args or ()))

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Reason):
            return NotImplemented
        return self.code == other.code and self.args == other.args

    def __hash__(self) -> int:
        return hash((self.code, self.args))

    def __repr__(self) -> str:
        return f"Reason({self.code!r}, {dict(self.args)!r})"

    def __reduce__(self) -> tuple[object, ...]:
        return (Reason, (self.code, self.args))
