"""Command-line conventions users know from pytest, ruff and git: --format json on every
command that reports, --quiet and --verbose, `-` for standard input, an example in every
--help, progress only on a terminal (and NO_COLOR), a console that is not UTF-8, a closed pipe."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from partyrules.cli import main

ROOT = Path(__file__).parents[1]
WARD = ROOT / "examples" / "ward-2025.yaml"


def partyrules() -> list[str]:
    script = Path(sys.executable).parent / "partyrules"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from partyrules.cli import main; main()"]


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.extend(commands(command, (*prefix, name)))
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("path", commands(main), ids=" ".join)
def test_every_help_has_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert 0 == result.exit_code
    example = result.stdout.split("Example:", 1)
    assert len(example) == 2, f"partyrules {' '.join(path)} --help shows no example"
    assert "partyrules " in example[1]


def test_check_as_json(tmp_path: Path) -> None:
    good = CliRunner().invoke(
        main, ["check", str(ROOT / "examples" / "frameworks" / "hoa-binh.toml"), "--format", "json"]
    )
    assert 0 == good.exit_code
    assert {"ok": True, "framework": "hoa-binh", "version": "2025.1"} == {
        k: json.loads(good.stdout)[k] for k in ("ok", "framework", "version")
    }
    bad = tmp_path / "bad.toml"
    bad.write_text('[framework]\nname = "x"\nversion = "1"\nextends = "fourgood"\nbogus = 1\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(bad), "--format", "json"])
    assert 1 == result.exit_code
    data = json.loads(result.stdout)
    assert [(f"{bad}:5:1", "unknown key 'bogus' in [framework]", 5, 1)] == [
        (p["path"], p["message"], p["line"], p["column"]) for p in data["problems"]
    ]
    assert data["ok"] is False


def test_rulesets_explain_audit_as_json() -> None:
    listed = json.loads(CliRunner().invoke(main, ["rulesets", "--format", "json"]).stdout)
    assert "fourgood" in [f["name"] for f in listed["frameworks"]]
    assert listed["backends"]["python"] is True
    explained = CliRunner().invoke(main, ["explain", str(WARD), "c04", "--format", "json", "--backend", "python"])
    assert 0 == explained.exit_code
    trace = json.loads(explained.stdout)
    assert ("c04", "NOT_COMPLETED") == (trace["id"], trace["grade"])  # concluded disunity: a veto
    audited = CliRunner().invoke(
        main, ["audit", "fourgood", "--property", "totality", "--examples", "5", "--format", "json"]
    )
    report = json.loads(audited.stdout)
    assert (report["ok"], report["checked"]) == (audited.exit_code == 0, ["totality"])


def test_standard_input() -> None:
    text = WARD.read_text(encoding="utf-8")
    from_stdin = CliRunner().invoke(main, ["evaluate", "-", "--format", "json", "--backend", "python"], input=text)
    from_file = CliRunner().invoke(main, ["evaluate", str(WARD), "--format", "json", "--backend", "python"])
    assert 0 == from_stdin.exit_code, from_stdin.output
    assert json.loads(from_file.stdout)["results"] == json.loads(from_stdin.stdout)["results"]
    lines = '{"period": 2025, "cells": [{"id": "a"}]}\n{"period": 2025, "cells": [{"id": "b"}]}\n'
    result = CliRunner().invoke(main, ["evaluate", "-", "--format", "jsonl", "--backend", "python"], input=lines)
    assert ["a", "b"] == [json.loads(line)["id"] for line in result.stdout.splitlines()[1:]]
    broken = CliRunner().invoke(main, ["evaluate", "-"], input="period: [\n")
    assert 1 == broken.exit_code
    assert "  - <stdin>:2:1: invalid YAML: did not find expected node content" in broken.stderr.splitlines()


def test_quiet_and_verbose(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert "wrote the example" in CliRunner().invoke(main, ["example", "ward-2025"], env={"LANG": "C"}).stderr
    assert "" == CliRunner().invoke(main, ["-q", "example", "ward-2025", "-o", "b.yaml"]).stderr
    verbose = CliRunner().invoke(main, ["-v", "evaluate", "ward-2025.yaml", "--lang", "en", "-o", "r.json"])
    assert re.fullmatch(r"1 units, 23 subjects in \d+\.\d s\n", verbose.stderr)


def test_a_console_that_is_not_utf8() -> None:
    """Vietnamese on an ASCII console: escaped, not a UnicodeEncodeError."""
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"}
    result = subprocess.run(
        [*partyrules(), "evaluate", str(WARD), "--backend", "python"], capture_output=True, env=env, timeout=120
    )
    assert 0 == result.returncode, result.stderr
    assert b"Traceback" not in result.stderr
    assert b"\\u0110\\u1ea3ng b\\u1ed9 ph\\u01b0\\u1eddng" in result.stdout  # Đảng bộ phường


def test_a_closed_pipe() -> None:
    """`partyrules evaluate ... | head -1`: no traceback, no error message."""
    process = subprocess.Popen(
        [*partyrules(), "evaluate", str(WARD), "--explain", "--backend", "python"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    process.wait(timeout=120)
    assert b"" == process.stderr.read()
    process.stderr.close()


def _on_a_terminal(args: list[str], env: dict[str, str], tmp_path: Path) -> bytes:
    """What the command writes to standard error when that is a terminal (a pseudo-terminal)."""
    main_fd, worker_fd = pty.openpty()
    process = subprocess.Popen(
        args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=worker_fd, env=env, cwd=tmp_path
    )
    os.close(worker_fd)
    seen = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main_fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif process.poll() is not None:
            break
    process.wait(timeout=60)
    os.close(main_fd)
    return seen


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal (POSIX)")
def test_progress_on_a_terminal_only(tmp_path: Path) -> None:
    units = "\n---\n".join([WARD.read_text(encoding="utf-8")] * 60)
    (tmp_path / "many.yaml").write_text(units, encoding="utf-8")
    args = [*partyrules(), "evaluate", "many.yaml", "--backend", "python", "--lang", "en", "-o", "out.json"]
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    shown = _on_a_terminal(args, env, tmp_path)
    assert b"Evaluating many.yaml" in shown
    assert b"" == _on_a_terminal(
        [args[0], "-q", *args[1:]] if len(partyrules()) == 1 else [*args[:3], "-q", *args[3:]], env, tmp_path
    )
    plain = _on_a_terminal(args, {**env, "NO_COLOR": "1"}, tmp_path)
    assert b"Evaluating many.yaml" in plain
    assert not re.search(rb"\x1b\[[0-9;]*3[0-9]m", plain)  # no colour
    piped = subprocess.run(args, capture_output=True, env=env, cwd=tmp_path, timeout=120)
    assert b"" == piped.stderr  # not a terminal: nothing
