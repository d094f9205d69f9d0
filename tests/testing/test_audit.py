"""Tests of partyrules.testing.audit beyond the broken frameworks: the example frameworks pass,
rules of a regime out of a framework's period are not blamed, a backend's error is a
disagreement, and bad arguments are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from partyrules import FactSpec, Framework, Grading, Registry, Ruleset, Schema, UnknownNameError, fact, rule
from partyrules.engine import durable_available
from partyrules.frameworkfile import load_framework_file
from partyrules.testing.audit import audit, render_report

EXAMPLES = Path(__file__).parents[2] / "examples" / "frameworks"
SOUND = sorted(p for p in EXAMPLES.glob("*.toml") if not p.name.startswith("broken-"))


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry()


@pytest.mark.parametrize("path", SOUND, ids=lambda p: p.name)
def test_the_example_frameworks_pass(registry: Registry, path: Path) -> None:
    """The example wards' frameworks pass coverage and consistency (the properties a ward's
    own numbers and rules can break), with only the reference's exemptions accepted."""
    framework = load_framework_file(path, resolve=registry.framework)
    report = audit(framework, examples=10, properties=["coverage", "consistency"])
    assert report.ok, render_report(report)
    exempted = {(e.rule_id, e.property) for e in framework.exemptions}
    assert set() == {(v.rule_id, v.property) for v in report.violations} - exempted


def test_rules_of_another_regime_are_not_blamed(registry: Registry) -> None:
    """A framework in force from 2025 grades under regime 366 only: the reference's rules that
    apply under regime 124 can never apply there, and coverage does not report them."""
    framework = load_framework_file(EXAMPLES / "hoa-binh.toml", resolve=registry.framework)
    assert 2025 == framework.effective_from
    report = audit(framework, examples=10, properties=["coverage"], kinds=["cell"])
    assert [] == [v.rule_id for v in report.violations if v.rule_id and "124" in v.rule_id]


def test_a_grade_only_a_cap_gives_is_sought_where_it_applies(registry: Registry) -> None:
    """Under regime 124 a committee is COMPLETED when a subordinate cell was disciplined and
    the faults were not self-detected (the cap annual124.good_subordinates): coverage finds it."""
    framework = load_framework_file(EXAMPLES / "hoa-binh-2024.toml", resolve=registry.framework)
    report = audit(framework, examples=10, properties=["coverage"], kinds=["committee"])
    assert [] == [str(v.message) for v in report.violations if "never reached" in str(v.message)]


SCHEMA = Schema(
    [
        FactSpec("code", "int", minimum=0, maximum=100),
        FactSpec("score_general", "float", minimum=0, maximum=100, direction="higher"),
    ]
)
#: A rule of 60 comparisons: more than one durable_rules rule can hold (48), fine in Python.
WIDE = rule(
    id="wide.cap",
    dimension="annual",
    title_vi="Mã thuộc danh sách",
    title_en="A code on the list",
    when=fact("code").is_in(*range(0, 120, 2)),
    cap="GOOD",
    source="test",
    status="default",
)


@pytest.mark.skipif(not durable_available(), reason="durable_rules does not import here")
def test_an_error_on_one_backend_is_a_disagreement() -> None:
    """durable_rules refuses a rule too large for it; the interpreter evaluates it: the
    backends do not agree, and the audit says what durable raised."""
    framework = Framework(
        "wide",
        [Ruleset("wide.annual", "cell", "annual", [WIDE], SCHEMA)],
        grading={"cell": Grading(score_facts=("score_general",))},
    )
    (violation,) = audit(framework, examples=5, properties=["agreement"]).violations
    durable, python = (str(outcome) for outcome in violation.outcomes)
    assert durable.startswith("durable: EngineLimitError: rule 'wide.cap' is too large for durable_rules")
    assert python.startswith("python: ")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"properties": ["monotony"]}, "unknown audit property 'monotony' (did you mean 'monotonicity'?)"),
        ({"kinds": ["cells"]}, "unknown kind 'cells' (did you mean 'cell'?)"),
    ],
)
def test_bad_arguments(options: dict[str, list[str]], message: str) -> None:
    """A property or kind that does not exist is refused before anything runs."""
    framework = Registry().framework("fourgood")
    with pytest.raises(UnknownNameError) as caught:
        audit(framework, **options)  # type: ignore[arg-type]
    assert message == str(caught.value)
