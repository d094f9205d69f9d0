"""The durable_rules backend: the only module of partyrules that imports durable_rules.

It drives the low-level ``durable_rules_engine`` extension directly (``durable.lang`` keeps
global registries, starts timer threads and swallows exceptions raised in actions) and
neutralises the pitfalls of durable_rules 2.0.28:

* an event (``assert_event``) fires only one rule: every subject is asserted as a **fact**;
* at most 1,024 live sessions per ruleset: every subject uses the same session, and its fact
  is retracted as soon as the fired rules are read, so one session is ever live;
* fact identities are hashed to 32 bits and can collide: only one fact is live at a time, so two
  identities can never meet;
* an ``$or`` fires its rule once per true branch: fired rule names are collected into a set;
* numbers such as ``1e-05`` or ``1e+16`` are rejected by its JSON parser: every number, in a rule
  and in a fact, is written out in plain decimal notation by :func:`number`;
* NaN and infinity, and values of the wrong type (strings and numbers compare loosely there):
  every value is checked against its fact's schema type before the engine sees it, and
  booleans are written as 0/1 (they are only ever compared with booleans);
* ``$nex`` as a first test misfires on the session's own state fact: every rule starts with a
  fixed anchor test on a field that only our facts carry, and no rule uses ``$nex``;
* more than 511 distinct tests under one node make ``create_ruleset`` (or the first assert) hang,
  and more than 64 tests matching one fact fail the assert (error 303): rules are packed into
  shards of at most 48 tests, each a ruleset of its own; a rule that alone exceeds a limit
  (48 tests, 31 expression slots) is refused before ``create_ruleset``, naming the rule;
* integers beyond 64 bits saturate: they are written as doubles;
* a handle must never be shared across threads: a compiled ruleset refuses calls from any thread
  but the one that built it (:class:`~partyrules.errors.ThreadAffinityError`); the evaluator
  compiles one per thread;
* exceptions swallowed in actions: no Python action runs inside the engine at all; each error
  code the engine returns becomes a named :class:`~partyrules.errors.EngineError`, and a
  compiled ruleset refuses further use after an error mid-evaluation (a half-run action would
  lock the session and silently drop the next subjects' rules).
"""

from __future__ import annotations

import itertools
import json
import math
import re
import threading
import weakref
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import durable_rules_engine as _dre

from ..errors import EngineError, EngineLimitError, ThreadAffinityError
from ..facts import FactValue
from ..rules import AllOf, AnyOf, Compare, Condition, In, Not, Param, negation_normal_form

__all__ = ["ERROR_CODES", "DurableRules", "number"]

#: The field every asserted fact carries and every rule tests first.
ANCHOR_FIELD = "_pr_anchor"
ANCHOR = '{"_pr_anchor":1}'
#: Rules per durable ruleset; larger rulesets are split into shards.
#: Tests (comparisons) per durable ruleset.  durable_rules fails an assert when more than 64
#: tests match one fact at once (error 303) and hangs past 511 distinct tests under one node, so
#: rules are packed into shards that stay well below both.
SHARD_TESTS = 48
#: Expression slots one durable rule may use (each ``$and``/``$or`` takes two; error 113).
MAX_SLOTS = 31

#: durable_rules' error codes (``src/rules/rules.h``) and what they mean.
ERROR_CODES: dict[int, str] = {
    1: "the fact reached no rule",
    2: "a fact with the same identity hash is already asserted",
    3: "the fact was deferred",
    101: "out of memory, or more than 1,024 live sessions",
    102: "unexpected type in a rule",
    105: "a rule without 'all' or 'any'",
    106: "more than 4,096 rules in one ruleset",
    107: "more than 128 '$or' or '$nex' nodes under one node",
    108: "more than 256 rules ending on the same test path",
    109: "a rule without a qualifier",
    111: "invalid or deleted handle",
    112: "too many rulesets in this process",
    113: "more than 31 expression slots in one rule",
    201: "parse: unexpected character",
    202: "parse: expected a value",
    203: "parse: invalid string",
    204: "parse: invalid number",
    205: "parse: invalid object",
    302: "a fact has more than 254 properties",
    303: "more than 64 tests matched one fact at once",
    304: "a join of more than 16 facts",
    309: "unknown session",
    314: "a value of 16 MiB or more",
}
_LIMIT_CODES = {101, 106, 107, 108, 112, 113, 302, 303, 304, 314}
_CODE = re.compile(r"error code: (\d+)")
_OPS = {"<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte", "!=": "$neq"}
_counter = itertools.count()


def _error(exc: Exception, what: str, rule_id: str | None = None) -> EngineError:
    match = _CODE.search(str(exc))
    code = int(match.group(1)) if match else None
    meaning = ERROR_CODES.get(code, "unknown error") if code is not None else str(exc)
    cls = EngineLimitError if code in _LIMIT_CODES else EngineError
    message = f"durable_rules failed to {what}: {meaning}"
    if code is not None:
        message += f" (error code {code})"
    return cls(message, backend="durable", code=code, rule_id=rule_id)


def _call(func: Callable[..., Any], what: str, *args: Any) -> Any:
    try:
        return func(*args)
    except _dre.error as exc:
        raise _error(exc, what) from exc
    except MemoryError as exc:  # durable_rules raises MemoryError for its error code 101
        raise EngineLimitError(
            f"durable_rules failed to {what}: {ERROR_CODES[101]} (error code 101)",
            backend="durable",
            code=101,
        ) from exc


#: Integers beyond this saturate in durable_rules (it stores them as ``long long``).
_INT_LIMIT = 2**63 - 1


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
        if -_INT_LIMIT <= value <= _INT_LIMIT:
            return str(value)
        try:
            as_double = float(value)
        except OverflowError:
            as_double = math.inf
        if as_double != value:  # rounding would change comparisons (10**20 + 1 > 10**20)
            raise EngineError(
                f"the integer {value} is beyond 2**63 and not exactly a double: durable_rules cannot "
                "compare it exactly; use the python backend",
                backend="durable",
            )
        value = as_double
    if not math.isfinite(value):
        raise EngineError(f"{value!r} is not a finite number", backend="durable")
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
    raise EngineError(f"cannot give {value!r} to durable_rules", backend="durable")


def _test(condition: Condition, props: Mapping[str, str]) -> str:
    """One condition in durable_rules' JSON rule language (after negation normal form), with
    each fact under its engine property name."""
    if isinstance(condition, Compare):
        if isinstance(condition.value, Param):
            raise ValueError(f"unresolved parameter in {condition!r}")
        field = json.dumps(props[condition.fact])
        value = _scalar(condition.value)
        if condition.op == "==":
            return f"{{{field}:{value}}}"
        return f'{{"{_OPS[condition.op]}":{{{field}:{value}}}}}'
    if isinstance(condition, In):
        tests = [_test(Compare("==", condition.fact, v), props) for v in dict.fromkeys(condition.values)]
        return tests[0] if len(tests) == 1 else '{"$or":[' + ",".join(tests) + "]}"
    if isinstance(condition, AllOf):
        return '{"$and":[' + ",".join(_test(i, props) for i in condition.items) + "]}"
    if isinstance(condition, AnyOf):
        return '{"$or":[' + ",".join(_test(i, props) for i in condition.items) + "]}"
    assert not isinstance(condition, Not), "conditions are in negation normal form"
    raise TypeError(f"not a condition: {condition!r}")


def _fnv1a32(text: str) -> int:
    """The 32-bit FNV-1a hash by which durable_rules compares fact ids and property names."""
    value = 0x811C9DC5
    for byte in text.encode():
        value = ((value ^ byte) * 16777619) & 0xFFFFFFFF
    return value


#: The id of the session's own state fact (session "0"), always live.
_STATE_ID_HASH = _fnv1a32("sid-0")
#: Properties every asserted fact (or the state fact) carries besides the facts read.
_RESERVED = ("id", "sid", ANCHOR_FIELD, "$s")


def _names(prefix: str, count: int, taken: set[int]) -> list[str]:
    """``count`` short engine names (``f0``, ``f1``...) whose 32-bit hashes collide with nothing
    in ``taken`` nor with each other: durable_rules would take two such names for one."""
    names: list[str] = []
    index = 0
    while len(names) < count:
        candidate = f"{prefix}{index}"
        index += 1
        digest = _fnv1a32(candidate)
        if digest in taken:
            continue
        taken.add(digest)
        names.append(candidate)
    return names


def ruleset_json(conditions: Sequence[tuple[str, Condition]], props: Mapping[str, str] | None = None) -> str:
    """The durable_rules definition of ``conditions``: one rule per condition, anchored, named
    ``r0``, ``r1``... in order; facts under the engine names ``props`` gives (default: their own)."""
    from ..rules import facts_read

    if props is None:
        props = {f: f for _, cond in conditions for f in facts_read(cond)}
    parts = []
    for index, (_, condition) in enumerate(conditions):
        body = _test(negation_normal_form(condition), props)
        parts.append(f'"r{index}":{{"all":[{{"m":{{"$and":[{ANCHOR},{body}]}}}}]}}')
    return "{" + ",".join(parts) + "}"


def _encode_int(value: object) -> str:
    if type(value) is not int:
        raise TypeError
    if -_INT_LIMIT <= value <= _INT_LIMIT:
        return str(value)
    return number(value)


def _encode_float(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError
    return number(value)


def _encode_bool(value: object) -> str:
    if type(value) is not bool:
        raise TypeError
    return "1" if value else "0"


def _encode_str(value: object) -> str:
    if type(value) is not str:
        raise TypeError
    return json.dumps(value, ensure_ascii=False)


_ENCODERS: dict[str, Callable[[object], str]] = {
    "int": _encode_int,
    "float": _encode_float,
    "bool": _encode_bool,
    "str": _encode_str,
}


def _release(handles: tuple[int, ...]) -> None:
    for handle in handles:
        try:
            _dre.delete_ruleset(handle)
        except _dre.error:  # pragma: no cover - nothing more can be done at shutdown
            pass


def _bool_rule(condition: Condition) -> Condition:
    """Booleans are written as 0/1 in facts, so compare them with 0/1 in rules too."""
    if isinstance(condition, Compare) and isinstance(condition.value, bool):
        return Compare(condition.op, condition.fact, int(condition.value))
    if isinstance(condition, In):
        return In(
            condition.fact,
            tuple(int(v) if isinstance(v, bool) else v for v in condition.values),
        )
    if isinstance(condition, AllOf):
        return AllOf(tuple(_bool_rule(i) for i in condition.items))
    if isinstance(condition, AnyOf):
        return AnyOf(tuple(_bool_rule(i) for i in condition.items))
    if isinstance(condition, Not):
        return Not(_bool_rule(condition.item))
    return condition


def _size(condition: Condition) -> tuple[int, int]:
    """(tests, expression slots) of a condition in negation normal form, as compiled."""
    if isinstance(condition, Compare):
        return 1, 0
    if isinstance(condition, In):
        return len(condition.values), 2 if len(condition.values) > 1 else 0
    assert isinstance(condition, AllOf | AnyOf)
    tests, slots = 0, 2
    for item in condition.items:
        t, s = _size(item)
        tests += t
        slots += s
    return tests, slots


def _shards(conditions: Sequence[tuple[str, Condition]]) -> list[list[tuple[str, Condition]]]:
    shards: list[list[tuple[str, Condition]]] = []
    current: list[tuple[str, Condition]] = []
    used = 0
    for name, condition in conditions:
        tests, slots = _size(condition)
        slots += 2  # the anchoring $and
        if slots > MAX_SLOTS or tests > SHARD_TESTS:
            raise EngineLimitError(
                f"rule {name!r} is too large for durable_rules ({tests} tests, {slots} expression "
                f"slots; at most {SHARD_TESTS} and {MAX_SLOTS}): simplify it or use the python backend",
                backend="durable",
                rule_id=name.split("#")[0],
            )
        if current and used + tests > SHARD_TESTS:
            shards.append(current)
            current, used = [], 0
        current.append((name, condition))
        used += tests
    if current:
        shards.append(current)
    return shards


class _Shard:
    __slots__ = ("fields", "handle", "names")

    def __init__(self, handle: int, fields: tuple[tuple[str, str], ...], names: dict[str, str]) -> None:
        self.handle = handle
        self.fields = fields  # (fact, '"engine property":') for each fact the shard reads
        self.names = names  # engine rule name ("r3") → condition name


class DurableRules:
    """Resolved conditions compiled into durable_rules rulesets (shards of at most 48 tests).

    One durable rule per condition, named by it; every fact is asserted into the same session
    and retracted once the fired rules are read.
    """

    backend = "durable"

    def __init__(self, conditions: Sequence[tuple[str, Condition]], *, types: Mapping[str, str]) -> None:
        from ..rules import facts_read

        self._thread = threading.get_ident()
        self._broken: str | None = None
        self._encoders = {name: _ENCODERS[kind] for name, kind in types.items()}
        items = [(name, negation_normal_form(_bool_rule(cond))) for name, cond in conditions]
        shards: list[_Shard] = []
        try:
            for group in _shards(items):
                reads = list(dict.fromkeys(f for _, cond in group for f in facts_read(cond)))
                # Facts and rules go in under short positional names, chosen so that no two
                # hash alike (durable_rules compares property names by a 32-bit hash).
                taken = {_fnv1a32(name) for name in _RESERVED}
                props = dict(zip(reads, _names("f", len(reads), taken), strict=True))
                fields = tuple((f, f'"{props[f]}":') for f in reads)
                definition = ruleset_json(group, props)
                handle = _call(_dre.create_ruleset, "compile a ruleset", f"partyrules{next(_counter)}", definition)
                shards.append(_Shard(handle, fields, {f"r{i}": name for i, (name, _) in enumerate(group)}))
        except BaseException:
            _release(tuple(s.handle for s in shards))
            raise
        self._shards = tuple(shards)
        self._ids = itertools.count()
        self._finalizer = weakref.finalize(self, _release, tuple(s.handle for s in shards))

    @property
    def shards(self) -> int:
        """How many durable rulesets the conditions were split into."""
        return len(self._shards)

    def _encode(self, facts: Mapping[str, FactValue]) -> dict[str, str]:
        """Each fact read, written once for all shards; a wrong type or NaN is refused."""
        encoded = {}
        encoders = self._encoders
        for name, value in facts.items():
            encode = encoders.get(name)
            if encode is None:
                continue
            try:
                encoded[name] = encode(value)
            except TypeError:
                raise EngineError(
                    f"fact {name!r} = {value!r} is not of its declared type; durable_rules would compare it loosely",
                    backend="durable",
                ) from None
        return encoded

    def fired(self, facts: Mapping[str, FactValue]) -> frozenset[str]:
        if threading.get_ident() != self._thread:
            raise ThreadAffinityError(
                "a compiled durable_rules ruleset was used from another thread than the one "
                "that compiled it; compile one per thread (the Evaluator does)",
                backend="durable",
            )
        if self._broken is not None:
            raise EngineError(
                f"this compiled ruleset is unusable after an earlier engine error ({self._broken}); compile it again",
                backend="durable",
            )
        fid = next(self._ids)
        if _fnv1a32(str(fid)) == _STATE_ID_HASH:  # would be taken for the session's state fact
            fid = next(self._ids)
        # Encode first: a value refused here leaves the engine untouched and usable.
        encoded = self._encode(facts)
        identity = str(fid) if type(fid) is int else json.dumps(fid)
        head = f'{{"sid":"0","id":{identity},"{ANCHOR_FIELD}":1'
        texts = [
            head + "".join(f",{prop}{encoded[name]}" for name, prop in shard.fields if name in encoded) + "}"
            for shard in self._shards
        ]
        fired: set[str] = set()
        add = fired.add
        assert_fact = _dre.assert_fact
        start = _dre.start_action_for_state
        complete = _dre.complete_and_start_action
        retract = _dre.retract_fact
        try:
            for shard, text in zip(self._shards, texts, strict=True):
                handle, names = shard.handle, shard.names
                code, state = assert_fact(handle, text)
                if code == 0:
                    reply = start(handle, state)
                    message = reply[1] if reply else None
                    while message:
                        add(names[message[2 : message.index('"', 2)]])
                        message = complete(handle, state)
                elif code != 1:  # 1: no rule matched; 2 or 3 would silently drop the subject
                    raise EngineError(
                        f"durable_rules did not take the subject: {ERROR_CODES.get(code, code)} (code {code})",
                        backend="durable",
                        code=code,
                    )
                retract(handle, text)
        except _dre.error as exc:
            self._broken = str(exc)
            raise _error(exc, "evaluate a subject") from exc
        except MemoryError as exc:
            self._broken = "out of memory"
            raise EngineLimitError(
                f"durable_rules failed to evaluate a subject: {ERROR_CODES[101]} (error code 101)",
                backend="durable",
                code=101,
            ) from exc
        except BaseException as exc:
            self._broken = str(exc) or type(exc).__name__
            raise
        return frozenset(fired)

    def close(self) -> None:
        self._finalizer()
