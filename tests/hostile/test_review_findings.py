"""Defects a review of the hostile-input and spreadsheet work found, each reproduced here."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from partyrules.cli import main
from partyrules.io.summary import summary_row

ROOT = Path(__file__).parents[2]
WARD = ROOT / "examples" / "ward-2025.yaml"
openpyxl = pytest.importorskip("openpyxl")


def run(*args: str, **kwargs: object) -> object:
    return CliRunner().invoke(main, list(args), **kwargs)  # type: ignore[arg-type]


def test_a_name_in_a_file_is_never_a_file_where_the_command_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "secret").write_bytes((ROOT / "examples" / "frameworks" / "hoa-binh.toml").read_bytes())
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "w.yaml").write_text("period: 2025\nframework: secret\ncells:\n  - id: c\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("evaluate", "in/w.yaml")
    assert 1 == result.exit_code  # type: ignore[attr-defined]
    assert "  - $.framework: unknown framework 'secret' (one of fourgood)" in result.stderr.splitlines()  # type: ignore[attr-defined]


def test_a_nul_byte_in_a_path(tmp_path: Path) -> None:
    data = tmp_path / "nul.json"
    data.write_text('{"period": 2025, "framework": "x\\u0000.toml", "cells": [{"id": "c"}]}', encoding="utf-8")
    result = run("evaluate", str(data))
    assert 1 == result.exit_code  # type: ignore[attr-defined]
    assert "$.framework: 'x\\x00.toml': not a valid path" in result.stderr  # type: ignore[attr-defined]
    framework = tmp_path / "n.toml"
    framework.write_text('[framework]\nname = "n"\nversion = "1"\nextends = "a\\u0000.toml"\n', encoding="utf-8")
    checked = run("check", str(framework))
    assert 1 == checked.exit_code and "not a valid path" in checked.stderr  # type: ignore[attr-defined]


def filled(tmp_path: Path) -> Path:
    path = tmp_path / "ward.xlsx"
    assert 0 == run("template", "--from", str(WARD), "-o", str(path)).exit_code  # type: ignore[attr-defined]
    return path


def test_a_workbook_that_states_a_wrong_size_is_read_whole(tmp_path: Path) -> None:
    """openpyxl's read-only mode trusts <dimension>: a file saying A1:F14 must not lose columns."""
    source = filled(tmp_path)
    target = tmp_path / "small-dimension.xlsx"
    changed = 0
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data, count = re.subn(rb'<dimension ref="[A-Z0-9:]+"\s*/>', b'<dimension ref="A1:F14"/>', data)
                changed += count
            new.writestr(item, data)
    assert changed >= 3
    expected = json.loads(run("evaluate", str(source), "--format", "json", "--backend", "python").stdout)  # type: ignore[attr-defined]
    result = run("evaluate", str(target), "--format", "json", "--backend", "python")
    assert 0 == result.exit_code, result.output  # type: ignore[attr-defined]
    assert expected["results"] == json.loads(result.stdout)["results"]  # type: ignore[attr-defined]


def test_ids_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "ids.csv"
    path.write_text("level,id,name,parent,period\nlevel,id,name,parent,period\ncell,007,12,,2025\n", encoding="utf-8")
    result = run("evaluate", str(path), "--format", "json", "--backend", "python")
    assert 0 == result.exit_code, result.output  # type: ignore[attr-defined]
    (record,) = json.loads(result.stdout)["results"]  # type: ignore[attr-defined]
    assert ("007", "12") == (record["id"], record["name"])


def test_limits_in_a_spreadsheet_are_at_their_cell(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("level,id,name\nlevel,id,name\ncell,c1," + "x" * 10_001 + "\n", encoding="utf-8")
    result = run("evaluate", str(path))
    assert (
        f"  - {path}, C3 (name): a text of 10001 characters; at most 10000 (limit 'string')"
        in result.stderr.splitlines()
    )  # type: ignore[attr-defined]
    huge = tmp_path / "huge.csv"
    huge.write_text("level,id,name\nlevel,id,name\ncell,c1," + "x" * 200_000 + "\n", encoding="utf-8")
    assert 1 == run("evaluate", str(huge)).exit_code  # type: ignore[attr-defined]  (csv's own field limit: no traceback)


def test_a_zip_bomb_workbook(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"\0" * (3 * 2**20))
    path.write_bytes(buffer.getvalue())
    result = run("--limit", "file_size=1M", "evaluate", str(path))
    assert 1 == result.exit_code  # type: ignore[attr-defined]
    assert f"  - {path}: 3145728 bytes; at most 1048576 bytes (limit 'file_size')" in result.stderr.splitlines()  # type: ignore[attr-defined]


def test_standard_input_only_where_it_is_read_once(tmp_path: Path) -> None:
    text = WARD.read_text(encoding="utf-8")
    for args in (["report", "-", "-o", str(tmp_path / "r.html")], ["explain", "-", "c01"]):
        result = run(*args, input=text)
        assert 1 == result.exit_code  # type: ignore[attr-defined]
        assert "reads its file twice, so not from standard input" in result.stderr  # type: ignore[attr-defined]
    pretty = json.dumps({"period": 2025, "cells": [{"id": "x" * 20_000}]}, indent=2)
    over = run("evaluate", "-", input=pretty)
    assert "a text of 20000 characters" in over.stderr  # type: ignore[attr-defined]


def test_starting_files_are_not_written_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("ward.xlsx").write_bytes(b"my filled template")
    result = run("template")
    assert 1 == result.exit_code  # type: ignore[attr-defined]
    assert "ward.xlsx exists; add --force to replace it" in result.stderr  # type: ignore[attr-defined]
    assert b"my filled template" == Path("ward.xlsx").read_bytes()
    assert 0 == run("template", "--force").exit_code  # type: ignore[attr-defined]
    Path("ward-2025.yaml").write_text("mine", encoding="utf-8")
    assert 1 == run("example", "ward-2025").exit_code  # type: ignore[attr-defined]
    assert "mine" == Path("ward-2025.yaml").read_text(encoding="utf-8")


def test_template_from_a_file_with_lists(tmp_path: Path) -> None:
    source = tmp_path / "odd.yaml"
    source.write_text("period: 2025\ncells:\n  - id: c1\n    facts: {members_total: [1, 2]}\n", encoding="utf-8")
    assert 0 == run("template", "--from", str(source), "-o", str(tmp_path / "t.xlsx")).exit_code  # type: ignore[attr-defined]


def test_a_failed_workbook_leaves_no_warnings(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("period: 2025\ncells:\n  - id: c1\n    facts: {regular_meetings_held: x}\n", encoding="utf-8")
    result = run("evaluate", str(bad), "-o", str(tmp_path / "out.xlsx"))
    assert 1 == result.exit_code  # type: ignore[attr-defined]
    assert "Exception ignored" not in result.stderr  # type: ignore[attr-defined]
    assert not (tmp_path / "out.xlsx").exists()


def test_the_quota_line_counts_exactly() -> None:
    """A share of 29%: 29 EXCELLENT of 100 GOOD are within it (0.29 * 100 is 28.999… in floats)."""
    from partyrules.io.summary import quota_percent

    percent = quota_percent(0.29)  # what the workbook and the report state
    assert 29.0 == percent
    counts = {"EXCELLENT": 29, "GOOD": 100, "COMPLETED": 0, "NOT_COMPLETED": 0, "none": 0}
    assert (29, True) == (
        summary_row("cell", counts, "good", percent)["limit"],
        summary_row("cell", counts, "good", percent)["within"],
    )


def test_loose_subjects_in_the_report_and_an_empty_database(tmp_path: Path) -> None:
    source = tmp_path / "members.yaml"
    source.write_text("period: 2025\nmembers:\n  - id: m1\n  - id: m2\n", encoding="utf-8")
    db = tmp_path / "empty.sqlite"
    db.write_bytes(b"")
    out = tmp_path / "r.html"
    assert 0 == run("report", str(source), "-o", str(out), "--db", str(db), "--backend", "python").exit_code  # type: ignore[attr-defined]
    page = out.read_text(encoding="utf-8")
    assert 1 == page.count("<section>")
    assert '<td>đảng viên</td><td class="n">2</td>' in page
    assert 0 == db.stat().st_size
