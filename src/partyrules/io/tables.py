"""Evaluations as flat rows, for CSV and (with the ``xlsx`` extra) XLSX output: a header from the
framework (so rows can be written as they come), and one row per subject, children included."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..frameworks import Framework
from ..results import Evaluation

__all__ = ["COLUMNS", "flatten", "header_of", "row_of"]

#: The columns of every row, before each dimension's four.
COLUMNS = ("id", "name", "kind", "period", "grade", "four_good", "score", "graded", "complete", "regime")


def flatten(evaluations: Iterable[Evaluation]) -> Iterator[Evaluation]:
    """Every evaluation and, after each, its children (depth first)."""
    for evaluation in evaluations:
        yield from evaluation.walk()


def header_of(framework: Framework) -> list[str]:
    """The header: the common columns, then score, max, grade and good of each dimension of the
    framework (of any kind, in the order members, cells, committees declare them)."""
    dimensions = dict.fromkeys(name for kind in framework.kinds for name in framework.view(kind).dimensions)
    header = list(COLUMNS)
    for name in dimensions:
        header += [f"{name}.score", f"{name}.max", f"{name}.grade", f"{name}.good"]
    return header


def row_of(item: Evaluation, header: Sequence[str]) -> list[Any]:
    """One subject's row under ``header``."""
    row: list[Any] = [
        item.subject_id,
        item.name,
        item.kind.value,
        item.period,
        item.grade.value if item.grade else "",
        item.four_good,
        "" if item.score is None else item.score,
        item.graded,
        item.complete,
        item.regime,
    ]
    by_name = {d.name: d for d in item.dimensions}
    for column in range(len(COLUMNS), len(header), 4):
        d = by_name.get(header[column].rpartition(".")[0])
        row += [d.score, d.max, d.rating.value, d.good] if d else ["", "", "", ""]
    return row
