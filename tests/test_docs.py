"""The examples in README.md and docs/ run: python blocks execute (their asserts hold, their
doctests pass) and every ``$ partyrules ...`` line of a console block exits 0."""

from __future__ import annotations

import doctest
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from partyrules.cli import main

ROOT = Path(__file__).parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)


def blocks(path: Path, language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(path.read_text(encoding="utf-8")) if lang == language]


@pytest.mark.parametrize("path", [p for p in DOCS if blocks(p, "python")], ids=lambda p: str(p.relative_to(ROOT)))
def test_python_examples_run(path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every python block of the page runs, in order, in one namespace, from a scratch folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for index, body in enumerate(blocks(path, "python")):
        if ">>>" in body:
            test = doctest.DocTestParser().get_doctest(body, namespace, f"{path.name}[{index}]", str(path), 0)
            runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
            runner.run(test)
            assert runner.failures == 0, f"doctest block {index} of {path.name} failed"
        else:
            exec(compile(body, f"{path}[{index}]", "exec"), namespace)


def console_blocks() -> list[tuple[str, int, list[str]]]:
    """Each console block's ``partyrules`` commands, in order (a block's commands can use what
    the ones before them wrote)."""
    found = []
    for path in DOCS:
        for index, body in enumerate(blocks(path, "console")):
            commands = [
                re.split(r"\s#\s", line[2:])[0].strip()
                for line in body.splitlines()
                if line.startswith("$ partyrules ")
            ]
            if commands:
                found.append((str(path.relative_to(ROOT)), index, commands))
    return found


@pytest.mark.parametrize(
    ("page", "index", "commands"), console_blocks(), ids=lambda v: v if isinstance(v, str | int) else ""
)
def test_console_examples_run(
    page: str, index: int, commands: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Every documented ``partyrules`` command runs and exits 0, a block's commands in order in
    one scratch folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    for command in commands:
        result = CliRunner().invoke(main, shlex.split(command)[1:])
        assert 0 == result.exit_code, f"{page}: {command}\n{result.output}"


@pytest.mark.parametrize(("lang", "page"), [("en", "facts.md"), ("vi", "facts.vi.md")])
def test_facts_reference_is_up_to_date(lang: str, page: str) -> None:
    """docs/reference/facts.md (facts.vi.md) is what ``partyrules facts`` prints for the
    reference framework in English (Vietnamese)."""
    result = CliRunner().invoke(main, ["facts", "--lang", lang])
    assert 0 == result.exit_code
    assert (ROOT / "docs" / "reference" / page).read_text(encoding="utf-8") == result.output, (
        f"regenerate it: partyrules facts --lang {lang} > docs/reference/{page}"
    )
