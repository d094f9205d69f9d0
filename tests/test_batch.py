"""Batches: an input read unit by unit, evaluated here or by worker processes, written as it
comes; the same output whichever way, every problem of every unit reported, memory flat."""

from __future__ import annotations

import copy
import io
import json
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from partyrules import Evaluator
from partyrules.batch import CHUNK, evaluate_file, run
from partyrules.cli import main
from partyrules.convert import read_document
from partyrules.errors import InputError
from partyrules.io.read import read_data, read_units
from partyrules.io.write import Format
from partyrules.plugins import Registry
from partyrules.problems import render_loc
from partyrules.records import record
from partyrules.text.explain import results_text

EXAMPLES = Path(__file__).parent.parent / "examples"
WARD = yaml.safe_load((EXAMPLES / "ward-2025.yaml").read_text(encoding="utf-8"))
REGISTRY = Registry()
FOURGOOD = REGISTRY.resolve("fourgood", year=2025)


def _renamed(item: Any, prefix: str) -> Any:
    """The example ward with every subject id prefixed (a unit of its own)."""
    if isinstance(item, dict):
        return {k: (prefix + v if k == "id" else _renamed(v, prefix)) for k, v in item.items()}
    if isinstance(item, list):
        return [_renamed(v, prefix) for v in item]
    return item


def units(count: int) -> list[dict[str, Any]]:
    """``count`` copies of the example ward, each with its own ids, some cells' facts changed
    so that the units differ."""
    made = []
    for index in range(count):
        unit = _renamed(copy.deepcopy(WARD), f"u{index}-")
        cells = unit["committees"][0]["cells"]
        cells[index % len(cells)]["facts"] = {**cells[index % len(cells)]["facts"], "disunity_concluded": True}
        made.append(unit)
    return made


def write_jsonl(path: Path, items: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")
    return path


def write_yaml(path: Path, items: list[dict[str, Any]]) -> Path:
    path.write_text(yaml.safe_dump_all(items, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def expected_records(items: list[dict[str, Any]], backend: str = "python") -> list[dict[str, Any]]:
    """The records of each unit evaluated on its own, in memory, the way a single document is."""
    found = []
    with Evaluator(FOURGOOD, backend=backend) as evaluator:
        for item in items:
            read = read_document(item)
            found.extend(record(e) for e in evaluator.evaluate_all(list(read.located()), read.problems))
    return found


JSONL = Format("jsonl")


def output(path: Path, form: Format = JSONL, **options: Any) -> tuple[str, Any]:
    stream = io.BytesIO()
    summary = run(path, stream, registry=REGISTRY, backend=options.pop("backend", "python"), form=form, **options)
    return stream.getvalue().decode(), summary


def _no_backend(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "backend": None, "children": [_no_backend(c) for c in data.get("children", ())]}


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExecutor]:
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("forkserver")) as executor:
        yield executor


class TestStreamed:
    @pytest.mark.parametrize("writer", [write_jsonl, write_yaml], ids=["jsonl", "yaml"])
    def test_the_same_records_as_in_memory(self, tmp_path: Path, writer: Any) -> None:
        """A file of units streamed gives the records of each unit evaluated on its own."""
        items = units(3)
        path = writer(tmp_path / ("in.jsonl" if writer is write_jsonl else "in.yaml"), items)
        text, summary = output(path)
        catalogue, *records = (json.loads(line) for line in text.splitlines())
        assert "partyrules-results" == catalogue["format"]
        assert FOURGOOD.content_hash == catalogue["framework"]["content_hash"]
        assert expected_records(items) == records
        assert (3, 3 * 23) == (summary.units, summary.subjects)  # 1 committee, 12 cells, 10 members each

    def test_a_single_document_as_before(self, tmp_path: Path) -> None:
        """The example ward (one document) gives what evaluating it in memory gives, as JSON."""
        text, summary = output(EXAMPLES / "ward-2025.yaml", Format("json"))
        document = json.loads(text)
        assert expected_records([WARD]) == document["results"]
        assert 1 == summary.most_held

    def test_memory_does_not_grow_with_the_units(self, tmp_path: Path, pool: ProcessPoolExecutor) -> None:
        """One unit is held at a time in this process; with workers, at most the chunks in flight."""
        path = write_jsonl(tmp_path / "in.jsonl", units(12))
        assert 1 == output(path)[1].most_held
        window = 2
        summary = output(path, executor=pool, window=window, chunk=2)[1]
        assert 12 == summary.units
        assert summary.most_held <= window * 2 + 2  # the chunks in flight and the one being filled

    @pytest.mark.parametrize(
        "form",
        [
            Format("jsonl"),
            Format("json"),
            Format("csv"),
            Format("jsonl", trace="full"),
            Format("table", text=results_text),
        ],
        ids=["jsonl", "json", "csv", "full-trace", "table"],
    )
    def test_workers_write_the_same_bytes(self, tmp_path: Path, pool: ProcessPoolExecutor, form: Format) -> None:
        """Two worker processes give the output of one process, byte for byte."""
        path = write_yaml(tmp_path / "in.yaml", units(5))
        serial = output(path, form)[0]
        assert serial == output(path, form, executor=pool, chunk=1)[0]
        assert serial == output(path, form, executor=pool, chunk=CHUNK)[0]

    def test_workers_with_the_durable_backend(self, tmp_path: Path, pool: ProcessPoolExecutor) -> None:
        """The durable backend in workers gives the python backend's decisions, here and there."""
        pytest.importorskip("durable_rules_engine")
        path = write_jsonl(tmp_path / "in.jsonl", units(3))
        serial = output(path, backend="durable")[0]
        assert serial == output(path, backend="durable", executor=pool, chunk=1)[0]
        durable = [_no_backend(json.loads(line)) for line in serial.splitlines()[1:]]
        python = [_no_backend(json.loads(line)) for line in output(path)[0].splitlines()[1:]]
        assert python == durable

    def test_evaluate_file(self) -> None:
        """evaluate_file yields each unit with its evaluations."""
        ((unit, evaluations),) = list(evaluate_file(EXAMPLES / "ward-2025.yaml", registry=REGISTRY, backend="python"))
        assert unit.line is None
        assert ["hoa-binh"] == [e.subject_id for e in evaluations]


class TestProblems:
    def test_every_unit_is_read_and_every_problem_reported(self, tmp_path: Path) -> None:
        """Bad units are reported together, each at its line; nothing after the first is written."""
        items = units(4)
        items[1]["committees"][0]["cells"][0]["facts"]["full_members"] = "thirty"
        items[3]["period"] = "2025"
        path = write_jsonl(tmp_path / "in.jsonl", items)
        with pytest.raises(InputError) as raised:
            output(path)
        where = [(p.file, p.line, render_loc(p.loc)) for p in raised.value.problems]
        assert [
            (str(path), 2, "$.committees[0].cells[0].facts.full_members"),
            (str(path), 4, "$.period"),
        ] == where

    def test_the_same_problems_from_workers(self, tmp_path: Path, pool: ProcessPoolExecutor) -> None:
        items = units(4)
        items[2]["committees"][0]["cells"][0]["facts"]["full_members"] = -1
        path = write_yaml(tmp_path / "in.yaml", items)
        with pytest.raises(InputError) as serial:
            output(path)
        with pytest.raises(InputError) as parallel:
            output(path, executor=pool, chunk=1)
        assert [str(p) for p in serial.value.problems] == [str(p) for p in parallel.value.problems]

    def test_a_line_that_is_not_json(self, tmp_path: Path, pool: ProcessPoolExecutor) -> None:
        path = tmp_path / "in.jsonl"
        path.write_text(json.dumps(units(1)[0]) + "\n{not json\n", encoding="utf-8")
        for options in ({}, {"executor": pool}):
            with pytest.raises(InputError) as raised:
                output(path, **options)
            (problem,) = raised.value.problems
            assert (2, 2) == (problem.line, problem.column)

    def test_a_unit_under_another_framework(self, tmp_path: Path) -> None:
        """One batch, one framework version: a unit naming another, or a period outside the
        version's, is a problem of that unit."""
        items = units(3)
        items[1]["framework"] = "demo"
        items[2].update(period=2022, regime="124")  # gradable, but before fourgood 2025.1 is in force
        path = write_jsonl(tmp_path / "in.jsonl", items)
        with pytest.raises(InputError) as raised:
            output(path)
        assert [(2, "$.framework"), (3, "$.period")] == [(p.line, render_loc(p.loc)) for p in raised.value.problems]
        assert "names the framework 'demo'" in str(raised.value)

    def test_the_command_line_framework_overrides_the_units(self, tmp_path: Path) -> None:
        items = units(2)
        items[1]["framework"] = "something-else"
        path = write_jsonl(tmp_path / "in.jsonl", items)
        _, summary = output(path, framework="fourgood")
        assert 2 == summary.units

    def test_each_unit_in_its_regime(self, tmp_path: Path) -> None:
        """A unit's own regime applies to it (unless one is forced for the batch)."""
        items = units(2)
        items[1]["regime"] = "124"
        path = write_jsonl(tmp_path / "in.jsonl", items)
        regimes = [json.loads(line)["regime"] for line in output(path)[0].splitlines()[1:]]
        assert ["366", "124"] == regimes
        forced = [json.loads(line)["regime"] for line in output(path, regime="366")[0].splitlines()[1:]]
        assert ["366", "366"] == forced


class TestCommandLine:
    def run(self, *args: str) -> Any:
        result = CliRunner().invoke(main, list(args))
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        return result

    def test_workers_write_the_same_file(self, tmp_path: Path) -> None:
        """``--workers 2`` writes the file one process writes, byte for byte."""
        path = write_jsonl(tmp_path / "in.jsonl", units(4))
        for fmt in ("jsonl", "csv", "table"):
            one, two = tmp_path / f"one.{fmt}", tmp_path / f"two.{fmt}"
            self.run("evaluate", str(path), "--format", fmt, "--backend", "python", "-o", str(one))
            self.run("evaluate", str(path), "--format", fmt, "--backend", "python", "--workers", "2", "-o", str(two))
            assert one.read_bytes() == two.read_bytes()

    def test_no_file_is_left_when_a_unit_is_bad(self, tmp_path: Path) -> None:
        items = units(3)
        items[2]["period"] = "x"
        path = write_jsonl(tmp_path / "in.jsonl", items)
        target = tmp_path / "out.jsonl"
        for workers in ("1", "2"):
            result = self.run("evaluate", str(path), "--format", "jsonl", "--workers", workers, "-o", str(target))
            assert 1 == result.exit_code
            assert f"{path}:3: $.period" in result.stderr
            assert not target.exists()
            assert [] == [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")]

    def test_workers_must_be_positive(self, tmp_path: Path) -> None:
        result = self.run("evaluate", str(EXAMPLES / "ward-2025.yaml"), "--workers", "0")
        assert 2 == result.exit_code
        assert "--workers" in result.stderr


# -- reading units: the reader that only cuts a YAML file gives what the parser gives ----------

_scalars = st.one_of(
    st.integers(-1000, 1000),
    st.booleans(),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12),
    st.sampled_from(["---", "...", "--- x", "a\n---\nb", "# not a comment", "%YAML"]),
)
_documents = st.recursive(
    st.dictionaries(st.text("abcxyz", min_size=1, max_size=4), _scalars, max_size=4),
    lambda inner: st.dictionaries(
        st.text("abc", min_size=1, max_size=3), inner | st.lists(inner, max_size=3), max_size=3
    ),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("units")


@given(
    documents=st.lists(_documents, min_size=1, max_size=5),
    style=st.sampled_from(["block", "flow"]),
    start=st.booleans(),
)
def test_yaml_cut_at_markers_reads_as_parsed(
    scratch: Path, documents: list[dict[str, Any]], style: str, start: bool
) -> None:
    """Cutting a YAML file at its document markers (for workers to parse) gives the documents,
    and the lines, that parsing the whole file gives."""
    text = yaml.safe_dump_all(
        documents, allow_unicode=True, default_flow_style=style == "flow", explicit_start=start, width=30
    )
    path = scratch / "units.yaml"
    path.write_text(text, encoding="utf-8")
    parsed = [(u.line, u.data) for u in read_units(path)]
    cut = [(u.line, u.load()) for u in read_units(path, parse=False)]
    assert parsed == cut
    assert [d for _, d in parsed] == (documents if len(documents) > 1 else [documents[0]])


def test_jsonl_units_keep_their_lines(tmp_path: Path) -> None:
    """Blank lines are skipped; each unit knows its line; the bytes read later parse the same."""
    path = tmp_path / "in.jsonl"
    path.write_text('{"a": 1}\n\n{"b": "Hòa Bình"}\n', encoding="utf-8")
    assert [(1, {"a": 1}), (3, {"b": "Hòa Bình"})] == [(u.line, u.data) for u in read_units(path)]
    assert [(1, {"a": 1}), (3, {"b": "Hòa Bình"})] == [(u.line, u.load()) for u in read_units(path, parse=False)]
    assert [{"a": 1}, {"b": "Hòa Bình"}] == read_data(path)
