"""Unit tests of the interpreter: compiled closures, three-valued evaluation, strict typing."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from partyrules.conditions import AllOf, AnyOf, Compare, Condition, In, Not, Param, fact, negation_normal_form
from partyrules.engine.interpret import InterpretedRules, compile_condition, evaluate
from partyrules.facts import FactValue, Schema
from partyrules.testing.strategies import conditions, fact_maps, schemas

# -- compile_condition ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("op", "value", "constant", "expected"),
    [
        ("<", 1, 2, True),
        ("<", 2, 2, False),
        ("<=", 2, 2, True),
        ("<=", 3, 2, False),
        (">", 3, 2, True),
        (">", 2, 2, False),
        (">=", 2, 2, True),
        (">=", 1, 2, False),
        ("==", 2, 2, True),
        ("==", 2, 3, False),
        ("!=", 2, 3, True),
        ("!=", 2, 2, False),
        ("==", 2, 2.0, True),
        ("==", -0.0, 0, True),
        (">", 1.5e-05, 1e-05, True),
        ("<", 1e16, 1e16 + 2, True),
        (">=", 10**20, 2**63, True),
        ("<", -3, -2.5, True),
        ("==", True, True, True),
        ("!=", True, False, True),
        ("==", "school", "school", True),
        ("==", "school", "School", False),
        ("!=", "", "a", True),
    ],
)
def test_compare_follows_the_operator(op: str, value: FactValue, constant: FactValue, expected: bool) -> None:
    """Each of the six operators compares the fact's value (left) with the constant (right)."""
    assert expected == compile_condition(Compare(op, "x", constant))({"x": value})


@pytest.mark.parametrize(
    ("condition", "value", "expected"),
    [
        (fact("x") == 1, True, False),
        (fact("x") != 1, True, True),
        (fact("x") > 0, True, False),
        (fact("x") >= 1, True, False),
        (fact("x") <= 1, False, False),
        (fact("x") == 0, False, False),
        (fact("x").is_in(1, 0), True, False),
        (fact("x") == True, 1, False),  # noqa: E712 - a condition, not a comparison
        (fact("x") != True, 1, True),  # noqa: E712
        (fact("x") == False, 0, False),  # noqa: E712
        (fact("x") == False, 0.0, False),  # noqa: E712
        (fact("x").is_in(True), 1, False),
    ],
)
def test_a_boolean_is_not_a_number(condition: Condition, value: FactValue, expected: bool) -> None:
    """A boolean never equals, nor orders with, a number (True is not 1); only != holds."""
    assert expected == compile_condition(condition)({"x": value})
    assert expected == evaluate(condition, {"x": value})


@pytest.mark.parametrize(
    ("condition", "value", "expected"),
    [
        (fact("x") >= 12, "13", False),
        (fact("x") < 12, "100", False),
        (fact("x") == 13, "13", False),
        (fact("x") != 13, "13", True),
        (fact("x").is_in(13, 12), "13", False),
        (fact("x") == "13", 13, False),
        (fact("x") != "13", 13, True),
        (fact("x") == "1", 1.0, False),
        (fact("x").is_in("13"), 13, False),
        (fact("x") == "", False, False),
    ],
)
def test_a_text_never_equals_a_number(condition: Condition, value: FactValue, expected: bool) -> None:
    """A text never equals, nor orders with, a number or a boolean ("13" is not 13); only != holds."""
    assert expected == compile_condition(condition)({"x": value})
    assert expected == evaluate(condition, {"x": value})


@pytest.mark.parametrize(
    ("values", "value", "expected"),
    [
        ((1, 2), 2, True),
        ((1, 2), 3, False),
        ((1.0,), 1, True),
        ((1,), 1.0, True),
        (("school", "enterprise"), "school", True),
        (("school", "enterprise"), "hospital", False),
        ((0,), -0.0, True),
    ],
)
def test_is_in_holds_when_the_value_equals_one_member(
    values: tuple[FactValue, ...], value: FactValue, expected: bool
) -> None:
    """``is_in`` holds when the fact equals one of the values (numbers across int and float)."""
    assert expected == compile_condition(In("x", values))({"x": value})


def test_combinations_follow_boolean_logic() -> None:
    """all_of needs every item, any_of at least one, not_ the opposite."""
    low, high = fact("x") > 0, fact("x") < 10
    facts = {"x": 5}
    assert compile_condition(low & high)(facts)
    assert not compile_condition(low & ~high)(facts)
    assert compile_condition(~low | high)(facts)
    assert not compile_condition(~(low | high))(facts)
    assert compile_condition(AllOf((low,)))(facts)
    assert not compile_condition(AnyOf((~low,)))(facts)


def test_a_parameter_must_be_resolved_first() -> None:
    """A condition still reading a parameter cannot be compiled."""
    with pytest.raises(ValueError, match="unresolved parameter"):
        compile_condition(fact("x") >= Param("regular_required"))


def test_a_missing_fact_raises_key_error() -> None:
    """A compiled condition reading a missing fact raises KeyError (the caller decides)."""
    with pytest.raises(KeyError):
        compile_condition(fact("x") > 0)({"y": 1})


def test_interpreted_rules_fire_the_conditions_that_hold() -> None:
    """InterpretedRules returns the names of the conditions that hold, skips those reading a
    missing fact, is the ``python`` backend, and has nothing to free (close is a no-op)."""
    rules = InterpretedRules([("positive", fact("x") > 0), ("small", fact("x") < 10), ("flag", fact("f") == True)])  # noqa: E712
    assert "python" == rules.backend
    assert frozenset({"positive"}) == rules.fired({"x": 12})
    assert frozenset({"positive", "small", "flag"}) == rules.fired({"x": 5, "f": True})
    assert frozenset() == rules.fired({})
    rules.close()
    assert frozenset({"positive"}) == rules.fired({"x": 12})


# -- evaluate: three-valued logic --------------------------------------------------------------

#: Leaves that evaluate to true, false and unknown on FACTS.
FACTS: dict[str, FactValue] = {"t": 1}
LEAVES: dict[bool | None, Condition] = {True: fact("t") == 1, False: fact("t") == 2, None: fact("missing") == 1}

#: Kleene's strong three-valued logic, written out (None: unknown).
AND = {
    (True, True): True,
    (True, False): False,
    (True, None): None,
    (False, False): False,
    (False, None): False,
    (None, None): None,
}
OR = {
    (True, True): True,
    (True, False): True,
    (True, None): True,
    (False, False): False,
    (False, None): None,
    (None, None): None,
}


def _both_orders(
    table: dict[tuple[bool | None, bool | None], bool | None],
) -> list[tuple[bool | None, bool | None, bool | None]]:
    return [(a, b, result) for (a, b), result in table.items()] + [
        (b, a, result) for (a, b), result in table.items() if a != b
    ]


@pytest.mark.parametrize(("left", "right", "expected"), _both_orders(AND))
def test_all_of_is_kleene_and(left: bool | None, right: bool | None, expected: bool | None) -> None:
    """all_of is false as soon as one item is false, unknown when none is false but one is unknown."""
    assert expected == evaluate(AllOf((LEAVES[left], LEAVES[right])), FACTS)


@pytest.mark.parametrize(("left", "right", "expected"), _both_orders(OR))
def test_any_of_is_kleene_or(left: bool | None, right: bool | None, expected: bool | None) -> None:
    """any_of is true as soon as one item is true, unknown when none is true but one is unknown."""
    assert expected == evaluate(AnyOf((LEAVES[left], LEAVES[right])), FACTS)


@pytest.mark.parametrize(("value", "expected"), [(True, False), (False, True), (None, None)])
def test_not_keeps_unknown_unknown(value: bool | None, expected: bool | None) -> None:
    """not_ swaps true and false and keeps unknown."""
    assert expected == evaluate(Not(LEAVES[value]), FACTS)


def test_a_missing_fact_is_unknown() -> None:
    """A comparison or an is_in reading a missing fact is unknown, whatever the operator."""
    for condition in (fact("x") == 1, fact("x") != 1, fact("x") < 0, fact("x").is_in(1, 2)):
        assert evaluate(condition, {"y": 1}) is None


def test_evaluate_reads_parameters() -> None:
    """evaluate reads parameters from ``params`` (the trace evaluates unresolved trees)."""
    condition = (fact("x") >= Param("required")) & fact("kind").is_in(Param("kind_a"), "b")
    params = {"required": 12, "kind_a": "school"}
    assert evaluate(condition, {"x": 12, "kind": "school"}, params) is True
    assert evaluate(condition, {"x": 11, "kind": "school"}, params) is False
    assert evaluate(condition, {"x": 12, "kind": "c"}, params) is False
    assert evaluate(condition, {"x": 12}, params) is None


# -- properties ----------------------------------------------------------------------------------


@attrs.frozen
class Case:
    """A condition, complete facts for its schema, and the same facts with some left out."""

    condition: Condition
    facts: dict[str, FactValue]
    partial: dict[str, FactValue]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """A random schema, a condition over it, complete facts, and a subset of them."""
    schema: Schema = draw(schemas())
    condition = draw(conditions(schema))
    facts = draw(fact_maps(schema, missing=False))
    kept = draw(st.sets(st.sampled_from(sorted(facts))))
    return Case(condition, facts, {name: value for name, value in facts.items() if name in kept})


@given(case=cases())
def test_evaluate_agrees_with_the_compiled_condition(case: Case) -> None:
    """With every fact known, evaluate gives the compiled condition's answer."""
    assert compile_condition(case.condition)(case.facts) == evaluate(case.condition, case.facts)


@given(case=cases())
def test_a_decided_answer_survives_learning_the_missing_facts(case: Case) -> None:
    """When evaluate decides despite missing facts, knowing them cannot change the answer."""
    decided = evaluate(case.condition, case.partial)
    if decided is not None:
        assert compile_condition(case.condition)(case.facts) == decided


@given(case=cases())
def test_negation_normal_form_keeps_the_meaning(case: Case) -> None:
    """Pushing not_ down to the comparisons keeps the three-valued answer (facts of the right
    types), so the engines may run the normal form."""
    normal = negation_normal_form(case.condition)
    assert evaluate(case.condition, case.partial) == evaluate(normal, case.partial)
    assert evaluate(case.condition, case.facts) == compile_condition(normal)(case.facts)
