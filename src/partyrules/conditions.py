"""Conditions as data: expression trees over facts and parameters.

>>> cond = fact("regular_meetings_held") >= param("regular_meetings_required")
>>> cond
fact('regular_meetings_held') >= param('regular_meetings_required')
>>> all_of(cond, fact("thematic_meetings_held") >= 4)
all_of(fact('regular_meetings_held') >= param('regular_meetings_required'), fact('thematic_meetings_held') >= 4)

A tree has two kinds of leaves (:class:`Compare`, :class:`In`) and three of inner nodes
(:class:`AllOf`, :class:`AnyOf`, :class:`Not`).  Code that goes over a tree uses one of the
generic walks here (:func:`walk`, :func:`leaves`, :func:`map_leaves`, :func:`fold`) rather than
its own.  Nothing here evaluates anything: :mod:`partyrules.engine` compiles the trees.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar

import attrs

from .errors import DeclarationError
from .problems import describe, excerpt
from .text.catalogue import msg

__all__ = [
    "OPERATORS",
    "AllOf",
    "AnyOf",
    "Compare",
    "Condition",
    "Fact",
    "In",
    "Leaf",
    "Not",
    "Param",
    "Scalar",
    "all_of",
    "any_of",
    "depth",
    "fact",
    "facts_read",
    "fold",
    "leaves",
    "map_leaves",
    "negation_normal_form",
    "not_",
    "operands",
    "param",
    "params_read",
    "resolve",
    "walk",
]

Scalar = int | float | bool | str
OPERATORS = ("<", "<=", ">", ">=", "==", "!=")
NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
_T = TypeVar("_T")


@attrs.frozen(repr=False)
class Param:
    """A named number (or text) a rule reads, set by the framework: ``param('min_attendance')``."""

    name: str

    def __repr__(self) -> str:
        return f"param({self.name!r})"


Operand = Param | Scalar


class _Combinable:
    """Conditions combine with ``&``, ``|`` and ``~`` (flat: ``a & b & c`` is one ``all_of``)."""

    def __and__(self, other: Condition) -> AllOf:
        left = self.items if isinstance(self, AllOf) else (self,)
        return AllOf((*left, _check_condition(other)))

    def __or__(self, other: Condition) -> AnyOf:
        left = self.items if isinstance(self, AnyOf) else (self,)
        return AnyOf((*left, _check_condition(other)))

    def __bool__(self) -> bool:
        raise DeclarationError(msg("condition.no_truth", condition=repr(self)))

    def __invert__(self) -> Not:
        return not_(self)  # type: ignore[arg-type]


@attrs.frozen(repr=False)
class Compare(_Combinable):
    """``fact <op> value`` where value is a constant or a parameter."""

    op: str
    fact: str
    value: Operand

    def __repr__(self) -> str:
        return f"fact({self.fact!r}) {self.op} {self.value!r}"


@attrs.frozen(repr=False)
class In(_Combinable):
    """``fact`` is one of ``values``."""

    fact: str
    values: tuple[Operand, ...]

    def __repr__(self) -> str:
        return f"fact({self.fact!r}).is_in({', '.join(repr(v) for v in self.values)})"


@attrs.frozen(repr=False)
class AllOf(_Combinable):
    items: tuple[Condition, ...]

    def __repr__(self) -> str:
        return f"all_of({', '.join(repr(i) for i in self.items)})"


@attrs.frozen(repr=False)
class AnyOf(_Combinable):
    items: tuple[Condition, ...]

    def __repr__(self) -> str:
        return f"any_of({', '.join(repr(i) for i in self.items)})"


@attrs.frozen(repr=False)
class Not(_Combinable):
    item: Condition

    def __repr__(self) -> str:
        return f"not_({self.item!r})"


Leaf = Compare | In
Condition = Compare | In | AllOf | AnyOf | Not
CONDITION_TYPES = (Compare, In, AllOf, AnyOf, Not)


class Fact:
    """A reference to a fact; comparing it builds a condition.

    >>> fact("attendance") > param("min_attendance")
    fact('attendance') > param('min_attendance')
    >>> fact("cell_kind").is_in("school", "hospital")
    fact('cell_kind').is_in('school', 'hospital')
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        if not isinstance(name, str) or not name:
            raise DeclarationError(msg("condition.fact_name", given=describe(name)))
        self.name = name

    def __repr__(self) -> str:
        return f"fact({self.name!r})"

    def __hash__(self) -> int:
        return hash(("fact", self.name))

    def _cmp(self, op: str, other: object) -> Compare:
        if isinstance(other, Fact):
            raise DeclarationError(msg("condition.two_facts", left=repr(self), op=op, right=repr(other)))
        _check_operand(f"{self!r} {op} {other!r}", other)
        return Compare(op, self.name, other)  # type: ignore[arg-type]

    def __lt__(self, other: object) -> Compare:
        return self._cmp("<", other)

    def __le__(self, other: object) -> Compare:
        return self._cmp("<=", other)

    def __gt__(self, other: object) -> Compare:
        return self._cmp(">", other)

    def __ge__(self, other: object) -> Compare:
        return self._cmp(">=", other)

    def __eq__(self, other: object) -> Compare:  # type: ignore[override]
        return self._cmp("==", other)

    def __ne__(self, other: object) -> Compare:  # type: ignore[override]
        return self._cmp("!=", other)

    def is_in(self, *values: Operand) -> In:
        if not values:
            raise DeclarationError(msg("condition.empty_in", fact=repr(self)))
        for value in values:
            _check_operand(f"{self!r}.is_in(...)", value)
        return In(self.name, tuple(values))

    def between(self, low: Operand, high: Operand) -> AllOf:
        """``low <= fact <= high``."""
        return AllOf((self._cmp(">=", low), self._cmp("<=", high)))

    def is_true(self) -> Compare:
        return Compare("==", self.name, True)

    def is_false(self) -> Compare:
        return Compare("==", self.name, False)


def _check_operand(where: str, value: object) -> None:
    if not isinstance(value, Param | int | float | bool | str):
        raise DeclarationError(msg("condition.operand", where=where, type=type(value).__name__))


def fact(name: str) -> Fact:
    """Refer to the fact ``name`` of the subject being evaluated."""
    return Fact(name)


def param(name: str) -> Param:
    """Refer to the parameter ``name``, whose value the framework sets."""
    return Param(name)


def _check_condition(item: object) -> Condition:
    if isinstance(item, CONDITION_TYPES):
        return item
    raise DeclarationError(msg("condition.expected", given=excerpt(item)))


def all_of(*items: Condition) -> AllOf:
    """Every condition holds."""
    if not items:
        raise DeclarationError(msg("condition.empty", name="all_of"))
    return AllOf(tuple(_check_condition(i) for i in items))


def any_of(*items: Condition) -> AnyOf:
    """At least one condition holds."""
    if not items:
        raise DeclarationError(msg("condition.empty", name="any_of"))
    return AnyOf(tuple(_check_condition(i) for i in items))


def not_(item: Condition) -> Not:
    """The condition does not hold."""
    return Not(_check_condition(item))


# -- the generic walks -------------------------------------------------------------------------


def fold(
    condition: Condition,
    *,
    leaf: Callable[[Leaf], _T],
    all_: Callable[[list[_T]], _T],
    any_: Callable[[list[_T]], _T],
    not_: Callable[[_T], _T],
) -> _T:
    """Reduce a tree bottom-up: ``leaf`` for each comparison, ``all_``/``any_``/``not_`` for the
    inner nodes given their items' results."""

    def go(node: Condition) -> _T:
        if isinstance(node, Compare | In):
            return leaf(node)
        if isinstance(node, Not):
            return not_(go(node.item))
        results = [go(item) for item in node.items]
        return all_(results) if isinstance(node, AllOf) else any_(results)

    return go(condition)


def walk(condition: Condition) -> Iterator[Condition]:
    """Every node of a tree, depth first."""
    yield condition
    if isinstance(condition, AllOf | AnyOf):
        for item in condition.items:
            yield from walk(item)
    elif isinstance(condition, Not):
        yield from walk(condition.item)


def leaves(condition: Condition) -> Iterator[Leaf]:
    """Every comparison of a tree, depth first."""
    for node in walk(condition):
        if isinstance(node, Compare | In):
            yield node


def operands(node: Leaf) -> tuple[Operand, ...]:
    """The values a comparison compares its fact with."""
    return (node.value,) if isinstance(node, Compare) else node.values


def map_leaves(condition: Condition, change: Callable[[Leaf], Condition]) -> Condition:
    """The same tree with each comparison replaced by ``change(comparison)``."""
    return fold(
        condition,
        leaf=change,
        all_=lambda items: AllOf(tuple(items)),
        any_=lambda items: AnyOf(tuple(items)),
        not_=Not,
    )


def facts_read(condition: Condition) -> tuple[str, ...]:
    """The facts a condition reads, in order of first appearance."""
    return tuple(dict.fromkeys(node.fact for node in leaves(condition)))


def params_read(condition: Condition) -> tuple[str, ...]:
    """The parameters a condition reads, in order of first appearance."""
    names = (value.name for node in leaves(condition) for value in operands(node) if isinstance(value, Param))
    return tuple(dict.fromkeys(names))


def depth(condition: Condition) -> int:
    """How deep the tree is nested (a comparison alone: 1)."""
    return fold(condition, leaf=lambda _: 1, all_=lambda d: 1 + max(d), any_=lambda d: 1 + max(d), not_=lambda d: 1 + d)


def resolve(condition: Condition, params: Mapping[str, Scalar]) -> Condition:
    """Replace every parameter by its value (the parameters must all be given)."""

    def value(v: Operand) -> Scalar:
        return params[v.name] if isinstance(v, Param) else v

    def change(node: Leaf) -> Condition:
        if isinstance(node, Compare):
            return Compare(node.op, node.fact, value(node.value))
        return In(node.fact, tuple(value(v) for v in node.values))

    return map_leaves(condition, change)


def negation_normal_form(condition: Condition, negate: bool = False) -> Condition:
    """Push every ``not_`` down to the comparisons (valid because no fact is missing or NaN
    when a condition is evaluated: unknowns are decided before)."""
    if isinstance(condition, Compare):
        return Compare(NEGATED[condition.op], condition.fact, condition.value) if negate else condition
    if isinstance(condition, In):
        if not negate:
            return condition
        return AllOf(tuple(Compare("!=", condition.fact, v) for v in condition.values))
    if isinstance(condition, Not):
        return negation_normal_form(condition.item, not negate)
    items = tuple(negation_normal_form(i, negate) for i in condition.items)
    if isinstance(condition, AllOf):
        return AnyOf(items) if negate else AllOf(items)
    return AllOf(items) if negate else AnyOf(items)
