"""The HTML report: self-contained (no script, nothing fetched), every value escaped, in vi and
en; and, in a real headless browser (Debian's chromium, which .ci/run installs), the page loads
with no console message, its screenshot is not blank and it prints to PDF on A4."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from partyrules.cli import main

ROOT = Path(__file__).parents[1]
WARD = ROOT / "examples" / "ward-2025.yaml"
BROWSER = os.environ.get("PARTYRULES_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
needs_browser = pytest.mark.skipif(
    BROWSER is None, reason="no headless browser: install Debian's chromium (.ci/run does) or set PARTYRULES_CHROMIUM"
)


def report(tmp_path: Path, *args: str, source: Path = WARD) -> str:
    out = tmp_path / "bao-cao.html"
    result = CliRunner().invoke(main, ["report", str(source), "-o", str(out), "--backend", "python", *args])
    assert 0 == result.exit_code, result.output
    return out.read_text(encoding="utf-8")


def test_self_contained(tmp_path: Path) -> None:
    page = report(tmp_path)
    assert "<script" not in page
    assert not re.search(r"""\b(src|href)\s*=|@import|url\(""", page)  # nothing to fetch
    assert page.count("<svg") == 3  # cells' and members' grades, the Four-Good share


def test_the_ward_in_vietnamese(tmp_path: Path) -> None:
    """The example ward as its header states it: 12 cells, 1 HTXSNV, 8 HTTNV, 1 HTNV, 2 KHTNV;
    7 Four-Good cells against the 50% target (a default); the quota line of QĐ 366 Art. 11."""
    page = report(tmp_path)
    assert "<h1>Báo cáo kết quả kiểm điểm, xếp loại chất lượng năm 2025</h1>" in page
    assert (
        '<td>chi bộ</td><td class="n">12</td><td class="n">1</td><td class="n">8</td><td class="n">1</td><td class="n">2</td>'
        in page
    )
    assert "Chi bộ bốn tốt: 7/12 (58%)" in page
    assert "chỉ tiêu 50%" in page
    assert "Tỉ lệ HTXSNV: không quá 20% số HTTNV" in page
    assert "<b>c04 Chi bộ khu dân cư số 4</b>: KHTNV" in page
    assert "<summary>5 đảng viên</summary>" in page  # c05's members, folded


def test_english(tmp_path: Path) -> None:
    page = report(tmp_path, "--lang", "en")
    assert '<html lang="en">' in page
    assert "Review and grading report, 2025" in page
    assert "Four-Good cells: 7 of 12 (58%)" in page


def test_hostile_names_are_escaped(tmp_path: Path) -> None:
    source = tmp_path / "in.yaml"
    source.write_text(
        "period: 2025\ncells:\n  - id: '<script>alert(1)</script>'\n    name: '\"><img src=x>'\n", encoding="utf-8"
    )
    page = report(tmp_path, source=source)
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_only_html(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", str(WARD), "-o", str(tmp_path / "report.pdf")])
    assert 1 == result.exit_code
    assert "a report is a .html file, got '.pdf'" in result.stderr


def _browser(page: Path, *args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
    ]
    return subprocess.run([BROWSER, *flags, *args, page.as_uri()], capture_output=True, text=True, timeout=120)


def _console(run: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in run.stderr.splitlines() if ":CONSOLE" in line]


@needs_browser
def test_in_a_real_browser(tmp_path: Path) -> None:
    page = tmp_path / "bao-cao.html"
    page.write_text(report(tmp_path), encoding="utf-8")
    # the console check can fail: a page with an error is seen
    broken = tmp_path / "broken.html"
    broken.write_text("<!doctype html><p>x</p><script>undefinedFunction()</script>", encoding="utf-8")
    assert _console(_browser(broken, "--dump-dom", tmp_path=tmp_path))
    loaded = _browser(page, "--dump-dom", tmp_path=tmp_path)
    assert [] == _console(loaded)
    assert "Chi bộ bốn tốt: 7/12 (58%)" in loaded.stdout
    # a screenshot is not blank: it holds far more than an empty page's
    blank = tmp_path / "blank.html"
    blank.write_text("<!doctype html><html><body></body></html>", encoding="utf-8")
    sizes = []
    for source, shot in ((blank, tmp_path / "blank.png"), (page, tmp_path / "report.png")):
        _browser(source, f"--screenshot={shot}", "--window-size=1000,1400", tmp_path=tmp_path)
        assert shot.read_bytes().startswith(b"\x89PNG")
        sizes.append(shot.stat().st_size)
    assert sizes[1] > 10 * sizes[0]
    # print to PDF: A4 pages (595 x 842 points)
    pdf = tmp_path / "bao-cao.pdf"
    _browser(page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", tmp_path=tmp_path)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 2
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert boxes
    assert all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes)  # A4: 210 x 297 mm


def test_compared_with_last_year(tmp_path: Path) -> None:
    """With the 2024 decisions stored, the report puts each grade's count of 2024 beside 2025's;
    the 2024 side is what evaluating the 2024 ward gives (the decisions follow the evaluation)."""
    import json

    db = str(tmp_path / "ward.sqlite")
    runner = CliRunner()
    ward_2024 = str(ROOT / "examples" / "ward-2024.yaml")
    assert 0 == runner.invoke(main, ["review", "self-assess", ward_2024, "--db", db, "--on", "2024-12-05"]).exit_code
    assert (
        0
        == runner.invoke(
            main, ["review", "decide", "--by", "hoa-binh", "--year", "2024", "--db", db, "--on", "2024-12-20"]
        ).exit_code
    )
    evaluated = json.loads(
        runner.invoke(main, ["evaluate", ward_2024, "--format", "json", "--backend", "python"]).stdout
    )
    cells = evaluated["results"][0]["children"]
    before = {g: sum(1 for c in cells if c["grade"] == g) for g in ("EXCELLENT", "GOOD", "COMPLETED", "NOT_COMPLETED")}
    page = report(tmp_path, "--db", db)
    assert "<h3>So với năm 2024</h3>" in page
    row = re.search(r"<tr><td>chi bộ</td>((?:<td>\d+ → \d+</td>){4})</tr>", page)
    assert row is not None
    pairs = re.findall(r"<td>(\d+) → (\d+)</td>", row.group(1))
    assert [before[g] for g in before] == [int(a) for a, _ in pairs]
    assert [1, 8, 1, 2] == [int(b) for _, b in pairs]  # 2025, as the example's header states


def test_a_folder_for_the_database_is_named_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", str(WARD), "-o", str(tmp_path / "r.html"), "--db", str(tmp_path)])
    assert 1 == result.exit_code
    assert f"  - {tmp_path}: is a directory; give a file name" in result.stderr.splitlines()


def test_the_input_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The framework and the evaluations come from one reading of the file."""
    import partyrules.batch

    opened = []
    real = partyrules.batch._open
    monkeypatch.setattr(partyrules.batch, "_open", lambda *a, **k: opened.append(a[0]) or real(*a, **k))
    report(tmp_path)
    assert [WARD] == opened
