"""Tests of Framework: validation at construction, content hash, and the per-kind views."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

import support
from partyrules import (
    Bands,
    Exemption,
    Framework,
    FrameworkError,
    Grading,
    Kind,
    ParamSpec,
    Policy,
    Ruleset,
    Schema,
    Subject,
    evaluate,
    fact,
    param,
    rule,
)
from support import FRAMEWORK, MEETINGS, PARAMS, SCHEMA, UNITY

GRADING = {"cell": Grading(score_facts=("score_general", "score_tasks"))}


def make_framework(**changes: Any) -> Framework:
    """The demo framework, changed by ``changes``."""
    arguments: dict[str, Any] = {"name": "demo", "rulesets": [MEETINGS, UNITY], "version": "1", "grading": GRADING}
    arguments.update(changes)
    return Framework(**arguments)


def problems_of(error: FrameworkError) -> list[tuple[str, str, str | None]]:
    return [p.parts() for p in error.problems]


WHERE = "framework 'demo'"

# One table of bad frameworks: the changes to the demo framework and the one problem each must produce.
BAD_FRAMEWORKS: list[tuple[str, dict[str, Any], tuple[str, str, str | None]]] = [
    (
        "parameter override of an unknown name",
        {"parameters": {"min_attendence": 0.9}},
        (f"{WHERE}, parameters.min_attendence", "unknown parameter", "did you mean 'min_attendance'?"),
    ),
    (
        "parameter override of the wrong type",
        {"parameters": {"regular_required": "twelve"}},
        (f"{WHERE}, parameters.regular_required", "expected a value like 12, got 'twelve' (str)", None),
    ),
    (
        "parameter override with a boolean for a number",
        {"parameters": {"min_attendance": True}},
        (f"{WHERE}, parameters.min_attendance", "expected a value like 0.85, got True (bool)", None),
    ),
    (
        "points override of an unknown rule",
        {"points": {"demo.monthy": 3}},
        (f"{WHERE}, points.demo.monthy", "unknown rule", "did you mean 'demo.monthly'?"),
    ),
    (
        "negative points override",
        {"points": {"demo.attendance": -1}},
        (f"{WHERE}, points.demo.attendance", "expected a number ≥ 0, got -1 (int)", None),
    ),
    (
        "points on a veto rule",
        {"points": {"demo.disunity": 5}},
        (f"{WHERE}, points.demo.disunity", "a veto, cap or blocking rule carries no points", None),
    ),
    (
        "points on a cap rule",
        {"points": {"demo.members_low": 1}},
        (f"{WHERE}, points.demo.members_low", "a veto, cap or blocking rule carries no points", None),
    ),
    (
        "disabled unknown rule",
        {"disabled": {"demo.unitd": "merged"}},
        (f"{WHERE}, disabled.demo.unitd", "unknown rule", "did you mean 'demo.united'?"),
    ),
    (
        "disabled without a reason",
        {"disabled": {"demo.thematic_school": ""}},
        (f"{WHERE}, disabled.demo.thematic_school", "give the reason it is disabled", None),
    ),
    (
        "disabled with a blank reason",
        {"disabled": {"demo.thematic_school": "   "}},
        (f"{WHERE}, disabled.demo.thematic_school", "give the reason it is disabled", None),
    ),
    (
        "dimension points not adding up to 100",
        {"dimension_points": {"meetings": 50, "unity_discipline": 40}},
        (f"{WHERE}, dimension_points", "the dimensions' points add up to 90, expected 100", None),
    ),
    (
        "dimension points for an unknown dimension",
        {"dimension_points": {"meetings": 50, "unity_discipline": 50, "unity_disciplin": 0}},
        (
            f"{WHERE}, dimension_points.unity_disciplin",
            "no ruleset has this dimension",
            "did you mean 'unity_discipline'?",
        ),
    ),
    (
        "dimension points missing a dimension",
        {"dimension_points": {"meetings": 100}},
        (f"{WHERE}, dimension_points", "dimension 'unity_discipline' has no points declared", None),
    ),
    (
        "bands out of order",
        {"policy": Policy(bands=Bands(excellent=0.7, good=0.8, average=0.5))},
        (f"{WHERE}, policy.bands", "expected 0 ≤ average ≤ good ≤ excellent ≤ 1, got 0.5, 0.8, 0.7", None),
    ),
    (
        "band above 1",
        {"policy": Policy(bands=Bands(excellent=1.2))},
        (f"{WHERE}, policy.bands", "expected 0 ≤ average ≤ good ≤ excellent ≤ 1, got 0.5, 0.8, 1.2", None),
    ),
    (
        "quota share of zero",
        {"policy": Policy(quota_share=0)},
        (f"{WHERE}, policy.quota_share", "expected a share in (0, 1], got 0", None),
    ),
    (
        "effective from after effective to",
        {"effective_from": 2026, "effective_to": 2025},
        (WHERE, "effective from 2026 after 2025", None),
    ),
    (
        "score fact that is not numeric",
        {"grading": {"cell": Grading(score_facts=("score_general", "cell_kind"))}},
        (f"{WHERE}, grading.cell.score_facts", "'cell_kind' is not a numeric fact", None),
    ),
    (
        "grading for a kind without rulesets",
        {"grading": {**GRADING, "member": Grading()}},
        (f"{WHERE}, grading.member", "no ruleset for this kind", None),
    ),
    (
        "exemption of an unknown rule",
        {"exemptions": [Exemption("demo.nope", "monotone", "known")]},
        (f"{WHERE}, exemptions", "unknown rule 'demo.nope'", None),
    ),
    (
        "exemption without a reason",
        {"exemptions": [Exemption("demo.united", "monotone", " ")]},
        (f"{WHERE}, exemptions", "an exemption states its reason", None),
    ),
    ("bad name", {"name": "my demo"}, ("framework 'my demo'", "a name is letters, digits, '_', '.' and '-'", None)),
    ("no rulesets", {"rulesets": []}, (WHERE, "has no rulesets", None)),
    (
        "not a ruleset",
        {"rulesets": [MEETINGS, "demo.unity"]},
        (WHERE, "expected rulesets, got 'demo.unity' (str)", None),
    ),
]


class TestBadFrameworks:
    @pytest.mark.parametrize(
        ("changes", "expected"), [row[1:] for row in BAD_FRAMEWORKS], ids=[row[0] for row in BAD_FRAMEWORKS]
    )
    def test_bad_framework(self, changes: dict[str, Any], expected: tuple[str, str, str | None]) -> None:
        """Each problem of a framework is a FrameworkError with its location, message and hint."""
        with pytest.raises(FrameworkError) as info:
            make_framework(**changes)
        assert [expected] == problems_of(info.value)

    def test_every_problem_together(self) -> None:
        """One FrameworkError lists every problem of overrides and policy, each with its location."""
        with pytest.raises(FrameworkError) as info:
            make_framework(
                parameters={"min_attendence": 0.9, "regular_required": "twelve"},
                points={"demo.monthy": 3, "demo.attendance": -1, "demo.disunity": 5},
                disabled={"demo.thematic_school": ""},
                dimension_points={"meetings": 50, "unity_discipline": 40},
                policy=Policy(bands=Bands(excellent=0.7, good=0.8)),
                effective_from=2026,
                effective_to=2025,
            )
        assert [
            (f"{WHERE}, parameters.min_attendence", "unknown parameter", "did you mean 'min_attendance'?"),
            (f"{WHERE}, parameters.regular_required", "expected a value like 12, got 'twelve' (str)", None),
            (f"{WHERE}, points.demo.monthy", "unknown rule", "did you mean 'demo.monthly'?"),
            (f"{WHERE}, points.demo.attendance", "expected a number ≥ 0, got -1 (int)", None),
            (f"{WHERE}, points.demo.disunity", "a veto, cap or blocking rule carries no points", None),
            (f"{WHERE}, disabled.demo.thematic_school", "give the reason it is disabled", None),
            (f"{WHERE}, policy.bands", "expected 0 ≤ average ≤ good ≤ excellent ≤ 1, got 0.5, 0.8, 0.7", None),
            (WHERE, "effective from 2026 after 2025", None),
            (f"{WHERE}, dimension_points", "the dimensions' points add up to 90, expected 100", None),
        ] == problems_of(info.value)
        assert str(info.value).startswith("9 problems in framework 'demo':\n")
        assert isinstance(info.value, ValueError)

    def test_duplicate_rule_ids_across_rulesets(self) -> None:
        """Two rulesets of the same kind may not share a rule id; the message names both rulesets."""
        copy = Ruleset("demo.meetings_copy", "cell", "meetings", [MEETINGS.rules[0]], SCHEMA, PARAMS)
        with pytest.raises(FrameworkError) as info:
            make_framework(rulesets=[MEETINGS, UNITY, copy])
        assert [
            (WHERE, "rule id 'demo.monthly' is in rulesets 'demo.meetings' and 'demo.meetings_copy'", None)
        ] == problems_of(info.value)

    def test_ruleset_listed_twice(self) -> None:
        """A ruleset listed twice is named."""
        with pytest.raises(FrameworkError) as info:
            make_framework(rulesets=[MEETINGS, UNITY, MEETINGS])
        assert (WHERE, "ruleset 'demo.meetings' listed twice", None) in problems_of(info.value)

    def test_fact_declared_differently(self) -> None:
        """Two rulesets of one kind must declare a shared fact identically."""
        facts = [attrs.evolve(f, maximum=24) if f.name == "regular_meetings_held" else f for f in SCHEMA.facts]
        other = Ruleset(
            "demo.more",
            "cell",
            "meetings",
            [
                rule(
                    id="demo.more",
                    dimension="meetings",
                    title_vi="Thêm",
                    title_en="More",
                    when=fact("regular_meetings_held") >= 1,
                    source="test",
                    status="default",
                    points=1,
                )
            ],
            Schema(facts, SCHEMA.derived, SCHEMA.constraints),
        )
        with pytest.raises(FrameworkError) as info:
            make_framework(rulesets=[MEETINGS, UNITY, other])
        assert [(WHERE, "fact 'regular_meetings_held' is declared differently in 'demo.more'", None)] == problems_of(
            info.value
        )

    def test_parameter_defaults_disagree(self) -> None:
        """Two rulesets declaring one parameter must agree on its default."""
        other = Ruleset(
            "demo.more",
            "cell",
            "meetings",
            [attrs.evolve(MEETINGS.rules[0], id="demo.more")],
            SCHEMA,
            [attrs.evolve(PARAMS[0], default=10)],
        )
        with pytest.raises(FrameworkError) as info:
            make_framework(rulesets=[MEETINGS, UNITY, other])
        assert [
            (WHERE, "parameter 'regular_required' has default 12 in 'demo.meetings' and 10 in 'demo.more'", None)
        ] == problems_of(info.value)

    def test_parameter_override_outside_its_bounds(self) -> None:
        """An override is checked against the parameter's declared bounds."""
        bounded = ParamSpec("min_share", 0.5, "Tỉ lệ", "Share", "test", "default", minimum=0, maximum=1)
        ruleset = Ruleset(
            "demo.share",
            "cell",
            "cadres_members",
            [
                rule(
                    id="demo.share",
                    dimension="cadres_members",
                    title_vi="Tỉ lệ",
                    title_en="Share",
                    when=fact("members_good_share") >= param("min_share"),
                    source="test",
                    status="default",
                    points=1,
                )
            ],
            SCHEMA,
            [bounded],
        )
        with pytest.raises(FrameworkError) as info:
            make_framework(rulesets=[MEETINGS, UNITY, ruleset], parameters={"min_share": 1.5})
        assert [(f"{WHERE}, parameters.min_share", "expected a number ≤ 1, got 1.5 (float)", None)] == problems_of(
            info.value
        )


class TestContentHash:
    def test_is_a_sha256(self) -> None:
        """The content hash is 64 hexadecimal digits."""
        digest = FRAMEWORK.content_hash
        assert 64 == len(digest)
        assert set(digest) <= set("0123456789abcdef")

    def test_stable_within_a_process(self) -> None:
        """Building the same framework twice gives the same hash, and the frameworks are equal."""
        first, second = make_framework(), make_framework()
        assert first.content_hash == second.content_hash
        assert first == second
        assert len({first, second}) == 1

    def test_stable_across_processes(self, tmp_path: Path) -> None:
        """A fresh interpreter with another hash seed computes the same hash (no ids or addresses in it)."""
        tests = Path(support.__file__).parent
        env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(tests)}
        result = subprocess.run(
            [sys.executable, "-c", "import support; print(support.FRAMEWORK.content_hash)"],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            check=True,
        )
        assert FRAMEWORK.content_hash == result.stdout.strip()

    @pytest.mark.parametrize(
        "changes",
        [
            {"parameters": {"min_attendance": 0.9}},
            {"parameters": {"regular_required": 11}},
            {"points": {"demo.monthly": 15}},
            {"disabled": {"demo.thematic_school": "no school cells"}},
            {"policy": Policy(four_good_min_grade="EXCELLENT")},
            {"policy": Policy(unknown="best")},
            {"policy": Policy(bands=Bands(good=0.75))},
            {"grading": {"cell": Grading()}},
            {  # the rules' points follow, so that each dimension's points add up
                "dimension_points": {"meetings": 75, "unity_discipline": 25},
                "points": {"demo.monthly": 65, "demo.united": 25},
            },
            {"rulesets": [MEETINGS]},
        ],
        ids=lambda changes: ",".join(changes),
    )
    def test_sensitive_to_what_changes_an_outcome(self, changes: dict[str, Any]) -> None:
        """Changing a parameter, points, a disabled rule, the policy or the rulesets changes the hash."""
        changed = make_framework(**changes)
        assert FRAMEWORK.content_hash != changed.content_hash
        assert FRAMEWORK != changed

    def test_sensitive_to_a_rule_threshold(self) -> None:
        """Changing one constant inside one rule's condition changes the hash."""
        rules = list(MEETINGS.rules)
        rules[2] = attrs.evolve(rules[2], when=fact("thematic_meetings_held") >= 3)
        meetings = attrs.evolve(MEETINGS, rules=rules)
        assert FRAMEWORK.content_hash != make_framework(rulesets=[meetings, UNITY]).content_hash

    def test_not_equal_to_other_types(self) -> None:
        """A framework is not equal to its hash text or to a ruleset."""
        assert FRAMEWORK != FRAMEWORK.content_hash
        assert FRAMEWORK != MEETINGS


class TestView:
    def test_view_of_the_demo(self) -> None:
        """The cell view lists the rules in ruleset order, the default parameters and the dimensions."""
        view = FRAMEWORK.view("cell")
        assert Kind.CELL == view.kind
        assert (Kind.CELL,) == FRAMEWORK.kinds
        assert ("meetings", "unity_discipline") == view.dimensions
        assert [
            "demo.monthly",
            "demo.attendance",
            "demo.thematic_school",
            "demo.united",
            "demo.disunity",
            "demo.members_low",
        ] == [r.id for r in view.rules]
        assert {"regular_required": 12, "min_attendance": 0.85} == dict(view.params)
        assert GRADING["cell"] == view.grading
        assert view is FRAMEWORK.view(Kind.CELL)

    def test_overrides_applied(self) -> None:
        """Points overrides change a rule's points, disabled rules are left out, parameters are overridden."""
        framework = make_framework(
            points={"demo.monthly": 15, "demo.attendance": 0},
            disabled={"demo.thematic_school": "no school cells in this ward"},
            parameters={"min_attendance": 0.9},
        )
        view = framework.view("cell")
        points = {r.id: r.points for r in view.rules}
        assert {
            "demo.monthly": 15,
            "demo.attendance": 0,
            "demo.united": 10,
            "demo.disunity": 0,
            "demo.members_low": 0,
        } == points
        assert {"regular_required": 12, "min_attendance": 0.9} == dict(view.params)
        assert 10 == MEETINGS.rule("demo.monthly").points  # the ruleset itself is unchanged

    def test_overrides_reach_the_evaluation(self) -> None:
        """An evaluation under the overridden framework scores with the new points and without the disabled rule."""
        framework = make_framework(points={"demo.monthly": 15}, disabled={"demo.attendance": "no register kept"})
        subject = Subject("cell-1", "cell", 2025, support.good_cell_facts())
        result = evaluate(subject, framework=framework, backend="python")
        meetings = result.dimension("meetings")
        assert (15.0, 15.0) == (meetings.score, meetings.max)
        assert "demo.attendance" not in result.evidence.rules

    def test_kind_without_rules(self) -> None:
        """Asking for a kind the framework has no rules for is a FrameworkError saying so."""
        with pytest.raises(FrameworkError) as info:
            FRAMEWORK.view("member")
        assert [(WHERE, "has no rules for members", None)] == problems_of(info.value)

    @pytest.mark.parametrize(
        ("start", "end", "in_force"),
        [
            (None, None, {2023: True, 2025: True}),
            (2025, None, {2024: False, 2025: True, 2030: True}),
            (None, 2024, {2024: True, 2025: False}),
            (2024, 2025, {2023: False, 2024: True, 2025: True, 2026: False}),
        ],
    )
    def test_applies_to(self, start: int | None, end: int | None, in_force: dict[int, bool]) -> None:
        """A framework is in force from its first to its last year, both included; open ends are open."""
        framework = make_framework(effective_from=start, effective_to=end)
        assert in_force == {year: framework.applies_to(year) for year in in_force}

    def test_view_cannot_be_changed_behind_the_hash(self) -> None:
        """A view's parameters cannot be changed in place (that would change outcomes, not the hash)."""
        framework = make_framework()
        with pytest.raises(TypeError):
            framework.view("cell").params["min_attendance"] = 0.95  # type: ignore[index]
