"""Vietnamese throughout: what a Vietnamese reader sees holds no English id in its sentences.

The explanations, summaries and reasons of both example wards, and the report and workbook
made from them, are rendered in Vietnamese; outside the bracketed references (``[rule.id:
formula]``, which name rules and facts on purpose), no dimension id, grade or rating name,
effect, status or policy value of the framework may appear: each has Vietnamese words."""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from partyrules import Registry
from partyrules.cli import main
from partyrules.model import Grade, Rating, UnknownPolicy

ROOT = Path(__file__).parents[1]
WARDS = [ROOT / "examples" / "ward-2025.yaml", ROOT / "examples" / "ward-2024.yaml"]
#: A locale without a language (English) and a Vietnamese one, with nothing else set.
C = {"LANG": "C", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
VI = {"LANG": "vi_VN.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}


@functools.cache
def english_ids() -> frozenset[str]:
    framework = Registry().framework("fourgood")
    dimensions = {name for kind in framework.kinds for name in framework.view(kind).dimensions}
    effects = {"points", "points_required", "required", "veto", "cap", "blocks_four_good", "excludes"}
    enums = {g.value for g in Grade} | {r.value for r in Rating} | {p.value for p in UnknownPolicy}
    statuses = {"confirmed", "default"}
    assert {"political_tasks", "meetings"} <= dimensions
    return frozenset(dimensions | effects | enums | statuses)


def leaks(text: str) -> list[str]:
    outside = re.sub(r"\[[^\]]*\]", " ", text)
    ids = english_ids()
    return sorted({m.group(0) for m in re.finditer(r"\b[A-Za-z_]+\b", outside) if m.group(0) in ids})


@pytest.mark.parametrize("ward", WARDS, ids=lambda p: p.name)
@pytest.mark.parametrize("args", [["--explain"], []], ids=["explain", "summary"])
def test_explanations(ward: Path, args: list[str]) -> None:
    result = CliRunner().invoke(main, ["evaluate", str(ward), "--backend", "python", *args])
    assert 0 == result.exit_code
    assert [] == leaks(result.stdout)


def test_the_report(tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.html"
    assert 0 == CliRunner().invoke(main, ["report", str(WARDS[0]), "-o", str(out), "--backend", "python"]).exit_code
    text = html.unescape(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8")))
    assert [] == leaks(text)


def test_the_check_detects_a_leak() -> None:
    """The check itself can fail: an English grade in a Vietnamese sentence is caught."""
    assert ["EXCELLENT", "political_tasks"] == leaks("kết quả nhiệm vụ (political_tasks) là Tốt, cần EXCELLENT")
    assert [] == leaks("HTXSNV: ít nhất 30% [annual366.excellent_exceeded: tasks_exceeded_share (0.2) < 0.3] giới hạn")


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (
            ["evaluate", "nope.yaml"],
            C,
            "  - nope.yaml: no such file",
        ),
        (
            ["evaluate", "nope.yaml", "--lang", "vi"],
            C,
            "  - nope.yaml: không có tệp này",
        ),
        (
            ["check", "nope.toml"],
            VI,
            "  - nope.toml: không có tệp này",
        ),
        (
            ["evaluate", "nope.yaml", "--lang", "en"],
            VI,
            "  - nope.yaml: no such file",
        ),
    ],
    ids=["locale C: English", "--lang vi", "locale vi", "--lang en over the locale"],
)
def test_errors_in_the_language_asked_for(
    args: list[str], env: dict[str, str], expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args, env=env)
    assert 1 == result.exit_code
    assert expected in result.stderr.splitlines()


def without_ids(text: str) -> str:
    """The text without what names things on purpose: rule ids (``meetings.attendance``), fact
    and parameter names (``min_attendance = 0.9``) and a counterexample's YAML."""
    text = re.sub(r"\b[a-z0-9_-]+(?:\.[a-z0-9_-]+)+\b", " ", text)
    return re.sub(r"\b[a-z]+(?:_[a-z0-9]+)+\b", " ", text)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "fourgood"],
        ["check", str(ROOT / "examples" / "frameworks" / "hoa-binh.toml")],
        ["check", str(ROOT / "examples" / "frameworks" / "hoa-binh-plus.toml")],
        ["rulesets"],
        ["audit", "fourgood", "--examples", "5", "--property", "totality", "--property", "coverage"],
    ],
    ids=["check fourgood", "check hoa-binh", "check hoa-binh-plus", "rulesets", "audit"],
)
def test_framework_commands(args: list[str]) -> None:
    """check, rulesets and audit under a Vietnamese locale: Vietnamese words, no English id."""
    result = CliRunner().invoke(main, args, env=VI)
    assert 0 == result.exit_code, result.output
    assert [] == leaks(without_ids(result.stdout))
    assert not re.search(r"\b(rules|points|version|valid|passed|in force|parameters|policy)\b", result.stdout)


def test_an_audit_finding_in_vietnamese() -> None:
    """The report of findings: the property, the kind, the finding and its outcomes in words."""
    from partyrules.model import Kind
    from partyrules.testing.audit import AuditReport, Violation, render_report
    from partyrules.text.catalogue import msg

    never = msg(
        "audit.never",
        rule="meetings.x",
        outcome=msg("outcome.met"),
        examples=5,
        kind=msg("kind.cell"),
        why=msg("audit.dead"),
    )
    worse = msg(
        "audit.worse",
        direction=msg("audit.raising"),
        fact="tasks_done",
        before="1",
        after="2",
        through=msg("audit.through", rules="annual.y"),
    )
    result = msg("audit.result", grade=msg("grade.short.GOOD"), four_good=msg("word.no"))
    report = AuditReport(
        "fourgood",
        "2025.1",
        "0" * 64,
        0,
        5,
        ("coverage", "monotonicity"),
        (
            Violation("coverage", Kind.CELL, never, rule_id="meetings.x", outcomes=(result,)),
            Violation("monotonicity", Kind.MEMBER, worse, exempted_by="annual.y: by design"),
        ),
    )
    text = render_report(report, "vi")
    assert "✗ độ phủ (chi bộ): quy tắc meetings.x không bao giờ đạt trong 5 chi bộ được sinh ra" in text
    assert "~ tính đơn điệu (đảng viên): tăng tasks_done (1 → 2) làm kết quả xấu đi do annual.y" in text
    assert '    HTTNV, "bốn tốt": không' in text
    assert text.endswith("KHÔNG ĐẠT: 1 vi phạm, 1 được chấp nhận theo ngoại lệ (độ phủ, tính đơn điệu)")
    assert [] == leaks(without_ids(text))
    english = render_report(report, "en")
    assert "✗ coverage (cell): rule meetings.x is never met in 5 generated cells (a dead rule" in english


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["evaluate", str(WARDS[0]), "-o", "out"], "lỗi: out: là một thư mục; hãy chỉ định tên tệp"),
        (["evaluate", str(WARDS[0]), "-o", "missing/out.json"], "lỗi: missing/out.json: không có tệp hay thư mục này"),
        (
            ["review", "decide", "--by", "x", "--year", "abc"],
            "Lỗi: Giá trị không hợp lệ cho '--year': 'abc' không phải một số hợp lệ.",
        ),
        (
            ["audit", "fourgood", "--save", "afile"],
            "Lỗi: Giá trị không hợp lệ cho '--save': 'afile' là một tệp, không phải thư mục.",
        ),
    ],
    ids=["output is a folder", "no such folder", "not a number", "a file for a folder"],
)
def test_system_and_click_errors_in_vietnamese(
    args: list[str], expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the system and click say is worded in Vietnamese too, without English words."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "afile").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, args, env=VI)
    assert result.exit_code in (1, 2)
    assert expected in result.stderr.splitlines()


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "ward.yaml",
            "period: 2025\ncells: a: b\n",
            "ward.yaml:2:9: YAML không hợp lệ: không được viết 'khóa: giá trị' ở đây",
        ),
        (
            "ward.yaml",
            "period: 2025\nperiod: 2026\n",
            "ward.yaml:2:1: YAML không hợp lệ: khóa 'period' được viết hai lần",
        ),
        ("ward.json", '{"period": }', "ward.json:1:12: JSON không hợp lệ: thiếu một giá trị"),
        ("ward.json", '{"period": 2025} x', "ward.json:1:18: JSON không hợp lệ: còn dữ liệu thừa sau giá trị"),
    ],
    ids=["yaml mapping", "yaml duplicate", "json value", "json extra"],
)
def test_what_a_parser_says_in_vietnamese(name: str, text: str, expected: str, tmp_path: Path) -> None:
    """A file a parser cannot read: its position, and the parser's sentence in Vietnamese."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(tmp_path / name)], env=VI)
    assert 1 == result.exit_code
    assert any(line.strip().startswith(f"- {tmp_path / expected}") for line in result.stderr.splitlines()), (
        result.stderr
    )


def test_what_the_toml_parser_says_in_vietnamese(tmp_path: Path) -> None:
    (tmp_path / "ward.toml").write_text("[framework\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "ward.toml")], env=VI)
    assert (
        f"  - {tmp_path / 'ward.toml'}:1:11: TOML không hợp lệ: thiếu ']' ở cuối tên bảng" in result.stderr.splitlines()
    )


def parser_sentences() -> list[tuple[str, str]]:
    """What the parsers really say of the mistakes people make, one input per mistake."""
    import json
    import tomllib

    import yaml

    found = []
    for text in ("a: b: c", "a:\n  - x\n b: 1", "cells: [1, 2\nb: 3", 'a: "abc', "a: @x", "a: *nope", "- a\nb: 1"):
        try:
            yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as error:
            found.append(("yaml", str(getattr(error, "problem", error))))
    for text in ('{"a": }', '{"a": 1,}', '{"a": 1} x', "[1 2]", '{"a": "x', '{"a": "\\q"}'):
        try:
            json.loads(text)
        except json.JSONDecodeError as error:
            found.append(("json", error.msg))
    for text in (
        "[t",
        "[[t]",
        "a = ",
        "a = 1\na = 2",
        'a = "x',
        "a = [1, 2",
        "a b = 1",
        "a = 1 b = 2",
        "a",
        "[t]\n[t]",
    ):
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            found.append(("toml", re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))))
    return found


@pytest.mark.parametrize(("parser", "sentence"), parser_sentences())
def test_the_common_parser_sentences_are_worded(parser: str, sentence: str) -> None:
    """Each mistake above gets words of the catalogue, in Vietnamese without the parser's English."""
    from partyrules.text.catalogue import Message, parser_words

    words = parser_words(sentence)
    assert isinstance(words, Message), f"{parser}: {sentence!r} is shown as written"
    vietnamese = words.render("vi")
    assert not re.search(r"\b(expected|found|Expecting|Invalid|Unclosed|Cannot|Illegal|did not)\b", vietnamese)


def test_a_sentence_no_pattern_knows_is_shown_as_written() -> None:
    from partyrules.text.catalogue import parser_words

    assert "something new went wrong" == parser_words("something new went wrong")
    assert "khóa 'x' được viết hai lần" == parser_words("duplicate key 'x'").render("vi")
