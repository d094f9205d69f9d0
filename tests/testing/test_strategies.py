"""Tests of partyrules.testing.strategies: one front door, random valid rules, rulesets and
frameworks, and valid subjects for any schema those produce."""

from __future__ import annotations

import math
import types

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partyrules import ANNUAL, FactSpec, Framework, Grading, Ruleset, Schema, Subject, fact, rule
from partyrules.testing import _subjects as subjects
from partyrules.testing import strategies
from partyrules.testing.strategies import (
    EFFECTS,
    fact_maps_for,
    frameworks,
    grid,
    rules,
    rulesets,
    schemas,
)


class TestFrontDoor:
    def test_all_is_sorted_and_exists(self) -> None:
        """__all__ is sorted, without duplicates, and every name in it exists."""
        assert sorted(set(strategies.__all__)) == strategies.__all__
        assert [] == [name for name in strategies.__all__ if not hasattr(strategies, name)]

    def test_all_equals_the_public_names(self) -> None:
        """Every public name of the module is in __all__ (no module or stray import leaks)."""
        public = {
            name
            for name, value in vars(strategies).items()
            if not name.startswith("_") and not isinstance(value, types.ModuleType) and name != "annotations"
        }
        assert public == set(strategies.__all__)

    def test_subject_strategies_are_re_exported(self) -> None:
        """The strategies for a framework's subjects are the very functions of
        partyrules.testing.subjects, which stays importable."""
        names = ("subjects", "fact_maps_for", "grid", "boundaries")
        assert [getattr(subjects, n) for n in names] == [getattr(strategies, n) for n in names]


@st.composite
def schema_and_rule(draw: st.DrawFn, dimension: str = "meetings") -> tuple[Schema, object]:
    schema = draw(schemas())
    return schema, draw(rules(schema, dimension, rule_id="generated.r"))


class TestRules:
    @given(case=schema_and_rule())
    def test_every_rule_is_valid(self, case: tuple[Schema, object]) -> None:
        """A ruleset of any generated rule builds: its facts, types, texts and effects pass
        the declaration checks."""
        schema, item = case
        assert (item,) == Ruleset("generated", "cell", "meetings", [item], schema).rules

    @given(case=schema_and_rule(ANNUAL))
    def test_annual_rules_carry_no_points(self, case: tuple[Schema, object]) -> None:
        """A rule of the annual pseudo-dimension sanctions or excludes; it never scores."""
        _, item = case
        assert not item.scoring  # type: ignore[attr-defined]
        assert item.sanction or item.excludes  # type: ignore[attr-defined]

    @given(data=st.data(), effect=st.sampled_from(EFFECTS))
    def test_one_effect(self, data: st.DataObject, effect: str) -> None:
        """Asked for one effect, every rule has it."""
        schema = data.draw(schemas())
        item = data.draw(rules(schema, "meetings", effects=[effect]))
        has = {
            "points": item.points > 0,
            "required": item.required,
            "veto": item.veto is not None,
            "cap": item.cap is not None,
            "blocks_four_good": item.blocks_four_good,
            "excludes": item.excludes,
        }
        assert has[effect]

    @pytest.mark.parametrize(
        ("dimension", "effects", "message"),
        [
            ("meetings", ["bonus"], "unknown effects ['bonus']: expected some of points, required, veto, cap"),
            (ANNUAL, ["points", "required"], "no effect of ['points', 'required'] is allowed in dimension 'annual'"),
        ],
    )
    def test_bad_effects(self, dimension: str, effects: list[str], message: str) -> None:
        """Effects that do not exist, or that the dimension cannot have, are refused at once."""
        schema = Schema([FactSpec("x", "int")])
        with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
            rules(schema, dimension, effects=effects)


class TestRulesets:
    @given(data=st.data(), bounds=st.tuples(st.integers(1, 3), st.integers(0, 3)))
    def test_sizes_and_ids(self, data: st.DataObject, bounds: tuple[int, int]) -> None:
        """Between min_rules and max_rules rules, numbered after the ruleset's name."""
        low, extra = bounds
        schema = data.draw(schemas())
        ruleset = data.draw(
            rulesets(schema, "cell", "meetings", name="ward.meetings", min_rules=low, max_rules=low + extra)
        )
        assert low <= len(ruleset.rules) <= low + extra
        assert [f"ward.meetings.r{i}" for i in range(len(ruleset.rules))] == [r.id for r in ruleset.rules]


class TestFrameworks:
    @given(framework=frameworks())
    def test_shape_and_weights(self, framework: Framework) -> None:
        """A cell framework of one to four dimensions (and maybe the annual rules) over one
        schema without a fact named ``regime``; when the dimensions have weights, they add up
        to 100 and each is the points of the dimension's rules that always apply."""
        view = framework.view("cell")
        assert 1 <= len(view.dimensions) <= 4
        assert {r.dimension for r in framework.rulesets} <= {*view.dimensions, ANNUAL}
        assert "regime" not in view.schema
        if framework.dimension_points:
            assert math.isclose(100, sum(framework.dimension_points.values()))
            for dimension, declared in framework.dimension_points.items():
                always = sum(r.points for r in view.rules if r.dimension == dimension and r.applies is None)
                assert math.isclose(declared, always)

    @given(data=st.data())
    def test_subjects_of_any_framework_are_valid(self, data: st.DataObject) -> None:
        """The audit's subjects (random and on the grid) are valid input for any generated
        framework, whatever its facts' bounds."""
        framework = data.draw(frameworks())
        schema = framework.view("cell").schema
        facts = data.draw(fact_maps_for(framework, "cell", missing=True))
        names = [spec.name for spec in schema.facts]
        for given_facts in (facts, *(s.facts for s in grid(framework, "cell", names, limit=16))):
            assert [] == schema.validate(given_facts)[1]


#: Facts whose bounds are not whole numbers, or given on one side only, far from zero.
AWKWARD = [
    FactSpec("share", "int", minimum=0.5, maximum=10.5, direction="lower"),
    FactSpec("debt", "float", maximum=-30, direction="higher"),
    FactSpec("big", "float", minimum=1e16, direction="neutral"),
    FactSpec("deep", "int", maximum=-5000, direction="higher"),
]


@pytest.mark.parametrize("spec", AWKWARD, ids=lambda s: s.name)
def test_awkward_bounds(spec: FactSpec) -> None:
    """Generated and grid values stay within bounds that are fractional (an ``int`` between 0.5
    and 10.5 is 1 to 10), one-sided, or far from zero."""
    schema = Schema([spec, FactSpec("score_general", "float", minimum=0, maximum=100)])
    framework = Framework(
        "awkward",
        [
            Ruleset(
                "awkward.annual",
                "cell",
                ANNUAL,
                [
                    rule(
                        id="awkward.cap",
                        dimension=ANNUAL,
                        title_vi="x",
                        title_en="x",
                        when=fact(spec.name) > 0.75,
                        cap="GOOD",
                        source="test",
                        status="default",
                    )
                ],
                schema,
            )
        ],
        grading={"cell": Grading(score_facts=("score_general",))},
    )
    cells: list[Subject] = grid(framework, "cell", [spec.name])

    @given(facts=fact_maps_for(framework, "cell", focus=[spec.name]))
    def generated(facts: dict[str, object]) -> None:
        assert spec.check(facts[spec.name]) is None

    generated()
    assert [] == [s.facts[spec.name] for s in cells if spec.check(s.facts[spec.name]) is not None]
