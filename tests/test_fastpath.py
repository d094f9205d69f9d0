"""The generated fast path gives the evaluations the general path gives, and its source holds no
text from a framework or an input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partyrules import (
    Evaluator,
    FactSpec,
    Framework,
    Grading,
    InputError,
    Kind,
    PartyrulesError,
    Registry,
    Ruleset,
    Schema,
    Subject,
    fact,
    rule,
)
from partyrules.engine import durable_available
from partyrules.serialize import dumps
from partyrules.testing.strategies import frameworks, subjects

BACKENDS = ["python", *(["durable"] if durable_available() else [])]
REFERENCE = Registry().framework("fourgood")


def outcome(evaluator: Evaluator, subject: Subject) -> object:
    """The evaluation, or the error and what it says."""
    try:
        return evaluator.evaluate(subject)
    except InputError as error:
        return [p.parts() for p in error.problems]
    except PartyrulesError as error:
        return (type(error), str(error))


def both(framework: Framework, subject: Subject, backend: str = "python") -> tuple[object, object]:
    """The evaluation (or the error) of the fast and of the general path."""
    results = []
    for fast in (True, False):
        with Evaluator(framework, backend=backend, fast=fast) as evaluator:
            results.append(outcome(evaluator, subject))
    return results[0], results[1]


EVALUATORS = {
    (backend, fast): Evaluator(REFERENCE, backend=backend, fast=fast) for backend in BACKENDS for fast in (True, False)
}


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("kind", ["member", "cell", "committee"])
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(data=st.data())
def test_the_reference_framework(backend: str, kind: str, data: st.DataObject) -> None:
    """On the reference framework's subjects (facts missing or not, any year it is in force),
    the fast path's evaluation equals the general path's, down to its JSON."""
    subject = data.draw(subjects(REFERENCE, kind, missing=data.draw(st.booleans())))
    fast, general = (outcome(EVALUATORS[backend, path], subject) for path in (True, False))
    assert fast == general
    if not isinstance(fast, list):
        assert dumps(fast, framework=REFERENCE) == dumps(general, framework=REFERENCE)  # type: ignore[arg-type]


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], deadline=None)
@given(data=st.data())
def test_generated_frameworks(data: st.DataObject) -> None:
    """On random frameworks (any facts, conditions, effects, policies) and their subjects, both
    paths give the same evaluation."""
    framework = data.draw(frameworks())
    subject = data.draw(subjects(framework, "cell", missing=data.draw(st.booleans())))
    fast, general = both(framework, subject)
    assert fast == general


@pytest.mark.skipif("durable" not in BACKENDS, reason="durable_rules does not import here")
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], deadline=None)
@given(data=st.data())
def test_generated_frameworks_on_durable(data: st.DataObject) -> None:
    """With durable_rules, the fast path writes the engine's facts itself from the values it
    validated: the same evaluation, or the same error, as the general path."""
    framework = data.draw(frameworks())
    subject = data.draw(subjects(framework, "cell", missing=data.draw(st.booleans())))
    fast, general = both(framework, subject, backend="durable")
    assert fast == general


@pytest.mark.parametrize(
    "facts",
    [
        {"tasks_done": 10, "tasks_total": 10, "tasks_done_share": 1.0},  # a derived fact given
        {"tasks_done": "ten"},  # an invalid value
        {"no_such_fact": 1},  # an unknown fact
        {"regime": "124"},  # the regime, which the evaluator sets
    ],
    ids=["derived given", "invalid", "unknown fact", "regime given"],
)
def test_what_the_fast_path_hands_back(facts: dict[str, object]) -> None:
    """Subjects the fast path does not handle get the general path's result or problems."""
    subject = Subject("m", "member", 2025, facts)
    fast, general = both(REFERENCE, subject)
    assert fast == general


def test_the_source_holds_no_text_from_the_framework() -> None:
    """Constants, fact names and rule ids are values in the namespace, never source text: a
    text that would break out of a string literal is compared as data."""
    hostile = 'x") or __import__("os").system("echo owned") or ("'
    schema = Schema([FactSpec("label", "str"), FactSpec("score", "float", minimum=0, maximum=100)])
    framework = Framework(
        "hostile",
        [
            Ruleset(
                "hostile.meetings",
                "cell",
                "meetings",
                [
                    rule(
                        id="hostile.r",
                        dimension="meetings",
                        title_vi=hostile,
                        title_en=hostile,
                        when=fact("label") == hostile,
                        points=1,
                        source=hostile,
                        status="default",
                    )
                ],
                schema,
            )
        ],
        grading={"cell": Grading(score_facts=("score",))},
    )
    with Evaluator(framework, backend="python") as evaluator:
        source = evaluator.source("cell", 2025)
        assert source.startswith("def fast(subject):")
        assert hostile not in source and "label" not in source and "hostile" not in source
        met = evaluator.evaluate(Subject("c", "cell", 2025, {"label": hostile, "score": 95.0}))
        other = evaluator.evaluate(Subject("c", "cell", 2025, {"label": "x", "score": 95.0}))
    assert (1.0, 0.0) == (met.dimension("meetings").score, other.dimension("meetings").score)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_fact_only_the_other_regime_reads_may_be_missing(backend: str) -> None:
    """A 2025 cell without ``leadership_fault_self_remedied`` (read only by rules of regime 124)
    still takes the fast path, with the general path's evaluation and recorded facts; under 124
    the fact is needed and the general path answers."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent / "rulesets"))
    from fourgood_subjects import cell

    for year, takes_fast_path in ((2025, True), (2024, False)):
        framework = Registry().framework("fourgood", year=year)
        subject = cell(year, leadership_disciplined=True)
        assert "leadership_fault_self_remedied" not in subject.facts
        with Evaluator(framework, backend=backend) as evaluator:
            path = evaluator._fast_path(evaluator._compiled(subject.kind), year)
            assert path is not None
            assert takes_fast_path == (path.run(subject) is not None)
        fast, general = both(framework, subject, backend)
        assert fast == general
        assert dumps([fast], framework=framework) == dumps([general], framework=framework)  # type: ignore[list-item]


def test_rules_gated_by_the_regime_are_decided_once_per_regime() -> None:
    """A rule that applies under one regime only (``regime == "366"``) is not an engine
    condition: its applicability is decided once per regime, for the fast and the general path."""
    with Evaluator(REFERENCE, backend="python") as evaluator:
        compiled = evaluator._compiled(Kind.MEMBER)
        gated = {i.rule.id for i in compiled.gated}
        assert {"member366.veto_tasks", "member124.veto_discipline"} <= gated
        assert not gated & {i.rule.id for i in compiled.with_applies}
        out_366 = compiled.not_applicable_under("366")
        assert "member124.veto_discipline" in out_366 and "member366.veto_tasks" not in out_366
        assert "member366.veto_tasks" in compiled.not_applicable_under("124")
