"""Output worth submitting: the format follows -o's extension, the XLSX workbook has a styled
sheet per level with the parent, the review's grade names and the reasons, and the summary
table per deciding body (docs/forms.md §6); CSV starts with a byte-order mark."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from partyrules.cli import main

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).parents[1]
WARD = ROOT / "examples" / "ward-2025.yaml"


def evaluate(*args: str) -> None:
    result = CliRunner().invoke(main, ["evaluate", str(WARD), "--backend", "python", *args])
    assert 0 == result.exit_code, result.output


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> object:
    path = tmp_path_factory.mktemp("xlsx") / "ket-qua.xlsx"
    evaluate("-o", str(path))  # the extension alone chooses XLSX
    return openpyxl.load_workbook(path)


def rows(sheet: object) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(values_only=True))  # type: ignore[attr-defined]


def test_a_sheet_per_level_after_the_summary(workbook: object) -> None:
    assert ["Tổng hợp", "Đảng bộ", "Chi bộ", "Đảng viên"] == workbook.sheetnames  # type: ignore[attr-defined]


def test_cells_with_parent_grade_names_and_reasons(workbook: object) -> None:
    """The example ward's cells as its header states them: c01 HTXSNV and Four-Good, c04 KHTNV
    (concluded disunity), c05 moved to HTTNV by the quota (QĐ 366 Art. 11)."""
    sheet = workbook["Chi bộ"]  # type: ignore[index]
    head, *body = rows(sheet)
    assert ("Mã", "Tên", "Trực thuộc", "Năm", "Xếp loại", "Bốn tốt", "Điểm") == head[:7]
    assert "Lý do" == head[-1]
    by_id = {row[0]: row for row in body}
    assert 12 == len(by_id)
    assert ("hoa-binh", 2025, "HTXSNV", "Có") == by_id["c01"][2:6]
    assert ("KHTNV", "Không") == by_id["c04"][4:6]
    assert "HTTNV" == by_id["c05"][4]
    assert "tỉ lệ" in str(by_id["c05"][-1])
    members = {row[0]: row for row in rows(workbook["Đảng viên"])[1:]}  # type: ignore[index]
    assert "c05" == members["c05-m1"][2]


def test_headers_styled_panes_frozen_filters_on(workbook: object) -> None:
    sheet = workbook["Chi bộ"]  # type: ignore[index]
    assert sheet["A1"].font.bold
    assert "C2" == sheet.freeze_panes
    assert "A1:L13" == sheet.auto_filter.ref


def test_the_summary_of_the_deciding_body(workbook: object) -> None:
    """The committee decides its cells (HD 43 §3): 1 HTXSNV, 8 HTTNV, 1 HTNV, 2 KHTNV of 12; the
    quota allows 20% of 8 HTTNV rounded down = 1 HTXSNV, and 1 is within it."""
    title, head, cells, members, total, quota, *_ = rows(workbook["Tổng hợp"])  # type: ignore[index]
    assert "Kết quả xếp loại do Đảng bộ phường Hòa Bình (ví dụ) (hoa-binh) quyết định" == title[0]
    assert ("Đối tượng", "Tổng số", "HTXSNV", "HTTNV", "HTNV", "KHTNV", "Chưa xếp loại") == head[:7]
    assert ("chi bộ", 12, 1, 8, 1, 2, 0, 12.5, 1, "trong tỉ lệ") == cells
    assert "đảng viên" == members[0]
    assert "Tổng cộng" == total[0]
    assert str(quota[0]).startswith("Tỉ lệ HTXSNV: không quá 20% số HTTNV")


def test_english_labels(tmp_path: Path) -> None:
    path = tmp_path / "results.xlsx"
    evaluate("-o", str(path), "--lang", "en")
    book = openpyxl.load_workbook(path)
    assert ["Summary", "Committees", "Cells", "Members"] == book.sheetnames
    assert ("Id", "Name", "Parent", "Year", "Grade", "Four-Good", "Score") == rows(book["Cells"])[0][:7]
    assert ("EXCELLENT", "Yes") == rows(book["Cells"])[1][4:6]


def test_a_formula_is_written_as_text(tmp_path: Path) -> None:
    path = tmp_path / "in.yaml"
    path.write_text("period: 2025\ncells:\n  - id: '=1+1'\n    name: '@SUM(A1)'\n", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    assert 0 == CliRunner().invoke(main, ["evaluate", str(path), "-o", str(out)]).exit_code
    cell = openpyxl.load_workbook(out)["Chi bộ"]["A2"]
    assert ("'=1+1", "s") == (cell.value, cell.data_type)


@pytest.mark.parametrize(
    ("suffix", "start"), [(".json", b'{"catalogue"'), (".jsonl", b'{"format"'), (".csv", b"\xef\xbb\xbfid,")]
)
def test_the_extension_chooses_the_format(suffix: str, start: bytes, tmp_path: Path) -> None:
    out = tmp_path / f"results{suffix}"
    evaluate("-o", str(out))
    assert out.read_bytes().startswith(start)


def test_a_conflicting_format_is_an_error(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = CliRunner().invoke(main, ["evaluate", str(WARD), "-o", str(out), "--format", "csv"])
    assert 1 == result.exit_code
    assert "--format csv contradicts the --output extension .json (which means json)" in result.stderr
    assert not out.exists()
