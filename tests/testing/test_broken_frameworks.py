"""The auditor is itself tested: frameworks broken on purpose, each of which the audit must catch,
with the counterexample it reports evaluated again (by partyrules, and by ``partyrules evaluate``
on the counterexample file) to show the violation.

- a rule that rewards fewer meetings (examples/frameworks/broken-fewer-meetings.toml, the how-to's
  example) → monotonicity;
- a dead rule (broken/dead-rule.toml) → coverage;
- two contradicting caps (broken/contradicting-caps.toml) → consistency;
- a rule the durable backend would compile wrongly (broken/huge_threshold.py, with durable's
  number encoder replaced by a naive one) → agreement.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from click.testing import CliRunner

from partyrules import Evaluation, Evaluator, Framework, Grade, Outcome, Registry, Subject
from partyrules.cli import main
from partyrules.convert import read_document
from partyrules.engine import durable_available
from partyrules.frameworkfile import load_framework_file
from partyrules.testing.audit import AuditReport, Violation, audit, counterexample_document, render_report

ROOT = Path(__file__).parents[2]
BROKEN = Path(__file__).parent / "broken"
FEWER_MEETINGS = ROOT / "examples" / "frameworks" / "broken-fewer-meetings.toml"
DEAD_RULE = BROKEN / "dead-rule.toml"
CONTRADICTING_CAPS = BROKEN / "contradicting-caps.toml"
#: Examples per search: each broken rule is found on the deterministic grid the audit tries first.
EXAMPLES = 5


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry()


def failing(report: AuditReport) -> list[Violation]:
    return [v for v in report.violations if v.exempted_by is None]


def outcome(result: Evaluation, rule_id: str) -> Outcome:
    """A rule's outcome for one evaluation, read from its evidence."""
    return result.evidence.outcome(rule_id)


def as_input_file(violation: Violation, folder: Path) -> Path:
    """The violation's counterexample, written as ``partyrules audit --save`` writes it."""
    path = folder / "counterexample.yaml"
    path.write_text(yaml.safe_dump(counterexample_document(violation), allow_unicode=True), encoding="utf-8")
    return path


def read_back(path: Path) -> list[Subject]:
    """The subjects of an input file, as ``partyrules evaluate`` reads them."""
    subjects = read_document(yaml.safe_load(path.read_text(encoding="utf-8"))).subjects
    return subjects


def cli_json(*args: str, limits: tuple[str, ...] = ()) -> list[dict[str, object]]:
    """The records of ``partyrules evaluate ... --format json --trace full``; the command must succeed."""
    options = [part for limit in limits for part in ("--limit", limit)]
    result = CliRunner().invoke(main, [*options, "evaluate", *args, "--format", "json", "--trace", "full"])
    assert 0 == result.exit_code, result.output
    return json.loads(result.stdout)["results"]  # type: ignore[no-any-return]


def cli_outcome(result: dict[str, object], rule_id: str) -> str:
    steps = result["trace"]["rules"]  # type: ignore[index]
    return next(step["outcome"] for step in steps if step["rule_id"] == rule_id)  # type: ignore[no-any-return]


def same_subjects(expected: tuple[Subject, ...], actual: list[Subject]) -> None:
    """The file holds the counterexample's subjects: same kind, period and facts."""
    assert [(s.kind, s.period, dict(s.facts)) for s in expected] == [(s.kind, s.period, dict(s.facts)) for s in actual]


# -- a rule that rewards fewer meetings: monotonicity -----------------------------------------------

THEMATIC = "thematic_meetings_held"
TYPO = "hoa-binh.meetings.thematic_six"  # when = "thematic_meetings_held <= 6", required, 2 points


@pytest.fixture(scope="module")
def fewer_meetings(registry: Registry) -> Framework:
    return load_framework_file(FEWER_MEETINGS, resolve=registry.framework)


@pytest.fixture(scope="module")
def fewer_meetings_report(fewer_meetings: Framework) -> AuditReport:
    return audit(fewer_meetings, examples=EXAMPLES, properties=["monotonicity"], kinds=["cell"])


class TestRewardsFewerMeetings:
    def test_the_audit_catches_it(self, fewer_meetings_report: AuditReport) -> None:
        """The only failing finding is that raising the thematic meetings makes the result
        worse, through the rule with the typo: every other rule rewards more, or sanctions less."""
        assert not fewer_meetings_report.ok
        assert [("monotonicity", THEMATIC, TYPO)] == [
            (v.property, v.fact, v.rule_id) for v in failing(fewer_meetings_report)
        ]

    def test_the_counterexample_shows_it(self, fewer_meetings: Framework, fewer_meetings_report: AuditReport) -> None:
        """Evaluated again, the "after" subject (one more thematic meeting, nothing else changed)
        gets a lower grade or loses Four-Good.  It sits right at the typo's threshold: 6 meetings
        meet ``<= 6``, 7 do not."""
        (violation,) = failing(fewer_meetings_report)
        before, after = violation.examples
        assert {**before.facts, THEMATIC: 7} == dict(after.facts)
        assert 6 == before.facts[THEMATIC]
        with Evaluator(fewer_meetings, backend="python") as evaluator:
            was, now = evaluator.evaluate(before), evaluator.evaluate(after)
        assert (Outcome.MET, Outcome.NOT_MET) == (outcome(was, TYPO), outcome(now, TYPO))
        assert was.grade is not None and now.grade is not None
        assert now.grade < was.grade or (was.four_good and not now.four_good)

    def test_the_counterexample_file_evaluates(
        self, fewer_meetings_report: AuditReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The counterexample file reads back as the two subjects, and ``partyrules evaluate
        --framework FILE`` on it shows the "after" cell worse off than the "before" one."""
        (violation,) = failing(fewer_meetings_report)
        path = as_input_file(violation, tmp_path)
        same_subjects(violation.examples, read_back(path))
        before, after = cli_json(str(path), "--framework", str(FEWER_MEETINGS))
        assert ("counterexample-before", "counterexample-after") == (before["id"], after["id"])
        assert ("met", "not_met") == (cli_outcome(before, TYPO), cli_outcome(after, TYPO))
        was, now = Grade(before["grade"]), Grade(after["grade"])
        assert now < was or (before["four_good"] is True and after["four_good"] is False)


def exempted(tmp_path: Path, registry: Registry, exemption: str, **options: Any) -> AuditReport:
    """The broken example with one ``[[exemptions]]`` table (``exemption``: its lines) appended,
    audited for monotonicity on cells (or as ``options`` say)."""
    path = tmp_path / "exempted.toml"
    text = FEWER_MEETINGS.read_text(encoding="utf-8") + f'\n[[exemptions]]\nrule = "{TYPO}"\n{exemption}\n'
    path.write_text(text, encoding="utf-8")
    chosen = {"examples": EXAMPLES, "properties": ["monotonicity"], "kinds": ["cell"], **options}
    return audit(load_framework_file(path, resolve=registry.framework), **chosen)


class TestExemption:
    def test_an_exemption_in_the_file_accepts_the_violation(self, tmp_path: Path, registry: Registry) -> None:
        """Naming the rule and the property in ``[[exemptions]]`` turns the violation into an
        accepted one, with its reason: the audit passes."""
        reason = "the ward rewards small cells that cannot hold more (an invented reason)"
        report = exempted(tmp_path, registry, f'property = "monotonicity"\nreason = "{reason}"')
        assert report.ok
        assert [(TYPO, f"{TYPO}: {reason}")] == [(v.rule_id, str(v.exempted_by)) for v in report.violations]
        assert f"~ monotonicity (cell): raising {THEMATIC} (6 → 7)" in render_report(report)

    def test_the_reason_in_each_language(self, tmp_path: Path, registry: Registry) -> None:
        """With ``reason_vi``, the Vietnamese report gives the Vietnamese reason; without it, the
        one reason stands for both languages."""
        both = exempted(
            tmp_path, registry, 'property = "monotonicity"\nreason = "small cells"\nreason_vi = "chi bộ nhỏ"'
        )
        assert f"    được chấp nhận theo ngoại lệ: {TYPO}: chi bộ nhỏ" in render_report(both, "vi").splitlines()
        assert f"    accepted by exemption: {TYPO}: small cells" in render_report(both, "en").splitlines()
        alone = exempted(tmp_path, registry, 'property = "monotonicity"\nreason = "small cells"')
        assert f"    được chấp nhận theo ngoại lệ: {TYPO}: small cells" in render_report(alone, "vi").splitlines()

    def test_an_exemption_from_another_property_does_not(self, tmp_path: Path, registry: Registry) -> None:
        """An exemption is for one property: exempting the rule from coverage leaves its
        monotonicity violation failing."""
        report = exempted(tmp_path, registry, 'property = "coverage"\nreason = "not this one"')
        assert [TYPO] == [v.rule_id for v in failing(report)]


# -- a dead rule: coverage ------------------------------------------------------------------------

DEAD = "broken.meetings.every_month"  # when = "regular_meetings_held > 12"; the fact is at most 12
MEETINGS = "regular_meetings_held"


@pytest.fixture(scope="module")
def dead_rule(registry: Registry) -> Framework:
    return load_framework_file(DEAD_RULE, resolve=registry.framework)


@pytest.fixture(scope="module")
def dead_rule_report(dead_rule: Framework) -> AuditReport:
    return audit(dead_rule, examples=EXAMPLES, properties=["coverage"], kinds=["cell"])


class TestDeadRule:
    def test_the_audit_catches_it(self, dead_rule_report: AuditReport) -> None:
        """The only failing finding is that the dead rule is never met."""
        assert [("coverage", DEAD)] == [(v.property, v.rule_id) for v in failing(dead_rule_report)]
        (violation,) = failing(dead_rule_report)
        assert f"rule {DEAD} is never met" in str(violation.message)

    def test_the_example_shows_it(self, dead_rule: Framework, dead_rule_report: AuditReport) -> None:
        """The example does not meet the rule, and neither does any cell that differs from it
        only in its regular meetings, over every value the schema allows (0 to 12; the meetings
        rated good, which cannot exceed them, follow them down)."""
        (violation,) = failing(dead_rule_report)
        (example,) = violation.examples
        spec = dead_rule.view("cell").schema.spec(MEETINGS)
        assert spec is not None and spec.minimum is not None and spec.maximum is not None
        values = range(int(spec.minimum), int(spec.maximum) + 1)
        assert 12 == values[-1]
        rated = int(example.facts["meetings_rated_good"])
        with Evaluator(dead_rule, backend="python") as evaluator:
            outcomes = {
                outcome(
                    evaluator.evaluate(
                        attrs.evolve(
                            example, facts={**example.facts, MEETINGS: held, "meetings_rated_good": min(rated, held)}
                        )
                    ),
                    DEAD,
                )
                for held in values
            }
        assert {Outcome.NOT_MET} == outcomes

    def test_the_example_file_evaluates(self, dead_rule_report: AuditReport, tmp_path: Path) -> None:
        """The example file reads back, and ``partyrules evaluate --framework FILE`` shows the
        rule not met, at the fact's maximum of 12 meetings."""
        (violation,) = failing(dead_rule_report)
        path = as_input_file(violation, tmp_path)
        same_subjects(violation.examples, read_back(path))
        (result,) = cli_json(str(path), "--framework", str(DEAD_RULE))
        assert "not_met" == cli_outcome(result, DEAD)


# -- two contradicting caps: consistency ----------------------------------------------------------

CAP_GOOD = "broken.absences.cap_good"
CAP_COMPLETED = "broken.absences.cap_completed"  # both: when = "unexcused_absences > 5"


@pytest.fixture(scope="module")
def caps(registry: Registry) -> Framework:
    return load_framework_file(CONTRADICTING_CAPS, resolve=registry.framework)


@pytest.fixture(scope="module")
def caps_report(caps: Framework) -> AuditReport:
    return audit(caps, examples=EXAMPLES, properties=["consistency"], kinds=["cell"])


class TestContradictingCaps:
    def test_the_audit_catches_it(self, caps_report: AuditReport) -> None:
        """Two failing findings: the caps contradict each other (reported at the first of them by
        id: a framework file's rules are ordered by id, whatever order they are written in), and
        the cap at GOOD is shadowed by the cap at COMPLETED, which applies whenever it does."""
        found = {(v.property, v.rule_id): str(v.message) for v in failing(caps_report)}
        assert {("consistency", CAP_COMPLETED), ("consistency", CAP_GOOD)} == set(found)
        contradiction, shadowed = (v for v in failing(caps_report))
        assert f"{CAP_COMPLETED} (cap COMPLETED), {CAP_GOOD} (cap GOOD)" in str(contradiction.message)
        assert f"rule {CAP_GOOD} is shadowed" in str(shadowed.message)

    def test_the_example_shows_it(self, caps: Framework, caps_report: AuditReport) -> None:
        """Where both caps apply the grade is at most COMPLETED, and the cap at GOOD decides
        nothing: disabling it gives the very same result."""
        contradiction = failing(caps_report)[0]
        (example,) = contradiction.examples
        assert example.facts["unexcused_absences"] > 5
        without = attrs.evolve(caps, disabled={CAP_GOOD: "to see what it decides"})
        with Evaluator(caps, backend="python") as evaluator, Evaluator(without, backend="python") as other:
            both, alone = evaluator.evaluate(example), other.evaluate(example)
        assert (Outcome.MET, Outcome.MET) == (outcome(both, CAP_GOOD), outcome(both, CAP_COMPLETED))
        assert both.grade is not None and both.grade <= Grade.COMPLETED
        assert (both.grade, both.four_good) == (alone.grade, alone.four_good)

    def test_the_example_file_evaluates(self, caps_report: AuditReport, tmp_path: Path) -> None:
        """The example file reads back, and ``partyrules evaluate --framework FILE`` shows both
        caps met and a grade of at most COMPLETED."""
        contradiction = failing(caps_report)[0]
        path = as_input_file(contradiction, tmp_path)
        same_subjects(contradiction.examples, read_back(path))
        (result,) = cli_json(str(path), "--framework", str(CONTRADICTING_CAPS))
        assert ("met", "met") == (cli_outcome(result, CAP_GOOD), cli_outcome(result, CAP_COMPLETED))
        assert Grade(result["grade"]) <= Grade.COMPLETED


# -- a rule the durable backend compiles wrongly: agreement ----------------------------------------

needs_durable = pytest.mark.skipif(not durable_available(), reason="durable_rules does not import here")
HUGE_CAP = "huge.cap"  # when = volume > 10**20; volume is an int of at most 10**21


@contextmanager
def naive_encoder() -> Iterator[None]:
    """Replace durable's number encoder by what an unprotected one writes: integers as plain
    decimal text, which durable_rules saturates at 2**63 - 1 beyond 64 bits (floats are left
    to the real encoder)."""
    from partyrules.engine import _durable_json

    protected = _durable_json.number

    def naive(value: int | float) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return protected(value)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_durable_json, "number", naive)
        yield


@pytest.fixture(scope="module")
def huge() -> Iterator[Framework]:
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(BROKEN))
        import huge_threshold

        yield huge_threshold.FRAMEWORK


@pytest.fixture(scope="module")
def huge_report(huge: Framework) -> AuditReport:
    with naive_encoder():
        return audit(huge, examples=EXAMPLES, properties=["agreement"])


def both_backends(framework: Framework, subject: Subject) -> tuple[Evaluation, Evaluation]:
    with Evaluator(framework, backend="durable") as engine, Evaluator(framework, backend="python") as oracle:
        return engine.evaluate(subject), oracle.evaluate(subject)


@needs_durable
class TestNaiveDurableEncoder:
    def test_the_audit_catches_it(self, huge_report: AuditReport) -> None:
        """With the naive encoder, the backends disagree on the rule with the huge threshold."""
        assert [("agreement", HUGE_CAP)] == [(v.property, v.rule_id) for v in failing(huge_report)]

    def test_the_counterexample_shows_it(self, huge: Framework, huge_report: AuditReport) -> None:
        """Evaluated again on each backend, the counterexample gets two outcomes for the rule;
        the interpreter's is the comparison itself, ``volume > 10**20``."""
        ((example,),) = [v.examples for v in failing(huge_report)]
        with naive_encoder():
            engine, oracle = both_backends(huge, example)
        expected = Outcome.MET if example.facts["volume"] > 10**20 else Outcome.NOT_MET
        assert expected == outcome(oracle, HUGE_CAP)
        assert outcome(engine, HUGE_CAP) != outcome(oracle, HUGE_CAP)

    def test_the_fault_is_the_encoder(self, huge: Framework) -> None:
        """At the fact's maximum, 10**21 (a double exactly), the naive encoder saturates both
        sides at 2**63 - 1 and durable says not met; the real encoder writes doubles and agrees
        with the interpreter: met, since 10**21 > 10**20."""
        subject = Subject("c1", "cell", 2025, {"score_general": 30.0, "score_tasks": 70.0, "volume": 10**21})
        with naive_encoder():
            naive, oracle = both_backends(huge, subject)
        protected, _ = both_backends(huge, subject)
        assert (Outcome.NOT_MET, Outcome.MET, Outcome.MET) == tuple(
            outcome(r, HUGE_CAP) for r in (naive, protected, oracle)
        )

    def test_the_counterexample_file_evaluates(
        self, huge_report: AuditReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The counterexample file reads back, and ``partyrules evaluate --framework NAME``
        gives the rule two outcomes with ``--backend durable`` and ``--backend python``.  (The
        framework is installed for the command as a test-only distribution: a framework file
        cannot state a threshold beyond 10**15; and an input file's integers are limited to 18
        digits unless the limit is raised, as here.)"""
        ((violation),) = failing(huge_report)
        path = as_input_file(violation, tmp_path)
        same_subjects(violation.examples, read_back(path))
        info = tmp_path / "site" / "partyrules_huge_threshold-1.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(
            "Metadata-Version: 2.1\nName: partyrules-huge-threshold\nVersion: 1\n", encoding="utf-8"
        )
        (info / "entry_points.txt").write_text(
            "[partyrules.rulesets]\nhuge-threshold = huge_threshold:FRAMEWORK\n", encoding="utf-8"
        )
        monkeypatch.syspath_prepend(str(tmp_path / "site"))
        monkeypatch.syspath_prepend(str(BROKEN))
        monkeypatch.delenv("PARTYRULES_DISABLE_PLUGIN_AUTOLOAD", raising=False)
        with naive_encoder():
            outcomes = [
                cli_outcome(
                    cli_json(
                        str(path),
                        "--framework",
                        "huge-threshold",
                        "--backend",
                        backend,
                        limits=("integer_digits=22",),
                    )[0],
                    HUGE_CAP,
                )
                for backend in ("durable", "python")
            ]
        assert outcomes[0] != outcomes[1]


@needs_durable
def test_the_real_encoder_never_answers_wrongly(huge: Framework) -> None:
    """With the real encoder, durable never gives a wrong answer silently: a volume of
    10**20 + 1 (which the audit generates: one past the threshold) either gets the
    interpreter's outcome or is refused with an EngineError."""
    from partyrules.errors import EngineError

    subject = Subject("c1", "cell", 2025, {"score_general": 30.0, "score_tasks": 70.0, "volume": 10**20 + 1})
    try:
        engine, oracle = both_backends(huge, subject)
    except EngineError:
        return
    assert outcome(oracle, HUGE_CAP) == outcome(engine, HUGE_CAP)


# -- partyrules audit -----------------------------------------------------------------------------

HOWTO = ROOT / "docs" / "howto" / "audit.md"


class TestAuditCommand:
    def test_exits_1_on_a_broken_framework(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """``partyrules audit`` on the broken example, as the how-to runs it, exits 1 and prints
        the violation; the how-to shows exactly what it prints."""
        page = HOWTO.read_text(encoding="utf-8")
        pattern = r"```text\n\$ (partyrules audit examples/frameworks/broken-fewer-meetings\.toml[^\n]*)\n(.*?)```"
        match = re.search(pattern, page, re.S)
        assert match is not None, "the how-to shows the audit of examples/frameworks/broken-fewer-meetings.toml"
        command, shown = match.groups()
        monkeypatch.chdir(ROOT)
        result = CliRunner().invoke(main, command.split()[1:])
        assert 1 == result.exit_code
        assert (
            f"✗ monotonicity (cell): raising {THEMATIC} (6 → 7) makes the result worse through {TYPO}" in result.stdout
        )
        assert shown == result.stdout, "paste the command's output into docs/howto/audit.md"

    def test_exits_0_on_the_reference(self) -> None:
        """``partyrules audit fourgood`` exits 0: its findings are all accepted by exemptions."""
        command = ["audit", "fourgood", "--kind", "cell", "--property", "coverage", "--property", "consistency"]
        result = CliRunner().invoke(main, [*command, "--examples", "10"])
        assert 0 == result.exit_code, result.stdout
        assert "passed: no violation" in result.stdout
