"""Evaluations as flat rows, for CSV and (with the ``xlsx`` extra) XLSX output."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import IO, Any

from ..errors import PartyrulesError
from ..results import Evaluation
from ..text.catalogue import msg

__all__ = ["flatten", "rows", "write_csv", "write_xlsx"]


def flatten(evaluations: Iterable[Evaluation]) -> Iterator[Evaluation]:
    """Every evaluation and, after each, its children (depth first)."""
    for evaluation in evaluations:
        yield from evaluation.walk()


def rows(evaluations: Iterable[Evaluation]) -> tuple[list[str], list[list[Any]]]:
    """A header and one row per subject (children included)."""
    items = list(flatten(evaluations))
    dimensions: dict[str, None] = {}
    for item in items:
        dimensions.update(dict.fromkeys(d.name for d in item.dimensions))
    header = ["id", "name", "kind", "period", "grade", "four_good", "score", "graded", "complete", "regime"]
    for name in dimensions:
        header += [f"{name}.score", f"{name}.max", f"{name}.grade", f"{name}.good"]
    table = []
    for item in items:
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
        for name in dimensions:
            d = by_name.get(name)
            row += [d.score, d.max, d.rating.value, d.good] if d else ["", "", "", ""]
        table.append(row)
    return header, table


def write_csv(stream: IO[str], evaluations: Iterable[Evaluation]) -> None:
    header, table = rows(evaluations)
    writer = csv.writer(stream)
    writer.writerow(header)
    writer.writerows(table)


def write_xlsx(stream: IO[bytes], evaluations: Iterable[Evaluation]) -> None:
    """Write an XLSX workbook (needs ``pip install partyrules[xlsx]``)."""
    try:
        from openpyxl import Workbook
    except ImportError:
        raise PartyrulesError(msg("io.needs_openpyxl")) from None
    header, table = rows(evaluations)
    book = Workbook()
    sheet = book.active
    sheet.title = "evaluations"
    sheet.append(header)
    for row in table:
        sheet.append(row)
    book.save(stream)
