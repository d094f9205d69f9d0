"""Results as a workbook worth submitting (``partyrules evaluate -o FILE.xlsx``, the ``xlsx`` extra).

One sheet per level (committees, cells, members), each row with the subject's parent, its grade
as the review writes it (HTXSNV, HTTNV, HTNV, KHTNV), Four-Good as Có / Không, its score, each
dimension's points and the reasons in words; headers styled, panes frozen below them, filters
on. A first sheet holds the summary table of each deciding body (docs/forms.md §6): by default,
as HD 43 §3 has it for a grassroots committee, the committee decides the cells it lists and
their members; cells and members listed without their committee are summed together.

Rows stream (openpyxl's write-only workbook): memory holds the counts, not the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import IO, Any

from ..errors import PartyrulesError
from ..frameworks import Framework
from ..model import Kind
from ..results import Evaluation
from ..text.catalogue import msg, render
from .sheets import LEVELS, column_letter
from .summary import empty_counts, quota_percent, summary_cells, summary_header, summary_row, yes_no
from .tables import spreadsheet_text

__all__ = ["WorkbookWriter", "workbook_rows"]

#: The summary groups cells and members under the committee that lists them; this key holds
#: those listed without one.
_LOOSE = ""


def _dimensions(framework: Framework, kind: Kind) -> list[str]:
    return list(framework.view(kind).dimensions) if kind in framework.kinds else []


def _header(framework: Framework, kind: Kind, lang: str) -> list[str]:
    dimensions = []
    for name in _dimensions(framework, kind):
        declared = framework.dimension(name)
        title = (declared.short_vi if lang == "vi" else declared.short_en) if declared else None
        dimensions.append(title or name)
    return [
        render("export.subject", lang),
        render("export.name", lang),
        render("sheet.parent", lang),
        render("sheet.period", lang),
        render("sheet.grade", lang),
        render("export.four_good", lang),
        render("sheet.score", lang),
        *dimensions,
        render("export.reasons", lang),
    ]


def workbook_rows(
    evaluations: Sequence[Evaluation], framework: Framework, lang: str, reasons: Any
) -> list[tuple[str, str, str | None, list[Any]]]:
    """A unit's rows: (level, the deciding committee's id or ``""``, the grade, the cells), for
    every subject, children after their parent.  ``reasons(evaluation, framework, lang)`` words
    the decision (:func:`partyrules.text.explain.reasons_text`)."""
    rows: list[tuple[str, str, str | None, list[Any]]] = []

    def add(item: Evaluation, parent: Evaluation | None, body: str) -> None:
        grade = item.grade.value if item.grade is not None and item.graded else None
        by_name = {d.name: d for d in item.dimensions}
        dimensions = [by_name[name].score if name in by_name else "" for name in _dimensions(framework, item.kind)]
        cells = [
            spreadsheet_text(item.subject_id),
            spreadsheet_text(item.name),
            "" if parent is None else spreadsheet_text(parent.subject_id),
            item.period,
            "" if grade is None else render(f"grade.short.{grade}", lang),
            "" if item.kind is Kind.MEMBER else yes_no(item.four_good, lang),
            "" if item.score is None else item.score,
            *dimensions,
            spreadsheet_text(reasons(item, framework, lang) if reasons is not None else ""),
        ]
        rows.append((item.kind.value, body, grade, cells))
        for child in item.children:
            add(child, item, body)

    for top in evaluations:
        add(top, None, top.subject_id if top.kind is Kind.COMMITTEE else _LOOSE)
    return rows


class WorkbookWriter:
    """Writes the rows of :func:`workbook_rows` as they come, and the summary at the end."""

    def __init__(self, stream: IO[bytes], framework: Framework, lang: str) -> None:
        try:
            from openpyxl import Workbook
            from openpyxl.cell import WriteOnlyCell
            from openpyxl.styles import Alignment, Font, PatternFill
        except ImportError:
            raise PartyrulesError(msg("io.needs_openpyxl")) from None
        self.stream = stream
        self.framework = framework
        self.lang = lang
        self.book = Workbook(write_only=True)
        self._cell = WriteOnlyCell
        self._head_font = Font(bold=True, color="FFFFFF")
        self._title_font = Font(bold=True, size=12)
        self._head_fill = PatternFill("solid", fgColor="9C1C1C")
        self._wrap = Alignment(wrap_text=True, vertical="top")
        self.summary = self.book.create_sheet(render("export.summary_sheet", lang))
        self.sheets: dict[str, Any] = {}
        self.widths: dict[str, int] = {}
        self.rows: dict[str, int] = {}
        #: (deciding body, kind) → counts of each grade (and "none": not graded)
        self.counts: dict[tuple[str, str], dict[str, int]] = {}
        self.names: dict[str, str] = {}
        for kind in LEVELS:
            sheet = self.book.create_sheet(render(f"sheet.level.{kind.value}", lang))
            header = _header(framework, kind, lang)
            widths = [14, 32, 14, 8, 10, 10, 8, *([12] * (len(header) - 8)), 80]
            for index, width in enumerate(widths):
                sheet.column_dimensions[column_letter(index)].width = width
            sheet.freeze_panes = "C2"
            sheet.append([self._head(sheet, text) for text in header])
            self.sheets[kind.value] = sheet
            self.widths[kind.value] = len(header)
            self.rows[kind.value] = 1

    def _head(self, sheet: Any, text: str) -> Any:
        cell = self._cell(sheet, value=text)
        cell.font, cell.fill, cell.alignment = self._head_font, self._head_fill, self._wrap
        return cell

    def write(self, chunk: Iterable[tuple[str, str, str | None, list[Any]]]) -> None:
        for kind, body, grade, cells in chunk:
            self.sheets[kind].append(cells)
            self.rows[kind] += 1
            if kind == Kind.COMMITTEE.value:
                self.names[str(cells[0])] = str(cells[1])
                continue
            counts = self.counts.setdefault((body, kind), empty_counts())
            counts[grade or "none"] += 1

    def abort(self) -> None:
        """Nothing is to be written: close the sheets' temporary files without a workbook."""
        for sheet in (self.summary, *self.sheets.values()):
            try:
                sheet.close()
            except Exception:
                pass

    def close(self) -> None:
        for kind, sheet in self.sheets.items():
            sheet.auto_filter.ref = f"A1:{column_letter(self.widths[kind] - 1)}{self.rows[kind]}"
        self._write_summary()
        self.book.save(self.stream)

    def _write_summary(self) -> None:
        lang, sheet = self.lang, self.summary
        sheet.column_dimensions["A"].width = 28
        for index in range(1, 10):
            sheet.column_dimensions[column_letter(index)].width = 13
        percent = quota_percent(self.framework.policy.quota_share)
        bodies = sorted({body for body, _ in self.counts}, key=lambda b: (b == _LOOSE, b))
        for body in bodies:
            title = (
                render("sheet.summary_title", lang, {"body": self.names.get(body) or body, "id": body})
                if body != _LOOSE
                else render("sheet.summary_loose", lang)
            )
            title_cell = self._cell(sheet, value=spreadsheet_text(title))
            title_cell.font = self._title_font
            sheet.append([title_cell])
            sheet.append([self._head(sheet, text) for text in summary_header(lang, "good")])
            total = empty_counts()
            for kind in (Kind.CELL.value, Kind.MEMBER.value):
                counts = self.counts.get((body, kind))
                if counts is None:
                    continue
                sheet.append(summary_cells(summary_row(kind, counts, "good", percent), lang))
                for name, value in counts.items():
                    total[name] += value
            sheet.append(summary_cells(summary_row("total", total, "good", None), lang))
            sheet.append([render("sheet.quota_line", lang, {"percent": f"{percent:g}"})])
            sheet.append([])
