"""Results as JSON documents: the catalogue once, a compact record per subject and, on
request, each subject's full trace.

``dumps(evaluations, framework=...)`` writes ``{"catalogue": {...}, "results": [...]}`` (see
:mod:`partyrules.records` and docs/reference/results.md); ``loads`` reads it back into equal
evaluations: ``dumps(loads(text), framework=...) == text``.  With ``trace="full"`` each record
also carries its trace, as data (:func:`trace_data`, read back by :func:`trace_from`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import cattrs

from ._version import library_version
from .conditions import AllOf, AnyOf, Compare, Condition, In, Not
from .convert import make_converter
from .errors import InputError
from .frameworks import Framework
from .io.read import read_data, read_units
from .model import FrozenMap, Reason
from .problems import Problem
from .records import FORMAT, Catalogue, catalogue_data, condition_data, condition_from, reason_data, reason_from, record
from .results import Evaluation
from .text.catalogue import msg
from .trace import Trace
from .tracing import build_trace

__all__ = [
    "TRACES",
    "Results",
    "document",
    "dumps",
    "evaluation_data",
    "loads",
    "open_results",
    "read_results",
    "trace_converter",
    "trace_data",
    "trace_from",
]

#: What a record carries besides the decision and the evidence: nothing, or the full trace.
TRACES = ("compact", "full")


def trace_converter() -> cattrs.Converter:
    """A converter for traces (create your own; no global state)."""
    converter = make_converter()
    converter.register_unstructure_hook(
        FrozenMap, lambda value: {k: converter.unstructure(v) for k, v in value.items()}
    )
    converter.register_unstructure_hook(Reason, reason_data)
    converter.register_structure_hook(Reason, lambda data, _: reason_from(data))
    for kind in (Compare, In, AllOf, AnyOf, Not):
        converter.register_unstructure_hook(kind, condition_data)
    converter.register_structure_hook(Condition, lambda data, _: condition_from(data))

    def optional_condition(data: Any, _: Any) -> Condition | None:
        return None if data is None else condition_from(data)

    converter.register_structure_hook(Condition | None, optional_condition)
    return converter


def trace_data(trace: Trace, *, converter: cattrs.Converter | None = None) -> dict[str, Any]:
    """A trace as JSON data."""
    data: dict[str, Any] = (converter or trace_converter()).unstructure(trace, Trace)
    return data


def trace_from(data: Mapping[str, Any], *, converter: cattrs.Converter | None = None) -> Trace:
    """A trace back from its JSON data."""
    return (converter or trace_converter()).structure(data, Trace)


def evaluation_data(
    evaluation: Evaluation, *, framework: Framework | None = None, converter: cattrs.Converter | None = None
) -> dict[str, Any]:
    """One evaluation's record; with its ``framework``, each level also carries its full trace."""
    data = record(evaluation)
    if framework is not None:
        _add_traces(data, evaluation, framework, converter or trace_converter())
    return data


def _add_traces(
    data: dict[str, Any], evaluation: Evaluation, framework: Framework, converter: cattrs.Converter
) -> None:
    data["trace"] = trace_data(build_trace(evaluation, framework), converter=converter)
    for child_data, child in zip(data.get("children", ()), evaluation.children, strict=True):
        _add_traces(child_data, child, framework, converter)


def document(evaluations: Iterable[Evaluation], *, framework: Framework, trace: str = "compact") -> dict[str, Any]:
    """The results document of ``evaluations``: the catalogue, then a record each."""
    converter = trace_converter() if trace == "full" else None
    return {
        "catalogue": catalogue_data(framework, library_version=library_version()),
        "results": [
            evaluation_data(e, framework=framework if trace == "full" else None, converter=converter)
            for e in evaluations
        ],
    }


def dumps(
    evaluations: Sequence[Evaluation] | Evaluation,
    *,
    framework: Framework,
    trace: str = "compact",
    indent: int | None = None,
) -> str:
    """Evaluations (or one) as a results document, JSON text."""
    items = [evaluations] if isinstance(evaluations, Evaluation) else list(evaluations)
    return json.dumps(document(items, framework=framework, trace=trace), ensure_ascii=False, indent=indent)


def read_results(data: Mapping[str, Any]) -> tuple[Catalogue, list[Evaluation]]:
    """A parsed results document: its catalogue and its evaluations."""
    catalogue = Catalogue(data["catalogue"])
    return catalogue, [catalogue.evaluation(item) for item in data["results"]]


class Results:
    """A results file opened for reading: its catalogue, and its records read one at a time."""

    def __init__(
        self, path: Path, catalogue: Catalogue, records: Callable[[], Iterator[tuple[Any, int | None]]]
    ) -> None:
        self.path = path
        self.catalogue = catalogue
        self._records = records

    def evaluations(self) -> Iterator[Evaluation]:
        """Every top-level evaluation of the file, decoded from its record."""
        for data, line in self._records():
            yield self._decode(data, line)

    def find(self, subject_id: str, seen: Callable[[str], object] | None = None) -> list[Evaluation]:
        """The evaluations of subject ``subject_id`` (at any depth; more than one where units of
        a batch reuse an id); ``seen`` is called with every subject id read."""
        found: list[Evaluation] = []
        for data, line in self._records():
            if seen is not None:
                _ids(data, seen)
            if _holds(data, subject_id):
                top = self._decode(data, line)
                found.extend(e for e in top.walk() if e.subject_id == subject_id)
        return found

    def _decode(self, data: Any, line: int | None) -> Evaluation:
        try:
            return self.catalogue.evaluation(data)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise InputError(
                [Problem(msg("results.invalid", error=_what(error)), file=str(self.path), line=line)]
            ) from None


def _what(error: BaseException) -> str:
    return f"missing {error}" if isinstance(error, KeyError) else str(error)


def _holds(data: Any, subject_id: str) -> bool:
    if not isinstance(data, dict):
        return False
    return data.get("id") == subject_id or any(_holds(child, subject_id) for child in data.get("children", ()))


def _ids(data: Any, seen: Callable[[str], object]) -> None:
    if isinstance(data, dict):
        if isinstance(data.get("id"), str):
            seen(data["id"])
        for child in data.get("children", ()):
            _ids(child, seen)


def _is_catalogue(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT


def open_results(path: str | Path) -> Results | None:
    """The results file ``path`` (what ``partyrules evaluate --format json`` or ``jsonl``
    writes), or ``None`` when it is not one (an input file, say)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        data = read_data(path)
        if not (isinstance(data, dict) and _is_catalogue(data.get("catalogue"))):
            return None
        items = data.get("results")
        if not isinstance(items, list):
            raise InputError(
                [Problem(msg("results.invalid", error="results: expected a list"), ("results",), file=str(path))]
            )
        return Results(path, _catalogue(path, data["catalogue"], None), lambda: ((item, None) for item in items))
    if suffix == ".jsonl":
        units = read_units(path)
        head = next(units, None)
        if head is None or not _is_catalogue(head.data):
            return None

        def records() -> Iterator[tuple[Any, int | None]]:
            for unit in read_units(path):
                if unit.line != head.line:
                    yield unit.data, unit.line

        return Results(path, _catalogue(path, head.data, head.line), records)
    return None


def _catalogue(path: Path, data: Any, line: int | None) -> Catalogue:
    try:
        return Catalogue(data)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise InputError([Problem(msg("results.invalid", error=_what(error)), file=str(path), line=line)]) from None


def loads(text: str) -> list[Evaluation]:
    """The evaluations of a results document (a ``trace`` in it is rebuilt on demand from the
    evidence, :func:`partyrules.build_trace`, so it is not read)."""
    return read_results(json.loads(text))[1]
