"""Evaluations as flat rows, for CSV and (with the ``xlsx`` extra) XLSX output: a header from the
framework (so rows can be written as they come), and one row per subject, children included."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..frameworks import Framework
from ..results import Evaluation

__all__ = ["COLUMNS", "flatten", "header_of", "row_of", "spreadsheet_text"]

#: What starts a formula in a spreadsheet (OWASP's CSV injection list, and the full-width forms
#: some spreadsheets read the same way).
_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
#: Characters XML 1.0 cannot hold (an XLSX file is XML): the C0 controls but tab, LF and CR.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def spreadsheet_text(value: object) -> object:
    """A cell value a spreadsheet cannot run and an XLSX file can hold: a text starting with
    ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with an apostrophe
    (OWASP's guidance on CSV injection), and a character XML cannot hold is written as its
    escape (``\\x01``), visibly; other values pass unchanged.

    >>> spreadsheet_text("=HYPERLINK(1)"), spreadsheet_text("c\x01"), spreadsheet_text(-1)
    ("'=HYPERLINK(1)", 'c\\x01', -1)
    """
    if not isinstance(value, str):
        return value
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), value)
    if value.startswith(_FORMULA):
        return "'" + value
    return value


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
        spreadsheet_text(item.subject_id),
        spreadsheet_text(item.name),
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
