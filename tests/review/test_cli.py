"""``partyrules review`` from the command line: the example ward's whole review into a SQLite file."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from partyrules.cli import main

ROOT = Path(__file__).parents[2]
WARD = str(ROOT / "examples" / "ward-2025.yaml")
APPRAISAL = str(ROOT / "examples" / "review" / "appraisal-2025.yaml")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["review", *args])


def count(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute("SELECT count(*) FROM records").fetchone()[0])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ward.sqlite"
    assert 0 == run("self-assess", WARD, "--db", str(path), "--on", "2025-12-05").exit_code
    return path


def test_the_whole_review(db: Path, tmp_path: Path) -> None:
    """Self-assessment, an appraisal with a changed grade and its reason, decisions with the quota,
    members after their cell, the ward after its cells, Four-Good recognition, a correction, the
    history with its stages, and the summary table."""
    d = ["--db", str(db)]
    appraised = run("appraise", APPRAISAL, "--by", "hoa-binh", "--on", "2025-12-10", *d, "--lang", "en")
    assert 0 == appraised.exit_code, appraised.output
    assert "c06" in appraised.output and "EXCELLENT" in appraised.output
    decided = run(
        "decide",
        "--by",
        "hoa-binh",
        "--year",
        "2025",
        "--on",
        "2025-12-20",
        "--votes",
        "c01=7/0/1",
        *d,
        "--format",
        "json",
    )
    assert 0 == decided.exit_code, decided.output
    grades = {r["subject"]: r["grade"] for r in json.loads(decided.stdout)}
    assert ("EXCELLENT", "GOOD", "GOOD") == (grades["c01"], grades["c05"], grades["c06"])
    assert 0 == run("decide", "--by", "c05", "--year", "2025", "--on", "2025-12-21", *d).exit_code
    assert 0 == run("decide", "--by", "tinh-uy", "--year", "2025", "--on", "2025-12-28", *d).exit_code
    assert 0 == run("recognise", "--by", "hoa-binh", "--year", "2025", "--on", "2025-12-29", *d).exit_code
    corrected = run(
        "correct",
        "c07",
        "--year",
        "2025",
        "--by",
        "tinh-uy",
        "--reason",
        "Kết luận kiểm tra",
        "--fact",
        "score_general=4",
        "--on",
        "2026-03-10",
        *d,
    )
    assert 0 == corrected.exit_code, corrected.output
    history = run("history", "c06", "--explain", *d, "--lang", "en")
    assert 0 == history.exit_code, history.output
    text = history.output
    for expected in (
        "2025  GOOD",
        "self-assessment by c06: GOOD (92)",
        "appraisal by hoa-binh: EXCELLENT (92)",
        "fact tasks_exceeded: 2 → 3",
        "reason: Biên bản kiểm tra",
        "moved to GOOD by the quota: rank 3 of 1 allowed (3 proposed EXCELLENT; at most 20% of the number GOOD, rounded down; QĐ 366 Art. 11)",
        "Four-Good recognition by hoa-binh: recognised as Four-Good",
        "The rules, on the facts of record",
    ):
        assert expected in text
    vi = run("history", "c07", *d).output
    assert "2025  KHTNV" in vi
    out = tmp_path / "hoa-binh-2025.csv"
    assert 0 == run("export", "--by", "hoa-binh", "--year", "2025", "-o", str(out), *d).exit_code
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads the diacritics
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert ["Đối tượng", "Tổng số", "HTXSNV", "HTTNV", "HTNV", "KHTNV", "Chưa xếp loại"] == rows[0][:7]
    # 12 cells: 1 EXCELLENT, 8 GOOD (two moved by the quota), c07 corrected to KHTNV by the province
    # (the list follows the body that decided), c04 and c11 vetoed
    assert ["chi bộ", "12", "1", "8", "0", "3", "0"] == rows[1][:7]


def test_the_summary_table_as_xlsx(db: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    d = ["--db", str(db)]
    assert 0 == run("decide", "--by", "hoa-binh", "--year", "2025", "--on", "2025-12-20", *d).exit_code
    out = tmp_path / "summary.xlsx"
    assert 0 == run("export", "--by", "hoa-binh", "--year", "2025", "-o", str(out), *d, "--lang", "en").exit_code
    book = openpyxl.load_workbook(out)
    summary, listing = book.worksheets
    assert ["Subject", "Total", "EXCELLENT", "GOOD", "COMPLETED", "NOT_COMPLETED", "Not graded"] == [
        c.value for c in summary[2][:7]
    ]
    assert ["Total", 12, 1, 8, 1, 2, 0] == [c.value for c in summary[4][:7]]
    assert 12 == listing.max_row - 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["decide", "--by", "tinh-uy", "--year", "2025", "--on", "2025-12-20", "c01"],
            "the competent body is 'hoa-binh'",
        ),
        (["decide", "--by", "hoa-binh", "--year", "2025", "--on", "2026-01-03"], "after the deadline, 2025-12-30"),
        (["decide", "--by", "tinh-uy", "--year", "2025", "--on", "2025-12-20"], "lower levels before higher"),
        (["decide", "--by", "hoa-binh", "--year", "2025", "--on", "2025-12-20", "c99"], "'c99' has no self-assessment"),
        (["decide", "--by", "nobody", "--year", "2025", "--on", "2025-12-20"], "no body 'nobody'"),
        (["correct", "c01", "--year", "2025", "--by", "hoa-binh", "--reason", "x"], "'c01' has no decision for 2025"),
        (["history", "c1"], "did you mean"),
    ],
)
def test_a_user_mistake_exits_1_with_the_reason_and_writes_nothing(db: Path, args: list[str], message: str) -> None:
    before = count(db)
    result = run(*args, "--db", str(db), "--lang", "en")
    assert 1 == result.exit_code
    assert message in result.output
    assert "Traceback" not in result.output
    assert before == count(db)


def test_no_database_is_left_behind_by_a_failed_first_command(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("period: 2025\norganisation: {w: {level: ward}}\ncommittees: [{id: w}]\n", encoding="utf-8")
    db = tmp_path / "new.sqlite"
    result = run("self-assess", str(bad), "--db", str(db), "--lang", "en")
    assert 1 == result.exit_code
    assert "$.organisation.w.level: unknown level 'ward'" in result.output
    assert not db.exists()
    assert 1 == run("history", "c01", "--db", str(db)).exit_code and not db.exists()


def test_names_are_escaped_in_the_terminal(tmp_path: Path) -> None:
    ward = tmp_path / "w.yaml"
    ward.write_text('period: 2025\ncommittees: [{id: "w\\e[2J\\nforged", facts: {}}]\n', encoding="utf-8")
    db = tmp_path / "x.sqlite"
    result = run("self-assess", str(ward), "--db", str(db))
    assert "\x1b" not in result.output


def test_an_export_for_a_body_that_decided_nothing(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    result = run("export", "--by", "tinh-uy", "--year", "2025", "-o", str(out), "--db", str(db), "--lang", "en")
    assert 1 == result.exit_code and "'tinh-uy' decided no subject in 2025" in result.output
    assert not out.exists()


def test_the_quota_share_is_at_most_25_percent(db: Path) -> None:
    result = run("decide", "--by", "hoa-binh", "--year", "2025", "--quota-share", "0.3", "--db", str(db))
    assert 2 == result.exit_code and "0.3" in result.output
