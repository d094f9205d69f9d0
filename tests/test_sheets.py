"""Spreadsheet input: a template made from the framework's schema, filled as a ward's staff (or
a script) would, read back with every problem at its sheet and cell.

The example ward (examples/ward-2025.yaml) is copied into a generated template by its machine
names; evaluating the workbook must give every subject the grade the YAML file gives it."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from partyrules.cli import main

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).parents[1]
WARD = ROOT / "examples" / "ward-2025.yaml"
SHEETS = {"committees": "Đảng bộ", "cells": "Chi bộ", "members": "Đảng viên"}


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def template(tmp_path: Path, name: str = "ward.xlsx", *args: str) -> Path:
    path = tmp_path / name
    result = run("template", "--year", "2025", "-o", str(path), *args)
    assert 0 == result.exit_code, result.output
    return path


def ward_rows() -> dict[str, list[dict[str, Any]]]:
    """The example ward's subjects as rows by level, each with its parent."""
    data = yaml.safe_load(WARD.read_text(encoding="utf-8"))
    rows: dict[str, list[dict[str, Any]]] = {"committees": [], "cells": [], "members": []}
    for committee in data["committees"]:
        rows["committees"].append({"id": committee["id"], "name": committee["name"], **committee.get("facts", {})})
        for cell in committee.get("cells", []):
            rows["cells"].append(
                {"id": cell["id"], "name": cell.get("name", ""), "parent": committee["id"], **cell["facts"]}
            )
            for member in cell.get("members", []):
                rows["members"].append(
                    {"id": member["id"], "name": member.get("name", ""), "parent": cell["id"], **member["facts"]}
                )
    return rows


def fill(path: Path, rows: dict[str, list[dict[str, Any]]], target: Path) -> Path:
    """Write rows into the template by the machine names of its second row (as a script does)."""
    book = openpyxl.load_workbook(path)
    for level, items in rows.items():
        sheet = book[SHEETS[level]]
        names = [cell.value for cell in sheet[2]]
        for number, item in enumerate(items, start=3):
            for key, value in item.items():
                if isinstance(value, bool):
                    value = "Có" if value else "Không"
                sheet.cell(row=number, column=names.index(key) + 1, value=value)
    book.save(target)
    return target


def grades(output: str) -> dict[str, tuple[str, bool]]:
    import json

    found: dict[str, tuple[str, bool]] = {}

    def walk(record: dict[str, Any]) -> None:
        found[record["id"]] = (record["grade"], record["four_good"])
        for child in record.get("children", []):
            walk(child)

    for record in json.loads(output)["results"]:
        walk(record)
    return found


def test_the_template(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(template(tmp_path))
    assert ["Hướng dẫn", "Đảng bộ", "Chi bộ", "Đảng viên"] == book.sheetnames
    guide = book["Hướng dẫn"]
    assert ("Năm đánh giá", 2025, "period") == tuple(c.value for c in guide[1])
    cells = book["Chi bộ"]
    labels, names = [c.value for c in cells[1]], [c.value for c in cells[2]]
    assert ["id", "name", "parent"] == names[:3]
    assert ["Mã", "Tên", "Trực thuộc"] == labels[:3]
    column = names.index("regular_meetings_held")
    assert "Số tháng có sinh hoạt thường kỳ" == labels[column]
    letter = openpyxl.utils.get_column_letter(column + 1)
    (check,) = [v for v in cells.data_validations.dataValidation if f"{letter}3" in str(v.sqref).split(":")[0]]
    assert ("whole", "between", "0", "12") == (check.type, check.operator, check.formula1, check.formula2)
    yes_no = names.index("disunity_concluded")
    letter = openpyxl.utils.get_column_letter(yes_no + 1)
    (check,) = [v for v in cells.data_validations.dataValidation if f"{letter}3" in str(v.sqref).split(":")[0]]
    assert '"Có,Không"' == check.formula1


def test_the_example_ward_from_a_workbook_grades_as_from_yaml(tmp_path: Path) -> None:
    """The ward's staff path: template, fill, evaluate; the grades equal the YAML file's."""
    filled = fill(template(tmp_path), ward_rows(), tmp_path / "filled.xlsx")
    from_sheet = run("evaluate", str(filled), "--format", "json", "--backend", "python")
    from_yaml = run("evaluate", str(WARD), "--format", "json", "--backend", "python")
    assert 0 == from_sheet.exit_code, from_sheet.output
    assert grades(from_yaml.stdout) == grades(from_sheet.stdout)
    assert ("EXCELLENT", True) == grades(from_sheet.stdout)["c01"]  # as the example's header says
    out = tmp_path / "ket-qua.xlsx"
    assert 0 == run("evaluate", str(filled), "-o", str(out)).exit_code
    assert "Tổng hợp" == openpyxl.load_workbook(out).sheetnames[0]


def test_every_problem_at_its_cell(tmp_path: Path) -> None:
    rows = {
        "committees": [{"id": "hb", "name": "Đảng bộ"}],
        "cells": [
            {"id": "c1", "parent": "hb", "regular_meetings_held": "mười hai"},
            {"id": "c2", "parent": "zz"},
            {"id": "c3", "parent": "hb", "members_total": 3, "members_disciplined": 5},
        ],
        "members": [],
    }
    filled = fill(template(tmp_path), rows, tmp_path / "bad.xlsx")
    result = run("evaluate", str(filled), "--backend", "python")
    assert 1 == result.exit_code
    names = [c.value for c in openpyxl.load_workbook(filled)["Chi bộ"][2]]

    def at(name: str, row: int) -> str:
        return f"{filled}, Chi bộ!{openpyxl.utils.get_column_letter(names.index(name) + 1)}{row} ({name})"

    lines = result.stderr.splitlines()
    assert f"  - {at('parent', 4)}: no committee with id 'zz' in the file" in lines
    assert f"  - {at('regular_meetings_held', 3)}: expected an integer ≥ 0 and ≤ 12, got 'mười hai' (str)" in lines
    assert f"  - {at('members_disciplined', 5)}: members_disciplined = 5 exceeds members_total = 3" in lines


def test_a_csv_template_round_trip(tmp_path: Path) -> None:
    path = template(tmp_path, "ward.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert ["level", "id", "name", "parent", "period"] == table[1][:5]
    names = table[1]
    rows = ward_rows()
    lines = [table[0], table[1]]
    for level, kind in (("committees", "committee"), ("cells", "cell"), ("members", "member")):
        for item in rows[level]:
            line = [""] * len(names)
            line[0], line[4] = kind, "2025"
            for key, value in item.items():
                if value is not None:  # null: unknown, an empty field
                    line[names.index(key)] = ("Có" if value else "Không") if isinstance(value, bool) else str(value)
            lines.append(line)
    buffer = io.StringIO()
    csv.writer(buffer).writerows(lines)
    filled = tmp_path / "filled.csv"
    filled.write_text(buffer.getvalue(), encoding="utf-8")
    from_csv = run("evaluate", str(filled), "--format", "json", "--backend", "python")
    assert 0 == from_csv.exit_code, from_csv.output
    from_yaml = run("evaluate", str(WARD), "--format", "json", "--backend", "python")
    assert grades(from_yaml.stdout) == grades(from_csv.stdout)


def test_an_english_template(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(template(tmp_path, "ward.xlsx", "--lang", "en"))
    assert ["Instructions", "Committees", "Cells", "Members"] == book.sheetnames
    assert ["Id", "Name", "Parent"] == [c.value for c in book["Cells"][1]][:3]


def test_a_damaged_workbook(tmp_path: Path) -> None:
    path = tmp_path / "ward.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    result = run("evaluate", str(path))
    assert 1 == result.exit_code
    assert (
        f"  - {path}: the spreadsheet cannot be read (BadZipFile); save it again as .xlsx" in result.stderr.splitlines()
    )


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_template_from_an_input_file(suffix: str, tmp_path: Path) -> None:
    """``template --from ward.yaml`` fills the template with the file's subjects: evaluated, it
    grades every subject as the file does (and the year comes from the file)."""
    path = tmp_path / f"ward{suffix}"
    assert 0 == run("template", "--from", str(WARD), "-o", str(path)).exit_code
    from_sheet = run("evaluate", str(path), "--format", "json", "--backend", "python")
    from_yaml = run("evaluate", str(WARD), "--format", "json", "--backend", "python")
    assert 0 == from_sheet.exit_code, from_sheet.output
    assert grades(from_yaml.stdout) == grades(from_sheet.stdout)


def test_csv_problems_name_the_cell_without_a_sheet(tmp_path: Path) -> None:
    """A CSV has no sheet: a problem is at its cell (``D3``), and a missing row of machine names
    is said without a sheet's name."""
    rows = [
        ["Cấp", "Mã", "Tên", "Trực thuộc", "Năm"],
        ["level", "id", "name", "parent", "period"],
        ["cell", "c1", "Chi bộ 1", "NOPE", "2025"],
    ]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    (tmp_path / "ward.csv").write_text(buffer.getvalue(), encoding="utf-8")
    result = run("evaluate", str(tmp_path / "ward.csv"))
    assert 1 == result.exit_code
    assert (
        f"  - {tmp_path / 'ward.csv'}, D3 (parent): no committee with id 'NOPE' in the file"
        in result.stderr.splitlines()
    )
    (tmp_path / "bare.csv").write_text("a,b\nc,d\n", encoding="utf-8")
    result = run("evaluate", str(tmp_path / "bare.csv"))
    assert (
        f"  - {tmp_path / 'bare.csv'}: row 2 must be the row of machine names, starting with 'id' (as in the template)"
        in (result.stderr.splitlines())
    )
