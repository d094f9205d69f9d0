"""Templates a ward fills in, made from a framework's schema (``partyrules template``): see
:mod:`partyrules.io.sheets` for their layout and how they are read back."""

from __future__ import annotations

import csv
import io
from typing import IO, Any

from ..errors import PartyrulesError
from ..facts import FactSpec, FactType
from ..frameworks import Framework
from ..model import Kind
from ..problems import excerpt
from ..text.catalogue import msg, render
from .sheets import LEVELS as _LEVELS
from .sheets import column_letter, template_columns
from .tables import spreadsheet_text

__all__ = ["Rows", "document_rows", "write_csv_template", "write_template"]

#: Rows of a template that carry data validation.
_ROWS = 2000


def _label(spec: FactSpec, lang: str) -> str:
    title = (spec.title_vi or spec.title_en) if lang == "vi" else (spec.title_en or spec.title_vi)
    return title or spec.name


def _validation(spec: FactSpec, lang: str) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    prompt = render("template.expected", lang, {"expected": spec.expected().render(lang)})
    if spec.type is FactType.BOOL:
        yes, no = render("export.yes", lang), render("export.no", lang)
        check = DataValidation(type="list", formula1=f'"{yes},{no}"', allow_blank=True)
    elif spec.choices:
        check = DataValidation(type="list", formula1='"' + ",".join(spec.choices) + '"', allow_blank=True)
    elif spec.type in (FactType.INT, FactType.FLOAT):
        low = 0 if spec.minimum is None else spec.minimum
        high = 10**15 if spec.maximum is None else spec.maximum
        kind = "whole" if spec.type is FactType.INT else "decimal"
        check = DataValidation(type=kind, operator="between", formula1=str(low), formula2=str(high), allow_blank=True)
    else:
        return None
    check.error, check.errorTitle, check.prompt = prompt, spec.name, prompt
    check.showErrorMessage = check.showInputMessage = True
    return check


Rows = dict[Kind, list[dict[str, Any]]]


def document_rows(data: Any) -> tuple[int | None, Rows]:
    """An input document's period and subjects as template rows by level (each with its
    ``parent``), to start a template from a file (``partyrules template --from FILE``)."""
    rows: Rows = {kind: [] for kind in _LEVELS}
    if not isinstance(data, dict):
        return None, rows

    def add(kind: Kind, item: Any, parent: str | None) -> None:
        if not isinstance(item, dict):
            return
        given = item.get("facts")
        facts: dict[str, Any] = given if isinstance(given, dict) else {}
        row = {"id": item.get("id"), "name": item.get("name"), "parent": parent, **facts}
        rows[kind].append({k: v for k, v in row.items() if v is not None})
        for child_kind in (Kind.CELL, Kind.MEMBER):
            for child in item.get(child_kind.plural) or []:
                add(child_kind, child, str(item.get("id")))

    for kind in _LEVELS:
        for item in data.get(kind.plural) or []:
            add(kind, item, None)
    period = data.get("period")
    return (period if isinstance(period, int) else None), rows


def _cell_value(value: Any, lang: str) -> Any:
    if isinstance(value, list | dict | tuple | set):  # not a cell's value: shown, for evaluate to refuse
        return spreadsheet_text(excerpt(value))
    if isinstance(value, bool):
        return render("export.yes" if value else "export.no", lang)
    return spreadsheet_text(value) if isinstance(value, str) else value


def write_template(
    stream: IO[bytes], framework: Framework, *, lang: str = "vi", year: int | None = None, rows: Rows | None = None
) -> None:
    """A workbook template for ``framework``'s subjects (see the module's docstring), with
    ``rows`` filled in (:func:`document_rows`)."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill
    except ImportError:
        raise PartyrulesError(msg("io.needs_openpyxl")) from None
    book = Workbook()
    guide = book.active
    guide.title = render("template.guide_sheet", lang)
    guide.append([render("template.period", lang), year, "period"])
    guide.append([render("template.framework", lang), framework.name, "framework"])
    guide.append([])
    for line in render("template.instructions", lang).split("\n"):
        guide.append([line])
    guide.column_dimensions["A"].width = 40
    guide.column_dimensions["B"].width = 16
    bold, fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="9C1C1C")
    for kind in _LEVELS:
        sheet = book.create_sheet(render(f"sheet.level.{kind.value}", lang))
        specs = template_columns(framework, kind)
        labels = [render("export.subject", lang), render("export.name", lang), render("sheet.parent", lang)]
        sheet.append([*labels, *(_label(spec, lang) for spec in specs)])
        sheet.append(["id", "name", "parent", *(spec.name for spec in specs)])
        for cell in sheet[1]:
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for cell in sheet[2]:
            cell.font = Font(italic=True, color="808080")
        for index, spec in enumerate(specs, start=3):
            check = _validation(spec, lang)
            if check is not None:
                letter = column_letter(index)
                check.add(f"{letter}3:{letter}{_ROWS}")
                sheet.add_data_validation(check)
            sheet.column_dimensions[column_letter(index)].width = 14
        sheet.column_dimensions["B"].width = 30
        sheet.freeze_panes = "B3"
        names = ["id", "name", "parent", *(spec.name for spec in specs)]
        for item in (rows or {}).get(kind, []):
            sheet.append([_cell_value(item.get(name), lang) for name in names])
    book.save(stream)


def write_csv_template(
    stream: IO[bytes], framework: Framework, *, lang: str = "vi", year: int | None = None, rows: Rows | None = None
) -> None:
    """A CSV template: one table, a ``level`` and a ``period`` column, every level's facts (and
    ``rows`` filled in)."""
    specs: dict[str, FactSpec] = {}
    for kind in _LEVELS:
        for spec in template_columns(framework, kind):
            specs.setdefault(spec.name, spec)
    buffer = io.StringIO()
    out = csv.writer(buffer)
    head = ["level", "id", "name", "parent", "period"]
    out.writerow([render(f"template.csv.{name}", lang) for name in head] + [_label(s, lang) for s in specs.values()])
    out.writerow(head + list(specs))
    if year is not None and not any((rows or {}).values()):
        out.writerow(["cell", "", "", "", year])
    for kind in _LEVELS:
        for item in (rows or {}).get(kind, []):
            fixed = [kind.value, item.get("id"), item.get("name"), item.get("parent"), year]
            out.writerow([_cell_value(v, lang) for v in fixed] + [_cell_value(item.get(n), lang) for n in specs])
    stream.write(("\ufeff" + buffer.getvalue()).encode("utf-8"))
