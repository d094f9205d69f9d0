"""Tests of Ruleset: validation at construction, every problem collected with its location."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from partyrules import ANNUAL, Kind, ParamSpec, Rule, Ruleset, RulesetError, all_of, fact, param, rule
from support import MEETINGS, PARAMS, SCHEMA


def make_rule(**changes: Any) -> Rule:
    """A valid rule of dimension ``meetings`` over the demo schema, changed by ``changes``."""
    arguments: dict[str, Any] = {
        "id": "t.monthly",
        "dimension": "meetings",
        "title_vi": "Sinh hoạt thường kỳ",
        "title_en": "Regular meetings",
        "when": fact("regular_meetings_held") >= param("regular_required"),
        "source": "Điều lệ Đảng, Điều 24",
        "status": "confirmed",
        "points": 10,
    }
    arguments.update(changes)
    return rule(**arguments)


def make_ruleset(rules: list[Rule], *, dimension: str = "meetings", parameters: Any = PARAMS) -> Ruleset:
    return Ruleset("t.meetings", "cell", dimension, rules, SCHEMA, parameters)


def problems_of(error: RulesetError) -> list[tuple[str, str, str | None]]:
    return [p.parts() for p in error.problems]


class TestValidRuleset:
    def test_fields_and_lookups(self) -> None:
        """A valid ruleset keeps its rules in order, converts its kind and exposes parameter defaults."""
        first = make_rule()
        second = make_rule(id="t.attendance", when=fact("attendance") > param("min_attendance"))
        ruleset = make_ruleset([first, second])
        assert Kind.CELL == ruleset.kind
        assert (first, second) == ruleset.rules
        assert {"regular_required": 12, "min_attendance": 0.85} == ruleset.defaults
        assert second == ruleset.rule("t.attendance")
        with pytest.raises(KeyError):
            ruleset.rule("t.missing")

    def test_frozen_and_evolve_revalidates(self) -> None:
        """A ruleset cannot change in place; attrs.evolve builds a new one and validates it again."""
        ruleset = make_ruleset([make_rule()])
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            ruleset.name = "other"  # type: ignore[misc]
        with pytest.raises(RulesetError):
            attrs.evolve(ruleset, parameters=())

    def test_every_comparison_kind_accepted(self) -> None:
        """Numbers against numeric facts (int against float too), texts in choices, booleans with = and ≠."""
        make_ruleset(
            [
                make_rule(id="a", when=fact("attendance") >= 1),
                make_rule(id="b", when=fact("regular_meetings_held") > 10.5),
                make_rule(id="c", when=fact("cell_kind").is_in("school", "enterprise")),
                make_rule(id="d", when=fact("disunity") != True),  # noqa: E712
                make_rule(id="e", when=fact("members_good_share") >= 0.5),
            ]
        )


# One table of bad rulesets: the rules given, and the one problem each must produce.
BAD_RULESETS: list[tuple[str, dict[str, Any], tuple[str, str, str | None]]] = [
    (
        "unknown fact, did you mean",
        {"when": fact("regular_meeting_held") >= 12},
        ("rule 't.monthly'", "unknown fact 'regular_meeting_held' in when", "did you mean 'regular_meetings_held'?"),
    ),
    (
        "unknown fact in applies",
        {"applies": fact("cel_kind") == "school"},
        ("rule 't.monthly'", "unknown fact 'cel_kind' in applies", "did you mean 'cell_kind'?"),
    ),
    (
        "unknown fact, nothing close",
        {"when": fact("budget") >= 12},
        ("rule 't.monthly'", "unknown fact 'budget' in when", None),
    ),
    (
        "unknown parameter, did you mean",
        {"when": fact("attendance") > param("min_attendence")},
        ("rule 't.monthly'", "unknown parameter 'min_attendence' in when", "did you mean 'min_attendance'?"),
    ),
    (
        "numeric fact compared with a text",
        {"when": fact("attendance") >= "high"},
        (
            "rule 't.monthly'",
            "fact('attendance') >= 'high': fact 'attendance' is float, compared with 'high' (str)",
            None,
        ),
    ),
    (
        "numeric fact compared with a boolean",
        {"when": fact("regular_meetings_held") == True},  # noqa: E712
        (
            "rule 't.monthly'",
            "fact('regular_meetings_held') == True: fact 'regular_meetings_held' is int, compared with True (bool)",
            None,
        ),
    ),
    (
        "text fact compared with a number",
        {"when": fact("cell_kind") == 3},
        ("rule 't.monthly'", "fact('cell_kind') == 3: fact 'cell_kind' is str, compared with 3 (int)", None),
    ),
    (
        "text fact compared with a numeric parameter",
        {"when": fact("cell_kind") == param("regular_required")},
        (
            "rule 't.monthly'",
            "fact('cell_kind') == param('regular_required'): fact 'cell_kind' is str, compared with 12 (int)",
            None,
        ),
    ),
    (
        "text not in the choices",
        {"when": fact("cell_kind") == "schol"},
        (
            "rule 't.monthly'",
            "fact('cell_kind') == 'schol': 'schol' is not a value of 'cell_kind'",
            "did you mean 'school'?",
        ),
    ),
    (
        "text in is_in not in the choices",
        {"when": fact("cell_kind").is_in("school", "hospital")},
        (
            "rule 't.monthly'",
            "fact('cell_kind').is_in('school', 'hospital'): 'hospital' is not a value of 'cell_kind'",
            "values: residential, school, enterprise",
        ),
    ),
    (
        "order comparison on a text fact",
        {"when": fact("cell_kind") < "school"},
        ("rule 't.monthly'", "fact('cell_kind') < 'school': a str fact is compared with = or ≠ only", None),
    ),
    (
        "order comparison on a boolean fact",
        {"when": fact("disunity") >= False},
        ("rule 't.monthly'", "fact('disunity') >= False: a bool fact is compared with = or ≠ only", None),
    ),
    (
        "rule of another dimension",
        {"dimension": "unity_discipline"},
        ("rule 't.monthly'", "dimension 'unity_discipline' in ruleset of dimension 'meetings'", None),
    ),
]


class TestBadRulesets:
    @pytest.mark.parametrize(
        ("changes", "expected"), [row[1:] for row in BAD_RULESETS], ids=[row[0] for row in BAD_RULESETS]
    )
    def test_bad_rule_in_ruleset(self, changes: dict[str, Any], expected: tuple[str, str, str | None]) -> None:
        """Each problem of a rule against the schema and parameters is reported with the rule's id."""
        with pytest.raises(RulesetError) as info:
            make_ruleset([make_rule(**changes)])
        assert [expected] == problems_of(info.value)
        assert "ruleset 't.meetings'" == str(info.value.what)

    def test_duplicate_rule_id(self) -> None:
        """A rule id used twice in a ruleset is named, with the count."""
        with pytest.raises(RulesetError) as info:
            make_ruleset([make_rule(), make_rule(points=5), make_rule()])
        assert [("ruleset 't.meetings'", "rule id 't.monthly' used 3 times", None)] == problems_of(info.value)

    def test_duplicate_parameter(self) -> None:
        """A parameter declared twice is named."""
        with pytest.raises(RulesetError) as info:
            make_ruleset([make_rule()], parameters=[*PARAMS, PARAMS[0]])
        assert [("ruleset 't.meetings'", "parameter 'regular_required' declared 2 times", None)] == problems_of(
            info.value
        )

    def test_parameter_default_out_of_range(self) -> None:
        """A parameter's default must satisfy its own bounds."""
        spec = ParamSpec("min_share", 1.5, "Tỉ lệ", "Share", "test", "default", maximum=1)
        with pytest.raises(RulesetError) as info:
            make_ruleset([make_rule()], parameters=[*PARAMS, spec])
        assert [
            ("ruleset 't.meetings', parameters.min_share", "default: expected a number ≤ 1, got 1.5 (float)", None)
        ] == problems_of(info.value)

    def test_bad_name(self) -> None:
        """A ruleset name follows the id pattern."""
        with pytest.raises(RulesetError) as info:
            Ruleset("t meetings", "cell", "meetings", [make_rule()], SCHEMA, PARAMS)
        assert [("ruleset 't meetings'", "a name is letters, digits, '_', '.' and '-'", None)] == problems_of(
            info.value
        )

    def test_annual_rules_carry_no_points(self) -> None:
        """Rules of the annual pseudo-dimension only veto or cap."""
        with pytest.raises(RulesetError) as info:
            make_ruleset([make_rule(dimension=ANNUAL)], dimension=ANNUAL)
        assert [("rule 't.monthly'", "rules of the annual grade carry no points", None)] == problems_of(info.value)

    def test_not_a_rule(self) -> None:
        """Something that is not a Rule among the rules is reported, not crashed on."""
        with pytest.raises(RulesetError) as info:
            make_ruleset([make_rule(), "t.other"])  # type: ignore[list-item]
        assert [("ruleset 't.meetings'", "expected rules, got 't.other' (str)", None)] == problems_of(info.value)

    def test_every_problem_together(self) -> None:
        """One RulesetError lists every problem of every rule, each with its location."""
        rules = [
            make_rule(),
            make_rule(),
            make_rule(id="t.a", when=fact("regular_meeting_held") >= param("regular_require")),
            make_rule(id="t.b", when=fact("attendance") >= "high"),
            make_rule(id="t.c", when=fact("cell_kind") == "schol"),
            make_rule(id="t.d", dimension="unity_discipline"),
        ]
        with pytest.raises(RulesetError) as info:
            make_ruleset(rules)
        assert [
            ("ruleset 't.meetings'", "rule id 't.monthly' used 2 times", None),
            ("rule 't.a'", "unknown fact 'regular_meeting_held' in when", "did you mean 'regular_meetings_held'?"),
            (
                "rule 't.b'",
                "fact('attendance') >= 'high': fact 'attendance' is float, compared with 'high' (str)",
                None,
            ),
            (
                "rule 't.c'",
                "fact('cell_kind') == 'schol': 'schol' is not a value of 'cell_kind'",
                "did you mean 'school'?",
            ),
            ("rule 't.d'", "dimension 'unity_discipline' in ruleset of dimension 'meetings'", None),
        ] == problems_of(info.value)
        assert str(info.value).startswith("5 problems in ruleset 't.meetings':")

    def test_unknown_fact_and_parameter_in_one_rule(self) -> None:
        """An unknown fact hides nothing else: the parameters of other comparisons are still checked."""
        with pytest.raises(RulesetError) as info:
            make_ruleset(
                [
                    make_rule(
                        when=all_of(
                            fact("regular_meeting_held") >= 1,
                            fact("attendance") > param("min_attendence"),
                        )
                    )
                ]
            )
        assert [
            (
                "rule 't.monthly'",
                "unknown fact 'regular_meeting_held' in when",
                "did you mean 'regular_meetings_held'?",
            ),
            ("rule 't.monthly'", "unknown parameter 'min_attendence' in when", "did you mean 'min_attendance'?"),
        ] == problems_of(info.value)


class TestDemo:
    def test_demo_ruleset_is_valid(self) -> None:
        """The demo ruleset used across the tests builds, with its declared parameters."""
        assert ("demo.monthly", "demo.attendance", "demo.thematic_school") == tuple(r.id for r in MEETINGS.rules)
        assert {"regular_required": 12, "min_attendance": 0.85} == MEETINGS.defaults
