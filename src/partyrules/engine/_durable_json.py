"""durable_rules' JSON rule language, written from condition trees: pure, testable without
the C extension.

- :func:`number` writes a number as durable_rules' parser reads it exactly;
- :func:`ruleset_json` writes resolved conditions as one anchored durable rule each;
- :func:`shards` packs them into rulesets small enough for the engine's limits;
- :func:`engine_names` picks property names whose 32-bit hashes never collide;
- :data:`ENCODERS` write a fact's value, refusing one of the wrong type.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from ..conditions import Compare, Condition, In, Leaf, Param, facts_read, fold, map_leaves
from ..conditions import negation_normal_form as nnf
from ..errors import EngineError, EngineLimitError, RulesetError
from ..problems import Problem, excerpt
from ..text.catalogue import msg

__all__ = [
    "ANCHOR",
    "ANCHOR_FIELD",
    "ENCODERS",
    "INT_LIMIT",
    "MAX_SLOTS",
    "RESERVED",
    "SHARD_TESTS",
    "STATE_ID_HASH",
    "bool_rule",
    "engine_names",
    "fnv1a32",
    "number",
    "ruleset_json",
    "shards",
]

#: The field every asserted fact carries and every rule tests first.
ANCHOR_FIELD = "_pr_anchor"
ANCHOR = '{"_pr_anchor":1}'
#: Tests (comparisons) per durable ruleset.  durable_rules fails an assert when more than 64
#: tests match one fact at once (error 303) and hangs past 511 distinct tests under one node, so
#: rules are packed into shards that stay well below both.
SHARD_TESTS = 48
#: Expression slots one durable rule may use (each ``$and``/``$or`` takes two; error 113).
MAX_SLOTS = 31
#: Integers beyond this saturate in durable_rules (it stores them as ``long long``).
INT_LIMIT = 2**63 - 1

_OPS = {"<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte", "!=": "$neq"}


def number(value: int | float) -> str:
    """A number as durable_rules' parser reads it exactly.

    Its parser rejects an exponent unless a ``.`` fraction precedes it (``1e-05``, ``1e+16``),
    and saturates integers beyond 64 bits: floats are written in plain decimal notation with a
    fraction, huge integers as doubles when they are exactly one, and refused otherwise.

    >>> number(1e-05), number(1e16), number(-2), number(0.5), number(10**20)
    ('0.00001', '10000000000000000.0', '-2', '0.5', '100000000000000000000.0')
    """
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        if -INT_LIMIT <= value <= INT_LIMIT:
            return str(value)
        try:
            as_double = float(value)
        except OverflowError:
            as_double = math.inf
        if as_double != value:  # rounding would change comparisons (10**20 + 1 > 10**20)
            raise EngineError(msg("durable.int_inexact", value=excerpt(value)), backend="durable")
        value = as_double
    if not math.isfinite(value):
        raise EngineError(msg("durable.not_finite", value=repr(value)), backend="durable")
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    if "." not in text:
        text += ".0"
    return text


def _scalar(value: object) -> str:
    if isinstance(value, bool | int | float):
        return number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    raise EngineError(msg("durable.cannot_give", value=repr(value)), backend="durable")


def _test(condition: Condition, props: Mapping[str, str]) -> str:
    """One condition in durable_rules' JSON rule language (after negation normal form), with
    each fact under its engine property name."""

    def leaf(node: Leaf) -> str:
        if isinstance(node, In):
            tests = [leaf(Compare("==", node.fact, v)) for v in dict.fromkeys(node.values)]
            return tests[0] if len(tests) == 1 else '{"$or":[' + ",".join(tests) + "]}"
        if isinstance(node.value, Param):
            raise RulesetError([Problem(msg("engine.unresolved", condition=repr(node)))], what=msg("what.condition"))
        field = json.dumps(props[node.fact])
        value = _scalar(node.value)
        if node.op == "==":
            return f"{{{field}:{value}}}"
        return f'{{"{_OPS[node.op]}":{{{field}:{value}}}}}'

    def not_(_: str) -> str:
        raise AssertionError("conditions are in negation normal form")

    return fold(
        condition,
        leaf=leaf,
        all_=lambda items: '{"$and":[' + ",".join(items) + "]}",
        any_=lambda items: '{"$or":[' + ",".join(items) + "]}",
        not_=not_,
    )


def fnv1a32(text: str) -> int:
    """The 32-bit FNV-1a hash by which durable_rules compares fact ids and property names."""
    value = 0x811C9DC5
    for byte in text.encode():
        value = ((value ^ byte) * 16777619) & 0xFFFFFFFF
    return value


#: The id of the session's own state fact (session "0"), always live.
STATE_ID_HASH = fnv1a32("sid-0")
#: Properties every asserted fact (or the state fact) carries besides the facts read.
RESERVED = ("id", "sid", ANCHOR_FIELD, "$s")


def engine_names(prefix: str, count: int, taken: set[int]) -> list[str]:
    """``count`` short engine names (``f0``, ``f1``...) whose 32-bit hashes collide with nothing
    in ``taken`` nor with each other: durable_rules would take two such names for one."""
    names: list[str] = []
    index = 0
    while len(names) < count:
        candidate = f"{prefix}{index}"
        index += 1
        digest = fnv1a32(candidate)
        if digest in taken:
            continue
        taken.add(digest)
        names.append(candidate)
    return names


def ruleset_json(conditions: Sequence[tuple[str, Condition]], props: Mapping[str, str] | None = None) -> str:
    """The durable_rules definition of ``conditions``: one rule per condition, anchored, named
    ``r0``, ``r1``... in order; facts under the engine names ``props`` gives (default: their own)."""
    if props is None:
        props = {f: f for _, cond in conditions for f in facts_read(cond)}
    parts = []
    for index, (_, condition) in enumerate(conditions):
        body = _test(nnf(condition), props)
        parts.append(f'"r{index}":{{"all":[{{"m":{{"$and":[{ANCHOR},{body}]}}}}]}}')
    return "{" + ",".join(parts) + "}"


def _encode_int(value: object) -> str:
    if type(value) is not int:
        raise TypeError
    if -INT_LIMIT <= value <= INT_LIMIT:
        return str(value)
    return number(value)


def _encode_float(value: object) -> str:
    if type(value) is float:
        text = repr(value)
        if "e" not in text and "n" not in text:  # the common case: not 1e-05, inf or nan
            return text
    elif isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError
    return number(value)


def _encode_bool(value: object) -> str:
    if type(value) is not bool:
        raise TypeError
    return "1" if value else "0"


#: Texts already written: a text fact takes few values (a rating, a regime).
_TEXTS: dict[str, str] = {}


def _encode_str(value: object) -> str:
    if type(value) is not str:
        raise TypeError
    text = _TEXTS.get(value)
    if text is None:
        text = json.dumps(value, ensure_ascii=False)
        if len(value) <= 64:
            if len(_TEXTS) >= 1024:
                _TEXTS.clear()
            _TEXTS[value] = text
    return text


#: How a fact of each schema type is written; each raises ``TypeError`` for a value of another type.
ENCODERS: dict[str, Callable[[object], str]] = {
    "int": _encode_int,
    "float": _encode_float,
    "bool": _encode_bool,
    "str": _encode_str,
}


def bool_rule(condition: Condition) -> Condition:
    """Booleans are written as 0/1 in facts, so compare them with 0/1 in rules too."""

    def change(node: Leaf) -> Condition:
        if isinstance(node, Compare):
            return Compare(node.op, node.fact, int(node.value)) if isinstance(node.value, bool) else node
        return In(node.fact, tuple(int(v) if isinstance(v, bool) else v for v in node.values))

    return map_leaves(condition, change)


def _size(condition: Condition) -> tuple[int, int]:
    """(tests, expression slots) of a condition in negation normal form, as compiled."""

    def leaf(node: Leaf) -> tuple[int, int]:
        if isinstance(node, Compare):
            return 1, 0
        return len(node.values), 2 if len(node.values) > 1 else 0

    def inner(items: list[tuple[int, int]]) -> tuple[int, int]:
        return sum(t for t, _ in items), 2 + sum(s for _, s in items)

    return fold(condition, leaf=leaf, all_=inner, any_=inner, not_=lambda size: size)


def shards(conditions: Sequence[tuple[str, Condition]]) -> list[list[tuple[str, Condition]]]:
    """Pack conditions (in negation normal form) into groups of at most :data:`SHARD_TESTS`
    tests; a condition too large for one durable rule raises
    :class:`~partyrules.errors.EngineLimitError` naming its rule."""
    groups: list[list[tuple[str, Condition]]] = []
    current: list[tuple[str, Condition]] = []
    used = 0
    for name, condition in conditions:
        tests, slots = _size(condition)
        slots += 2  # the anchoring $and
        if slots > MAX_SLOTS or tests > SHARD_TESTS:
            rule_id = name.split("#")[0]
            message = msg(
                "durable.rule_too_large",
                rule=rule_id,
                tests=tests,
                slots=slots,
                most_tests=SHARD_TESTS,
                most_slots=MAX_SLOTS,
            )
            raise EngineLimitError(message, backend="durable", rule_id=rule_id)
        if current and used + tests > SHARD_TESTS:
            groups.append(current)
            current, used = [], 0
        current.append((name, condition))
        used += tests
    if current:
        groups.append(current)
    return groups
