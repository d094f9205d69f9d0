"""A deciding body's decisions for a year: the summary table of docs/forms.md §6 (the columns of
Mẫu 15A / 16: Đối tượng, Tổng số, HTXSNV, HTTNV, HTNV, KHTNV, Chưa xếp loại, the share of
EXCELLENT over the quota's base, Ghi chú, a Tổng cộng row) and the list of its subjects, each
with its self-assessed score and proposed grade, the grade at each stage and the reasons.

Written as JSON, CSV (with a byte-order mark, so that Excel reads the diacritics) or XLSX; text
cells that a spreadsheet would run as a formula are written as text (OWASP, CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import orjson

from ..errors import InputError
from ..io.files import write_atomic
from ..io.summary import GRADES as _GRADES
from ..io.summary import summary_cells, summary_header, summary_row
from ..io.tables import spreadsheet_text
from ..problems import Problem, Scope
from ..text.catalogue import msg, render
from .procedure import Review, ReviewError
from .store import Record

__all__ = ["body_summary", "effective", "write_export"]


def effective(records: Iterable[Record]) -> dict[str, Record]:
    """Each subject's decision in force: its last decision or correction."""
    found: dict[str, Record] = {}
    for record in records:
        if record.stage in ("decision", "correction"):
            found[record.subject] = record
    return found


def body_summary(review: Review, *, by: str, year: int, base: str = "good") -> dict[str, Any]:
    """The body's summary rows per kind, with a total, and its list of subjects."""
    decided = [r for r in review.store.records(year=year) if r.body == by and r.stage == "decision"]
    if not decided:
        raise ReviewError([Problem(msg("review.nothing_decided", body=by, year=year), (), Scope("body", by))])
    subjects = sorted({r.subject for r in decided})
    rows: list[dict[str, Any]] = []
    listing: list[dict[str, Any]] = []
    counts_by_kind: dict[str, dict[str, int]] = {}
    for subject in subjects:
        stages = review.store.records(subject=subject, year=year)
        current = effective(stages)[subject]
        own = next((r for r in stages if r.stage == "self_assessment"), None)
        recognition = next((r for r in stages if r.stage == "recognition"), None)
        reasons = [r.reason for r in stages if r.reason]
        quota = next((r.quota for r in stages if r.stage == "decision" and r.quota and r.quota["moved"]), None)
        counts = counts_by_kind.setdefault(current.kind, dict.fromkeys([*_GRADES, "none"], 0))
        counts[current.grade or "none"] += 1
        listing.append(
            {
                "subject": subject,
                "name": current.input.get("name", ""),
                "kind": current.kind,
                "self_score": None if own is None else own.score,
                "proposed": None if own is None else own.grade,
                "decided": current.grade,
                "four_good_recognised": None if recognition is None else recognition.four_good,
                "moved_by_quota": quota is not None,
                "reasons": "; ".join(reasons),
                "on": current.on_date.isoformat(),
                "record": current.id,
            }
        )
    total = dict.fromkeys([*_GRADES, "none"], 0)
    for kind, counts in sorted(counts_by_kind.items()):
        percents = {r.quota["percent"] for r in decided if r.quota and r.kind == kind}
        rows.append(summary_row(kind, counts, base, max(percents) if percents else 20))
        for name, value in counts.items():
            total[name] += value
    rows.append(summary_row("total", total, base, None))
    return {"body": by, "year": year, "base": base, "summary": rows, "subjects": listing}


def _headers(lang: str, base: str) -> tuple[list[str], list[str]]:
    def t(key: str) -> str:
        return render(key, lang)

    summary = summary_header(lang, base)
    listing = [
        t("export.subject"),
        t("export.name"),
        t("export.kind"),
        t("export.self_score"),
        t("export.proposed"),
        t("export.decided"),
        t("export.four_good"),
        t("export.moved_by_quota"),
        t("export.reasons"),
        t("export.on"),
    ]
    return summary, listing


def _grade(value: str | None, lang: str) -> str:
    return "" if value is None else render(f"grade.short.{value}", lang)


def _yes(value: bool | None, lang: str) -> str:
    return "" if value is None else render("export.yes" if value else "export.no", lang)


def _listing_cells(item: Mapping[str, Any], lang: str) -> list[Any]:
    return [
        spreadsheet_text(item["subject"]),
        spreadsheet_text(item["name"]),
        render(f"kind.{item['kind']}", lang),
        item["self_score"],
        _grade(item["proposed"], lang),
        _grade(item["decided"], lang),
        _yes(item["four_good_recognised"], lang),
        _yes(item["moved_by_quota"], lang),
        spreadsheet_text(item["reasons"]),
        item["on"],
    ]


def write_export(
    data: Mapping[str, Any], path: Path, *, fmt: str, lang: str, protect: tuple[str | Path, ...] = ()
) -> None:
    """Write ``data`` (from :func:`body_summary`) to ``path`` atomically as ``fmt``; never to
    one of ``protect`` (the database)."""
    summary_head, listing_head = _headers(lang, data["base"])
    if fmt == "json":
        write_atomic(
            path,
            lambda stream: stream.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"),
            binary=True,
            protect=protect,
        )
    elif fmt == "csv":

        def write_csv(stream: IO[Any]) -> None:
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(summary_head)
            writer.writerows(summary_cells(row, lang) for row in data["summary"])
            writer.writerow([])
            writer.writerow(listing_head)
            writer.writerows(_listing_cells(item, lang) for item in data["subjects"])
            stream.write(("\ufeff" + buffer.getvalue()).encode("utf-8"))

        write_atomic(path, write_csv, binary=True, protect=protect)
    elif fmt == "xlsx":
        try:
            from openpyxl import Workbook
            from openpyxl.styles import Font
        except ImportError:
            raise InputError([Problem(msg("io.needs_openpyxl"), (), Scope("option", "--output"))]) from None

        def write_xlsx(stream: IO[Any]) -> None:
            book = Workbook()
            sheet = book.active
            sheet.title = render("export.summary_sheet", lang)[:31]
            sheet.append([render("export.title", lang, {"body": data["body"], "year": data["year"]})])
            sheet.append(summary_head)
            for row in data["summary"]:
                sheet.append(summary_cells(row, lang))
            for cell in sheet[2]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A3"
            listing = book.create_sheet(render("export.list_sheet", lang)[:31])
            listing.append(listing_head)
            for item in data["subjects"]:
                listing.append(_listing_cells(item, lang))
            for cell in listing[1]:
                cell.font = Font(bold=True)
            listing.freeze_panes = "A2"
            listing.auto_filter.ref = listing.dimensions
            book.save(stream)

        write_atomic(path, write_xlsx, binary=True, protect=protect)
    else:  # pragma: no cover - the command line offers these three
        raise ValueError(fmt)
