"""The summary table of a deciding body (docs/forms.md §6, after the columns of Mẫu 15A and 16):
Đối tượng, Tổng số, HTXSNV, HTTNV, HTNV, KHTNV, Chưa xếp loại, the share of EXCELLENT over the
quota's base, the most EXCELLENT the quota allows, Ghi chú; one row per kind and a Tổng cộng row.

Used by ``partyrules review export`` (decisions stored) and by ``partyrules evaluate -o
FILE.xlsx`` (decisions evaluated now).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ..model import Grade
from ..text.catalogue import render

__all__ = ["GRADES", "empty_counts", "quota_percent", "summary_cells", "summary_header", "summary_row", "yes_no"]

#: The grades, EXCELLENT first, as the table's columns are.
GRADES = [g.value for g in reversed(list(Grade))]


def empty_counts() -> dict[str, int]:
    """A count per grade, and ``none`` (not graded), all zero."""
    return dict.fromkeys([*GRADES, "none"], 0)


def yes_no(value: bool, lang: str) -> str:
    """Có / Không, or Yes / No."""
    return render("export.yes" if value else "export.no", lang)


def quota_percent(share: float) -> float:
    """A quota share as the percentage the table states, exactly (``0.29 * 100`` is 28.999… in
    floating point, which would allow one EXCELLENT too few)."""
    return float(Fraction(str(share)) * 100)


def summary_row(kind: str, counts: Mapping[str, int], base: str, percent: float | None) -> dict[str, Any]:
    """One summary row; per kind, the quota line: the most EXCELLENT allowed on the final
    counts (``percent`` of the base, rounded down) and whether the decisions keep within it.
    The total mixes kinds, which the quota never compares, so it has no limit."""
    denominator = counts["GOOD"] + (counts["EXCELLENT"] if base == "good_or_better" else 0)
    share = None if denominator == 0 else float(Fraction(counts["EXCELLENT"], denominator))
    row: dict[str, Any] = {"kind": kind, "total": sum(counts.values()), **counts, "excellent_share": share}
    if percent is not None:
        limit = math.floor(Fraction(str(percent)) * denominator / 100)
        row.update(limit=limit, within=counts["EXCELLENT"] <= limit)
    else:
        row.update(limit=None, within=None)
    return row


def summary_header(lang: str, base: str) -> list[str]:
    """The table's column headings in ``lang``; the share's heading names its base."""
    return [
        render("export.kind", lang),
        render("export.total", lang),
        *(render(f"grade.short.{g}", lang) for g in GRADES),
        render("export.not_graded", lang),
        render(f"export.share.{base}", lang),
        render("export.limit", lang),
        render("export.note", lang),
    ]


def _kind_text(kind: str, lang: str) -> str:
    return render("export.total_row", lang) if kind == "total" else render(f"kind.{kind}", lang)


def summary_cells(row: Mapping[str, Any], lang: str) -> list[Any]:
    """A row's cells, in the order of :func:`summary_header`."""
    share = row["excellent_share"]
    return [
        _kind_text(row["kind"], lang),
        row["total"],
        *(row[g] for g in GRADES),
        row["none"],
        None if share is None else round(share * 100, 1),
        row["limit"],
        "" if row["within"] is None else render("export.within" if row["within"] else "export.over", lang),
    ]
