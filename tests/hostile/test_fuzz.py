"""Fuzzing every reader and the command line: random and mutated documents never produce a
traceback, a hang or an unbounded allocation; every failure is a PartyrulesError whose
problems all have a path.

The documents are the bundled examples mutated byte by byte (inserted, deleted and replaced
bytes, including the characters YAML, JSON and TOML give meaning to), random bytes, and random
JSON-like values as a parsed document.
"""

from __future__ import annotations

import functools
import io
import shutil
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partyrules.batch import run
from partyrules.cli import main
from partyrules.convert import read_document
from partyrules.errors import FrameworkError, InputError, PartyrulesError
from partyrules.frameworkfile import read_framework_file
from partyrules.io.read import read_units
from partyrules.limits import check_data
from partyrules.plugins import Registry

ROOT = Path(__file__).parents[2]
WARD = (ROOT / "examples" / "ward-2025.yaml").read_bytes()
FRAMEWORKS = ROOT / "examples" / "frameworks"
REGISTRY = Registry()
SPECIAL = b"{}[]:,-#&*!|>'\"%@`\n\t\\ =.0123456789\x00\xff"
#: Each example is reused in a fresh folder: hypothesis calls the test many times per tmp_path.
FUZZ = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        byte = draw(st.sampled_from(SPECIAL) | st.integers(0, 255))
        if action == "insert":
            data[at:at] = bytes([byte]) * draw(st.integers(1, 3))
        elif data and at < len(data):
            if action == "delete":
                del data[at : at + draw(st.integers(1, 40))]
            else:
                data[at] = byte
    return bytes(data)


def assert_located(error: PartyrulesError) -> None:
    problems = getattr(error, "problems", ())
    assert problems, f"{type(error).__name__} without problems: {error}"
    for problem in problems:
        assert problem.path, problem
        assert problem.render()


def evaluate(path: Path) -> None:
    """Read and evaluate a file as ``partyrules evaluate`` does; fine, or a located error."""
    try:
        run(path, io.BytesIO(), registry=REGISTRY, backend="python")
    except (InputError, FrameworkError) as error:
        assert_located(error)


@FUZZ
@given(data=mutated(WARD), suffix=st.sampled_from([".yaml", ".json", ".jsonl"]))
def test_mutated_ward(data: bytes, suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"ward{suffix}"
    path.write_bytes(data)
    evaluate(path)


@FUZZ
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".yaml", ".json", ".jsonl"]))
def test_random_bytes(data: bytes, suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    try:
        units = list(read_units(path))
    except InputError as error:
        assert_located(error)
        return
    for unit in units:
        try:
            read_document(unit.data)
        except InputError as error:
            assert_located(error)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=30,
)
subject = st.fixed_dictionaries(
    {"id": st.text(max_size=8) | json_values},
    optional={
        "name": json_values,
        "facts": st.dictionaries(st.sampled_from(["members_total", "x", "regular_meetings_held"]), json_values),
        "members": json_values,
        "period": json_values,
    },
)
documents = st.fixed_dictionaries(
    {"period": st.sampled_from([2025, 2024, 3000, "2025", None]) | json_values},
    optional={
        "cells": st.lists(subject, max_size=3) | json_values,
        "members": st.lists(subject, max_size=3),
        "regime": json_values,
        "bogus": json_values,
    },
)


@given(document=documents)
def test_random_documents(document: dict[str, Any]) -> None:
    """Limits, structure and facts: either a document or an InputError, each problem located."""
    problems = check_data(document)
    for problem in problems:
        assert problem.path
    try:
        read = read_document(document, strict=False)
    except InputError as error:
        assert_located(error)
        return
    for problem in read.problems:
        assert problem.path


@FUZZ
@given(name=st.sampled_from(sorted(p.name for p in FRAMEWORKS.glob("*.toml"))), data=st.data())
def test_mutated_framework_files(name: str, data: st.DataObject, tmp_path: Path) -> None:
    folder = tmp_path / "frameworks"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(FRAMEWORKS, folder)
    path = folder / name
    path.write_bytes(data.draw(mutated(path.read_bytes())))
    try:
        read_framework_file(path, resolve=REGISTRY.framework)
    except FrameworkError as error:
        assert_located(error)


@FUZZ
@given(data=mutated(WARD), command=st.sampled_from([["evaluate"], ["evaluate", "--format", "csv"], ["explain"]]))
def test_the_command_line(data: bytes, command: list[str], tmp_path: Path) -> None:
    """``partyrules`` on a mutated file exits 0 or 1, never with a traceback."""
    path = tmp_path / "ward.yaml"
    path.write_bytes(data)
    args = [*command, str(path), *(["c01"] if command == ["explain"] else []), "--backend", "python"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


@FUZZ
@given(data=st.data())
def test_mutated_spreadsheets(data: st.DataObject, tmp_path: Path) -> None:
    """A filled template (XLSX, and CSV) mutated byte by byte: read, or a located error."""
    pytest.importorskip("openpyxl")
    suffix = data.draw(st.sampled_from([".xlsx", ".csv"]))
    path = tmp_path / f"ward{suffix}"
    path.write_bytes(data.draw(mutated(_template(suffix))))
    evaluate(path)


@functools.cache
def _template(suffix: str) -> bytes:
    """One template per run (a workbook records the time it was made: drawn from, it must not change)."""
    from partyrules.io.template import write_csv_template, write_template

    buffer = io.BytesIO()
    (write_template if suffix == ".xlsx" else write_csv_template)(buffer, REGISTRY.framework("fourgood"), year=2025)
    return buffer.getvalue()


def test_an_alias_bomb_costs_little_memory(tmp_path: Path) -> None:
    """A 400-byte YAML file expanding to 4.8 million strings is refused without expanding it."""
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdef", "bcdefg", strict=True):
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join([*levels, "period: 2025", "cells: *g"]) + "\n", encoding="utf-8")
    tracemalloc.start()
    try:
        evaluate(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20
