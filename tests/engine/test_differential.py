"""Differential tests: the durable_rules backend must agree with the interpreter, the oracle.

Random schemas, random type-correct condition trees (1 to 60 at once, so that the backend splits
them into several durable rulesets) and random facts (integers, floats such as 1e-05 and 1e16,
zero and -0.0, negatives, booleans, texts, missing facts), evaluated one subject after another on
the same compiled rules.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import attrs
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from partyrules import Evaluation, Evaluator, InputError, Problem, Subject
from partyrules.conditions import AllOf, AnyOf, Compare, Condition, In, facts_read, negation_normal_form
from partyrules.engine.interpret import InterpretedRules, compile_condition, evaluate
from partyrules.errors import EngineError
from partyrules.facts import FactType, FactValue, Schema
from partyrules.testing.strategies import conditions, fact_maps, numbers, schemas, texts
from support import FRAMEWORK, SCHEMA

pytest.importorskip("durable_rules_engine")

from partyrules.engine.durable import DurableRules

#: The documented limits of one durable rule (partyrules.engine.durable): tests and expression
#: slots (each and/or takes two, plus two for the anchoring and).
RULE_TESTS = 48
RULE_SLOTS = 31


def _footprint(condition: Condition) -> tuple[int, int]:
    """(comparisons, and/or nodes) of a condition in negation normal form, an ``is_in`` of
    several values counting as an ``any_of`` of ``==`` comparisons."""
    if isinstance(condition, Compare):
        return 1, 0
    if isinstance(condition, In):
        return len(condition.values), int(len(condition.values) > 1)
    assert isinstance(condition, AllOf | AnyOf), "negation normal form has no not_"
    tests, nodes = 0, 1
    for item in condition.items:
        t, n = _footprint(item)
        tests += t
        nodes += n
    return tests, nodes


def fits_one_durable_rule(condition: Condition) -> bool:
    """Whether a condition stays within the documented limits of one durable rule."""
    tests, nodes = _footprint(negation_normal_form(condition))
    return tests <= RULE_TESTS and 2 * nodes + 2 <= RULE_SLOTS


def types_of(schema: Schema) -> dict[str, str]:
    """The schema type of every fact, as the backends take them."""
    return {name: spec.type.value for name in schema.names if (spec := schema.spec(name)) is not None}


@attrs.frozen
class Case:
    """Named conditions over one schema, and the facts of the subjects evaluated in turn."""

    schema: Schema
    named: tuple[tuple[str, Condition], ...]
    subjects: tuple[dict[str, FactValue], ...]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """A random schema, 1 to 60 conditions that fit durable rules, and 1 to 4 subjects."""
    schema = draw(schemas())
    trees = conditions(schema).filter(fits_one_durable_rule)
    count = draw(st.integers(1, 60))
    found = draw(st.lists(trees, min_size=count, max_size=count))
    named = tuple((f"c{index}", condition) for index, condition in enumerate(found))
    facts = fact_maps(schema, missing=True)
    subjects = draw(st.lists(facts, min_size=1, max_size=4))
    return Case(schema, named, tuple(subjects))


@given(case=cases())
def test_durable_agrees_with_interpreter(case: Case) -> None:
    """On every subject, DurableRules fires exactly the conditions the interpreter says hold
    (where their facts are all present), and agrees with the three-valued evaluation wherever
    that is decided, missing facts or not."""
    durable = DurableRules(case.named, types=types_of(case.schema))
    python = InterpretedRules(case.named)
    event(f"durable rulesets: {durable.shards}")
    try:
        for facts in case.subjects:
            fired = durable.fired(facts)
            oracle = python.fired(facts)
            for name, condition in case.named:
                if set(facts_read(condition)) <= facts.keys():
                    expected = compile_condition(condition)(facts)
                    assert expected == (name in oracle), (name, condition, facts)
                    assert expected == (name in fired), (name, condition, facts)
                decided = evaluate(condition, facts)
                if decided is not None:
                    assert decided == (name in fired), (name, condition, facts)
    finally:
        durable.close()


def _wrong_values(kind: FactType) -> st.SearchStrategy[FactValue]:
    """Values that are not finite values of a fact type (an integer is a valid float)."""
    non_finite = st.sampled_from((math.nan, math.inf, -math.inf))
    if kind is FactType.INT:
        return st.one_of(st.floats(), st.booleans(), texts())
    if kind is FactType.FLOAT:
        return st.one_of(non_finite, st.booleans(), texts())
    if kind is FactType.BOOL:
        return st.one_of(numbers(), texts())
    return st.one_of(numbers(), st.booleans())


@st.composite
def wrong_values(draw: st.DrawFn) -> tuple[Schema, Condition, FactValue]:
    """A one-fact schema, a condition on it, and a value that is not a finite value of its type."""
    schema = draw(schemas(max_facts=1))
    value = draw(_wrong_values(schema.facts[0].type))
    return schema, draw(conditions(schema, max_depth=2)), value


@given(case=wrong_values())
def test_durable_refuses_values_of_the_wrong_type(case: tuple[Schema, Condition, FactValue]) -> None:
    """A value of the wrong type (a text or a boolean for a number, a number for a text...) or a
    NaN/infinity is refused with EngineError instead of being compared loosely by durable_rules."""
    schema, condition, value = case
    durable = DurableRules([("c", condition)], types=types_of(schema))
    try:
        with pytest.raises(EngineError):
            durable.fired({schema.facts[0].name: value})
    finally:
        durable.close()


# -- the evaluator ---------------------------------------------------------------------------------

#: The constants the demo framework's rules compare facts with, to evaluate right at them.
BOUNDARIES: dict[str, tuple[FactValue, ...]] = {
    "regular_meetings_held": (12,),
    "thematic_meetings_held": (4,),
    "attendance": (0.85,),
    "members_good": (5,),
    "members_total": (10,),
}


@pytest.fixture(scope="module")
def evaluators() -> Iterator[dict[str, Evaluator]]:
    """One evaluator per backend over the demo framework, shared by every example."""
    built = {backend: Evaluator(FRAMEWORK, backend=backend) for backend in ("durable", "python")}
    yield built
    for evaluator in built.values():
        evaluator.close()


def _outcome(evaluator: Evaluator, subject: Subject) -> Evaluation | tuple[Problem, ...]:
    """The evaluation of a subject, or the problems its facts have."""
    try:
        return evaluator.evaluate(subject)
    except InputError as error:
        return error.problems


@given(
    facts=st.booleans().flatmap(lambda missing: fact_maps(SCHEMA, missing=missing, boundaries=BOUNDARIES)),
    period=st.sampled_from((2023, 2024, 2025, 2026)),
)
def test_evaluator_backends_agree(evaluators: dict[str, Evaluator], facts: dict[str, FactValue], period: int) -> None:
    """The Evaluator gives the same evaluation and the same trace with backend="durable" and
    backend="python" (apart from the backend named in them), missing facts included."""
    subject = Subject("cell-1", "cell", period, facts)
    durable = _outcome(evaluators["durable"], subject)
    python = _outcome(evaluators["python"], subject)
    if isinstance(python, tuple):
        assert python == durable
        return
    assert not isinstance(durable, tuple), durable
    event(f"complete: {python.complete}")
    assert "durable" == durable.backend
    assert python == attrs.evolve(durable, backend="python")
    assert evaluators["python"].trace(python) == attrs.evolve(evaluators["durable"].trace(durable), backend="python")


def test_evaluator_backends_agree_on_a_good_cell(evaluators: dict[str, Evaluator]) -> None:
    """A sanity anchor for the property above: a school cell meeting every rule gets full points
    in both dimensions and is Four-Good, on both backends."""
    facts: dict[str, FactValue] = {
        "regular_meetings_held": 12,
        "thematic_meetings_held": 4,
        "attendance": 0.9,
        "disunity": False,
        "cell_kind": "school",
        "score_general": 28.0,
        "score_tasks": 64.0,
        "members_total": 10,
        "members_good": 9,
    }
    for backend, evaluator in evaluators.items():
        evaluation = evaluator.evaluate(Subject("cell-1", "cell", 2024, facts))
        assert backend == evaluation.backend
        assert (True, True) == (evaluation.complete, evaluation.four_good)
        assert [10.0 + 10.0 + 5.0, 10.0] == [d.score for d in evaluation.dimensions]
