"""Spreadsheets a ward fills in, read back (the templates are made by :mod:`.template`).

A workbook template (``partyrules template -o ward.xlsx``, the ``xlsx`` extra) has an
instructions sheet with the year and the framework, then one sheet per level (committees,
cells, members): a header row in the language chosen, a row of machine names beneath it (``id``,
``name``, ``parent``, then each fact, so a script can fill it too), and data validation for
each fact's type, range and choices.  A CSV template is one table with a ``level`` and a
``period`` column.  Reading either gives the document an input file would (its cells and
members under their parents), and where each value came from: a problem is shown at its sheet
and cell, ``ward.xlsx, Chi bộ!F7 (regular_meetings_held): expected an integer ≥ 0 and ≤ 12``.

Cells are read as data only (formulas are not evaluated: their cached value is read), within
the limits of :mod:`partyrules.limits`.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError, PartyrulesError
from ..facts import FactSpec
from ..frameworks import Framework
from ..limits import current_limits
from ..model import Kind
from ..problems import Loc, Problem
from ..text.catalogue import msg, render
from .files import read_regular

__all__ = ["LEVELS", "LEVEL_TITLES", "read_sheets", "template_columns"]

LEVELS = (Kind.COMMITTEE, Kind.CELL, Kind.MEMBER)
#: The sheet of each level, in both languages (a sheet is found by either title).
LEVEL_TITLES = {
    kind: (render(f"sheet.level.{kind.value}", "vi"), render(f"sheet.level.{kind.value}", "en")) for kind in LEVELS
}
_TRUE = {"có", "yes", "true", "đúng"}
_FALSE = {"không", "no", "false", "sai"}


def template_columns(framework: Framework, kind: Kind) -> list[FactSpec]:
    """The facts a template asks for, for ``kind``: those given (not derived), but the regime."""
    if kind not in framework.kinds:
        return []
    return [spec for spec in framework.view(kind).schema.facts if spec.name != "regime"]


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# -- reading ------------------------------------------------------------------------------------


def _value(value: Any) -> Any:
    """A cell's value as an input file would hold it: Có / Không as true / false, a whole number
    as an integer, an empty cell as missing."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        return text
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


class _Table:
    """Rows of one level, as (row number, {machine name: (value, column letter)})."""

    def __init__(self, title: str, names: Sequence[Any]) -> None:
        self.title = title
        self.names = [str(n).strip() if n is not None else "" for n in names]
        self.rows: list[tuple[int, dict[str, tuple[Any, str]]]] = []


#: Columns read as text whatever they look like (an id of 12 or 007 stays the text it is).
_TEXT = frozenset({"id", "name", "parent", "level"})


def _text(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _rows_of(
    values: Iterable[Sequence[Any]], title: str, problems: list[Problem], file: str, convert: Any = None
) -> _Table | None:
    rows = iter(values)
    next(rows, None)  # the header row, in words
    names = next(rows, None)
    if names is None or "id" not in [str(n).strip() for n in names[:2]]:
        message = msg("sheet.no_machine_row", sheet=title) if title else msg("sheet.no_machine_row_csv")
        problems.append(Problem(message, file=file))
        return None
    table = _Table(title, names)
    limits = current_limits()
    budget = limits.values
    convert = convert or _value
    for number, row in enumerate(rows, start=3):
        budget -= len(row)
        if budget < 0:
            problems.append(Problem(msg("limit.values", limit=limits.values), file=file))
            break
        found: dict[str, tuple[Any, str]] = {}
        for index, (name, raw) in enumerate(zip(table.names, row, strict=False)):
            if not name or raw is None:
                continue
            letter = column_letter(index)
            if isinstance(raw, str) and len(raw) > limits.string:  # refused cell by cell, before it is kept
                message = msg("limit.string", length=len(raw), limit=limits.string)
                problems.append(Problem(message, file=file, place=_place(title, f"{letter}{number}", name)))
                continue
            value = _text(raw) if name in _TEXT else convert(raw)
            if value is not None:
                found[name] = (value, letter)
        if found:
            table.rows.append((number, found))
    return table


def _place(title: str, ref: str, name: str | None = None) -> str:
    """``Chi bộ!F7 (regular_meetings_held)``; a CSV has no sheet: ``F7 (…)``."""
    place = f"{title}!{ref}" if title else ref
    return f"{place} ({name})" if name else place


def _document(
    tables: dict[Kind, _Table], period: Any, framework: Any, file: str
) -> tuple[dict[str, Any], dict[Loc, str], list[Problem]]:
    """The document of the tables: cells under their committee, members under their cell."""
    places: dict[Loc, str] = {}
    problems: list[Problem] = []
    document: dict[str, Any] = {"period": period, "committees": [], "cells": [], "members": []}
    if framework is not None:
        document["framework"] = framework
    where: dict[tuple[Kind, str], tuple[dict[str, Any], Loc]] = {}
    parents = {Kind.CELL: Kind.COMMITTEE, Kind.MEMBER: Kind.CELL}
    for kind in LEVELS:
        table = tables.get(kind)
        if table is None:
            continue
        for number, found in table.rows:
            subject: dict[str, Any] = {"id": found.get("id", ("", "A"))[0]}
            if "name" in found:
                subject["name"] = found["name"][0]
            if "period" in found and found["period"][0] != period:
                subject["period"] = found["period"][0]
            facts = {k: v for k, (v, _) in found.items() if k not in ("id", "name", "parent", "period", "level")}
            if facts:
                subject["facts"] = facts
            parent_id = found.get("parent", (None, ""))[0]
            owner = where.get((parents[kind], str(parent_id))) if kind in parents and parent_id is not None else None
            if parent_id is not None and owner is None:
                message = msg(
                    "sheet.unknown_parent", parent=str(parent_id), level=render(f"kind.{parents.get(kind, kind).value}")
                )
                problems.append(
                    Problem(message, file=file, place=_place(table.title, f"{found['parent'][1]}{number}", "parent"))
                )
                continue
            if owner is None:
                siblings = document[kind.plural]
                loc: Loc = (kind.plural, len(siblings))
            else:
                siblings = owner[0].setdefault(kind.plural, [])
                loc = (*owner[1], kind.plural, len(siblings))
            siblings.append(subject)
            where[(kind, str(subject["id"]))] = (subject, loc)
            places[loc] = _place(table.title, f"{found.get('id', ('', 'A'))[1]}{number}")
            for name, (_, letter) in found.items():
                key: Loc = (*loc, "facts", name) if name in facts else (*loc, name)
                places[key] = _place(table.title, f"{letter}{number}", name)
    for label in ("committees", "cells", "members"):
        if not document[label]:
            del document[label]
    return document, places, problems


def _read_xlsx(path: Path) -> tuple[dict[str, Any], dict[Loc, str], list[Problem]]:
    try:
        from openpyxl import load_workbook
    except ImportError:
        raise PartyrulesError(msg("io.needs_openpyxl")) from None
    data = read_regular(path)
    limit = current_limits().file_size
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:  # a zip bomb is refused before it is opened
            size = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        size = 0  # not a zip: openpyxl says so below
    if size > limit:
        raise InputError([Problem(msg("limit.file_size", size=size, limit=limit, name="file_size"), file=str(path))])
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # a damaged or foreign file: zip, XML or openpyxl's own errors
        raise InputError([Problem(msg("sheet.unreadable", reason=type(error).__name__), file=str(path))]) from None
    problems: list[Problem] = []
    places: dict[Loc, str] = {}
    tables: dict[Kind, _Table] = {}
    period: Any = None
    framework: Any = None
    try:
        for sheet in book.worksheets:
            title = sheet.title
            level = next((kind for kind, titles in LEVEL_TITLES.items() if title in titles), None)
            if hasattr(sheet, "reset_dimensions"):
                sheet.reset_dimensions()  # the size a file states may be wrong: read every cell it has
            if level is not None:
                table = _rows_of(sheet.iter_rows(values_only=True), title, problems, str(path))
                if table is not None:
                    tables[level] = table
                continue
            for number, row in enumerate(sheet.iter_rows(max_col=3, max_row=50, values_only=True), start=1):
                if len(row) >= 3 and row[2] == "period":
                    period, places[("period",)] = _value(row[1]), f"{title}!B{number} (period)"
                elif len(row) >= 3 and row[2] == "framework":
                    framework, places[("framework",)] = _value(row[1]), f"{title}!B{number} (framework)"
    except PartyrulesError:
        raise
    except Exception as error:  # the sheets are read lazily: a damaged part shows only now
        raise InputError([Problem(msg("sheet.unreadable", reason=type(error).__name__), file=str(path))]) from None
    finally:
        book.close()
    if problems:
        raise InputError(problems)
    document, more, found = _document(tables, period, framework, str(path))
    places.update(more)
    return document, places, found


_INTEGER = re.compile(r"[-+]?\d{1,30}")
_DECIMAL = re.compile(r"[-+]?\d{1,30}[.,]\d{1,30}")


def _csv_value(value: Any) -> Any:
    """A CSV field as a spreadsheet's cell would be: a number where it reads as one (a decimal
    comma too, as Excel writes it in Vietnamese), else as :func:`_value` has it."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text):
        return float(text.replace(",", "."))
    return text


def _read_csv(path: Path) -> tuple[dict[str, Any], dict[Loc, str], list[Problem]]:
    try:
        text = read_regular(path).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = msg("io.not_utf8", reason=error.reason, byte=error.start)
        raise InputError([Problem(message, file=str(path))]) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","  # Excel's CSV in a comma-decimal locale
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as error:  # a field longer than the csv module takes, a stray NUL
        raise InputError([Problem(msg("sheet.unreadable", reason=str(error)[:80]), file=str(path))]) from None
    problems: list[Problem] = []
    table = _rows_of(rows, "", problems, str(path), lambda value: _value(_csv_value(value)))
    if table is None:
        raise InputError(problems)
    tables: dict[Kind, _Table] = {}
    period: Any = None
    names = {kind: {kind.value, *(t.lower() for t in LEVEL_TITLES[kind])} for kind in LEVELS}
    for number, found in table.rows:
        level = str(found.get("level", ("cell", ""))[0]).strip().lower()
        kind = next((k for k, known in names.items() if level in known), None)
        if kind is None:
            problems.append(
                Problem(
                    msg("sheet.unknown_level", given=level),
                    file=str(path),
                    place=_place("", f"{found['level'][1]}{number}", "level"),
                )
            )
            continue
        if period is None and "period" in found:
            period = found["period"][0]
        if set(found) <= {"level", "period"}:
            continue  # the template's line that only gives the year
        tables.setdefault(kind, _Table("", table.names)).rows.append((number, found))
    if problems:
        raise InputError(problems)
    return _document(tables, period, None, str(path))


def read_sheets(path: str | Path) -> tuple[dict[str, Any], dict[Loc, str], list[Problem]]:
    """The document a filled template holds (``.xlsx`` or ``.csv``), the sheet and cell of each
    of its values by location in the document, and the problems that still let it be evaluated
    (a parent not in the file: the subject is listed on its own), to report with the facts';
    raises :class:`~partyrules.errors.InputError` for a file that cannot be read as a template."""
    path = Path(path)
    return _read_xlsx(path) if path.suffix.lower() == ".xlsx" else _read_csv(path)
