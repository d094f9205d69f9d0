"""The results format (docs/reference/results.md): real output validates against its JSON
Schema, and a compact result explains itself with ``partyrules explain``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from partyrules.cli import main
from partyrules.plugins import Registry
from test_batch import units, write_jsonl

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).parents[1]
SCHEMA = json.loads((ROOT / "docs" / "reference" / "results.schema.json").read_text(encoding="utf-8"))
EXAMPLE = ROOT / "examples" / "ward-2025.yaml"
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def run(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def evaluate(path: Path, target: Path, *options: str) -> Path:
    result = run("evaluate", str(path), "--backend", "python", "-o", str(target), *options)
    assert 0 == result.exit_code, result.output
    return target


def test_the_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("trace", ["compact", "full"])
def test_json_lines_validate(tmp_path: Path, trace: str) -> None:
    """Every line of a JSON Lines output (the catalogue, then the records) is valid."""
    path = write_jsonl(tmp_path / "in.jsonl", units(3))
    out = evaluate(path, tmp_path / "out.jsonl", "--format", "jsonl", "--trace", trace)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert 4 == len(lines)
    for line in lines:
        VALIDATOR.validate(json.loads(line))


@pytest.mark.parametrize("trace", ["compact", "full"])
def test_a_json_document_validates(tmp_path: Path, trace: str) -> None:
    out = evaluate(EXAMPLE, tmp_path / "out.json", "--format", "json", "--trace", trace)
    VALIDATOR.validate(json.loads(out.read_text(encoding="utf-8")))


def test_the_schema_refuses_what_is_not_a_result(tmp_path: Path) -> None:
    """A record without its evidence, or with a mask that is not hexadecimal, is not valid."""
    out = evaluate(EXAMPLE, tmp_path / "out.json", "--format", "json")
    document = json.loads(out.read_text(encoding="utf-8"))
    record = document["results"][0]
    assert not VALIDATOR.is_valid({**record, "evidence": None})
    assert not VALIDATOR.is_valid({**record, "evidence": {**record["evidence"], "met": "xyz"}})
    assert not VALIDATOR.is_valid({"catalogue": document["catalogue"]})


def test_a_member_is_compact(tmp_path: Path) -> None:
    """A member's record is its decision and evidence, with no rule text: well under 1.5 KB."""
    out = evaluate(EXAMPLE, tmp_path / "out.jsonl", "--format", "jsonl")
    committee = json.loads(out.read_text(encoding="utf-8").splitlines()[1])
    members = [m for cell in committee["children"] for m in cell.get("children", ())]
    assert members
    for member in members:
        text = json.dumps(member, ensure_ascii=False, separators=(",", ":"))
        assert "title_vi" not in text
        assert len(text.encode()) < 1536


class TestExplainAResult:
    @pytest.mark.parametrize("fmt", ["json", "jsonl"])
    def test_the_same_explanation_as_from_the_input(self, tmp_path: Path, fmt: str) -> None:
        """``partyrules explain RESULTS SUBJECT`` rebuilds the full trace the input gives."""
        out = evaluate(EXAMPLE, tmp_path / f"out.{fmt}", "--format", fmt)
        for subject in ("hoa-binh", "c11", "c05-m2"):
            from_input = run("explain", str(EXAMPLE), subject, "--backend", "python", "--lang", "en")
            from_result = run("explain", str(out), subject, "--lang", "en")
            assert 0 == from_input.exit_code == from_result.exit_code, from_result.output
            assert from_input.stdout == from_result.stdout

    def test_a_different_framework_is_refused(self, tmp_path: Path) -> None:
        """Results made under one framework are not explained with another one's rules."""
        out = evaluate(EXAMPLE, tmp_path / "out.jsonl", "--format", "jsonl")
        other = ROOT / "examples" / "frameworks" / "hoa-binh.toml"
        result = run("explain", str(out), "c11", "--framework", str(other))
        assert 1 == result.exit_code
        assert "the results were made with fourgood 2025.1 of content hash" in result.stderr

    def test_a_broken_results_file(self, tmp_path: Path) -> None:
        out = evaluate(EXAMPLE, tmp_path / "out.jsonl", "--format", "jsonl")
        head, record = out.read_text(encoding="utf-8").splitlines()
        broken = json.loads(record)
        del broken["evidence"]
        out.write_text(head + "\n" + json.dumps(broken) + "\n", encoding="utf-8")
        result = run("explain", str(out), "hoa-binh")
        assert 1 == result.exit_code
        assert f"{out}:2: not valid partyrules results: missing 'evidence'" in result.stderr

    def test_an_unknown_subject(self, tmp_path: Path) -> None:
        out = evaluate(EXAMPLE, tmp_path / "out.jsonl", "--format", "jsonl")
        result = run("explain", str(out), "c111")
        assert 1 == result.exit_code
        assert "unknown subject 'c111' (did you mean 'c11'?)" in result.stderr


def test_the_registry_resolves_the_catalogue_version() -> None:
    """The catalogue names the framework by name and version, as the registry knows it."""
    framework = Registry().resolve("fourgood", year=2025)
    assert (framework.name, framework.version) == ("fourgood", "2025.1")
