"""Tests of the input-file reader path (file → data → document → evaluated subjects) and atomic writes.

``BAD_INPUTS`` is the one table of bad input files; ``test_cli.py`` runs the same table through the
``partyrules evaluate`` command.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import IO, Any

import pytest

from partyrules import (
    Evaluation,
    Evaluator,
    FactSpec,
    Framework,
    Grade,
    Grading,
    InputError,
    Kind,
    Ruleset,
    Schema,
    fact,
    rule,
)
from partyrules.convert import read_document
from partyrules.io import read_data, write_atomic
from support import MEETINGS, UNITY

MEMBERS = Ruleset(
    "test.members",
    "member",
    "cadres_members",
    [
        rule(
            id="test.member_tasks",
            dimension="cadres_members",
            title_vi="Hoàn thành nhiệm vụ được giao",
            title_en="Assigned tasks completed",
            when=fact("tasks_done") >= 0.7,
            points=10,
            source="test only",
            status="default",
        )
    ],
    Schema([FactSpec("tasks_done", "float", minimum=0, maximum=1, direction="higher", unit="share")]),
)

#: The demo cell rules plus member rules, so that cells can list their members.
FRAMEWORK = Framework(
    "demo-members",
    [MEETINGS, UNITY, MEMBERS],
    version="1",
    grading={"cell": Grading(score_facts=("score_general", "score_tasks"))},
)


GOOD_CELL = """\
    facts:
      regular_meetings_held: 12
      thematic_meetings_held: 4
      attendance: 0.9
      disunity: false
      cell_kind: residential
      score_general: 28
      score_tasks: 64
"""


def cells(*bodies: str) -> str:
    """A YAML input file for period 2025 whose cells are ``bodies`` (each starting with its id line)."""
    return "period: 2025\ncells:\n" + "".join(bodies)


def cell(subject_id: str, body: str = GOOD_CELL, extra: str = "") -> str:
    return f"  - id: {subject_id}\n{body}{extra}"


def read_and_evaluate(path: Path, framework: Framework = FRAMEWORK) -> list[Evaluation]:
    """The reader path: parse the file, structure the document, evaluate every subject at its
    location in the document.  Problems of every subject are reported together in one InputError.
    """
    read = read_document(read_data(path))
    with Evaluator(framework, backend="python") as evaluator:
        return evaluator.evaluate_all(list(read.located()))


# One table of bad input files.  Each row: an id, the file name, its content (text or bytes; None:
# no file; "<dir>": a directory), and every problem it must produce as (path, message, hint).
# "{file}" in a path stands for the file's path.
BAD_INPUTS: list[tuple[str, str, str | bytes | None, list[tuple[str, str, str | None]]]] = [
    ("missing file", "input.yaml", None, [("{file}", "no such file", None)]),
    ("a directory", "input.yaml", "<dir>", [("{file}", "is a directory, expected a YAML or JSON file", None)]),
    (
        "bad YAML",
        "input.yaml",
        "period: 2025\ncells:\n  - id: a\n    facts: {attendance: [1, 2}\n",
        [("{file}:4:30", "invalid YAML: did not find expected ',' or ']'", None)],
    ),
    (
        "bad JSON",
        "input.json",
        '{"period": 2025,}',
        [("{file}:1:17", "invalid JSON: Expecting property name enclosed in double quotes", None)],
    ),
    (
        "unknown suffix",
        "input.txt",
        "period: 2025\n",
        [("{file}", "unknown file type '.txt'", "use .yaml, .yml, .json, .jsonl, or a spreadsheet .xlsx, .csv")],
    ),
    (
        "no suffix",
        "input",
        "period: 2025\n",
        [("{file}", "unknown file type (none)", "use .yaml, .yml, .json, .jsonl, or a spreadsheet .xlsx, .csv")],
    ),
    (
        "not UTF-8",
        "input.yaml",
        b"period: 2025\ncells: [{id: \xff}]\n",
        [("{file}", "not UTF-8 text (invalid start byte at byte 26)", None)],
    ),
    (
        "duplicate YAML key",
        "input.yaml",
        cells(cell("a", GOOD_CELL, "      attendance: 0.8\n")),
        [("{file}:12:7", "invalid YAML: duplicate key 'attendance'", None)],
    ),
    (
        "duplicate JSON key",
        "input.json",
        '{"period": 2025, "cells": [{"id": "a", "facts": {"attendance": 0.9, "attendance": 0.8}}]}',
        [("{file}", "invalid JSON: duplicate key 'attendance'", None)],
    ),
    (
        "YAML key that is a list",
        "input.yaml",
        "period: 2025\ncells:\n  - id: a\n    facts: {? [1, 2] : 3}\n",
        [("{file}:4:15", "invalid YAML: a key must be a text or a number, got a list", None)],
    ),
    (
        "a derived fact that disagrees with its inputs",
        "input.yaml",
        "period: 2025\ncells:\n  - id: a\n    facts: {members_total: 10, members_good: 5, members_good_share: 0.9}\n",
        [
            (
                "$.cells[0].facts.members_good_share",
                "given 0.9, but members_good / members_total gives 0.5",
                "give either members_good_share or the facts it is computed from, or make them agree",
            )
        ],
    ),
    (
        "YAML with a Python tag",
        "input.yaml",
        "period: !!python/object/apply:os.getcwd []\n",
        [
            (
                "{file}:1:9",
                "invalid YAML: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.getcwd'",
                None,
            )
        ],
    ),
    (
        "empty file",
        "input.yaml",
        "",
        [("$", "expected a mapping with 'period' and subjects, got None (NoneType)", None)],
    ),
    (
        "wrong type",
        "input.yaml",
        cells(cell("a", GOOD_CELL.replace("regular_meetings_held: 12", 'regular_meetings_held: "twelve"'))),
        [
            (
                "$.cells[0].facts.regular_meetings_held",
                "expected an integer ≥ 0 and ≤ 12, got 'twelve' (str)",
                None,
            )
        ],
    ),
    (
        "a boolean for a count",
        "input.yaml",
        cells(cell("a", GOOD_CELL.replace("regular_meetings_held: 12", "regular_meetings_held: yes"))),
        [("$.cells[0].facts.regular_meetings_held", "expected an integer ≥ 0 and ≤ 12, got True (bool)", None)],
    ),
    (
        "negative count",
        "input.yaml",
        cells(cell("a", GOOD_CELL.replace("thematic_meetings_held: 4", "thematic_meetings_held: -1"))),
        [("$.cells[0].facts.thematic_meetings_held", "expected an integer ≥ 0 and ≤ 12, got -1 (int)", None)],
    ),
    (
        "share above 1",
        "input.yaml",
        cells(cell("a", GOOD_CELL.replace("attendance: 0.9", "attendance: 1.2"))),
        [("$.cells[0].facts.attendance", "expected a number ≥ 0 and ≤ 1, got 1.2 (float)", None)],
    ),
    (
        "not a number",
        "input.yaml",
        cells(cell("a", GOOD_CELL.replace("attendance: 0.9", "attendance: .nan"))),
        [("$.cells[0].facts.attendance", "expected a finite number, got nan (float)", None)],
    ),
    (
        "text not in the choices",
        "input.yaml",
        cells(cell("a", GOOD_CELL.replace("cell_kind: residential", "cell_kind: schol"))),
        [
            (
                "$.cells[0].facts.cell_kind",
                "expected one of 'residential', 'school', 'enterprise', got 'schol' (str); did you mean 'school'?",
                None,
            )
        ],
    ),
    (
        "unknown fact",
        "input.yaml",
        cells(cell("a", GOOD_CELL.replace("regular_meetings_held", "regular_meeting_held"))),
        [("$.cells[0].facts.regular_meeting_held", "unknown fact", "did you mean 'regular_meetings_held'?")],
    ),
    (
        "more good members than members",
        "input.yaml",
        cells(cell("a", GOOD_CELL, "      members_total: 10\n      members_good: 11\n")),
        [("$.cells[0].facts.members_good", "members_good = 11 exceeds members_total = 10", None)],
    ),
    (
        "unknown top-level field",
        "input.yaml",
        "period: 2025\ncels:\n" + cell("a"),
        [("$", "unknown field(s): cels", None)],
    ),
    ("missing period", "input.yaml", "cells:\n" + cell("a"), [("$.period", "required field missing", None)]),
    (
        "missing id",
        "input.yaml",
        cells("  - name: Chi bộ 1\n" + GOOD_CELL),
        [("$.cells[0].id", "required field missing", None)],
    ),
    (
        "members under a committee",
        "input.yaml",
        "period: 2025\ncommittees:\n  - id: k\n    members:\n      - id: m\n",
        [("$.committees[0].members", "a committee does not list members", None)],
    ),
    (
        "counts disagreeing with the listed members",
        "input.yaml",
        cells(
            cell(
                "a",
                GOOD_CELL,
                "      members_total: 3\n"
                "    members:\n"
                "      - id: m1\n        facts: {tasks_done: 0.9}\n"
                "      - id: m2\n        facts: {tasks_done: 0.8}\n",
            )
        ),
        [
            (
                "$.cells[0].facts.members_total",
                "given 3, but the 2 listed members give 2",
                "give either the members or the counts, or make them agree",
            )
        ],
    ),
    (
        "a bad fact of a listed member",
        "input.yaml",
        cells(
            cell(
                "a",
                GOOD_CELL,
                "    members:\n      - id: m1\n        facts: {tasks_done: 0.9}\n"
                "      - id: m2\n        facts: {tasks_done: 1.5}\n",
            )
        ),
        [("$.cells[0].members[1].facts.tasks_done", "expected a number ≥ 0 and ≤ 1, got 1.5 (float)", None)],
    ),
    (
        "a member of another period",
        "input.yaml",
        cells(cell("a", GOOD_CELL, "    members:\n      - id: m1\n        period: 2024\n")),
        [("$.cells[0].members[0].period", "expected 2025, got 2024", None)],
    ),
    (
        "many problems at once",
        "input.yaml",
        cells(
            cell(
                "a",
                GOOD_CELL.replace("regular_meetings_held: 12", 'regular_meetings_held: "twelve"')
                .replace("attendance: 0.9", "attendance: 1.2")
                .replace("disunity", "disunty"),
            ),
            cell("b", GOOD_CELL.replace("thematic_meetings_held: 4", "thematic_meetings_held: -1")),
        ),
        [
            ("$.cells[0].facts.regular_meetings_held", "expected an integer ≥ 0 and ≤ 12, got 'twelve' (str)", None),
            ("$.cells[0].facts.attendance", "expected a number ≥ 0 and ≤ 1, got 1.2 (float)", None),
            ("$.cells[0].facts.disunty", "unknown fact", "did you mean 'disunity'?"),
            ("$.cells[1].facts.thematic_meetings_held", "expected an integer ≥ 0 and ≤ 12, got -1 (int)", None),
        ],
    ),
]


def write_input(tmp_path: Path, name: str, content: str | bytes | None) -> Path:
    """Put a bad input in place under ``tmp_path`` and return its path."""
    path = tmp_path / name
    if content == "<dir>":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    return path


def expected_problems(path: Path, rows: list[tuple[str, str, str | None]]) -> list[tuple[str, str, str | None]]:
    return [(where.replace("{file}", str(path)), message, hint) for where, message, hint in rows]


class TestBadInputs:
    @pytest.mark.parametrize(
        ("name", "content", "problems"), [r[1:] for r in BAD_INPUTS], ids=[r[0] for r in BAD_INPUTS]
    )
    def test_bad_input(
        self, tmp_path: Path, name: str, content: str | bytes | None, problems: list[tuple[str, str, str | None]]
    ) -> None:
        """Each bad input file gives one InputError listing every problem with its location."""
        path = write_input(tmp_path, name, content)
        with pytest.raises(InputError) as info:
            read_and_evaluate(path)
        assert expected_problems(path, problems) == [p.parts() for p in info.value.problems]

    def test_message_lists_every_problem(self, tmp_path: Path) -> None:
        """The error's text has a count, then one line per problem: path, message, hint."""
        row = next(r for r in BAD_INPUTS if r[0] == "many problems at once")
        path = write_input(tmp_path, row[1], row[2])
        with pytest.raises(InputError) as info:
            read_and_evaluate(path)
        lines = str(info.value).splitlines()
        assert "4 problems in input:" == lines[0]
        assert "  - $.cells[0].facts.disunty: unknown fact (did you mean 'disunity'?)" == lines[3]


class TestReadData:
    def test_yaml_and_json_read_the_same(self, tmp_path: Path) -> None:
        """A YAML file and a JSON file with the same content give the same data."""
        data = {"period": 2025, "cells": [{"id": "a", "facts": {"attendance": 0.9, "disunity": False}}]}
        (tmp_path / "in.yml").write_text(
            "period: 2025\ncells:\n  - id: a\n    facts: {attendance: 0.9, disunity: false}\n", encoding="utf-8"
        )
        (tmp_path / "in.JSON").write_text(
            '{"period": 2025, "cells": [{"id": "a", "facts": {"attendance": 0.9, "disunity": false}}]}',
            encoding="utf-8",
        )
        assert data == read_data(tmp_path / "in.yml")
        assert data == read_data(str(tmp_path / "in.JSON"))

    def test_good_file_evaluates(self, tmp_path: Path) -> None:
        """A good file with a cell listing its members evaluates: members first, then the cell."""
        path = tmp_path / "in.yaml"
        path.write_text(
            cells(
                cell(
                    "a",
                    GOOD_CELL,
                    "    members:\n      - id: m1\n        facts: {tasks_done: 0.9}\n"
                    "      - id: m2\n        facts: {tasks_done: 0.2}\n",
                )
            ),
            encoding="utf-8",
        )
        (result,) = read_and_evaluate(path)
        # One member rule of 10 points, scaled to 100: met gives 100 (EXCELLENT), not met gives 0.
        assert [("m1", Grade.EXCELLENT), ("m2", Grade.NOT_COMPLETED)] == [
            (c.subject_id, c.grade) for c in result.children
        ]
        assert (Kind.CELL, 2025) == (result.kind, result.period)


class TestWriteAtomic:
    def test_writes(self, tmp_path: Path) -> None:
        """A successful write leaves exactly the written content and no temporary file."""
        target = tmp_path / "out.json"
        write_atomic(target, lambda stream: stream.write("[]\n"))
        assert "[]\n" == target.read_text(encoding="utf-8")
        assert [target] == list(tmp_path.iterdir())

    def test_failure_keeps_the_old_file(self, tmp_path: Path) -> None:
        """A writer failing half-way leaves the previous file untouched and no temporary file behind."""
        target = tmp_path / "out.csv"
        target.write_text("old\n", encoding="utf-8")

        def half(stream: IO[Any]) -> None:
            stream.write("new, half")
            raise RuntimeError("disk full")

        with pytest.raises(RuntimeError, match="disk full"):
            write_atomic(target, half)
        assert "old\n" == target.read_text(encoding="utf-8")
        assert [target] == list(tmp_path.iterdir())

    def test_failure_creates_nothing(self, tmp_path: Path) -> None:
        """A failing first write creates no file at all."""

        def fail(stream: IO[Any]) -> None:
            stream.write("partial")
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            write_atomic(tmp_path / "out.csv", fail)
        assert [] == list(tmp_path.iterdir())

    def test_binary(self, tmp_path: Path) -> None:
        """binary=True gives a byte stream."""
        write_atomic(tmp_path / "out.xlsx", lambda stream: stream.write(b"PK\x03\x04"), binary=True)
        assert b"PK\x03\x04" == (tmp_path / "out.xlsx").read_bytes()

    @pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
    def test_permissions_follow_umask_and_existing_file(self, tmp_path: Path) -> None:
        """A new output gets the usual permissions (0666 less the umask); a replaced one keeps its mode."""
        umask = os.umask(0)
        os.umask(umask)
        fresh = tmp_path / "fresh.json"
        write_atomic(fresh, lambda stream: stream.write("{}"))
        assert 0o666 & ~umask == stat.S_IMODE(fresh.stat().st_mode)
        shared = tmp_path / "shared.json"
        shared.write_text("{}", encoding="utf-8")
        shared.chmod(0o644)
        write_atomic(shared, lambda stream: stream.write("[]"))
        assert 0o644 == stat.S_IMODE(shared.stat().st_mode)


class TestOutputTargets:
    def test_a_directory_is_not_an_output_file(self, tmp_path: Path) -> None:
        """Writing to a directory (or to nothing) names the path, never a temporary file."""
        with pytest.raises(IsADirectoryError) as info:
            write_atomic(tmp_path, lambda s: s.write("x"))
        assert str(tmp_path) == info.value.filename
        assert [] == list(tmp_path.iterdir())
