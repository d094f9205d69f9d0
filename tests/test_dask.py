"""Batches on a real Dask cluster: a ``distributed.LocalCluster`` of two worker processes,
started here, gives the output of one process, byte for byte."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from partyrules import Evaluator, Subject
from partyrules.batch import run
from partyrules.cli import main
from partyrules.errors import PartyrulesError
from partyrules.io.write import Format
from partyrules.plugins import Registry
from partyrules.text.explain import results_text
from support import FRAMEWORK, good_cell_facts
from test_batch import units, write_jsonl, write_yaml

distributed = pytest.importorskip("distributed")
partyrules_dask = pytest.importorskip("partyrules.dask")

REGISTRY = Registry()


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


def serial(path: Path, form: Format) -> bytes:
    stream = io.BytesIO()
    run(path, stream, registry=REGISTRY, backend="python", form=form)
    return stream.getvalue()


@pytest.mark.parametrize(
    "form",
    [Format("jsonl"), Format("json", trace="full"), Format("csv"), Format("table", text=results_text, explain=True)],
    ids=["jsonl", "json-full", "csv", "table-explained"],
)
def test_the_same_bytes_as_one_process(client: Any, tmp_path: Path, form: Format) -> None:
    path = write_yaml(tmp_path / "in.yaml", units(5))
    stream = io.BytesIO()
    summary = partyrules_dask.run(client, path, stream, registry=REGISTRY, backend="python", form=form, chunk=1)
    assert serial(path, form) == stream.getvalue()
    assert 5 == summary.units


def test_the_job_is_sent_once(client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The framework goes to the workers once (scattered), not with every chunk."""
    sent: list[object] = []
    scatter = partyrules_dask._scatter

    def counting(on: Any, value: object) -> Any:
        sent.append(value)
        return scatter(on, value)

    monkeypatch.setattr(partyrules_dask, "_scatter", counting)
    path = write_jsonl(tmp_path / "in.jsonl", units(4))
    partyrules_dask.run(client, path, io.BytesIO(), registry=REGISTRY, backend="python", chunk=1)
    assert 1 == len(sent)


def test_the_command_line_on_a_scheduler(client: Any, tmp_path: Path) -> None:
    """``partyrules evaluate --scheduler ADDRESS`` writes what one process writes."""
    path = write_jsonl(tmp_path / "in.jsonl", units(3))
    target = tmp_path / "out.jsonl"
    address = client.scheduler.address
    result = CliRunner().invoke(
        main,
        ["evaluate", str(path), "--format", "jsonl", "--backend", "python", "--scheduler", address, "-o", str(target)],
    )
    assert 0 == result.exit_code, result.output
    assert serial(path, Format("jsonl")) == target.read_bytes()


def test_evaluate_many_on_the_cluster(client: Any) -> None:
    subjects = [Subject(f"c{i}", "cell", 2025, good_cell_facts(regular_meetings_held=12 - i)) for i in range(6)]
    with Evaluator(FRAMEWORK, backend="python") as evaluator:
        expected = [evaluator.evaluate(s) for s in subjects]
    got = list(partyrules_dask.evaluate_many(client, subjects, framework=FRAMEWORK, backend="python", chunksize=2))
    assert expected == got


def test_no_scheduler_there() -> None:
    """A scheduler that does not answer is a clear error, not a traceback."""
    with pytest.raises(PartyrulesError, match=r"cannot connect to the Dask scheduler tcp://127\.0\.0\.1:9"):
        partyrules_dask.connect("tcp://127.0.0.1:9", timeout="1s")


def test_no_scheduler_on_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    connect = partyrules_dask.connect
    monkeypatch.setattr(partyrules_dask, "connect", lambda address: connect(address, timeout="1s"))
    path = write_jsonl(tmp_path / "in.jsonl", units(1))
    result = CliRunner().invoke(main, ["evaluate", str(path), "--scheduler", "tcp://127.0.0.1:9"])
    assert 1 == result.exit_code
    assert "cannot connect to the Dask scheduler" in result.stderr
    assert "Traceback" not in result.output


def test_a_cluster_that_loses_the_job_is_a_clear_error(
    client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker leaving takes the scattered job with it (seen on a starved machine): the command
    says so and exits 1, no traceback, and no results file is left."""
    scatter = partyrules_dask._scatter

    def lost(connected: Any, job: Any) -> Any:
        future = scatter(connected, job)
        connected.cancel(future)  # as the scheduler does when the worker holding it is removed
        return future

    monkeypatch.setattr(partyrules_dask, "_scatter", lost)
    path = write_jsonl(tmp_path / "in.jsonl", units(3))
    target = tmp_path / "out.jsonl"
    address = client.scheduler.address
    result = CliRunner().invoke(
        main,
        ["evaluate", str(path), "--backend", "python", "--scheduler", address, "-o", str(target), "--format", "jsonl"],
    )
    assert 1 == result.exit_code, result.output
    assert "lost a worker" in result.stderr and "Traceback" not in result.output
    assert not target.exists()
