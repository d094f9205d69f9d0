"""Tests of the ``partyrules`` command, with the demo framework installed as a test-only distribution."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from partyrules.cli import main
from support import FRAMEWORK
from test_io import BAD_INPUTS, expected_problems, write_input

PLUGIN_MODULE = "partyrules_cli_demo_plugin"

PLUGIN_SOURCE = """\
from support import FRAMEWORK, MEETINGS, UNITY
from test_io import FRAMEWORK as WITH_MEMBERS, MEMBERS

RULESETS = [MEETINGS, UNITY, MEMBERS]
"""

BROKEN_MODULE = "partyrules_cli_broken_plugin"


def install(site: Path, name: str, version: str, module: str, source: str, entry_points: dict[str, str]) -> None:
    """Write a module and its dist-info into ``site``."""
    (site / f"{module}.py").write_text(source, encoding="utf-8")
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    lines = ["[partyrules.rulesets]", *(f"{key} = {value}" for key, value in entry_points.items())]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The demo framework (and one with member rules) installed through entry points on sys.path."""
    directory = tmp_path / "site"
    directory.mkdir()
    install(
        directory,
        "partyrules-demo",
        "0.0.1",
        PLUGIN_MODULE,
        PLUGIN_SOURCE,
        {
            "demo": f"{PLUGIN_MODULE}:FRAMEWORK",
            "demo-members": f"{PLUGIN_MODULE}:WITH_MEMBERS",
            "demo-rulesets": f"{PLUGIN_MODULE}:RULESETS",
        },
    )
    monkeypatch.delenv("PARTYRULES_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    monkeypatch.syspath_prepend(str(directory))
    monkeypatch.chdir(tmp_path)
    yield directory
    sys.modules.pop(PLUGIN_MODULE, None)
    sys.modules.pop(BROKEN_MODULE, None)


@pytest.fixture
def broken(site: Path) -> Path:
    """A second, broken plugin next to the demo."""
    install(
        site, "broken-plugin", "9.9", BROKEN_MODULE, "raise RuntimeError('boom')\n", {"broken": f"{BROKEN_MODULE}:X"}
    )
    return site


def run(*args: str) -> Result:
    """Run the command; whatever happens, it must not end in an unexpected exception or a traceback."""
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert "Traceback" not in result.stderr
    return result


INPUT = """\
period: 2025
cells:
  - id: c1
    name: Chi bộ 1
    facts: {regular_meetings_held: 12, thematic_meetings_held: 4, attendance: 0.9, disunity: false,
            cell_kind: residential, score_general: 28, score_tasks: 64, members_total: 10, members_good: 9}
  - id: c2
    facts: {regular_meetings_held: 10, thematic_meetings_held: 4, attendance: 0.8, disunity: false,
            cell_kind: residential, score_general: 20, score_tasks: 40, members_total: 10, members_good: 9}
"""
# c1 meets every rule: 20/20 and 10/10, score 28 + 64 = 92 ≥ 90: EXCELLENT, Four-Good.
# c2 misses the required monthly meetings and the attendance: meetings 0/20 (not good); score 20 + 40 = 60
# ≥ 50: COMPLETED, not Four-Good.


@pytest.fixture
def input_file(site: Path, tmp_path: Path) -> Path:
    path = tmp_path / "ward.yaml"
    path.write_text(INPUT, encoding="utf-8")
    return path


EVALUATE = ("evaluate", "--framework", "demo", "--backend", "python")


class TestBadInputs:
    @pytest.mark.parametrize(
        ("name", "content", "problems"), [r[1:] for r in BAD_INPUTS], ids=[r[0] for r in BAD_INPUTS]
    )
    def test_bad_input(
        self,
        site: Path,
        tmp_path: Path,
        name: str,
        content: str | bytes | None,
        problems: list[tuple[str, str, str | None]],
    ) -> None:
        """A bad input exits with 1 and prints every problem with its path on stderr, nothing on stdout."""
        path = write_input(tmp_path, name, content)
        result = run("evaluate", str(path), "--framework", "demo-members", "--backend", "python")
        assert 1 == result.exit_code
        assert "" == result.stdout
        for where, message, hint in expected_problems(path, problems):
            line = f"  - {where}: {message}" + (f" ({hint})" if hint else "")
            assert line in result.stderr.splitlines()

    def test_unknown_framework(self, input_file: Path) -> None:
        """An unknown framework exits with 1 and suggests the closest installed one."""
        result = run("evaluate", str(input_file), "--framework", "dmo")
        assert 1 == result.exit_code
        assert "error: unknown framework 'dmo' (did you mean 'demo'?)\n" == result.stderr

    def test_broken_plugin(self, broken: Path, input_file: Path) -> None:
        """A broken installed plugin is reported by name and distribution, with its cause, and exits with 1."""
        result = run(*EVALUATE[:1], str(input_file), *EVALUATE[1:])
        assert 1 == result.exit_code
        assert "1 broken plugin in 'partyrules.rulesets'" in result.stderr
        assert f'plugin "broken" ({BROKEN_MODULE}:X) from broken-plugin 9.9' in result.stderr
        assert "caused by RuntimeError: boom" in result.stderr

    def test_xlsx_needs_output(self, input_file: Path) -> None:
        """XLSX cannot go to the terminal."""
        result = run("evaluate", str(input_file), "--format", "xlsx")
        assert 1 == result.exit_code
        assert "--output: XLSX output needs --output FILE.xlsx" in result.stderr


class TestFormats:
    def test_json(self, input_file: Path) -> None:
        """--format json prints the documented shape, with the grades the rules give."""
        result = run(*EVALUATE[:1], str(input_file), *EVALUATE[1:], "--format", "json")
        assert 0 == result.exit_code
        document = json.loads(result.stdout)
        data = document["results"]
        assert [
            ("c1", "cell", 2025, "EXCELLENT", True),
            ("c2", "cell", 2025, "COMPLETED", False),
        ] == [(d["id"], d["kind"], d["period"], d["grade"], d["four_good"]) for d in data]
        for subject in data:
            assert {"id", "kind", "period", "grade", "four_good", "dimensions", "evidence"} <= set(subject)
            assert "trace" not in subject  # compact by default: the catalogue holds the rules' text
        meetings = data[1]["dimensions"]["meetings"]
        assert (0, 20, "POOR", False) == (meetings["score"], meetings["max"], meetings["grade"], meetings["good"])
        assert ["demo.monthly"] == meetings["required_failed"]
        framework = document["catalogue"]["framework"]
        assert ("demo", "1", FRAMEWORK.content_hash) == (
            framework["name"],
            framework["version"],
            framework["content_hash"],
        )

    def test_jsonl(self, input_file: Path) -> None:
        """--format jsonl prints the catalogue, then one record per line, the same records as json."""
        lines = run(*EVALUATE[:1], str(input_file), *EVALUATE[1:], "--format", "jsonl").stdout.splitlines()
        document = json.loads(run(*EVALUATE[:1], str(input_file), *EVALUATE[1:], "--format", "json").stdout)
        assert [document["catalogue"], *document["results"]] == [json.loads(line) for line in lines]

    def test_full_trace(self, input_file: Path) -> None:
        """--trace full adds each record's trace: every rule, with its title and outcome."""
        data = json.loads(
            run(*EVALUATE[:1], str(input_file), *EVALUATE[1:], "--format", "json", "--trace", "full").stdout
        )
        c2 = data["results"][1]
        steps = {step["rule_id"]: step for step in c2["trace"]["rules"]}
        assert [r.id for r in FRAMEWORK.view("cell").rules] == list(steps)
        assert "not_met" == steps["demo.monthly"]["outcome"]

    def test_backend_recorded(self, input_file: Path) -> None:
        """--backend python is recorded in every evaluation and in its trace."""
        result = run(*EVALUATE[:1], str(input_file), *EVALUATE[1:], "--format", "json", "--trace", "full")
        data = json.loads(result.stdout)["results"]
        assert [("python", "python")] * 2 == [(d["backend"], d["trace"]["backend"]) for d in data]

    def test_csv(self, input_file: Path) -> None:
        """--format csv prints a header and one row per subject, with dimension columns."""
        result = run(*EVALUATE[:1], str(input_file), *EVALUATE[1:], "--format", "csv")
        assert 0 == result.exit_code
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert [
            ("c1", "Chi bộ 1", "EXCELLENT", "True", "20.0", "20.0"),
            ("c2", "", "COMPLETED", "False", "0.0", "20.0"),
        ] == [(r["id"], r["name"], r["grade"], r["four_good"], r["meetings.score"], r["meetings.max"]) for r in rows]

    def test_xlsx(self, input_file: Path, tmp_path: Path) -> None:
        """--format xlsx writes a workbook to --output."""
        pytest.importorskip("openpyxl")
        target = tmp_path / "out.xlsx"
        result = run(*EVALUATE[:1], str(input_file), *EVALUATE[1:], "--format", "xlsx", "--output", str(target))
        assert 0 == result.exit_code
        assert target.read_bytes().startswith(b"PK")

    def test_framework_named_in_the_file(self, site: Path, tmp_path: Path) -> None:
        """Without --framework, the file's own 'framework' field chooses it."""
        path = tmp_path / "named.yaml"
        path.write_text(INPUT.replace("period: 2025\n", "period: 2025\nframework: demo\n"), encoding="utf-8")
        result = run("evaluate", str(path), "--backend", "python", "--format", "json")
        assert 0 == result.exit_code
        assert "demo" == json.loads(result.stdout)["catalogue"]["framework"]["name"]


class TestText:
    def test_languages(self, input_file: Path) -> None:
        """--lang vi (the default) and --lang en give the same verdicts in two languages."""
        vi = run(*EVALUATE[:1], str(input_file), *EVALUATE[1:])
        en = run(*EVALUATE[:1], str(input_file), *EVALUATE[1:], "--lang", "en")
        assert vi.stdout == run(*EVALUATE[:1], str(input_file), *EVALUATE[1:], "--lang", "vi").stdout
        assert vi.stdout != en.stdout
        assert "c1 (Chi bộ 1): HTXSNV · Bốn tốt: có" == vi.stdout.splitlines()[0]
        assert "c1 (Chi bộ 1): EXCELLENT · Four-Good: yes" == en.stdout.splitlines()[0]
        assert any(line.startswith("c2: COMPLETED · Four-Good: no") for line in en.stdout.splitlines())

    def test_explain_lists_every_rule(self, input_file: Path) -> None:
        """--explain lists every rule of the framework for every subject; the default text is compact."""
        rule_ids = [r.id for r in FRAMEWORK.view("cell").rules]
        full = run(*EVALUATE[:1], str(input_file), *EVALUATE[1:], "--explain", "--lang", "en").stdout
        compact = run(*EVALUATE[:1], str(input_file), *EVALUATE[1:], "--lang", "en").stdout
        for rule_id in rule_ids:
            assert 2 == full.count(f"[{rule_id}]")
            assert f"[{rule_id}]" not in compact

    def test_explain_command(self, input_file: Path) -> None:
        """``partyrules explain FILE SUBJECT`` explains one subject in full."""
        result = run("explain", str(input_file), "c2", "--framework", "demo", "--backend", "python", "--lang", "en")
        assert 0 == result.exit_code
        assert result.stdout.startswith("c2: COMPLETED")
        assert "[demo.monthly]" in result.stdout
        assert "c1" not in result.stdout

    def test_explain_unknown_subject(self, input_file: Path) -> None:
        """Explaining a subject not in the file exits with 1 and lists the known ones."""
        result = run("explain", str(input_file), "c3", "--framework", "demo", "--backend", "python")
        assert 1 == result.exit_code
        assert "error: unknown subject 'c3'; known: c1, c2\n" == result.stderr


class TestOutput:
    def test_output_matches_stdout(self, input_file: Path, tmp_path: Path) -> None:
        """--output writes exactly what would have been printed, and prints nothing."""
        target = tmp_path / "out.json"
        printed = run(*EVALUATE[:1], str(input_file), *EVALUATE[1:], "--format", "json").stdout
        result = run(*EVALUATE[:1], str(input_file), *EVALUATE[1:], "--format", "json", "--output", str(target))
        assert (0, "") == (result.exit_code, result.stdout)
        assert printed == target.read_text(encoding="utf-8")

    def test_failure_keeps_the_old_file(self, site: Path, tmp_path: Path) -> None:
        """A failing run neither clobbers an existing output nor leaves a new or temporary file."""
        bad = write_input(tmp_path, "bad.yaml", "period: 2025\ncells:\n  - id: a\n    facts: {attendance: 1.2}\n")
        existing = tmp_path / "out" / "existing.json"
        existing.parent.mkdir()
        existing.write_text("previous\n", encoding="utf-8")
        for target in (existing, tmp_path / "out" / "new.json"):
            result = run(*EVALUATE[:1], str(bad), *EVALUATE[1:], "--format", "json", "--output", str(target))
            assert 1 == result.exit_code
        assert "previous\n" == existing.read_text(encoding="utf-8")
        assert [existing] == list(existing.parent.iterdir())

    def test_output_into_a_missing_directory(self, input_file: Path, tmp_path: Path) -> None:
        """An output path that cannot be written is a clear error with exit code 1, not a traceback."""
        target = tmp_path / "missing" / "out.json"
        result = run(*EVALUATE[:1], str(input_file), *EVALUATE[1:], "--format", "json", "--output", str(target))
        assert 1 == result.exit_code
        assert str(target) in result.stderr


class TestRulesets:
    def test_lists_rulesets_and_frameworks(self, site: Path) -> None:
        """``partyrules rulesets`` lists each ruleset and framework with its distribution and version."""
        result = run("rulesets")
        assert 0 == result.exit_code
        lines = result.stdout.splitlines()

        def line_of(name: str) -> str:
            (found,) = [line for line in lines if line.split()[:1] == [name]]
            return found

        for name in ("demo.meetings", "demo.unity", "test.members", "demo", "demo-members"):
            assert "[partyrules-demo 0.0.1]" in line_of(name)
        assert "3 rules (2 confirmed, 1 default)" in line_of("demo.unity")
        assert "version 1" in line_of("demo")
        assert lines.index("Rulesets:") < lines.index("Frameworks:")

    def test_broken_plugin_listed_with_the_good_ones(self, broken: Path) -> None:
        """A broken plugin does not hide the good ones; it is reported on stderr and the exit code is 1."""
        result = run("rulesets")
        assert 1 == result.exit_code
        assert "demo.meetings" in result.stdout
        assert f'plugin "broken" ({BROKEN_MODULE}:X) from broken-plugin 9.9' in result.stderr

    def test_autoload_off(self, input_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """With PARTYRULES_DISABLE_PLUGIN_AUTOLOAD=1 no installed framework is loaded for an evaluation."""
        monkeypatch.setenv("PARTYRULES_DISABLE_PLUGIN_AUTOLOAD", "1")
        result = run(*EVALUATE[:1], str(input_file), *EVALUATE[1:])
        assert 1 == result.exit_code
        assert result.stderr.startswith("error: unknown framework 'demo'")
        assert PLUGIN_MODULE not in sys.modules


def test_an_empty_framework_name_is_refused(tmp_path: Path) -> None:
    """--framework '' is a mistake, not the default framework."""
    ward = Path(__file__).parents[1] / "examples" / "ward-2025.yaml"
    result = CliRunner().invoke(main, ["evaluate", str(ward), "--framework", ""])
    assert 1 == result.exit_code
    assert "give a framework name or the path of a framework file" in result.stderr


def test_check_reports_a_rule_too_large_for_durable_rules(tmp_path: Path) -> None:
    """check compiles the framework: a rule over the engine's limits is reported there, naming it."""
    branches = " or ".join(f"regular_meetings_held == {i}" for i in range(60))
    path = tmp_path / "big.toml"
    path.write_text(
        '[framework]\nname = "big"\nversion = "1"\nextends = "fourgood"\n\n[[rules]]\nid = "big.any"\n'
        'kind = "cell"\ndimension = "annual"\ntitle_vi = "x"\ntitle_en = "x"\n'
        f'when = "{branches}"\ncap = "GOOD"\nsource = "test"\nstatus = "default"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(path)])
    assert 1 == result.exit_code
    assert "rule 'big.any' is too large for durable_rules" in result.stderr


@pytest.mark.parametrize("examples", ["0", "-3"])
def test_audit_needs_at_least_one_example(examples: str) -> None:
    """--examples below 1 is a usage error (exit 2) naming the option, not a traceback."""
    result = CliRunner().invoke(main, ["audit", "fourgood", "--examples", examples])
    assert 2 == result.exit_code
    assert "--examples" in result.output and "Traceback" not in result.output


class TestPluginBlockList:
    def test_a_blocked_plugin_is_left_out(self, broken: Path) -> None:
        """``-p no:NAME`` leaves a broken plugin out, as pytest's option does: rulesets exits 0."""
        assert 1 == run("rulesets").exit_code
        result = run("-p", "no:broken", "rulesets")
        assert 0 == result.exit_code, result.stderr
        assert "broken" not in result.stdout

    def test_a_plugin_option_says_no(self, site: Path) -> None:
        """``-p`` takes ``no:NAME``; anything else is a usage error (exit 2), not a traceback."""
        result = run("-p", "broken", "rulesets")
        assert 2 == result.exit_code
        assert "expected no:NAME" in result.stderr
