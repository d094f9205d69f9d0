"""Tests of the declaration API: conditions as data, their reprs and reads, and ``rule(...)``."""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from partyrules import (
    Grade,
    PartyrulesError,
    Rule,
    RulesetError,
    Status,
    all_of,
    any_of,
    fact,
    not_,
    param,
    rule,
)
from partyrules.conditions import (
    AllOf,
    AnyOf,
    Compare,
    Condition,
    In,
    Not,
    facts_read,
    negation_normal_form,
    params_read,
)
from partyrules.rules import MAX_DEPTH, MAX_NODES

# The names a reader of a condition's repr needs to rebuild it.
DECLARATION_API = {"fact": fact, "param": param, "all_of": all_of, "any_of": any_of, "not_": not_}


def good_rule(**changes: Any) -> Rule:
    """A valid rule, changed by ``changes``."""
    arguments: dict[str, Any] = {
        "id": "meetings.regular_monthly",
        "dimension": "meetings",
        "title_vi": "Sinh hoạt chi bộ thường kỳ đủ 12 tháng",
        "title_en": "A regular meeting held every month",
        "when": fact("regular_meetings_held") >= param("regular_meetings_required"),
        "source": "Điều lệ Đảng, Điều 24",
        "status": "confirmed",
        "points": 5,
    }
    arguments.update(changes)
    return rule(**arguments)


def problems_of(error: RulesetError) -> list[tuple[str, str]]:
    return [p.parts()[:2] for p in error.problems]


class TestRepr:
    @pytest.mark.parametrize(
        ("build", "expected"),
        [
            (lambda: fact("x") >= param("y"), "fact('x') >= param('y')"),
            (lambda: fact("x") > 3, "fact('x') > 3"),
            (lambda: fact("x") < 0.5, "fact('x') < 0.5"),
            (lambda: fact("x") <= param("y"), "fact('x') <= param('y')"),
            (lambda: fact("kind") == "school", "fact('kind') == 'school'"),
            (lambda: fact("kind") != "school", "fact('kind') != 'school'"),
            (lambda: fact("kind").is_in("school", "hospital"), "fact('kind').is_in('school', 'hospital')"),
            (lambda: fact("kind").is_in(param("kinds")), "fact('kind').is_in(param('kinds'))"),
            (lambda: fact("disunity").is_true(), "fact('disunity') == True"),
            (lambda: fact("disunity").is_false(), "fact('disunity') == False"),
            (lambda: ~(fact("x") > 1), "not_(fact('x') > 1)"),
            (lambda: (fact("x") > 1) & (fact("y") < 2), "all_of(fact('x') > 1, fact('y') < 2)"),
            (lambda: (fact("x") > 1) | (fact("y") < 2), "any_of(fact('x') > 1, fact('y') < 2)"),
            (
                lambda: all_of(fact("x") >= param("y"), any_of(fact("z") == 1, not_(fact("w") != "a"))),
                "all_of(fact('x') >= param('y'), any_of(fact('z') == 1, not_(fact('w') != 'a')))",
            ),
            (lambda: fact("x").between(1, param("top")), "all_of(fact('x') >= 1, fact('x') <= param('top'))"),
            (lambda: fact("x"), "fact('x')"),
            (lambda: param("y"), "param('y')"),
        ],
    )
    def test_repr_reads_like_the_code(self, build: Callable[[], object], expected: str) -> None:
        """A condition's repr is the expression a user writes to build it."""
        assert expected == repr(build())

    def test_reflected_comparison_puts_the_fact_first(self) -> None:
        """``3 <= fact('x')`` is the same condition as ``fact('x') >= 3`` and shows as such."""
        expected = fact("x") >= 3
        condition = 3 <= fact("x")
        assert expected == condition
        assert "fact('x') >= 3" == repr(condition)

    @given(st.deferred(lambda: conditions()))
    def test_repr_rebuilds_the_same_condition(self, condition: Condition) -> None:
        """Evaluating a condition's repr with the declaration API gives back an equal condition."""
        rebuilt = eval(repr(condition), dict(DECLARATION_API))  # test only: the library never evals
        assert condition == rebuilt
        assert repr(condition) == repr(rebuilt)


class TestTypeErrors:
    @pytest.mark.parametrize("op", [operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne])
    def test_fact_compared_with_fact(self, op: Callable[[object, object], object]) -> None:
        """Comparing two facts is refused and the message says to declare a derived fact."""
        with pytest.raises(TypeError) as info:
            op(fact("members_good"), fact("members_total"))
        message = str(info.value)
        assert "fact('members_good')" in message
        assert "fact('members_total')" in message
        assert "derived fact" in message

    @pytest.mark.parametrize(("value", "type_name"), [([1, 2], "list"), (None, "NoneType"), ({"a": 1}, "dict")])
    def test_fact_compared_with_a_non_scalar(self, value: object, type_name: str) -> None:
        """A fact compares with numbers, booleans, texts and parameters only; the message names the type."""
        with pytest.raises(TypeError) as info:
            _ = fact("x") >= value  # type: ignore[operator]
        assert f"got {type_name}" in str(info.value)

    @pytest.mark.parametrize(
        ("build", "given_repr"),
        [
            (lambda: all_of(fact("x") > 1, 3), "3"),
            (lambda: any_of(fact("x")), "fact('x')"),
            (lambda: not_("x > 1"), "'x > 1'"),
            (lambda: (fact("x") > 1) & True, "True"),
            (lambda: (fact("x") > 1) | None, "None"),
        ],
    )
    def test_combining_a_non_condition(self, build: Callable[[], object], given_repr: str) -> None:
        """all_of, any_of, not_, & and | accept conditions only, and say what was given instead."""
        with pytest.raises(TypeError) as info:
            build()
        message = str(info.value)
        assert message.startswith("expected a condition")
        assert message.endswith(f"got {given_repr}")

    @pytest.mark.parametrize(
        "build",
        [lambda: all_of(), lambda: any_of(), lambda: fact("x").is_in(), lambda: fact(""), lambda: fact(3)],
    )
    def test_empty_declarations(self, build: Callable[[], object]) -> None:
        """Empty combinations, an empty is_in and an empty or non-text fact name are TypeErrors."""
        with pytest.raises(TypeError):
            build()

    def test_combining_a_fact_itself_is_a_type_error(self) -> None:
        """A bare fact is not a condition: ~fact('x') and fact('x') & condition fail."""
        with pytest.raises(TypeError):
            ~fact("x")  # type: ignore[operator]
        with pytest.raises(TypeError):
            fact("x") & (fact("y") > 1)  # type: ignore[operator]

    def test_condition_has_no_truth_value(self) -> None:
        """Python's chained comparisons and ``and``/``or`` would drop half a condition: refuse them."""
        with pytest.raises(TypeError):
            1 <= fact("x") <= 3  # noqa: B015

    def test_is_in_refuses_a_list(self) -> None:
        """``is_in(['a', 'b'])`` is the likely mistake for ``is_in('a', 'b')``: refuse it."""
        with pytest.raises(TypeError):
            fact("kind").is_in(["school", "hospital"])  # type: ignore[arg-type]

    def test_between_refuses_a_fact_bound(self) -> None:
        """``between`` bounds are constants or parameters, like any comparison."""
        with pytest.raises(TypeError):
            fact("x").between(fact("y"), 3)  # type: ignore[arg-type]


class TestReads:
    def test_facts_read_in_order_of_first_appearance(self) -> None:
        """facts_read lists each fact once, in the order the condition first reads it."""
        condition = all_of(
            fact("b") > 1,
            any_of(fact("a") < 2, not_(fact("b") == 3)),
            fact("c").is_in("x", "y"),
        )
        assert ("b", "a", "c") == facts_read(condition)

    def test_params_read_in_order_of_first_appearance(self) -> None:
        """params_read lists the parameters of comparisons and of is_in, once each, in order."""
        condition = any_of(
            fact("a") >= param("p2"),
            fact("k").is_in("x", param("p1")),
            not_(fact("b") < param("p2")),
            fact("c") == 4,
        )
        assert ("p2", "p1") == params_read(condition)

    def test_a_condition_without_parameters(self) -> None:
        """Constants are not parameters."""
        assert () == params_read(fact("a") >= 3)

    def test_rule_reads_its_condition_and_its_applicability(self) -> None:
        """A rule's facts and parameters include those of ``applies``, after those of ``when``."""
        item = good_rule(
            when=fact("thematic_meetings_held") >= param("thematic_required"),
            applies=fact("cell_kind").is_in("school", param("other_kind")),
        )
        assert ("thematic_meetings_held", "cell_kind") == item.facts()
        assert ("thematic_required", "other_kind") == item.params()


def holds(condition: Condition, facts: Mapping[str, object]) -> bool:
    """The meaning of a resolved condition over complete facts (the test's own oracle)."""
    if isinstance(condition, Compare):
        ops = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
        ops.update({"==": operator.eq, "!=": operator.ne})
        return bool(ops[condition.op](facts[condition.fact], condition.value))
    if isinstance(condition, In):
        return facts[condition.fact] in condition.values
    if isinstance(condition, Not):
        return not holds(condition.item, facts)
    if isinstance(condition, AllOf):
        return all(holds(item, facts) for item in condition.items)
    assert isinstance(condition, AnyOf)
    return any(holds(item, facts) for item in condition.items)


def _leaves() -> st.SearchStrategy[Condition]:
    numeric = st.builds(
        lambda name, op, value: op(fact(name), value),
        st.sampled_from(["a", "b"]),
        st.sampled_from([operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne]),
        st.integers(-2, 2),
    )
    member = st.builds(
        lambda values: fact("k").is_in(*values),
        st.lists(st.sampled_from(["x", "y", "z"]), min_size=1, max_size=3, unique=True),
    )
    return numeric | member


def conditions() -> st.SearchStrategy[Condition]:
    """Conditions over int facts ``a``, ``b`` and text fact ``k``."""
    return st.recursive(
        _leaves(),
        lambda children: (
            st.lists(children, min_size=1, max_size=3).map(lambda xs: all_of(*xs))
            | st.lists(children, min_size=1, max_size=3).map(lambda xs: any_of(*xs))
            | children.map(not_)
        ),
        max_leaves=12,
    )


fact_values = st.fixed_dictionaries(
    {"a": st.integers(-3, 3), "b": st.integers(-3, 3), "k": st.sampled_from(["x", "y", "z", "w"])}
)


def _has_not(condition: Condition) -> bool:
    if isinstance(condition, Not):
        return True
    if isinstance(condition, AllOf | AnyOf):
        return any(_has_not(item) for item in condition.items)
    return False


class TestNegationNormalForm:
    @given(conditions(), fact_values)
    def test_same_meaning(self, condition: Condition, facts: dict[str, object]) -> None:
        """Pushing not_ down to the comparisons never changes whether a condition holds."""
        assert holds(condition, facts) == holds(negation_normal_form(condition), facts)

    @given(conditions())
    def test_no_not_left(self, condition: Condition) -> None:
        """The normal form has no not_ node, reads the same facts, and is its own normal form."""
        normal = negation_normal_form(condition)
        assert not _has_not(normal)
        assert set(facts_read(condition)) == set(facts_read(normal))
        assert normal == negation_normal_form(normal)

    @pytest.mark.parametrize(
        ("condition", "expected"),
        [
            (not_(fact("a") < 1), fact("a") >= 1),
            (not_(fact("a") >= 1), fact("a") < 1),
            (not_(fact("a") == 1), fact("a") != 1),
            (not_(not_(fact("a") > 1)), fact("a") > 1),
            (not_(fact("k").is_in("x", "y")), all_of(fact("k") != "x", fact("k") != "y")),
            (not_(all_of(fact("a") > 1, fact("b") <= 2)), any_of(fact("a") <= 1, fact("b") > 2)),
            (not_(any_of(fact("a") > 1, fact("b") != 2)), all_of(fact("a") <= 1, fact("b") == 2)),
            (fact("a") > param("p"), fact("a") > param("p")),
        ],
    )
    def test_examples(self, condition: Condition, expected: Condition) -> None:
        """De Morgan's laws and the negated operators, on small examples."""
        assert expected == negation_normal_form(condition)


class TestRuleValidation:
    def test_a_valid_rule(self) -> None:
        """A valid rule keeps its fields; status and grades given as text become enums."""
        item = good_rule(points=0, cap="COMPLETED", status="default")
        assert Grade.COMPLETED == item.cap
        assert Status.DEFAULT == item.status
        assert item.sanction
        assert not item.scoring

    def test_rules_are_frozen(self) -> None:
        """A rule cannot be changed in place; attrs.evolve makes a changed copy."""
        item = good_rule()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            item.points = 7  # type: ignore[misc]
        assert 7 == attrs.evolve(item, points=7).points

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"id": "meetings monthly"}, "an id is letters, digits, '_', '.' and '-' (like 'meetings.monthly')"),
            ({"id": ""}, "an id is letters, digits, '_', '.' and '-' (like 'meetings.monthly')"),
            ({"id": ".monthly"}, "an id is letters, digits, '_', '.' and '-' (like 'meetings.monthly')"),
            ({"dimension": "two words"}, "invalid dimension 'two words'"),
            ({"title_vi": ""}, "title_vi is empty: every rule has titles and a citation"),
            ({"title_en": "   "}, "title_en is empty: every rule has titles and a citation"),
            ({"source": ""}, "source is empty: every rule has titles and a citation"),
            ({"points": -1}, "points: expected a number ≥ 0, got -1 (int)"),
            ({"points": math.inf}, "points: expected a number ≥ 0, got inf (float)"),
            ({"points": "5"}, "points: expected a number ≥ 0, got '5' (str)"),
            (
                {"points": 0, "veto": "NOT_COMPLETED", "cap": "COMPLETED"},
                "has both veto NOT_COMPLETED and cap COMPLETED; keep one",
            ),
            ({"points": 0, "cap": "EXCELLENT"}, "cap EXCELLENT restricts nothing"),
            (
                {"points": 5, "veto": "NOT_COMPLETED"},
                "a rule either rewards its condition (points, required) or sanctions it "
                "(veto, cap, blocks_four_good); split it in two",
            ),
            (
                {"points": 0, "required": True, "blocks_four_good": True},
                "a rule either rewards its condition (points, required) or sanctions it "
                "(veto, cap, blocks_four_good); split it in two",
            ),
            ({"points": 0}, "has no effect"),
            ({"when": fact("attendance") > math.nan}, "when: nan is not a finite number"),
            ({"applies": fact("attendance").is_in(0.5, -math.inf)}, "applies: -inf is not a finite number"),
        ],
    )
    def test_bad_rule(self, changes: dict[str, Any], message: str) -> None:
        """Each problem of a declaration is a RulesetError naming the rule and saying what is wrong."""
        with pytest.raises(RulesetError) as info:
            good_rule(**changes)
        rule_id = changes.get("id", "meetings.regular_monthly")
        assert [(f"rule {rule_id!r}", message)] == problems_of(info.value)

    def test_no_effect_has_a_hint(self) -> None:
        """A rule without effect is told which effects exist."""
        with pytest.raises(RulesetError) as info:
            good_rule(points=0)
        (problem,) = info.value.problems
        assert "give it points, required, veto, cap, blocks_four_good or excludes" == str(problem.hint)

    def test_every_problem_in_one_error(self) -> None:
        """All the problems of one declaration are collected into a single RulesetError."""
        with pytest.raises(RulesetError) as info:
            rule(
                id="bad id",
                dimension="meetings",
                title_vi="",
                title_en=" ",
                when=fact("attendance") >= math.nan,
                source="",
                status="confirmed",
                points=-1,
                veto="NOT_COMPLETED",
                cap="COMPLETED",
            )
        error = info.value
        where = "rule 'bad id'"
        assert [
            (where, "an id is letters, digits, '_', '.' and '-' (like 'meetings.monthly')"),
            (where, "title_vi is empty: every rule has titles and a citation"),
            (where, "title_en is empty: every rule has titles and a citation"),
            (where, "source is empty: every rule has titles and a citation"),
            (where, "points: expected a number ≥ 0, got -1 (int)"),
            (where, "has both veto NOT_COMPLETED and cap COMPLETED; keep one"),
            (
                where,
                "a rule either rewards its condition (points, required) or sanctions it "
                "(veto, cap, blocks_four_good); split it in two",
            ),
            (where, "when: nan is not a finite number"),
        ] == problems_of(error)
        assert str(error).startswith("8 problems in rule 'bad id':\n  - rule 'bad id': an id is")
        assert isinstance(error, ValueError)
        assert isinstance(error, PartyrulesError)

    def test_depth_limit(self) -> None:
        """A condition nested MAX_DEPTH levels deep is accepted; one level more is refused."""
        condition: Condition = fact("a") > 1
        for _ in range(MAX_DEPTH - 1):
            condition = not_(condition)
        good_rule(when=condition)
        with pytest.raises(RulesetError) as info:
            good_rule(when=not_(condition))
        assert [("rule 'meetings.regular_monthly'", f"when is nested deeper than {MAX_DEPTH} levels")] == problems_of(
            info.value
        )

    def test_size_limit(self) -> None:
        """A condition of more than MAX_NODES nodes is refused."""
        condition = all_of(*(fact("a") > i for i in range(MAX_NODES)))
        with pytest.raises(RulesetError) as info:
            good_rule(when=condition)
        assert [
            ("rule 'meetings.regular_monthly'", f"when has {MAX_NODES + 1} nodes; at most {MAX_NODES}")
        ] == problems_of(info.value)

    def test_a_long_chain_of_ands_is_not_too_deep(self) -> None:
        """``c1 & c2 & ... & c17`` reads as one conjunction and is not refused as too deep."""
        condition = fact("a") > 0
        for i in range(1, MAX_DEPTH + 1):
            condition = condition & (fact("a") > i)
        good_rule(when=condition)

    def test_bad_enum_values_are_collected(self) -> None:
        """A status, veto or cap that is not a known value is one more problem in the RulesetError."""
        with pytest.raises(RulesetError) as info:
            good_rule(status="maybe", title_en="", points=0, veto="FAILED")
        assert 3 == len(info.value.problems)

    @pytest.mark.parametrize("when", [fact("regular_meetings_held"), True, None, "regular_meetings_held >= 12"])
    def test_when_must_be_a_condition(self, when: object) -> None:
        """``when`` (and ``applies``) must be a condition built with fact(...), never a text or a bool."""
        with pytest.raises((RulesetError, TypeError)):
            good_rule(when=when)
