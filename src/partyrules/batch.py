"""Batches: an input file evaluated unit by unit, in this process or by workers, each unit's
output written as soon as it is ready.

The unit of work is one document of the input (usually one grassroots committee with its cells
and members).  Units are read one at a time; with an executor (a process pool, or a Dask
cluster's), chunks of units go to the workers, which parse, evaluate and encode them (each
worker process compiles the framework once), and the parent writes their text in input order:
the output is the same, byte for byte, as a run in one process.  At most ``window`` chunks are
in flight, so memory does not grow with the number of units (:attr:`Summary.most_held` counts
the units held at once).

Every problem of every unit is collected and raised at the end, together
(:class:`~partyrules.errors.InputError`); a caller writing to a file atomically
(:func:`partyrules.io.write_atomic`) then leaves no output behind.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import attrs

from .convert import read_document
from .errors import FrameworkError, InputError, UnknownNameError
from .evaluator import Evaluator, worker_evaluator
from .frameworks import Framework
from .io.read import Unit, read_units
from .io.write import Encoder, Format, writer
from .jobs import JSONL, Expected, Job, Summary, _beside
from .limits import use_limits
from .plugins import Registry, is_framework_file
from .problems import DATA, Problem
from .regimes import get_regime
from .results import Evaluation
from .text.catalogue import msg

__all__ = ["Expected", "Job", "Summary", "evaluate_file", "evaluate_units", "framework_of", "open_file", "run"]

#: Units per chunk sent to a worker, at most.
CHUNK = 16

#: A chunk closes once its units' text reaches this size (a committee of 4,000 members, about
#: 2 MB of JSON, goes alone: the workers' loads stay even).
CHUNK_BYTES = 256 * 1024


@contextmanager
def _few_collections() -> Iterator[None]:
    """Fewer garbage collections while units stream through: a unit makes and drops many
    objects and few cycles, so the collector runs every 50,000 allocations, not every 700, and
    what existed before (modules, the framework, the compiled rules) is set aside from its scans
    (``gc.freeze``).  Both are undone at the end (a freeze the caller made is left alone)."""
    thresholds = gc.get_threshold()
    froze = gc.get_freeze_count() == 0
    if froze:
        gc.freeze()
    gc.set_threshold(max(thresholds[0], 50_000), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if froze:
            gc.unfreeze()


def _subjects(results: Sequence[Evaluation]) -> int:
    return sum(len(r.walk()) for r in results)


def _regime(data: Any, forced: str | None) -> str | None:
    """The regime a unit is graded under: the one forced for the batch, else its own field."""
    if forced is not None or not isinstance(data, dict):
        return forced
    value = data.get("regime")
    return value if isinstance(value, str) else None


def evaluate_units(
    evaluator: Callable[[str | None], Evaluator],
    units: Iterable[Unit],
    encode: Callable[[Sequence[Evaluation]], Any],
    expected: Expected | None = None,
    regime: str | None = None,
) -> tuple[list[Any], list[Problem], int]:
    """Evaluate units and encode each one's evaluations: (the encoded units, every problem, the
    number of subjects).  ``evaluator(regime)`` is the evaluator for a unit's regime (``regime``
    when one is forced, else the unit's own); a unit with problems is encoded as ``None``."""
    out: list[Any] = []
    problems: list[Problem] = []
    subjects = 0
    for unit in units:
        try:
            data = unit.load()
            mismatch = [*unit.problems, *(expected.check(data, unit) if expected is not None else [])]
            read = read_document(data, strict=False)
            named = _regime(data, regime)
            if regime is None and named is not None:
                try:
                    get_regime(named, 0)
                except UnknownNameError as error:  # the unit's own regime field, located there
                    raise InputError([*read.problems, *mismatch, error.problem(("regime",))]) from None
            results = evaluator(named).evaluate_all(list(read.located()), [*read.problems, *mismatch])
        except InputError as error:
            problems.extend(unit.locate(p) for p in error.problems)
            out.append(None)
            continue
        subjects += _subjects(results)
        out.append(encode(results))
    return out, problems, subjects


def _work(job: Job, units: list[Unit]) -> tuple[list[Any], list[Problem], int]:
    """A worker's chunk: parse, evaluate and encode its units (with the evaluators this process
    compiled for the job's framework, kept from chunk to chunk)."""

    def evaluator(regime: str | None) -> Evaluator:
        return worker_evaluator(job.framework, job.backend, regime)

    encoder = Encoder(job.form, job.framework)
    with _few_collections(), use_limits(job.limits):
        return evaluate_units(evaluator, units, encoder.encode, job.expected, job.regime)


class _Local:
    """The evaluators of a run in this process, one per regime, closed at the end."""

    def __init__(self, framework: Framework, backend: str) -> None:
        self.framework = framework
        self.backend = backend
        self.held: dict[str | None, Evaluator] = {}

    def __call__(self, regime: str | None) -> Evaluator:
        evaluator = self.held.get(regime)
        if evaluator is None:
            evaluator = self.held[regime] = Evaluator(self.framework, backend=self.backend, regime=regime)
        return evaluator

    def close(self) -> None:
        for evaluator in self.held.values():
            evaluator.close()


def _chunks(units: Iterator[Unit], size: int) -> Iterator[list[Unit]]:
    """Units in chunks of at most ``size`` units, or fewer as their text reaches
    :data:`CHUNK_BYTES`."""
    chunk: list[Unit] = []
    held = 0
    for unit in units:
        chunk.append(unit)
        held += len(unit.text) if unit.text is not None else 0
        if len(chunk) >= size or held >= CHUNK_BYTES:
            yield chunk
            chunk = []
            held = 0
    if chunk:
        yield chunk


def _choose(
    registry: Registry, path: Path, first: Any, spec: str | None, version: str | None
) -> tuple[Framework, Expected]:
    """The framework of a batch: the one asked for, else the one the first unit names (a file
    named there is read next to the input file), in the version in force in its period."""
    data = first if isinstance(first, dict) else {}
    named = spec if spec is not None else data.get("framework")
    named = named if isinstance(named, str) else None
    file: Path | None = None
    if named is not None and spec is None:
        file = _beside(named, path)
    elif named is not None and is_framework_file(named):
        file = Path(named)
    wanted = version if version is not None else data.get("framework_version")
    period = data.get("period")
    year = period if isinstance(period, int) and not isinstance(period, bool) else None
    try:
        if file is None and spec is None and named is not None:
            # a name in the file is an installed framework's, never a file where the command runs
            chosen = registry.framework(named, year=year, version=wanted if isinstance(wanted, str) else None)
        else:
            chosen = registry.resolve(
                str(file) if file is not None else named, year=year, version=wanted if isinstance(wanted, str) else None
            )
    except UnknownNameError as error:  # a name the input file gave: located at its field
        if spec is not None or error.kind != "framework":
            raise
        raise InputError([error.problem(("framework",))]) from None
    except FrameworkError as error:  # no version in force in the file's period, or the one it names
        if (spec is not None and version is not None) or file is not None:
            raise
        field = "framework_version" if version is None and isinstance(wanted, str) else "period"
        if field == "period" and spec is not None:
            raise
        raise InputError([attrs.evolve(p, loc=(field,), scope=DATA) for p in error.problems]) from None
    expected = Expected(
        chosen.name,
        chosen.version,
        chosen.in_force,
        str(file.resolve()) if file is not None else None,
        given=spec is not None,
        version_given=version is not None,
    )
    return chosen, expected


@attrs.frozen
class _Opened:
    first: Unit
    rest: Iterator[Unit]
    job: Job


def _open(
    path: Path,
    registry: Registry,
    framework: str | None,
    version: str | None,
    backend: str,
    regime: str | None,
    form: Format,
    parse: bool,
) -> _Opened:
    units = read_units(path, parse=parse)
    first = next(units, None)
    if first is None:
        raise InputError([Problem(msg("doc.no_subjects"), file=str(path))])
    head = first.load()  # parsed here to choose the framework: sent on parsed, not parsed twice
    chosen, expected = _choose(registry, path, head, framework, version)
    return _Opened(attrs.evolve(first, data=head, text=None), units, Job(chosen, expected, backend, regime, form))


def evaluate_file(
    path: str | Path,
    *,
    registry: Registry,
    framework: str | None = None,
    version: str | None = None,
    backend: str = "auto",
    regime: str | None = None,
) -> Iterator[tuple[Unit, list[Evaluation]]]:
    """Every unit of the input file ``path`` with its top-level evaluations, one unit at a time,
    in this process (the framework is chosen as :func:`run` does).  A unit with problems is left
    out; every problem of every unit is raised at the end, together
    (:class:`~partyrules.errors.InputError`)."""
    yield from open_file(path, registry=registry, framework=framework, version=version, backend=backend, regime=regime)[
        1
    ]


def open_file(
    path: str | Path,
    *,
    registry: Registry,
    framework: str | None = None,
    version: str | None = None,
    backend: str = "auto",
    regime: str | None = None,
) -> tuple[Framework, Iterator[tuple[Unit, list[Evaluation]]]]:
    """The framework the input file ``path`` is graded under, chosen now, and its units'
    evaluations as :func:`evaluate_file` gives them: the file is read once for both."""
    opened = _open(Path(path), registry, framework, version, backend, regime, JSONL, True)
    return opened.job.framework, _evaluated(opened, backend, regime)


def _evaluated(opened: _Opened, backend: str, regime: str | None) -> Iterator[tuple[Unit, list[Evaluation]]]:
    job = opened.job
    evaluators = _Local(job.framework, backend)
    problems: list[Problem] = []
    try:
        for unit in _prepend(opened.first, opened.rest):
            found, unit_problems, _ = evaluate_units(evaluators, [unit], list, job.expected, regime)
            problems.extend(unit_problems)
            if found[0] is not None:
                yield unit, found[0]
    finally:
        evaluators.close()
    if problems:
        raise InputError(problems)


def framework_of(
    path: str | Path, *, registry: Registry, framework: str | None = None, version: str | None = None
) -> Framework:
    """The framework a batch of the input file ``path`` is graded under (see :func:`run`)."""
    return _open(Path(path), registry, framework, version, "auto", None, JSONL, True).job.framework


def run(
    path: str | Path,
    stream: IO[Any],
    *,
    registry: Registry,
    framework: str | None = None,
    version: str | None = None,
    backend: str = "auto",
    regime: str | None = None,
    form: Format = JSONL,
    executor: Executor | None = None,
    share: Callable[[Job], Any] | None = None,
    window: int | None = None,
    chunk: int = CHUNK,
    on_unit: Callable[[int], None] | None = None,
) -> Summary:
    """Evaluate the input file ``path`` unit by unit and write ``form`` to ``stream``.

    The framework is ``framework`` (a name or a file), else the one the first unit names (a file
    named there is read next to the input file), in the named ``version``, else the unit's, else
    the version in force in its period; every unit must agree with it (:class:`Expected`).
    ``regime`` forces a grading regime for every unit; otherwise each unit's own applies.

    With an ``executor`` (a process pool, or a Dask client's), chunks of ``chunk`` units are
    parsed, evaluated and encoded by its workers, at most ``window`` chunks (default: 2 per
    worker) in flight, and written in input order; ``share`` turns the job into what is sent with
    each chunk (Dask: a scattered future, so the framework travels once).  ``on_unit`` is called
    with the count of units done so far.

    Raises :class:`~partyrules.errors.InputError` with every problem of every unit, once all
    were read; nothing more is written once a problem is found (so a caller writing a file
    atomically, :func:`partyrules.io.write_atomic`, leaves no file behind).
    """
    path = Path(path)
    opened = _open(path, registry, framework, version, backend, regime, form, executor is None)
    job = opened.job
    output = writer(stream, form, job.framework)
    problems: list[Problem] = []
    units_done = subjects = held = most = 0

    def all_units() -> Iterator[Unit]:
        nonlocal held, most
        for unit in _prepend(opened.first, opened.rest):
            held += 1
            most = max(most, held)
            yield unit

    def emit(result: tuple[list[Any], list[Problem], int]) -> None:
        nonlocal units_done, held, subjects
        encoded, found, count = result
        problems.extend(found)
        subjects += count
        for item in encoded:
            held -= 1
            units_done += 1
            if item is not None and not problems:
                output.write(item)
            if on_unit is not None:
                on_unit(units_done)

    if executor is None:
        evaluators = _Local(job.framework, backend)
        encode = Encoder(form, job.framework).encode
        try:
            with _few_collections():
                for unit in all_units():
                    emit(evaluate_units(evaluators, [unit], encode, job.expected, regime))
        finally:
            evaluators.close()
    else:
        sent = share(job) if share is not None else job
        limit = window or 2 * (getattr(executor, "_max_workers", None) or 2)
        pending: deque[Future[tuple[list[Any], list[Problem], int]]] = deque()
        for part in _chunks(all_units(), chunk):
            pending.append(executor.submit(_work, sent, part))
            while len(pending) >= limit:
                emit(pending.popleft().result())
        while pending:
            emit(pending.popleft().result())
    if problems:
        abort = getattr(output, "abort", None)
        if abort is not None:
            abort()
        raise InputError(problems)
    output.close()
    return Summary(units_done, subjects, most)


def _prepend(first: Unit, rest: Iterator[Unit]) -> Iterator[Unit]:
    yield first
    yield from rest
