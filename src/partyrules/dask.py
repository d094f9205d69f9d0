"""Batches on a Dask cluster (the ``dask`` extra: ``pip install 'partyrules[dask]'``).

Each function takes a :class:`distributed.Client` of a running cluster (a
``distributed.LocalCluster``, or ``dask scheduler`` with ``dask worker`` processes on other
machines: docs/howto/cluster.md).  The job (the framework, backend and output format) is
scattered to every worker once; chunks of units follow, each worker parsing, evaluating and
encoding its chunks with the evaluator it compiled once, and the text comes back in input order:
the output is the same, byte for byte, as a run in one process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .batch import CHUNK
from .batch import run as run_batch
from .errors import PartyrulesError
from .evaluator import Evaluator
from .frameworks import Framework
from .io.write import Format
from .jobs import JSONL, Summary
from .plugins import Registry
from .results import Evaluation
from .subjects import Subject
from .text.catalogue import msg

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["ClusterError", "connect", "evaluate_many", "run"]


class ClusterError(PartyrulesError, RuntimeError):
    """The cluster failed the batch: a worker left and took the job's data with it."""


def connect(address: str, *, timeout: str = "10s") -> Client:
    """A client of the Dask scheduler at ``address`` (``tcp://host:8786``)."""
    try:
        from distributed import Client
    except ImportError:
        raise PartyrulesError(msg("dask.needs_distributed")) from None
    try:
        return Client(address, timeout=timeout)  # type: ignore[no-untyped-call]
    except OSError as error:
        raise PartyrulesError(msg("dask.cannot_connect", address=address, reason=str(error))) from None


def _executor(client: Client) -> Any:
    return client.get_executor(pure=False)  # type: ignore[no-untyped-call]


def _scatter(client: Client, value: Any) -> Any:
    """``value`` on every worker, sent once."""
    return client.scatter(value, broadcast=True, hash=False)  # type: ignore[no-untyped-call]


def _workers(client: Client) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def run(
    client: Client,
    path: str | Path,
    stream: IO[Any],
    *,
    registry: Registry | None = None,
    framework: str | None = None,
    version: str | None = None,
    backend: str = "auto",
    regime: str | None = None,
    form: Format = JSONL,
    chunk: int = CHUNK,
    on_unit: Callable[[int], None] | None = None,
) -> Summary:
    """Evaluate the input file ``path`` on the cluster and write ``form`` to ``stream`` (see
    :func:`partyrules.batch.run`)."""

    from concurrent.futures import CancelledError

    from distributed import KilledWorker
    from distributed.comm.core import CommClosedError

    workers = _workers(client)
    try:
        return run_batch(
            path,
            stream,
            registry=registry if registry is not None else Registry(),
            framework=framework,
            version=version,
            backend=backend,
            regime=regime,
            form=form,
            executor=_executor(client),
            share=lambda job: _scatter(client, job),
            window=2 * workers,
            chunk=chunk,
            on_unit=on_unit,
        )
    except (CancelledError, CommClosedError, KilledWorker) as error:
        # the cluster lost a worker, and with it the job it held: a failure of the cluster,
        # said as such (the output file, written atomically, is left as it was)
        raise ClusterError(msg("dask.lost", error=type(error).__name__)) from None


def evaluate_many(
    client: Client,
    subjects: Iterable[Subject],
    *,
    framework: Framework,
    backend: str = "auto",
    regime: str | None = None,
    chunksize: int = 256,
) -> Iterator[Evaluation]:
    """Evaluate subjects on the cluster, streaming evaluations in input order (see
    :meth:`partyrules.Evaluator.evaluate_many`)."""
    evaluator = Evaluator(framework, backend=backend, regime=regime)
    yield from evaluator.evaluate_many(
        subjects,
        executor=_executor(client),
        chunksize=chunksize,
        window=2 * _workers(client),
        share=lambda value: _scatter(client, value),
    )
