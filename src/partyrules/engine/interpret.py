"""The pure-Python interpreter of condition trees: the oracle, the fallback, the trace's values.

Conditions are compiled to closures once; :func:`evaluate` walks a tree with three-valued logic
for explanations.  Nothing here calls ``eval``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from itertools import compress
from operator import itemgetter
from typing import Any

from ..facts import FactValue
from ..rules import AllOf, AnyOf, Compare, Condition, In, Not, Param

__all__ = ["InterpretedRules", "compile_condition", "evaluate"]

Test = Callable[[Mapping[str, FactValue]], bool]

OPS: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


def _same_kind(a: object, b: object) -> bool:
    """Values compare only within a kind: numbers, booleans, texts (never loosely)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool)
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str)
    return True


def _compare(op: str, left: object, right: object) -> bool:
    if not _same_kind(left, right):
        return op == "!="
    return bool(OPS[op](left, right))


def compile_condition(condition: Condition) -> Test:
    """Compile a resolved condition (no parameters left) to a closure over a facts mapping."""
    if isinstance(condition, Compare):
        if isinstance(condition.value, Param):
            raise ValueError(f"unresolved parameter in {condition!r}")
        name, value, op = condition.fact, condition.value, condition.op
        func = OPS[op]
        if isinstance(value, bool) or isinstance(value, str):

            def test_strict(facts: Mapping[str, FactValue]) -> bool:
                return _compare(op, facts[name], value)

            return test_strict

        def test(facts: Mapping[str, FactValue]) -> bool:
            got = facts[name]
            if isinstance(got, bool | str):
                return op == "!="
            return bool(func(got, value))

        return test
    if isinstance(condition, In):
        name = condition.fact
        values = condition.values

        def test_in(facts: Mapping[str, FactValue]) -> bool:
            got = facts[name]
            return any(_same_kind(got, v) and got == v for v in values)

        return test_in
    if isinstance(condition, Not):
        inner = compile_condition(condition.item)
        return lambda facts: not inner(facts)
    items = tuple(compile_condition(i) for i in condition.items)
    if isinstance(condition, AllOf):
        return lambda facts: all(t(facts) for t in items)
    assert isinstance(condition, AnyOf)
    return lambda facts: any(t(facts) for t in items)


def evaluate(
    condition: Condition, facts: Mapping[str, FactValue], params: Mapping[str, object] | None = None
) -> bool | None:
    """Evaluate a condition with three-valued logic: ``None`` when a missing fact decides it."""
    params = params or {}

    def value(v: object) -> object:
        return params[v.name] if isinstance(v, Param) else v

    if isinstance(condition, Compare):
        if condition.fact not in facts:
            return None
        return _compare(condition.op, facts[condition.fact], value(condition.value))
    if isinstance(condition, In):
        if condition.fact not in facts:
            return None
        got = facts[condition.fact]
        return any(_same_kind(got, value(v)) and got == value(v) for v in condition.values)
    if isinstance(condition, Not):
        inner = evaluate(condition.item, facts, params)
        return None if inner is None else not inner
    results = [evaluate(i, facts, params) for i in condition.items]
    if isinstance(condition, AllOf):
        if False in results:
            return False
        return None if None in results else True
    if True in results:
        return True
    return None if None in results else False


def compile_typed(condition: Condition) -> Test:
    """Like :func:`compile_condition`, for facts already validated against a schema whose types
    the condition was checked against: no run-time type checks."""
    if isinstance(condition, Compare):
        name, value, func = condition.fact, condition.value, OPS[condition.op]
        return lambda facts: bool(func(facts[name], value))
    if isinstance(condition, In):
        name, values = condition.fact, frozenset(condition.values)
        return lambda facts: facts[name] in values
    if isinstance(condition, Not):
        inner = compile_typed(condition.item)
        return lambda facts: not inner(facts)
    leaves = condition.items
    if len(leaves) == 2 and all(isinstance(i, Compare) for i in leaves):
        (n1, f1, c1), (n2, f2, c2) = ((i.fact, OPS[i.op], i.value) for i in leaves)  # type: ignore[union-attr]
        if isinstance(condition, AllOf):
            return lambda facts: bool(f1(facts[n1], c1)) and bool(f2(facts[n2], c2))
        return lambda facts: bool(f1(facts[n1], c1)) or bool(f2(facts[n2], c2))
    items = tuple(compile_typed(i) for i in condition.items)
    if isinstance(condition, AllOf):
        if len(items) == 2:
            first, second = items
            return lambda facts: first(facts) and second(facts)
        return lambda facts: all(t(facts) for t in items)
    if len(items) == 2:
        first, second = items
        return lambda facts: first(facts) or second(facts)
    return lambda facts: any(t(facts) for t in items)


class _Batch:
    """Single comparisons sharing an operator, evaluated together at C speed."""

    __slots__ = ("consts", "func", "get", "names", "rules")

    def __init__(self, op: str, items: list[tuple[str, str, object]]) -> None:
        self.func = OPS[op]
        self.rules = tuple(rule for rule, _, _ in items)
        self.names = tuple(name for _, name, _ in items)
        self.consts = tuple(const for _, _, const in items)
        getter = itemgetter(*self.names)
        self.get = getter if len(items) > 1 else (lambda facts: (getter(facts),))


class InterpretedRules:
    """Conditions compiled to Python closures.

    With ``types`` (the facts are validated against the schema the conditions were checked
    against, as the evaluator guarantees), comparisons skip run-time type checks and single
    comparisons run in batches; without, every comparison is strict (a text never equals a
    number, a boolean is not a number).
    """

    backend = "python"

    def __init__(self, conditions: Sequence[tuple[str, Condition]], *, types: Mapping[str, str] | None = None) -> None:
        batches: dict[str, list[tuple[str, str, object]]] = {}
        tests = []
        for name, cond in conditions:
            if types is not None and isinstance(cond, Compare) and not isinstance(cond.value, Param):
                batches.setdefault(cond.op, []).append((name, cond.fact, cond.value))
            else:
                tests.append((name, compile_typed(cond) if types is not None else compile_condition(cond)))
        self._tests = tuple(tests)
        self._batches = tuple(_Batch(op, items) for op, items in batches.items())

    def fired(self, facts: Mapping[str, FactValue]) -> frozenset[str]:
        met: list[str] = []
        for batch in self._batches:
            try:
                values = batch.get(facts)
            except KeyError:  # a missing fact: evaluate this batch one by one
                for rule, name, const in zip(batch.rules, batch.names, batch.consts, strict=True):
                    if name in facts and batch.func(facts[name], const):
                        met.append(rule)
                continue
            met.extend(compress(batch.rules, map(batch.func, values, batch.consts)))
        for name, test in self._tests:
            try:
                if test(facts):
                    met.append(name)
            except KeyError:
                continue
        return frozenset(met)

    def close(self) -> None:
        return None
