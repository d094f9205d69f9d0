"""``partyrules example``: the examples ship inside the package (a pip user can follow the
tutorial), and ``partyrules rulesets`` says which backends are available."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from partyrules import engine
from partyrules.cli import main
from partyrules.cli_example import EXAMPLES

ROOT = Path(__file__).parents[1]
PACKAGED = ROOT / "src" / "partyrules" / "examples"


def test_every_example_file_is_package_data() -> None:
    """Each file of the examples folder matches a package-data pattern of pyproject.toml, and
    is listed by ``partyrules example``."""
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["partyrules"]
    files = sorted(p.relative_to(PACKAGED.parent).as_posix() for p in PACKAGED.rglob("*") if p.is_file())
    assert files
    for file in files:
        assert any(fnmatch.fnmatch(file, pattern) for pattern in patterns), file
    assert sorted(f"examples/{f}" for f in EXAMPLES.values()) == files


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_an_example_is_written_as_shipped(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["example", name, "-o", "copy"])
    assert 0 == result.exit_code, result.output
    assert (PACKAGED / EXAMPLES[name]).read_bytes() == (tmp_path / "copy").read_bytes()


def test_the_tutorial_path_from_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a checkout: write the example ward where one is, then evaluate it."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert 0 == runner.invoke(main, ["example", "ward-2025"]).exit_code
    result = runner.invoke(main, ["evaluate", "ward-2025.yaml", "--lang", "en"])
    assert 0 == result.exit_code, result.output
    assert result.stdout.startswith("hoa-binh (Đảng bộ phường Hòa Bình (ví dụ)): GOOD")


def test_the_list_and_an_unknown_name() -> None:
    listed = CliRunner().invoke(main, ["example"])
    assert [line.split()[0] for line in listed.stdout.splitlines()] == list(EXAMPLES)
    unknown = CliRunner().invoke(main, ["example", "ward-2052"])
    assert 1 == unknown.exit_code
    assert "unknown example 'ward-2052' (did you mean 'ward-2025'?)" in unknown.stderr


@pytest.mark.parametrize("available", [True, False])
def test_rulesets_says_which_backends(available: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "durable_available", lambda: available)
    result = CliRunner().invoke(main, ["rulesets"])
    assert 0 == result.exit_code
    backends = result.stdout.split("Backends:\n", 1)[1].splitlines()
    assert "  python     available (the interpreter)" == backends[0]
    expected = (
        "  durable    available (durable_rules; the default)"
        if available
        else "  durable    not installed: pip install 'partyrules[durable]' (needs a C compiler)"
    )
    assert expected == backends[1]
