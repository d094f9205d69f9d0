"""One test per known pitfall of durable_rules 2.0.28, and how the durable backend neutralises it.

Each test first shows, where that is safe, that the pitfall is real on the raw
``durable_rules_engine`` module (so the test would fail if the neutralisation were removed), then
that :class:`~partyrules.engine.durable.DurableRules` (or the Evaluator) gives the right answer.
Raw demonstrations that hang or corrupt the process run in a subprocess with a timeout.
"""

from __future__ import annotations

import itertools
import json
import math
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import attrs
import pytest

from partyrules import Evaluator, InputError, Subject
from partyrules.conditions import AllOf, AnyOf, Compare, Condition, fact
from partyrules.engine.interpret import InterpretedRules
from partyrules.errors import EngineError, EngineLimitError, ThreadAffinityError
from partyrules.facts import FactValue
from support import FRAMEWORK, SCHEMA, good_cell_facts

dre = pytest.importorskip("durable_rules_engine")

from partyrules.engine.durable import DurableRules, number  # noqa: E402

_raw_names = itertools.count()


@attrs.define
class Raw:
    """Raw durable_rules rulesets for demonstrations, deleted after the test."""

    handles: list[int] = attrs.field(factory=list)

    def ruleset(self, rules: Mapping[str, Any]) -> int:
        handle: int = dre.create_ruleset(f"raw{next(_raw_names)}", json.dumps(rules))
        self.handles.append(handle)
        return handle

    def assert_fact(self, handle: int, facts: Mapping[str, Any], *, event: bool = False) -> list[str]:
        """Assert one fact (or event), drain every action, and return the rules fired, in order."""
        text = json.dumps(facts)
        code, state = (dre.assert_event if event else dre.assert_fact)(handle, text)
        fired = self.drain(handle, state) if code == 0 else []
        if not event:
            dre.retract_fact(handle, text)
        return fired

    @staticmethod
    def drain(handle: int, state: int) -> list[str]:
        fired: list[str] = []
        reply = dre.start_action_for_state(handle, state)
        message = reply[1] if reply else None
        while message:
            fired.extend(json.loads(message))
            message = dre.complete_and_start_action(handle, state)
        return fired


@pytest.fixture
def raw() -> Iterator[Raw]:
    """A helper for raw durable_rules rulesets, deleted at the end of the test."""
    helper = Raw()
    yield helper
    for handle in helper.handles:
        dre.delete_ruleset(handle)


def compiled(conditions: Sequence[tuple[str, Condition]], **types: str) -> DurableRules:
    """Conditions compiled by the durable backend (facts typed by keyword: ``x="int"``)."""
    return DurableRules(conditions, types=types)


def run_python(code: str, timeout: float) -> subprocess.CompletedProcess[str]:
    """Run a raw durable_rules demonstration in a separate interpreter."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=timeout
    )


def cell(period: int = 2024, **changes: FactValue) -> Subject:
    """A cell of the demo framework meeting every rule, but for ``changes``."""
    return Subject(f"cell-{period}", "cell", period, good_cell_facts(**changes))  # type: ignore[arg-type]


def fnv1a32(text: str) -> int:
    """The 32-bit FNV-1a hash durable_rules gives fact identities and property names."""
    value = 0x811C9DC5
    for byte in text.encode():
        value = ((value ^ byte) * 16777619) & 0xFFFFFFFF
    return value


# -- events ------------------------------------------------------------------------------------


def test_an_event_fires_only_one_rule(raw: Raw) -> None:
    """Pitfall: an event (assert_event) fires only one of the rules it matches.  Neutralised:
    every subject is asserted as a fact."""
    rules = {
        "positive": {"all": [{"m": {"$gt": {"x": 0}}}]},
        "above_one": {"all": [{"m": {"$gt": {"x": 1}}}]},
        "below_ten": {"all": [{"m": {"$lt": {"x": 10}}}]},
    }
    handle = raw.ruleset(rules)
    assert 1 == len(raw.assert_fact(handle, {"id": "e1", "x": 5}, event=True))
    assert {"positive", "above_one", "below_ten"} == set(raw.assert_fact(handle, {"id": "f1", "x": 5}))

    ours = compiled([("positive", fact("x") > 0), ("above_one", fact("x") > 1), ("below_ten", fact("x") < 10)], x="int")
    assert {"positive", "above_one", "below_ten"} == ours.fired({"x": 5})


# -- sessions ----------------------------------------------------------------------------------


def test_at_most_1024_live_sessions() -> None:
    """Pitfall: a ruleset holds at most 1,024 live sessions (sids); the 1,025th fails with a
    MemoryError and leaves the handle corrupted.  Neutralised: every subject uses the same
    session and is retracted once read, so 3,000 subjects run on one compiled ruleset."""
    demo = run_python(
        """
        import json, durable_rules_engine as dre
        h = dre.create_ruleset("sessions", json.dumps({"r": {"all": [{"m": {"x": 1}}]}}))
        for i in range(1100):
            try:
                dre.assert_fact(h, json.dumps({"sid": "s%d" % i, "id": "a", "x": 2}))
            except MemoryError:
                print(i + 1)
                break
        """,
        timeout=60,
    )
    assert "1025" == demo.stdout.strip()

    ours = compiled([("high", fact("x") >= 1500), ("low", fact("x") < 10)], x="int")
    for value in range(3000):
        expected = {"high"} if value >= 1500 else {"low"} if value < 10 else set()
        assert expected == ours.fired({"x": value}), value


# -- identities --------------------------------------------------------------------------------


def test_fact_identities_hash_to_32_bits(raw: Raw) -> None:
    """Pitfall: fact ids are compared by their 32-bit hash only, so "f6059" and "f264602" are the
    same fact: while one is asserted, the other is silently ignored (code 2).  Neutralised: only
    one subject's fact is live at a time, so two subjects whose ids collide are both right."""
    assert fnv1a32("f6059") == fnv1a32("f264602")
    handle = raw.ruleset({"r": {"all": [{"m": {"$gt": {"x": 0}}}]}})
    assert 0 == dre.assert_fact(handle, json.dumps({"id": "f6059", "x": 1}))[0]
    assert 2 == dre.assert_fact(handle, json.dumps({"id": "f264602", "x": 2}))[0]

    ours = compiled([("one", fact("x") == 1), ("two", fact("x") == 2)], x="int")
    ours._ids = iter(["f6059", "f264602"])  # type: ignore[assignment]
    assert {"one"} == ours.fired({"x": 1})
    assert {"two"} == ours.fired({"x": 2})


def test_fact_names_hash_to_32_bits(raw: Raw) -> None:
    """Pitfall: property names are also compared by their 32-bit hash, so facts named "f6059"
    and "f264602" are one property to durable_rules.  Expected: such names are refused when the
    rules are compiled (EngineLimitError), or evaluated right."""
    handle = raw.ruleset({"r": {"all": [{"m": {"f6059": 1}}]}})
    assert ["r"] == raw.assert_fact(handle, {"id": "a", "f264602": 1})

    conditions = [("r", fact("f6059") == 1), ("q", fact("f264602") == 2)]
    try:
        ours = compiled(conditions, f6059="int", f264602="int")
    except EngineLimitError:
        return
    assert set() == ours.fired({"f264602": 1})
    assert {"r", "q"} == ours.fired({"f6059": 1, "f264602": 2})


def test_a_subject_id_colliding_with_the_state_fact() -> None:
    """Pitfall: every session holds a state fact with id "sid-0", and the decimal id
    8,765,828,924 hashes like it, so the subject asserted with that id is ignored (code 2).
    Expected: DurableRules skips such ids (here reached by starting its counter just before)."""
    assert fnv1a32("sid-0") == fnv1a32("8765828924")
    ours = compiled([("r", fact("x") > 0)], x="int")
    ours._ids = itertools.count(8765828923)
    assert [{"r"}, {"r"}, set()] == [ours.fired({"x": 1}), ours.fired({"x": 1}), ours.fired({"x": 0})]


# -- or ----------------------------------------------------------------------------------------


def test_an_or_fires_once_per_true_branch(raw: Raw) -> None:
    """Pitfall: an "$or" fires its rule once per branch that holds.  Neutralised: the names of
    the rules fired are collected into a set."""
    handle = raw.ruleset(
        {
            "either": {"all": [{"m": {"$or": [{"$gt": {"x": 0}}, {"$gt": {"y": 0}}]}}]},
            "nested": {
                "all": [
                    {
                        "m": {
                            "$and": [
                                {"z": 1},
                                {
                                    "$or": [
                                        {"$and": [{"$gt": {"x": 0}}, {"$or": [{"$gt": {"y": 0}}, {"$gt": {"w": 0}}]}]},
                                        {"q": 1},
                                    ]
                                },
                            ]
                        }
                    }
                ]
            },
        }
    )
    assert ["either", "either"] == raw.assert_fact(handle, {"id": "a", "x": 1, "y": 1})
    assert 3 == raw.assert_fact(handle, {"id": "b", "z": 1, "x": 1, "y": 1, "w": 1, "q": 1}).count("nested")

    either = (fact("x") > 0) | (fact("y") > 0)
    nested = (fact("z") == 1) & (((fact("x") > 0) & ((fact("y") > 0) | (fact("w") > 0))) | (fact("q") == 1))
    ours = compiled([("either", either), ("nested", nested)], x="int", y="int", z="int", w="int", q="int")
    assert frozenset({"either", "nested"}) == ours.fired({"x": 1, "y": 1, "z": 1, "w": 1, "q": 1})
    assert frozenset({"either"}) == ours.fired({"x": 1, "y": 1, "z": 0, "w": 1, "q": 1})


# -- numbers -----------------------------------------------------------------------------------


def test_exponent_numbers_in_rules_and_facts(raw: Raw) -> None:
    """Pitfall: durable_rules' parser rejects "1e-05" and "1e+16" (error 204), which is how
    Python's json writes 0.00001 and 10**16.  Neutralised: every number is written in plain
    decimal notation, in rules and in facts."""
    with pytest.raises(dre.error, match="error code: 204"):
        raw.ruleset({"r": {"all": [{"m": {"$gt": {"x": 1e-05}}}]}})
    handle = raw.ruleset({"r": {"all": [{"m": {"$gt": {"x": 0}}}]}})
    with pytest.raises(dre.error, match="error code: 204"):
        dre.assert_fact(handle, json.dumps({"id": "a", "x": 1e16}))

    assert ("0.00001", "10000000000000000.0", "0.000015") == (number(1e-05), number(1e16), number(1.5e-05))
    ours = compiled(
        [
            ("tiny", fact("x") >= 1e-05),
            ("below", fact("x") < 1.5e-05),
            ("exact", fact("x") == 1e-05),
            ("huge", fact("x") > 1e16),
        ],
        x="float",
    )
    assert {"tiny", "below", "exact"} == ours.fired({"x": 1e-05})
    assert {"tiny"} == ours.fired({"x": 1.5e-05})
    assert {"tiny"} == ours.fired({"x": 1e16})
    assert {"tiny", "huge"} == ours.fired({"x": 1e20})
    assert {"below"} == ours.fired({"x": -0.0})


def test_huge_integers_saturate(raw: Raw) -> None:
    """Pitfall: integers beyond 64 bits saturate: 10**20 is read as 2**63 - 1.  Neutralised:
    they are written as doubles, so 10**20 compares as 10**20."""
    handle = raw.ruleset({"int64_max": {"all": [{"m": {"x": 2**63 - 1}}]}})
    assert ["int64_max"] == raw.assert_fact(handle, {"id": "a", "x": 10**20})

    assert "100000000000000000000.0" == number(10**20)
    conditions: list[tuple[str, Condition]] = [
        ("exact", fact("x") == 10**20),
        ("above_int64", fact("x") > 2**63),
        ("int64_max", fact("x") == 2**63 - 1),
    ]
    ours = compiled(conditions, x="float")
    assert {"exact", "above_int64"} == ours.fired({"x": 10**20})
    assert {"exact", "above_int64"} == ours.fired({"x": 1e20})
    assert {"int64_max"} == ours.fired({"x": 2**63 - 1})


def test_huge_integer_in_an_int_fact() -> None:
    """Pitfall: integers beyond 64 bits saturate, in an ``int`` fact as well.  Expected: the
    value 10**20 of an int fact compares as 10**20, as it does in a float fact."""
    ours = compiled([("exact", fact("x") == 10**20), ("above_int64", fact("x") > 2**63)], x="int")
    assert {"exact", "above_int64"} == ours.fired({"x": 10**20})


def test_nan_and_infinity_are_refused(raw: Raw) -> None:
    """Pitfall: durable_rules reads NaN as null and rejects Infinity.  Neutralised: ``number``
    and the backend refuse non-finite numbers (EngineError), and schema validation refuses them
    first (InputError)."""
    handle = raw.ruleset({"null": {"all": [{"m": {"x": None}}]}})
    assert ["null"] == raw.assert_fact(handle, {"id": "a", "x": math.nan})
    with pytest.raises(dre.error, match="error code: 202"):
        dre.assert_fact(handle, json.dumps({"id": "b", "x": math.inf}))

    for value in (math.nan, math.inf, -math.inf):
        with pytest.raises(EngineError):
            number(value)
        with pytest.raises(EngineError):
            compiled([("r", fact("x") > 0)], x="float").fired({"x": value})
        with pytest.raises(EngineError):
            compiled([("r", fact("x") < value)], x="float")
    facts, problems = SCHEMA.validate({"attendance": math.nan, "score_general": math.inf})
    assert {} == facts
    assert ["$.attendance", "$.score_general"] == [p.path for p in problems]
    with Evaluator(FRAMEWORK, backend="durable") as evaluator, pytest.raises(InputError):
        evaluator.evaluate(cell(attendance=math.nan))


def test_strings_and_numbers_compare_loosely(raw: Raw) -> None:
    """Pitfall: durable_rules compares a text with a number as texts ("13" >= 12 holds, "100" >= 12
    does not) and a boolean as 0/1.  Neutralised: a value not of its fact's declared type is
    refused (EngineError), and schema validation refuses it first."""
    handle = raw.ruleset({"at_least_12": {"all": [{"m": {"$gte": {"x": 12}}}]}, "one": {"all": [{"m": {"x": 1}}]}})
    assert ["at_least_12"] == raw.assert_fact(handle, {"id": "a", "x": "13"})
    assert [] == raw.assert_fact(handle, {"id": "b", "x": "100"})
    assert ["one"] == raw.assert_fact(handle, {"id": "c", "x": True})

    for value in ("13", "100", True, 12.5):
        ours = compiled([("at_least_12", fact("x") >= 12), ("one", fact("x") == 1)], x="int")
        with pytest.raises(EngineError):
            ours.fired({"x": value})
    text = compiled([("school", fact("kind") == "12")], kind="str")
    with pytest.raises(EngineError):
        text.fired({"kind": 12})
    _, problems = SCHEMA.validate({"regular_meetings_held": "13", "disunity": 1, "cell_kind": 12})
    assert ["$.regular_meetings_held", "$.disunity", "$.cell_kind"] == [p.path for p in problems]


def test_nex_as_a_first_test_misfires_on_the_state_fact(raw: Raw) -> None:
    """Pitfall: the first assert into a session also asserts the session's state fact, and a rule
    whose first test is "$nex" fires for it.  Neutralised: no rule uses "$nex" and every rule
    starts with an anchor test only our facts pass, so the first subject of a fresh ruleset fires
    exactly what the interpreter says."""
    handle = raw.ruleset({"no_x": {"all": [{"m": {"$nex": {"x": 1}}}]}})
    fired = raw.assert_fact(handle, {"id": "a", "y": 1})
    assert ["no_x", "no_x"] == fired

    conditions: list[tuple[str, Condition]] = [
        ("not_one", ~(fact("x") == 1)),
        ("y_one", fact("y") == 1),
        ("none_big", ~((fact("x") > 5) | (fact("y") > 5))),
    ]
    for facts, expected in (({"y": 1}, {"y_one"}), ({"x": 2, "y": 1}, {"not_one", "y_one", "none_big"}), ({}, set())):
        fresh = compiled(conditions, x="int", y="int")
        assert expected == fresh.fired(facts), facts
        assert InterpretedRules(conditions).fired(facts) == fresh.fired(facts)


# -- shape limits ------------------------------------------------------------------------------


def six_hundred_thresholds() -> list[tuple[str, Condition]]:
    """600 rules ``x >= i`` with distinct thresholds: more than 511 distinct tests and more than
    64 tests matching one subject, were they one ruleset."""
    return [(f"at_least_{i}", fact("x") >= i) for i in range(600)]


def test_more_than_511_distinct_tests_hang() -> None:
    """Pitfall: with 512 distinct tests under one node, create_ruleset succeeds and the first
    assert never returns (513: create_ruleset itself hangs).  Neutralised: rules are split into
    rulesets of at most 48 tests, so 600 distinct thresholds compile and evaluate."""
    with pytest.raises(subprocess.TimeoutExpired) as hung:
        run_python(
            """
            import json, durable_rules_engine as dre
            rules = {"r%d" % k: {"all": [{"m": {"$gt": {"x": k}}}]} for k in range(512)}
            h = dre.create_ruleset("hang", json.dumps(rules))
            print("created", flush=True)
            dre.assert_fact(h, json.dumps({"id": "a", "x": 3}))
            print("asserted", flush=True)
            """,
            timeout=3,
        )
    output = hung.value.stdout
    assert "created" == (output.decode() if isinstance(output, bytes) else output or "").strip()

    conditions = six_hundred_thresholds()
    ours = compiled(conditions, x="int")
    oracle = InterpretedRules(conditions)
    assert ours.shards > 1
    for value in (1000, 300, 0, -1):
        expected = {name for name, _ in conditions if value >= int(name.rsplit("_", 1)[1])}
        assert expected == ours.fired({"x": value}) == oracle.fired({"x": value})


def test_more_than_64_matching_tests_fail_with_303(raw: Raw) -> None:
    """Pitfall: when more than 64 sibling tests match one fact, the assert fails with error 303
    (64 work).  Neutralised: at most 48 tests per ruleset, so 600 thresholds all matching fire."""
    handle = raw.ruleset({f"r{k}": {"all": [{"m": {"$gt": {"x": k}}}]} for k in range(65)})
    with pytest.raises(dre.error, match="error code: 303"):
        dre.assert_fact(handle, json.dumps({"id": "a", "x": 1000}))
    handle = raw.ruleset({f"r{k}": {"all": [{"m": {"$gt": {"x": k}}}]} for k in range(64)})
    assert 64 == len(raw.assert_fact(handle, {"id": "a", "x": 1000}))

    conditions = six_hundred_thresholds()
    ours = compiled(conditions, x="int")
    assert {name for name, _ in conditions} == ours.fired({"x": 1000})
    assert 301 == len(ours.fired({"x": 300}))


# -- threads -----------------------------------------------------------------------------------


def test_handles_are_never_shared_across_threads() -> None:
    """Pitfall: durable_rules has no locks; a handle shared by threads is unsafe.  Neutralised:
    a compiled ruleset refuses calls from another thread (ThreadAffinityError), and the Evaluator
    compiles one per thread, so 4 threads evaluating at once get correct results.  (No raw
    demonstration: the GIL happens to serialise the calls.)"""
    ours = compiled([("r", fact("x") > 0)], x="int")
    with ThreadPoolExecutor(1) as pool:
        with pytest.raises(ThreadAffinityError):
            pool.submit(ours.fired, {"x": 1}).result()
    assert {"r"} == ours.fired({"x": 1})

    subjects = [
        cell(2024 + i % 3, regular_meetings_held=i % 13, attendance=(i % 21) / 20, disunity=i % 7 == 0)
        for i in range(400)
    ]
    with Evaluator(FRAMEWORK, backend="python") as python:
        expected = [attrs.evolve(python.evaluate(s), backend="durable") for s in subjects]
    start = threading.Barrier(4, timeout=60)
    threads: set[int] = set()
    with Evaluator(FRAMEWORK, backend="durable") as evaluator:

        def evaluate_quarter(quarter: int) -> list[object]:
            start.wait()  # the 4 threads evaluate at the same time
            threads.add(threading.get_ident())
            return [evaluator.evaluate(s) for s in subjects[quarter::4]]

        with ThreadPoolExecutor(4) as pool:
            quarters = list(pool.map(evaluate_quarter, range(4)))
    results = [quarters[i % 4][i // 4] for i in range(len(subjects))]
    assert 4 == len(threads)
    assert expected == results


# -- errors ------------------------------------------------------------------------------------


def test_engine_errors_become_named_exceptions(raw: Raw, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pitfall: durable_rules reports failures as a bare exception with a numeric code in its
    message (and durable.lang swallows exceptions raised in actions).  Neutralised: no Python
    runs inside the engine, and each code becomes a named EngineError with the code (a deleted
    ruleset: 111); a rule over the engine's limits is refused with an EngineLimitError naming it
    before any handle is created (the raw engine says 113 and leaks the handle)."""
    handle = raw.ruleset({"r": {"all": [{"m": {"x": 1}}]}})
    raw.handles.remove(handle)
    dre.delete_ruleset(handle)
    with pytest.raises(dre.error, match="error code: 111"):
        dre.assert_fact(handle, json.dumps({"id": "a", "x": 1}))

    closed = compiled([("r", fact("x") == 1)], x="int")
    closed.close()
    with pytest.raises(EngineError) as deleted:
        closed.fired({"x": 1})
    assert (111, "durable") == (deleted.value.code, deleted.value.backend)

    raw_pairs = {"$and": [{"$or": [{"$gt": {"x": i}}, {"$lt": {"y": i}}]} for i in range(15)]}
    with pytest.raises(dre.error, match="error code: 113"):
        raw.ruleset({"big": {"all": [{"m": raw_pairs}]}})
    pairs = AllOf(tuple(AnyOf((Compare(">", "x", i), Compare("<", "y", i))) for i in range(15)))
    too_many_tests = AnyOf(tuple(Compare("==", "x", i) for i in range(49)))
    create: Callable[..., int] = _refuse_to_create
    monkeypatch.setattr(dre, "create_ruleset", create)
    for big in (pairs, too_many_tests):
        with pytest.raises(EngineLimitError) as refused:
            compiled([("small", fact("x") == 1), ("big#applies", big)], x="int", y="int")
        assert "big" == refused.value.rule_id


def _refuse_to_create(*args: object) -> int:
    raise AssertionError("create_ruleset was called for a ruleset that should have been refused first")


def test_integers_no_double_holds_exactly_are_refused() -> None:
    """Pitfall: beyond 2**63 durable_rules compares in doubles, so 10**20 + 1 and 10**400 cannot
    be compared exactly there.  Neutralised: such an integer is refused with a named error (no
    traceback, no wrong answer); one that a double holds exactly (10**20) is compared exactly."""
    conditions = [("big", fact("x") > 10**20)]
    durable = DurableRules(conditions, types={"x": "int"})
    assert frozenset() == durable.fired({"x": 10**20})
    for value in (10**20 + 1, 10**400, -(10**400)):
        fresh = DurableRules(conditions, types={"x": "int"})
        with pytest.raises(EngineError, match="not exactly a double"):
            fresh.fired({"x": value})
