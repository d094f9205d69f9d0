"""Fact schemas: what a subject's facts are, their types, units, ranges and directions.

A :class:`Schema` validates a raw mapping of facts (collecting every problem with its path) and
computes derived facts once per subject, before any rule runs.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from .model import FrozenMap
from .problems import Loc, Problem, describe, did_you_mean, unknown_name
from .text.catalogue import Message, msg

__all__ = [
    "Derived",
    "Direction",
    "FactSpec",
    "FactType",
    "FactValue",
    "Facts",
    "Schema",
    "at_most",
    "ratio",
]


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


FactValue = int | float | bool | str


class Direction(enum.Enum):
    """Which way a fact improves the outcome for the subject."""

    HIGHER = "higher"
    LOWER = "lower"
    NEUTRAL = "neutral"


class FactType(enum.Enum):
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    STR = "str"

    @property
    def numeric(self) -> bool:
        return self in (FactType.INT, FactType.FLOAT)


def _type_ok(kind: FactType, value: object) -> bool:
    if kind is FactType.BOOL:
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if kind is FactType.INT:
        return isinstance(value, int)
    if kind is FactType.FLOAT:
        return isinstance(value, int | float)
    return isinstance(value, str)


_EXPECTED = {
    FactType.INT: "expect.int",
    FactType.FLOAT: "expect.number",
    FactType.BOOL: "expect.bool",
    FactType.STR: "expect.text",
}


@attrs.frozen
class FactSpec:
    """The declaration of one fact.

    ``minimum``/``maximum`` bound numeric facts (inclusive); ``choices`` lists the allowed texts
    of a ``str`` fact; ``direction`` says whether a higher value is better for the subject
    (``higher``), worse (``lower``), or neither (``neutral``); booleans count ``True`` as higher,
    and the ``choices`` of a text fact with a direction are listed from lowest to highest
    (``POOR``, ``AVERAGE``, ``GOOD``, ``EXCELLENT``).
    """

    name: str
    type: FactType = attrs.field(converter=FactType)
    title_vi: str = ""
    title_en: str = ""
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    direction: Direction = attrs.field(default=Direction.NEUTRAL, converter=Direction)
    choices: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    description: str = ""

    def expected(self) -> Message:
        """What a valid value looks like, for messages."""
        if self.choices:
            return msg("expect.one_of", choices=", ".join(repr(c) for c in self.choices))
        kind = msg(_EXPECTED[self.type])
        low = None if self.minimum is None else _num(self.minimum)
        high = None if self.maximum is None else _num(self.maximum)
        if low is not None and high is not None:
            return msg("expect.between", type=kind, low=low, high=high)
        if low is not None:
            return msg("expect.at_least", type=kind, low=low)
        if high is not None:
            return msg("expect.at_most", type=kind, high=high)
        return kind

    def check(self, value: object) -> Message | None:
        """Why ``value`` is not valid for this fact, or ``None`` when it is."""
        if not _type_ok(self.type, value):
            return msg("value.expected", expected=self.expected(), given=describe(value))
        if isinstance(value, float) and not math.isfinite(value):
            return msg("value.expected", expected=msg("expect.finite"), given=describe(value))
        if self.choices and value not in self.choices:
            hint = did_you_mean(str(value), self.choices)
            if hint:
                return msg("value.expected_suggest", expected=self.expected(), given=describe(value), name=hint)
            return msg("value.expected", expected=self.expected(), given=describe(value))
        if isinstance(value, int | float) and not isinstance(value, bool):
            if (self.minimum is not None and value < self.minimum) or (
                self.maximum is not None and value > self.maximum
            ):
                return msg("value.expected", expected=self.expected(), given=describe(value))
        return None


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


@attrs.frozen
class Derived:
    """A fact computed from other facts, once per subject.

    ``compute`` receives the input values in the order of ``inputs`` and returns the value, or
    ``None`` when it is undefined (for example a share of zero members): an undefined derived fact
    is missing, so the rules that read it are ``unknown``.  It is computed only when every input
    is known and the fact was not given directly.
    """

    spec: FactSpec
    inputs: tuple[str, ...] = attrs.field(converter=_tuple)
    compute: Callable[..., FactValue | None]
    formula: str = ""

    @property
    def name(self) -> str:
        return self.spec.name


def _ratio(numerator: float, denominator: float) -> float | None:
    if denominator == 0:
        return None
    return numerator / denominator


def ratio(
    name: str,
    numerator: str,
    denominator: str,
    *,
    title_vi: str = "",
    title_en: str = "",
    direction: Direction | str = Direction.HIGHER,
) -> Derived:
    """A share ``numerator / denominator`` in 0..1, undefined when the denominator is zero."""
    spec = FactSpec(
        name,
        FactType.FLOAT,
        title_vi=title_vi,
        title_en=title_en,
        unit="share",
        minimum=0,
        maximum=1,
        direction=Direction(direction),
    )
    return Derived(spec, (numerator, denominator), _ratio, formula=f"{numerator} / {denominator}")


@attrs.frozen
class Constraint:
    """A consistency check between facts of one subject: ``sum(parts) <= total``.

    It is checked only when every fact it names is given.
    """

    parts: tuple[str, ...] = attrs.field(converter=_tuple)
    total: str

    @property
    def left(self) -> str:
        return self.parts[0]

    def check(self, facts: Mapping[str, Any]) -> Message | None:
        total = facts.get(self.total)
        values = [facts.get(name) for name in self.parts]
        if total is None or any(v is None for v in values):
            return None
        if sum(values) <= total:  # type: ignore[arg-type]
            return None
        if len(self.parts) == 1:
            return msg(
                "constraint.exceeds",
                part=self.parts[0],
                value=_num(values[0]),  # type: ignore[arg-type]
                total=self.total,
                limit=_num(total),
            )
        given = " + ".join(f"{n} ({_num(v)})" for n, v in zip(self.parts, values, strict=True))  # type: ignore[arg-type]
        return msg("constraint.exceeds_sum", given=given, value=_num(sum(values)), total=self.total, limit=_num(total))  # type: ignore[arg-type]


def at_most(left: str | Iterable[str], right: str) -> Constraint:
    """Declare that fact ``left`` (or the sum of several) may not exceed fact ``right``."""
    parts = (left,) if isinstance(left, str) else tuple(left)
    return Constraint(parts, right)


class Facts(FrozenMap):
    """An immutable, hashable mapping of fact names to values (missing facts are absent)."""

    __slots__ = ()


def _fast_check(spec: FactSpec) -> tuple[Any, ...]:
    """(exact types, minimum, maximum, choices, is a float) for the validation fast path;
    values that fail it go through :meth:`FactSpec.check`, which says what is wrong."""
    types: tuple[type, ...] = {
        FactType.INT: (int,),
        FactType.FLOAT: (int, float),
        FactType.BOOL: (bool,),
        FactType.STR: (str,),
    }[spec.type]
    numeric = spec.type in (FactType.INT, FactType.FLOAT)
    return (
        types,
        spec.minimum if numeric else None,
        spec.maximum if numeric else None,
        frozenset(spec.choices) if spec.choices else None,
        spec.type is FactType.FLOAT,
    )


def _facts_converter(value: Mapping[str, FactValue] | Iterable[tuple[str, FactValue]]) -> Facts:
    return value if isinstance(value, Facts) else Facts(value)


@attrs.frozen
class Schema:
    """The facts of one kind of subject: declared, derived, and their consistency constraints."""

    facts: tuple[FactSpec, ...] = attrs.field(converter=_tuple)
    derived: tuple[Derived, ...] = attrs.field(default=(), converter=_tuple)
    constraints: tuple[Constraint, ...] = attrs.field(default=(), converter=_tuple)
    _index: dict[str, FactSpec] = attrs.field(init=False, repr=False, eq=False)
    _fast: dict[str, tuple[Any, ...]] = attrs.field(init=False, repr=False, eq=False)
    _names: tuple[str, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, FactSpec] = {}
        for spec in (*self.facts, *(d.spec for d in self.derived)):
            index.setdefault(spec.name, spec)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_fast", {name: _fast_check(spec) for name, spec in index.items()})
        object.__setattr__(self, "_names", tuple(index))

    @property
    def names(self) -> frozenset[str]:
        """Every fact name, given or derived."""
        return frozenset(self._index)

    def spec(self, name: str) -> FactSpec | None:
        return self._index.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self._index

    def merge(self, other: Schema) -> Schema:
        """The union of two schemas; a fact declared in both must be declared identically."""
        facts = {s.name: s for s in self.facts}
        derived = {d.name: d for d in self.derived}
        for spec in other.facts:
            facts.setdefault(spec.name, spec)
        for item in other.derived:
            derived.setdefault(item.name, item)
        constraints = tuple(dict.fromkeys((*self.constraints, *other.constraints)))
        return Schema(tuple(facts.values()), tuple(derived.values()), constraints)

    def conflicts(self, other: Schema) -> list[str]:
        """Names declared differently in the two schemas."""
        return [name for name in sorted(self.names & other.names) if self.spec(name) != other.spec(name)]

    def validate(
        self,
        raw: Mapping[str, object],
        loc: Loc = (),
        *,
        allow_unknown: bool = False,
    ) -> tuple[dict[str, FactValue], list[Problem]]:
        """Check raw facts against the schema; return the valid facts and every problem, each
        located at ``(*loc, name)``.

        ``None`` means "not known" and is dropped.  Unknown names are problems (with a "did you
        mean") unless ``allow_unknown``.
        """
        problems: list[Problem] = []
        facts: dict[str, FactValue] = {}
        fast = self._fast
        items = raw._data.items() if isinstance(raw, Facts) else raw.items()
        for name, value in items:
            check = fast.get(name)
            if check is not None and value is not None:
                types, low, high, choices, to_float = check
                if (
                    type(value) in types
                    and (low is None or value >= low)
                    and (high is None or value <= high)
                    and (choices is None or value in choices)
                    and (not to_float or (value - value == 0))  # type: ignore[operator]  # finite: inf and nan give nan
                ):
                    facts[name] = float(value) if to_float else value  # type: ignore[arg-type, assignment]
                    continue
            spec = self._index.get(name)
            if spec is None:
                if not allow_unknown:
                    problems.append(
                        unknown_name("problem.unknown_fact", name, self._names, loc=(*loc, name), lazy=True)
                    )
                continue
            if value is None:
                continue
            error = spec.check(value)
            if error:
                problems.append(Problem(error, (*loc, name)))
            elif spec.type is FactType.FLOAT and isinstance(value, int):
                facts[name] = float(value)
            else:
                facts[name] = value  # type: ignore[assignment]
        for constraint in self.constraints:
            error = constraint.check(facts)
            if error:
                problems.append(Problem(error, (*loc, constraint.left)))
        return facts, problems

    def disagreements(self, facts: Mapping[str, FactValue], loc: Loc = ()) -> list[Problem]:
        """Derived facts given together with all their inputs must agree with them."""
        problems = []
        for item in self.derived:
            given = facts.get(item.name)
            if given is None or any(name not in facts for name in item.inputs):
                continue
            value = item.compute(*(facts[name] for name in item.inputs))
            if value is None or isinstance(value, str | bool) or isinstance(given, str | bool):
                continue
            if not math.isclose(float(given), float(value), rel_tol=1e-9, abs_tol=1e-9):
                problems.append(
                    Problem(
                        msg(
                            "derived.disagrees",
                            given=f"{given:g}",
                            formula=item.formula or ", ".join(item.inputs),
                            value=f"{value:g}",
                        ),
                        (*loc, item.name),
                        hint=msg("derived.disagrees_hint", name=item.name),
                    )
                )
        return problems

    def derive(self, facts: dict[str, FactValue]) -> dict[str, FactValue]:
        """Add the derived facts that are not given and whose inputs are all known."""
        for item in self.derived:
            if item.name in facts:
                continue
            try:
                args = [facts[name] for name in item.inputs]
            except KeyError:
                continue
            value = item.compute(*args)
            if value is not None:
                facts[item.name] = value
        return facts
