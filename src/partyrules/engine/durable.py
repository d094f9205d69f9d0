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

import functools
import itertools
import json
import operator
import re
import threading
import weakref
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import durable_rules_engine as _dre

from ..conditions import Condition, facts_read
from ..conditions import negation_normal_form as nnf
from ..errors import EngineError, EngineLimitError, ThreadAffinityError
from ..facts import FactValue
from ..text.catalogue import msg
from ._durable_json import (
    ANCHOR_FIELD,
    ENCODERS,
    RESERVED,
    STATE_ID_HASH,
    bool_rule,
    engine_names,
    fnv1a32,
    number,
    ruleset_json,
    shards,
)

__all__ = ["ERROR_CODES", "DurableRules", "number"]

#: durable_rules' error codes (``src/rules/rules.h``); their meanings are in the catalogue
#: (``durable.code.<code>``).
ERROR_CODES: tuple[int, ...] = (
    1, 2, 3, 101, 102, 105, 106, 107, 108, 109, 111, 112, 113, 201, 202, 203, 204, 205, 302, 303, 304, 309, 314,
)  # fmt: skip
_LIMIT_CODES = {101, 106, 107, 108, 112, 113, 302, 303, 304, 314}
_CODE = re.compile(r"error code: (\d+)")
_counter = itertools.count()
_ABSENT = object()


def _meaning(code: int | None) -> Any:
    return msg(f"durable.code.{code}") if code in ERROR_CODES else msg("durable.code.unknown", code=code)


def _failed(what: str, meaning: Any, code: int | None) -> Any:
    key = "durable.failed" if code is None else "durable.failed_code"
    return msg(key, what=msg(what), meaning=meaning, code=code)


def _error(exc: Exception, what: str, rule_id: str | None = None) -> EngineError:
    match = _CODE.search(str(exc))
    code = int(match.group(1)) if match else None
    meaning = _meaning(code) if code is not None else str(exc)
    cls = EngineLimitError if code in _LIMIT_CODES else EngineError
    return cls(_failed(what, meaning, code), backend="durable", code=code, rule_id=rule_id)


def _call(func: Callable[..., Any], what: str, *args: Any) -> Any:
    try:
        return func(*args)
    except _dre.error as exc:
        raise _error(exc, what) from exc
    except MemoryError as exc:  # durable_rules raises MemoryError for its error code 101
        raise EngineLimitError(_failed(what, _meaning(101), 101), backend="durable", code=101) from exc


def _release(handles: tuple[int, ...]) -> None:
    for handle in handles:
        try:
            _dre.delete_ruleset(handle)
        except _dre.error:  # pragma: no cover - nothing more can be done at shutdown
            pass


class _Shard:
    __slots__ = ("fields", "handle", "names", "types")

    def __init__(
        self,
        handle: int,
        fields: tuple[tuple[str, str, Callable[[object], str]], ...],
        names: dict[str, str],
        types: tuple[str, ...],
    ) -> None:
        self.handle = handle
        self.fields = fields  # (fact, ',"engine property":', encoder) for each typed fact the shard reads
        self.names = names  # engine rule name ("r3") → condition name
        self.types = types  # each field's fact type (int, float, bool, str)


class DurableRules:
    """Resolved conditions compiled into durable_rules rulesets (shards of at most 48 tests).

    One durable rule per condition, named by it; every fact is asserted into the same session
    and retracted once the fired rules are read.
    """

    backend = "durable"

    def __init__(self, conditions: Sequence[tuple[str, Condition]], *, types: Mapping[str, str]) -> None:
        self._thread = threading.get_ident()
        self._broken: str | None = None
        self._encoders = {name: ENCODERS[kind] for name, kind in types.items()}
        self._types = dict(types)
        items = [(name, nnf(bool_rule(cond))) for name, cond in conditions]
        compiled: list[_Shard] = []
        try:
            for group in shards(items):
                reads = list(dict.fromkeys(f for _, cond in group for f in facts_read(cond)))
                # Facts and rules go in under short positional names, chosen so that no two
                # hash alike (durable_rules compares property names by a 32-bit hash).
                taken = {fnv1a32(name) for name in RESERVED}
                props = dict(zip(reads, engine_names("f", len(reads), taken), strict=True))
                typed = [f for f in reads if f in self._encoders]
                fields = tuple((f, f',"{props[f]}":', self._encoders[f]) for f in typed)
                definition = ruleset_json(group, props)
                handle = _call(_dre.create_ruleset, "durable.what.compile", f"partyrules{next(_counter)}", definition)
                names = {f"r{i}": name for i, (name, _) in enumerate(group)}
                compiled.append(_Shard(handle, fields, names, tuple(self._types[f] for f in typed)))
        except BaseException:
            _release(tuple(s.handle for s in compiled))
            raise
        self._shards = tuple(compiled)
        self._names = tuple(shard.names for shard in self._shards)
        self._ids = itertools.count()
        self._finalizer = weakref.finalize(self, _release, tuple(s.handle for s in compiled))

    @property
    def shards(self) -> int:
        """How many durable rulesets the conditions were split into."""
        return len(self._shards)

    def _bodies(self, facts: Mapping[str, FactValue]) -> list[str]:
        """Each shard's fact as durable_rules' JSON, after its identity: the facts it reads, each
        checked against its type as it is written (a wrong type or NaN is refused)."""
        texts = []
        get = facts.get
        for shard in self._shards:
            parts = []
            for name, prop, encode in shard.fields:
                value = get(name, _ABSENT)
                if value is _ABSENT:
                    continue
                try:
                    parts.append(prop + encode(value))
                except TypeError:
                    raise EngineError(
                        msg("durable.wrong_type", name=name, value=repr(value)[:60]), backend="durable"
                    ) from None
            parts.append("}")
            texts.append("".join(parts))
        return texts

    def fired(self, facts: Mapping[str, FactValue]) -> frozenset[str]:
        """The names of the conditions that hold for ``facts``."""
        return frozenset(self._run(facts, self._names))

    def mask_table(self, bits: Mapping[str, int]) -> tuple[dict[str, int], ...]:
        """For :meth:`fired_mask`: each shard's engine rule names mapped to ``bits`` of their
        conditions (0 for a condition ``bits`` leaves out)."""
        return tuple({rule: bits.get(name, 0) for rule, name in shard.names.items()} for shard in self._shards)

    def fired_mask(self, facts: Mapping[str, FactValue], table: tuple[dict[str, int], ...]) -> int:
        """The bits (of :meth:`mask_table`) of the conditions that hold for ``facts``."""
        return functools.reduce(operator.or_, self._run(facts, table), 0)

    def shard_fields(self) -> tuple[tuple[tuple[str, str, str], ...], ...]:
        """For :meth:`fired_mask_written`: each shard's facts, as (fact, the text that comes
        before its value, its type), in the order the shard's fact is written."""
        return tuple(
            tuple((name, prop, kind) for (name, prop, _), kind in zip(shard.fields, shard.types, strict=True))
            for shard in self._shards
        )

    def fired_mask_written(self, bodies: Sequence[str], table: tuple[dict[str, int], ...]) -> int:
        """:meth:`fired_mask` of facts the caller already wrote and checked: for each shard, the
        text of its fields (:meth:`shard_fields`, each value written as its type's encoder
        writes it) and the closing brace.  The evaluator's generated code writes them from
        values it validated, so nothing is written twice."""
        return functools.reduce(operator.or_, self._fire(bodies, table), 0)

    def _run(self, facts: Mapping[str, FactValue], tables: tuple[Mapping[str, Any], ...]) -> list[Any]:
        """Assert ``facts`` into each shard, collect the table entry of each rule that fired
        (an ``$or`` fires once per true branch: entries may repeat), retract."""
        # Encode first: a value refused here leaves the engine untouched and usable.
        return self._fire(self._bodies(facts), tables)

    def _fire(self, bodies: Sequence[str], tables: Sequence[Mapping[str, Any]]) -> list[Any]:
        if threading.get_ident() != self._thread:
            raise ThreadAffinityError(msg("durable.thread"), backend="durable")
        if self._broken is not None:
            raise EngineError(msg("durable.broken", cause=self._broken), backend="durable")
        fid = next(self._ids)
        if fnv1a32(str(fid)) == STATE_ID_HASH:  # would be taken for the session's state fact
            fid = next(self._ids)
        identity = str(fid) if type(fid) is int else json.dumps(fid)
        head = f'{{"sid":"0","id":{identity},"{ANCHOR_FIELD}":1'
        texts = [head + body for body in bodies]
        found: list[Any] = []
        add = found.append
        assert_fact = _dre.assert_fact
        start = _dre.start_action_for_state
        complete = _dre.complete_and_start_action
        retract = _dre.retract_fact
        try:
            for shard, table, text in zip(self._shards, tables, texts, strict=True):
                handle = shard.handle
                code, state = assert_fact(handle, text)
                if code == 0:
                    reply = start(handle, state)
                    message = reply[1] if reply else None
                    while message:
                        add(table[message[2 : message.index('"', 2)]])
                        message = complete(handle, state)
                elif code != 1:  # 1: no rule matched; 2 or 3 would silently drop the subject
                    raise EngineError(
                        msg("durable.not_taken", meaning=_meaning(code), code=code), backend="durable", code=code
                    )
                retract(handle, text)
        except _dre.error as exc:
            self._broken = str(exc)
            raise _error(exc, "durable.what.evaluate") from exc
        except MemoryError as exc:
            self._broken = "out of memory"
            raise EngineLimitError(
                _failed("durable.what.evaluate", _meaning(101), 101), backend="durable", code=101
            ) from exc
        except BaseException as exc:
            self._broken = str(exc) or type(exc).__name__
            raise
        return found

    def close(self) -> None:
        self._finalizer()
