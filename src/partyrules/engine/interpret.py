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

from ..conditions import AllOf, Compare, Condition, In, Leaf, Not, Param, fold
from ..errors import RulesetError
from ..facts import FactValue
from ..problems import Problem
from ..text.catalogue import msg

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


def _compile_leaf(node: Leaf) -> Test:
    if isinstance(node, In):
        name, values = node.fact, node.values

        def test_in(facts: Mapping[str, FactValue]) -> bool:
            got = facts[name]
            return any(_same_kind(got, v) and got == v for v in values)

        return test_in
    if isinstance(node.value, Param):
        raise RulesetError([Problem(msg("engine.unresolved", condition=repr(node)))], what=msg("what.condition"))
    name, value, op = node.fact, node.value, node.op
    func = OPS[op]
    if isinstance(value, bool | str):

        def test_strict(facts: Mapping[str, FactValue]) -> bool:
            return _compare(op, facts[name], value)

        return test_strict

    def test(facts: Mapping[str, FactValue]) -> bool:
        got = facts[name]
        if isinstance(got, bool | str):
            return op == "!="
        return bool(func(got, value))

    return test


def _all(tests: list[Test]) -> Test:
    items = tuple(tests)
    return lambda facts: all(t(facts) for t in items)


def _any(tests: list[Test]) -> Test:
    items = tuple(tests)
    return lambda facts: any(t(facts) for t in items)


def _not(test: Test) -> Test:
    return lambda facts: not test(facts)


def compile_condition(condition: Condition) -> Test:
    """Compile a resolved condition (no parameters left) to a closure over a facts mapping;
    every comparison is strict (a text never equals a number, a boolean is not a number)."""
    return fold(condition, leaf=_compile_leaf, all_=_all, any_=_any, not_=_not)


def _all3(results: list[bool | None]) -> bool | None:
    if False in results:
        return False
    return None if None in results else True


def _any3(results: list[bool | None]) -> bool | None:
    if True in results:
        return True
    return None if None in results else False


def evaluate(
    condition: Condition, facts: Mapping[str, FactValue], params: Mapping[str, object] | None = None
) -> bool | None:
    """Evaluate a condition with three-valued logic: ``None`` when a missing fact decides it."""
    params = params or {}

    def value(v: object) -> object:
        return params[v.name] if isinstance(v, Param) else v

    def leaf(node: Leaf) -> bool | None:
        if node.fact not in facts:
            return None
        got = facts[node.fact]
        if isinstance(node, Compare):
            return _compare(node.op, got, value(node.value))
        return any(_same_kind(got, value(v)) and got == value(v) for v in node.values)

    return fold(condition, leaf=leaf, all_=_all3, any_=_any3, not_=lambda r: None if r is None else not r)


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
