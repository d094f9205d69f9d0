"""Tests of the pytest plugin: a committee's test file of a few lines audits its framework.

Each test writes a small test project and runs pytest on it (``pytester``); the plugin comes in
through its ``pytest11`` entry point, as it does for users.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).parents[2]
FEWER_MEETINGS = ROOT / "examples" / "frameworks" / "broken-fewer-meetings.toml"

#: A framework of one cell dimension that passes every audit property: two meetings rules,
#: a reward and a veto on unity, graded from two score facts.
PASSING = """
from partyrules import FactSpec, Framework, Grading, Ruleset, Schema, fact, rule

SCHEMA = Schema(
    [
        FactSpec("regular_meetings_held", "int", minimum=0, maximum=12, direction="higher"),
        FactSpec("attendance", "float", minimum=0, maximum=1, direction="higher"),
        FactSpec("disunity", "bool", direction="lower"),
        FactSpec("score_general", "float", minimum=0, maximum=30, direction="higher"),
        FactSpec("score_tasks", "float", minimum=0, maximum=70, direction="higher"),
    ]
)


def _rule(id, when, **effect):
    return rule(id=id, dimension=id.split(".")[0], title_vi=id, title_en=id, when=when,
                source="test", status="default", **effect)


FRAMEWORK = Framework(
    "ours",
    [
        Ruleset("ours.meetings", "cell", "meetings", [
            _rule("meetings.monthly", fact("regular_meetings_held") >= 12, points=10, required=True),
            _rule("meetings.attendance", fact("attendance") > 0.85, points=10),
        ], SCHEMA),
        Ruleset("ours.unity", "cell", "unity", [
            _rule("unity.united", fact("disunity").is_false(), points=10),
            _rule("unity.disunity", fact("disunity").is_true(), veto="NOT_COMPLETED"),
        ], SCHEMA),
    ],
    grading={"cell": Grading(score_facts=("score_general", "score_tasks"))},
)
"""

OPTIONS = 'kinds=["cell"], properties=["monotonicity"]'


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A test project holding the passing framework (``ours.py``) and the broken example
    (``broken.toml``)."""
    pytester.makepyfile(ours=PASSING)
    (pytester.path / "broken.toml").write_text(FEWER_MEETINGS.read_text(encoding="utf-8"), encoding="utf-8")
    return pytester


class TestFixture:
    def test_a_passing_framework_passes(self, project: pytest.Pytester) -> None:
        """Auditing a sound framework (a Framework object) is one line, and the test passes."""
        project.makepyfile(
            test_ours="""
            from ours import FRAMEWORK

            def test_ours(partyrules_audit):
                partyrules_audit(FRAMEWORK, examples=20)
            """
        )
        project.runpytest().assert_outcomes(passed=1)

    @pytest.mark.parametrize(
        ("lang", "lines"),
        [
            (
                "C.UTF-8",
                [
                    "*audit of broken-fewer-meetings 2025.1*",
                    "*✗ monotonicity (cell): raising thematic_meetings_held (6 → 7) makes the result worse*",
                    "*counterexample (partyrules evaluate reads it):*",
                    "*FAILED: 1 violation(s)*",
                ],
            ),
            (
                "vi_VN.UTF-8",
                [
                    "*kiểm định broken-fewer-meetings 2025.1*",
                    "*✗ tính đơn điệu (chi bộ): tăng thematic_meetings_held (6 → 7) làm kết quả xấu đi*",
                    "*phản ví dụ (partyrules evaluate đọc được):*",
                    "*KHÔNG ĐẠT: 1 vi phạm*",
                ],
            ),
        ],
        ids=["English locale", "Vietnamese locale"],
    )
    def test_a_broken_framework_fails_with_the_report(
        self, project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, lang: str, lines: list[str]
    ) -> None:
        """Auditing a broken framework file fails the test with the rendered report, in the
        locale's language as the command's: the violation and its counterexample, without a
        traceback."""
        monkeypatch.setenv("LANG", lang)
        project.makepyfile(
            test_ours=f"""
            def test_ours(partyrules_audit):
                partyrules_audit("broken.toml", examples=5, {OPTIONS})
            """
        )
        result = project.runpytest()
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(lines)
        assert "Traceback" not in result.stdout.str()

    def test_returns_the_report(self, project: pytest.Pytester) -> None:
        """The fixture returns the report of a passing audit, with the options it was given."""
        project.makepyfile(
            test_ours="""
            from ours import FRAMEWORK

            def test_ours(partyrules_audit):
                report = partyrules_audit(FRAMEWORK, examples=7, seed=3, properties=["totality", "trace"])
                assert (report.ok, report.examples, report.seed) == (True, 7, 3)
                assert report.checked == ("totality", "trace")
            """
        )
        project.runpytest().assert_outcomes(passed=1)

    def test_an_installed_name(self, pytester: pytest.Pytester) -> None:
        """An installed framework is audited by its name."""
        pytester.makepyfile(
            test_reference="""
            def test_reference(partyrules_audit):
                partyrules_audit("fourgood", examples=5, kinds=["cell"], properties=["consistency"])
            """
        )
        pytester.runpytest().assert_outcomes(passed=1)

    def test_a_file_next_to_the_test(self, project: pytest.Pytester) -> None:
        """A relative path is looked up next to the test file first, whatever the current
        directory."""
        tests = project.mkdir("tests")
        (project.path / "broken.toml").rename(tests / "framework.toml")
        (tests / "test_ours.py").write_text(
            'def test_ours(partyrules_audit):\n    partyrules_audit("framework.toml", examples=5, properties=["totality"])\n',
            encoding="utf-8",
        )
        project.runpytest("tests").assert_outcomes(passed=1)

    @pytest.mark.parametrize(
        ("target", "message"),
        [
            ('"missing.toml"', "*cannot audit missing.toml: no framework file 'missing.toml'*"),
            ('"fourgod"', "*cannot audit fourgod: unknown framework 'fourgod' (did you mean 'fourgood'?)*"),
            ('"fourgood", properties=["monotony"]', "*unknown audit property 'monotony'*"),
        ],
    )
    def test_what_cannot_be_audited(self, pytester: pytest.Pytester, target: str, message: str) -> None:
        """A missing file, an unknown name or an unknown property fails the test with a message
        saying what was given."""
        pytester.makepyfile(test_bad=f"def test_bad(partyrules_audit):\n    partyrules_audit({target})\n")
        result = pytester.runpytest()
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines([message])


EXAMPLES_SEEN = """
import json
from pathlib import Path

from ours import FRAMEWORK

def test_ours(partyrules_audit):
    report = partyrules_audit(FRAMEWORK, properties=["totality"])
    Path("examples.json").write_text(json.dumps(report.examples))
"""


class TestExamplesOption:
    def examples(self, project: pytest.Pytester, *args: str) -> int:
        project.makepyfile(test_ours=EXAMPLES_SEEN)
        project.runpytest(*args).assert_outcomes(passed=1)
        return int(json.loads((project.path / "examples.json").read_text(encoding="utf-8")))

    def test_default(self, project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without any setting, 100 examples per search, as ``partyrules audit``."""
        monkeypatch.delenv("PARTYRULES_AUDIT_EXAMPLES", raising=False)
        assert 100 == self.examples(project)

    def test_ini_option(self, project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
        """The ini option ``partyrules_audit_examples`` sets the default."""
        monkeypatch.delenv("PARTYRULES_AUDIT_EXAMPLES", raising=False)
        project.makeini("[pytest]\npartyrules_audit_examples = 12\n")
        assert 12 == self.examples(project)

    def test_environment_overrides_the_ini_option(
        self, project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """``PARTYRULES_AUDIT_EXAMPLES`` overrides the ini option (CI raises it without editing
        the project's configuration)."""
        project.makeini("[pytest]\npartyrules_audit_examples = 12\n")
        monkeypatch.setenv("PARTYRULES_AUDIT_EXAMPLES", "9")
        assert 9 == self.examples(project)

    @pytest.mark.parametrize("value", ["many", "0", "-3"])
    def test_a_bad_value(self, project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
        """A value that is not a whole number ≥ 1 is a usage error naming where it came from."""
        monkeypatch.setenv("PARTYRULES_AUDIT_EXAMPLES", value)
        project.makepyfile(test_ours=EXAMPLES_SEEN)
        result = project.runpytest()
        result.stdout.fnmatch_lines(
            [
                f"*environment variable PARTYRULES_AUDIT_EXAMPLES: expected a whole number of examples ≥ 1, got '{value}'*"
            ]
        )
        assert pytest.ExitCode.OK != result.ret


class TestRegistration:
    def test_registered_under_pytest11(self, pytester: pytest.Pytester) -> None:
        """The plugin is found through its ``pytest11`` entry point, in a pytest process of its
        own, and lists its ini option."""
        result = pytester.runpytest_subprocess("--help")
        result.stdout.fnmatch_lines(["*partyrules_audit_examples*"])

    def test_importing_it_is_cheap(self) -> None:
        """Importing the plugin (which pytest does in every session) loads neither hypothesis,
        nor the audit, nor durable_rules."""
        probe = (
            "import json, sys; import partyrules.testing.pytest_plugin; "
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('hypothesis', 'durable_rules_engine') or m == 'partyrules.testing.audit')))"
        )
        found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
        assert [] == json.loads(found.stdout)
