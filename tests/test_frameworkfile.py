"""Tests of framework files (``partyrules.frameworkfile``), ``partyrules check`` and
``partyrules evaluate --framework FILE``.

The format is described in docs/howto/write-framework.md; the reference numbers quoted below are
those of the rulesets in rulesets/partyrules_fourgood (meetings: 20 points, attendance 3 points
above 85%, duration 2, materials 1; min_meetings_rated_good 9; min_members_good_share 0.8;
min_four_good_cells_share 0.5).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from partyrules import Framework, FrameworkError, Kind, Registry, all_of, fact, param
from partyrules.cli import main
from partyrules.frameworkfile import FrameworkFile, framework_files, load_framework_file

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"
FRAMEWORKS = EXAMPLES / "frameworks"

HEAD = """\
[framework]
name = "ward"
version = "2025.1"
effective_from = 2025
extends = "fourgood"
"""


def rule(when: str, effect: str = "blocks_four_good = true", *, dimension: str = "annual", id: str = "ward.r") -> str:
    """A [[rules]] table (it starts on the line after HEAD: line 6; ``when`` is on line 11, and its
    text starts in column 9)."""
    return (
        f'[[rules]]\nid = "{id}"\ndimension = "{dimension}"\ntitle_vi = "Tiêu chí"\ntitle_en = "Criterion"\n'
        f'when = "{when}"\n{effect}\nsource = "Kế hoạch 1-KH/ĐU (ví dụ)"\nstatus = "default"\n'
    )


LONG = " and ".join(["unexcused_absences > 1"] * 185)
NESTED = "(" * 50 + "unexcused_absences > 1" + ")" * 50
POINTS_HINT = "change rule points or the dimension's points so that they add up"

#: Broken framework files: (id, files, the problems expected).  ``ward.toml`` is the file read;
#: ``{dir}`` stands for the folder the files are written to.  Each problem is (where, message, hint).
BROKEN: list[tuple[str, dict[str, str], list[tuple[str, str, str | None]]]] = [
    (
        "bad TOML",
        {"ward.toml": HEAD + "[parameters\nmin_attendance = 0.9\n"},
        [("ward.toml:6:12", "invalid TOML: Expected ']' at the end of a table declaration", None)],
    ),
    (
        "points as a text",
        {"ward.toml": HEAD + '[points]\n"meetings.attendance" = "three"\n'},
        [("ward.toml:7:1", "meetings.attendance: expected a number ≥ 0, got 'three' (str)", None)],
    ),
    (
        "a rule's points as a text",
        {"ward.toml": HEAD + rule("thematic_meetings_held >= 6", 'points = "three"', dimension="meetings")},
        [("ward.toml:12:1", "points: expected a number ≥ 0, got 'three' (str)", None)],
    ),
    (
        "effective_from as a text",
        {"ward.toml": HEAD.replace("effective_from = 2025", 'effective_from = "2025"')},
        [("ward.toml:4:1", "effective_from: expected a year such as 2025, got '2025' (str)", None)],
    ),
    (
        "a parameter of the wrong type",
        {"ward.toml": HEAD + '[parameters]\nmin_attendance = "high"\n'},
        [("ward.toml:7:1", "min_attendance: expected a value like 0.85, got 'high' (str)", None)],
    ),
    (
        "a parameter out of its range",
        {"ward.toml": HEAD + "[parameters]\nmin_attendance = 1.5\n"},
        [("ward.toml:7:1", "min_attendance: expected a number ≤ 1, got 1.5 (float)", None)],
    ),
    (
        "an unknown parameter",
        {"ward.toml": HEAD + "[parameters]\nmin_attendence = 0.9\n"},
        [("ward.toml:7:1", "unknown parameter 'min_attendence'", "did you mean 'min_attendance'?")],
    ),
    (
        "an unknown fact in when",
        {"ward.toml": HEAD + rule("regular_meeting_held < 11")},
        [("ward.toml:11:9", "when: unknown fact 'regular_meeting_held'", "did you mean 'regular_meetings_held'?")],
    ),
    (
        "an unknown section",
        {"ward.toml": HEAD + "[parameter]\nmin_attendance = 0.9\n"},
        [("ward.toml:6:1", "unknown section 'parameter'", "did you mean 'parameters'?")],
    ),
    (
        "an unknown key in [framework]",
        {"ward.toml": HEAD + "efective_to = 2026\n"},
        [("ward.toml:6:1", "unknown key 'efective_to' in [framework]", "did you mean 'effective_to'?")],
    ),
    (
        "an unknown key in a rule",
        {"ward.toml": HEAD + rule("unexcused_absences > 2").replace("title_en", "titel_en")},
        [
            ("ward.toml:10:1", "unknown key 'titel_en' in [rules]", "did you mean 'title_en'?"),
            ("ward.toml:6", "[rules] needs 'title_en'", None),
        ],
    ),
    (
        "an unknown rule in [points]",
        {"ward.toml": HEAD + '[points]\n"meetings.attendence" = 4\n"meetings.duration" = 1\n'},
        [("ward.toml:7:1", "unknown rule 'meetings.attendence' in [points]", "did you mean 'meetings.attendance'?")],
    ),
    (
        "an unknown rule in [disabled]",
        {"ward.toml": HEAD + '[disabled]\n"meetings.duraton" = "không áp dụng"\n'},
        [("ward.toml:7:1", "unknown rule 'meetings.duraton' in [disabled]", "did you mean 'meetings.duration'?")],
    ),
    (
        "disabled without a reason",
        {"ward.toml": HEAD + '[disabled]\n"meetings.materials_in_advance" = ""\n'},
        [
            (
                "ward.toml:7:1",
                "meetings.materials_in_advance: give the reason it is disabled, as a text",
                'e.g. "không áp dụng ở phường"',
            )
        ],
    ),
    (
        "disabled with true instead of a reason",
        {"ward.toml": HEAD + '[disabled]\n"meetings.materials_in_advance" = true\n'},
        [
            (
                "ward.toml:7:1",
                "meetings.materials_in_advance: give the reason it is disabled, as a text",
                'e.g. "không áp dụng ở phường"',
            )
        ],
    ),
    (
        "a call",
        {"ward.toml": HEAD + rule("len(unexcused_absences) > 1")},
        [("ward.toml:11:12", "when: calls are not allowed", "a condition compares facts with values")],
    ),
    (
        "an attribute",
        {"ward.toml": HEAD + rule("a.b > 1")},
        [("ward.toml:11:10", "when: attribute access is not allowed", "a name is a fact or a parameter")],
    ),
    (
        "an import",
        {"ward.toml": HEAD + rule("__import__('os')")},
        [("ward.toml:11:19", "when: calls are not allowed", "a condition compares facts with values")],
    ),
    (
        "a very long condition",
        {"ward.toml": HEAD + rule(LONG)},
        [("ward.toml:11:2008", f"when: the condition is {len(LONG)} characters long; at most 2000", None)],
    ),
    (
        "a deeply nested condition",
        {"ward.toml": HEAD + rule(NESTED)},
        [("ward.toml:11:25", "when: the condition is nested deeper than 16 levels", None)],
    ),
    (
        "'=' for '=='",
        {"ward.toml": HEAD + rule("unexcused_absences = 3")},
        [("ward.toml:11:28", "when: '=' is not a comparison", "write '==' for equality")],
    ),
    (
        "a number out of range",
        {"ward.toml": HEAD + rule("unexcused_absences > 1e400")},
        [("ward.toml:11:30", "when: the number 1e400 is out of range", "use a number between -1e15 and 1e15")],
    ),
    (
        "a numeric fact compared with a text",
        {"ward.toml": HEAD + rule("regular_meetings_held == 'twelve'")},
        [
            (
                "ward.toml:11:1",
                "when: regular_meetings_held == 'twelve': fact 'regular_meetings_held' is int, compared with "
                "'twelve' (str)",
                None,
            )
        ],
    ),
    (
        "a text fact compared with a value it cannot take",
        {"ward.toml": HEAD + rule("cell_kind == 'schol'")},
        [
            (
                "ward.toml:11:1",
                "when: cell_kind == 'schol': 'schol' is not a value of 'cell_kind'",
                "did you mean 'school'?",
            )
        ],
    ),
    (
        "an error on the second line of a multi-line condition",
        {"ward.toml": HEAD + rule('""\nunexcused_absences > 2\n  and unexcused_absense < 5""')},
        [("ward.toml:13:7", "when: unknown fact 'unexcused_absense'", "did you mean 'unexcused_absences'?")],
    ),
    (
        "a self-extending framework (by name)",
        {"ward.toml": HEAD.replace('extends = "fourgood"', 'extends = "ward"')},
        [("ward.toml:5:1", "a framework cannot extend itself", "name another framework")],
    ),
    (
        "a self-extending framework (by path)",
        {"ward.toml": HEAD.replace('extends = "fourgood"', 'extends = "ward.toml"')},
        [("ward.toml:5:1", "a framework cannot extend itself", None)],
    ),
    (
        "an extends cycle of two files",
        {
            "ward.toml": HEAD.replace('extends = "fourgood"', 'extends = "district.toml"'),
            "district.toml": HEAD.replace('name = "ward"', 'name = "district"').replace(
                'extends = "fourgood"', 'extends = "ward.toml"'
            ),
        },
        [("ward.toml:5:1", "'extends' makes a cycle: ward.toml → district.toml → ward.toml", None)],
    ),
    (
        "extending an invalid file",
        {
            "ward.toml": HEAD.replace('extends = "fourgood"', 'extends = "district.toml"'),
            "district.toml": HEAD.replace('name = "ward"', 'name = "district"') + "[parameters]\nmin_atendance = 1\n",
        },
        [
            ("ward.toml:5:1", "the framework it extends (district.toml) is invalid:", None),
            ("district.toml:7:1", "unknown parameter 'min_atendance'", "did you mean 'min_attendance'?"),
        ],
    ),
    (
        "extending an unknown framework",
        {"ward.toml": HEAD.replace('extends = "fourgood"', 'extends = "fourgod"')},
        [("ward.toml:5:1", "unknown framework 'fourgod' (did you mean 'fourgood'?)", None)],
    ),
    (
        "extends_version as a number",
        {"ward.toml": HEAD + "extends_version = 2025.1\n"},
        [
            (
                "ward.toml:6:1",
                'extends_version: expected a text such as "2025.1", got 2025.1 (float)',
                "write the version in quotes",
            )
        ],
    ),
    (
        "a period that ends before it starts",
        {"ward.toml": HEAD + "effective_to = 2024\n"},
        [("ward.toml:6:1", "effective_to: the period ends (2024) before it starts (2025)", None)],
    ),
    (
        "points that no longer add up",
        {"ward.toml": HEAD + '[points]\n"meetings.attendance" = 5\n'},
        [("ward.toml:7:1", "the cell rules of 'meetings' give 22 points, but the dimension has 20", POINTS_HINT)],
    ),
    (
        "a new rule whose points do not fit",
        {"ward.toml": HEAD + rule("thematic_meetings_held >= 6", "points = 2", dimension="meetings")},
        [("ward.toml:7:1", "the cell rules of 'meetings' give 22 points, but the dimension has 20", POINTS_HINT)],
    ),
    (
        "a disabled rule whose points are not given elsewhere",
        {"ward.toml": HEAD + '[disabled]\n"meetings.duration" = "không áp dụng"\n'},
        [("ward.toml:7:1", "the cell rules of 'meetings' give 18 points, but the dimension has 20", POINTS_HINT)],
    ),
    (
        "an unknown dimension",
        {"ward.toml": HEAD + rule("thematic_meetings_held >= 6", "points = 0\nrequired = true", dimension="meeting")},
        [("ward.toml:8:1", "unknown dimension 'meeting' for cells", "did you mean 'meetings'?")],
    ),
    (
        "a rule id of the framework it extends",
        {"ward.toml": HEAD + rule("unexcused_absences > 2", id="meetings.attendance")},
        [
            (
                "ward.toml:7:1",
                "rule id 'meetings.attendance' is already a cell rule of fourgood",
                "give the new rule its own id; change an existing rule through [points] or [disabled]",
            )
        ],
    ),
    (
        "a rule id used twice",
        {"ward.toml": HEAD + rule("unexcused_absences > 2") + rule("unexcused_absences > 3")},
        [("ward.toml:16:1", "rule id 'ward.r' is used twice (first on line 7)", None)],
    ),
    (
        "a rule without status",
        {"ward.toml": HEAD + rule("unexcused_absences > 2").replace('status = "default"\n', "")},
        [("ward.toml:6", "a rule needs 'status': 'confirmed' (read in the source) or 'default'", None)],
    ),
    (
        "a rule that rewards and sanctions",
        {"ward.toml": HEAD + rule("unexcused_absences > 2", "blocks_four_good = true\nrequired = true")},
        [
            (
                "ward.toml:7:1",
                "rule 'ward.r': a rule either rewards its condition (points, required) or sanctions it "
                "(veto, cap, blocks_four_good); split it in two",
                None,
            )
        ],
    ),
    (
        "a policy grade misspelt",
        {"ward.toml": HEAD + '[policy]\nfour_good_min_grade = "GOOOD"\n'},
        [
            (
                "ward.toml:7:1",
                "four_good_min_grade: expected one of NOT_COMPLETED, COMPLETED, GOOD, EXCELLENT, got 'GOOOD' (str)",
                None,
            )
        ],
    ),
    (
        "an empty file",
        {"ward.toml": ""},
        [
            ("ward.toml", "[framework] needs 'name'", None),
            ("ward.toml", "[framework] needs 'version'", None),
            ("ward.toml", "[framework] needs 'extends': the framework it starts from (e.g. \"fourgood\")", None),
        ],
    ),
]


@pytest.fixture(scope="module")
def registry() -> Registry:
    """The installed frameworks (the reference one among them)."""
    return Registry(autoload=True)


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def problems_of(error: FrameworkError, folder: Path) -> list[tuple[str, str, str | None]]:
    return [(p.path.replace(f"{folder}/", ""), *p.parts()[1:]) for p in error.problems]


class TestBrokenFiles:
    @pytest.mark.parametrize(("files", "expected"), [row[1:] for row in BROKEN], ids=[row[0] for row in BROKEN])
    def test_broken_file(
        self,
        files: dict[str, str],
        expected: list[tuple[str, str, str | None]],
        tmp_path: Path,
        registry: Registry,
    ) -> None:
        """Each broken file gives one FrameworkError listing its problems, each with the file, line
        and column, the message and the hint; nothing crashes, hangs or runs."""
        folder = tmp_path.resolve()
        write(folder, files)
        with pytest.raises(FrameworkError) as info:
            load_framework_file(folder / "ward.toml", resolve=registry.framework)
        assert expected == problems_of(info.value, folder)
        count = len(expected)
        assert str(info.value).startswith(
            f"{count} problem{'s' if count > 1 else ''} in framework file {folder / 'ward.toml'}:\n"
        )

    def test_every_problem_at_once(self, tmp_path: Path, registry: Registry) -> None:
        """Problems in several sections are all reported together, in the order of the sections."""
        text = (
            HEAD
            + "colour = 1\n"
            + '[parameters]\nmin_attendance = "high"\nmin_meetings_rated_god = 10\n'
            + '[points]\n"meetings.attendance" = -1\n'
            + '[disabled]\n"meetings.duration" = ""\n'
            + rule("regular_meeting_held < 11")
        )
        write(tmp_path, {"ward.toml": text})
        with pytest.raises(FrameworkError) as info:
            load_framework_file(tmp_path / "ward.toml", resolve=registry.framework)
        assert [
            ("ward.toml:6:1", "unknown key 'colour' in [framework]", None),
            ("ward.toml:8:1", "min_attendance: expected a value like 0.85, got 'high' (str)", None),
            ("ward.toml:9:1", "unknown parameter 'min_meetings_rated_god'", "did you mean 'min_meetings_rated_good'?"),
            ("ward.toml:11:1", "meetings.attendance: expected a number ≥ 0, got -1 (int)", None),
            (
                "ward.toml:13:1",
                "meetings.duration: give the reason it is disabled, as a text",
                'e.g. "không áp dụng ở phường"',
            ),
            ("ward.toml:19:9", "when: unknown fact 'regular_meeting_held'", "did you mean 'regular_meetings_held'?"),
        ] == problems_of(info.value, tmp_path)

    def test_no_code_is_run(self, tmp_path: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
        """A condition written to run code is an error, and no code runs."""
        monkeypatch.chdir(tmp_path)
        sentinel = tmp_path / "hacked"
        conditions = [
            f"__import__('os').system('touch {sentinel}')",
            f"open('{sentinel}', 'w')",
            f"exec('open({sentinel!s})')",
        ]
        for when in conditions:
            write(tmp_path, {"ward.toml": HEAD + rule(when)})
            with pytest.raises(FrameworkError):
                load_framework_file(tmp_path / "ward.toml", resolve=registry.framework)
        assert not sentinel.exists()

    def test_missing_file(self, tmp_path: Path) -> None:
        """A file that does not exist is one problem, named."""
        with pytest.raises(FrameworkError) as info:
            load_framework_file(tmp_path / "nowhere.toml")
        assert [(str(tmp_path / "nowhere.toml"), "no such file", None)] == [p.parts() for p in info.value.problems]

    def test_extends_a_name_without_a_registry(self, tmp_path: Path) -> None:
        """Extending a framework by name needs a registry to look it up in."""
        write(tmp_path, {"ward.toml": HEAD})
        with pytest.raises(FrameworkError) as info:
            load_framework_file(tmp_path / "ward.toml")
        assert [("ward.toml:5:1", "cannot look up 'fourgood': no registry given", None)] == problems_of(
            info.value, tmp_path
        )


class TestValidFiles:
    def test_numbers_only(self, registry: Registry) -> None:
        """hoa-binh.toml: the reference with the file's parameters, points, policy and metadata."""
        reference = registry.framework("fourgood")
        framework = load_framework_file(FRAMEWORKS / "hoa-binh.toml", resolve=registry.framework)
        assert ("hoa-binh", "2025.1", 2025, None, "fourgood 2025.1") == (
            framework.name,
            framework.version,
            framework.effective_from,
            framework.effective_to,
            framework.extends,
        )
        values = framework.parameter_values
        assert {
            "min_attendance": 0.9,
            "min_members_good_share": 0.85,
            "min_meetings_rated_good": 10,
            "min_four_good_cells_share": 0.6,
        } == {k: v for k, v in values.items() if v != reference.parameter_values[k]}
        points = {r.id: r.points for r in framework.view(Kind.CELL).rules}
        assert (4, 1) == (points["meetings.attendance"], points["meetings.duration"])
        assert reference.rulesets == framework.rulesets
        assert reference.content_hash != framework.content_hash

    def test_criteria_and_policy(self, registry: Registry) -> None:
        """hoa-binh-plus.toml extends hoa-binh.toml by path: its rules are parsed into the same trees
        as the Python API, one rule is disabled, points and the committee policy change."""
        framework = load_framework_file(FRAMEWORKS / "hoa-binh-plus.toml", resolve=registry.framework)
        assert "hoa-binh 2025.1" == framework.extends
        rules = {r.id: r for r in framework.view(Kind.CELL).rules}
        assert all_of(fact("average_attendance") >= 0.95, fact("unexcused_absences") == 0) == (
            rules["hoa-binh.meetings.attendance_high"].when
        )
        assert (fact("cell_kind") == "school") == rules["hoa-binh.meetings.school_thematic"].applies
        assert rules["hoa-binh.fourgood.unexcused"].blocks_four_good
        assert "meetings.materials_in_advance" not in rules
        assert {"meetings.materials_in_advance": "Phường áp dụng từ 2026 (ví dụ)"} == dict(framework.disabled)
        assert 3 == rules["meetings.attendance"].points
        assert 0.7 == framework.parameter_values["min_four_good_cells_share"]
        assert 0.9 == framework.parameter_values["min_attendance"]  # from hoa-binh.toml

    def test_a_new_rule_reads_a_parameter(self, tmp_path: Path, registry: Registry) -> None:
        """A new rule may compare a fact with a parameter of the framework it extends, and reads
        the value this file gives it."""
        text = (
            HEAD
            + "[parameters]\nthematic_meetings_required = 6\n"
            + rule("thematic_meetings_held < thematic_meetings_required")
        )
        write(tmp_path, {"ward.toml": text})
        framework = load_framework_file(tmp_path / "ward.toml", resolve=registry.framework)
        (new,) = [r for r in framework.view(Kind.CELL).rules if r.id == "ward.r"]
        assert (fact("thematic_meetings_held") < param("thematic_meetings_required")) == new.when
        assert 6 == framework.view(Kind.CELL).params["thematic_meetings_required"]

    def test_dimension_titles(self, tmp_path: Path, registry: Registry) -> None:
        """``[dimensions.NAME]`` changes a dimension's titles; the others keep the parent's."""
        text = HEAD + '[dimensions.meetings]\ntitle_en = "Meetings of the ward\'s cells"\nshort_en = "ward meetings"\n'
        write(tmp_path, {"ward.toml": text})
        framework = load_framework_file(tmp_path / "ward.toml", resolve=registry.framework)
        meetings, unity = framework.dimension("meetings"), framework.dimension("unity_discipline")
        assert meetings is not None and unity is not None
        assert ("Meetings of the ward's cells", "ward meetings", "Chất lượng sinh hoạt tốt") == (
            meetings.title_en,
            meetings.short_en,
            meetings.title_vi,
        )
        assert registry.framework("fourgood").dimension("unity_discipline") == unity

    def test_dimension_titles_of_an_unknown_dimension(self, tmp_path: Path, registry: Registry) -> None:
        """A title for a dimension the framework does not have is a problem at its line."""
        write(tmp_path, {"ward.toml": HEAD + '[dimensions.meeting]\ntitle_en = "x"\n'})
        with pytest.raises(FrameworkError) as info:
            load_framework_file(tmp_path / "ward.toml", resolve=registry.framework)
        assert [("ward.toml:6:1", "unknown dimension 'meeting'", "did you mean 'meetings'?")] == [
            (p.path.replace(f"{tmp_path}/", ""), *p.parts()[1:]) for p in info.value.problems
        ]

    def test_multi_line_condition(self, tmp_path: Path, registry: Registry) -> None:
        """A long condition may be written over several lines in a TOML multi-line string."""
        when = '""\nunexcused_absences > 2\n  and not resolutions_carried_out""'
        write(tmp_path, {"ward.toml": HEAD + rule(when)})
        framework = load_framework_file(tmp_path / "ward.toml", resolve=registry.framework)
        (new,) = [r for r in framework.view(Kind.CELL).rules if r.id == "ward.r"]
        assert all_of(fact("unexcused_absences") > 2, ~fact("resolutions_carried_out").is_true()) == new.when

    def test_new_version_extends_the_previous_file(self, tmp_path: Path, registry: Registry) -> None:
        """A 2025 version may extend its 2024 file by path under the same name; both add rules."""
        old = HEAD.replace('version = "2025.1"', 'version = "2024.1"').replace("2025\n", "2023\neffective_to = 2024\n")
        new = HEAD.replace('extends = "fourgood"', 'extends = "ward-2024.toml"')
        write(
            tmp_path,
            {
                "ward-2024.toml": old + rule("unexcused_absences > 3", id="ward.a"),
                "ward.toml": new + rule("unexcused_absences > 2", id="ward.b"),
            },
        )
        framework = load_framework_file(tmp_path / "ward.toml", resolve=registry.framework)
        added = {r.id for r in framework.view(Kind.CELL).rules} - {
            r.id for r in registry.framework("fourgood").view(Kind.CELL).rules
        }
        assert {"ward.a", "ward.b"} == added
        assert "ward 2024.1" == framework.extends

    def test_dimension_points_change_with_rule_points(self, tmp_path: Path, registry: Registry) -> None:
        """[dimension_points] changes the dimensions it names and keeps the others; the rules'
        points must follow, for cells and committees (meetings 20 → 25: a cell's monthly meeting
        5 → 10, a committee's 8 → 13; political tasks 30 → 25: tasks done, a rule of both, 10 → 5)."""
        text = (
            HEAD
            + "[dimension_points]\nmeetings = 25\npolitical_tasks = 25\n"
            + '[points]\n"meetings.regular_monthly" = 10\n"meetings.committee_monthly" = 13\n'
            + '"political_tasks.tasks_done" = 5\n'
        )
        write(tmp_path, {"ward.toml": text})
        framework = load_framework_file(tmp_path / "ward.toml", resolve=registry.framework)
        assert {"political_tasks": 25, "meetings": 25, "unity_discipline": 25, "cadres_members": 25} == dict(
            framework.dimension_points
        )


class TestVersions:
    def version(self, folder: Path, version: str, start: int, end: int | None) -> Path:
        text = HEAD.replace('version = "2025.1"', f'version = "{version}"').replace(
            "effective_from = 2025\n", f"effective_from = {start}\n" + (f"effective_to = {end}\n" if end else "")
        )
        path = folder / f"ward-{version}.toml"
        path.write_text(text, encoding="utf-8")
        return path

    def test_overlapping_periods(self, tmp_path: Path) -> None:
        """Registering a version whose period overlaps another version's is an error."""
        registry = Registry(autoload=True)
        registry.add_file(self.version(tmp_path, "2024.1", 2023, 2025))
        with pytest.raises(FrameworkError) as info:
            registry.add_file(self.version(tmp_path, "2025.1", 2025, None))
        assert [
            (
                "framework 'ward' version 2025.1",
                "its effective period 2025–… overlaps version(s) 2024.1",
                "make the periods of a framework's versions follow one another",
            )
        ] == [p.parts() for p in info.value.problems]
        assert ["2024.1"] == [fw.version for fw, _ in registry.frameworks() if fw.name == "ward"]

    def test_consecutive_periods(self, tmp_path: Path) -> None:
        """Versions whose periods follow one another are both registered, and a year picks one."""
        registry = Registry(autoload=True)
        registry.add_file(self.version(tmp_path, "2024.1", 2023, 2024))
        registry.add_file(self.version(tmp_path, "2025.1", 2025, None))
        assert {2023: "2024.1", 2024: "2024.1", 2025: "2025.1", 2030: "2025.1"} == {
            year: registry.framework("ward", year=year).version for year in (2023, 2024, 2025, 2030)
        }
        assert "2025.1" == registry.framework("ward").version

    def test_framework_files_of_a_package(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """framework_files(package) lists the package's frameworks/*.toml, sorted by name."""
        package = tmp_path / "ward_files_pkg"
        (package / "frameworks").mkdir(parents=True)
        (package / "__init__.py").write_text("", encoding="utf-8")
        for name in ("b.toml", "a.toml", "notes.md"):
            (package / "frameworks" / name).write_text("", encoding="utf-8")
        monkeypatch.syspath_prepend(str(tmp_path))
        try:
            files = framework_files("ward_files_pkg")
        finally:
            sys.modules.pop("ward_files_pkg", None)
        assert ["a.toml", "b.toml"] == [f.path.name for f in files]
        assert all(isinstance(f, FrameworkFile) for f in files)

    def test_overlapping_files_of_a_plugin_are_a_plugin_error(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A plugin shipping two overlapping versions is a broken plugin, reported with the others."""
        package = tmp_path / "ward_overlap_pkg"
        (package / "frameworks").mkdir(parents=True)
        (package / "__init__.py").write_text(
            "from partyrules.frameworkfile import framework_files\nFILES = framework_files('ward_overlap_pkg')\n",
            encoding="utf-8",
        )
        self.version(package / "frameworks", "2024.1", 2023, 2025)
        self.version(package / "frameworks", "2025.1", 2025, None)
        info = tmp_path / "ward_overlap-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text("Metadata-Version: 2.1\nName: ward-overlap\nVersion: 1.0\n", encoding="utf-8")
        (info / "entry_points.txt").write_text(
            "[partyrules.rulesets]\nfiles = ward_overlap_pkg:FILES\n", encoding="utf-8"
        )
        try:
            registry = Registry(path=[str(tmp_path), *sys.path], strict=False)
            registry.load()
        finally:
            sys.modules.pop("ward_overlap_pkg", None)
        assert ["ward-overlap"] == [error.distribution for error in registry.errors]
        assert "ward-2025.1.toml" in str(registry.errors[0])


def run(*args: str) -> Result:
    """Run the command; whatever happens, no traceback."""
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def autoload(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("PARTYRULES_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    yield


@pytest.mark.usefixtures("autoload")
class TestCheckCommand:
    def test_valid_file_summary(self) -> None:
        """``partyrules check`` on hoa-binh.toml: valid, and every number it changes from fourgood."""
        result = run("check", str(FRAMEWORKS / "hoa-binh.toml"))
        assert 0 == result.exit_code
        lines = result.stdout.splitlines()
        assert "framework hoa-binh 2025.1: valid" == lines[0]
        assert "    min_attendance = 0.9 (default 0.85)  [confirmed]" in lines
        differences = [line.strip() for line in lines[lines.index("  differences from fourgood 2025.1:") + 1 :]]
        assert [
            "parameter min_attendance: 0.85 → 0.9",
            "parameter min_four_good_cells_share: 0.5 → 0.6",
            "parameter min_meetings_rated_good: 9 → 10",
            "parameter min_members_good_share: 0.8 → 0.85",
            "points (cell) meetings.attendance: 3 → 4",
            "points (cell) meetings.duration: 2 → 1",
        ] == differences

    def test_summary_of_added_criteria(self) -> None:
        """On hoa-binh-plus.toml the summary lists, against its parent file, the added rules with
        their titles in the language asked for, the disabled rule with its reason and the changed
        points and policy."""
        result = run("check", str(FRAMEWORKS / "hoa-binh-plus.toml"), "--lang", "en")
        assert 0 == result.exit_code
        lines = result.stdout.splitlines()
        assert "    meeting quality: 10 rules, 22 points (weight 20), 0 vetoes/caps/blocks" in lines
        differences = [line.strip() for line in lines[lines.index("  differences from hoa-binh 2025.1:") + 1 :]]
        assert [
            "parameter min_four_good_cells_share: 0.6 → 0.7",
            "added (cell): hoa-binh.fourgood.unexcused [annual grade] More than 2 unexcused absences blocks "
            "Four-Good: unexcused_absences > 2",
            "added (cell): hoa-binh.meetings.attendance_high [meeting quality] Attendance of 95% or more: "
            "average_attendance >= 0.95 and unexcused_absences == 0",
            "added (cell): hoa-binh.meetings.school_thematic [meeting quality] School cells: at least 6 thematic "
            "meetings a year: thematic_meetings_held >= 6",
            "disabled (cell): meetings.materials_in_advance: Phường áp dụng từ 2026 (ví dụ)",
            "points (cell) meetings.attendance: 4 → 3",
        ] == differences

    def test_summary_in_vietnamese(self) -> None:
        """The same summary in Vietnamese: kinds, dimensions, titles and the words around them."""
        result = run("check", str(FRAMEWORKS / "hoa-binh-plus.toml"), "--lang", "vi")
        assert 0 == result.exit_code
        lines = result.stdout.splitlines()
        assert "khung tiêu chí hoa-binh-plus 2025.1: hợp lệ" == lines[0]
        assert "    Chất lượng sinh hoạt: 10 quy tắc, 22 điểm (trọng số 20), 0 quy tắc loại trừ/giới hạn/chặn" in lines
        differences = [line.strip() for line in lines[lines.index("  khác với hoa-binh 2025.1:") + 1 :]]
        assert [
            "tham số min_four_good_cells_share: 0.6 → 0.7",
            "thêm quy tắc (chi bộ): hoa-binh.fourgood.unexcused [xếp loại chất lượng] Vắng không lý do quá 2 lượt "
            "thì không công nhận bốn tốt: unexcused_absences > 2",
            "thêm quy tắc (chi bộ): hoa-binh.meetings.attendance_high [Chất lượng sinh hoạt] Tỉ lệ dự sinh hoạt từ 95% "
            "trở lên: average_attendance >= 0.95 and unexcused_absences == 0",
            "thêm quy tắc (chi bộ): hoa-binh.meetings.school_thematic [Chất lượng sinh hoạt] Chi bộ trường học: sinh "
            "hoạt chuyên đề ít nhất 6 lần một năm: thematic_meetings_held >= 6",
            "bỏ quy tắc (chi bộ): meetings.materials_in_advance: Phường áp dụng từ 2026 (ví dụ)",
            "điểm (chi bộ) meetings.attendance: 4 → 3",
        ] == differences

    def test_invalid_file(self, tmp_path: Path) -> None:
        """An invalid file: exit 1, every problem with its location on stderr, nothing on stdout."""
        text = HEAD + '[parameters]\nmin_attendence = 0.9\n[points]\n"meetings.attendance" = "three"\n'
        write(tmp_path, {"ward.toml": text})
        result = run("check", str(tmp_path / "ward.toml"))
        assert 1 == result.exit_code
        assert "" == result.stdout
        assert [
            f"error: 2 problems in framework file {tmp_path / 'ward.toml'}:",
            f"  - {tmp_path / 'ward.toml'}:7:1: unknown parameter 'min_attendence' (did you mean 'min_attendance'?)",
            f"  - {tmp_path / 'ward.toml'}:9:1: meetings.attendance: expected a number ≥ 0, got 'three' (str)",
        ] == result.stderr.splitlines()

    def test_missing_file(self, tmp_path: Path) -> None:
        """A framework file that does not exist: exit 1 and the reason."""
        result = run("check", str(tmp_path / "nowhere.toml"))
        assert 1 == result.exit_code
        assert f"  - {tmp_path / 'nowhere.toml'}: no such file" in result.stderr.splitlines()


def c12(*framework: str) -> dict[str, object]:
    """Cell c12 of the example ward, evaluated (JSON) under the given framework options."""
    result = run("evaluate", str(EXAMPLES / "ward-2025.yaml"), "--format", "json", "--backend", "python", *framework)
    assert 0 == result.exit_code, result.output
    document = json.loads(result.stdout)
    (committee,) = document["results"]
    (cell,) = [c for c in committee["children"] if c["id"] == "c12"]
    framework = document["catalogue"]["framework"]
    return {
        "four_good": cell["four_good"],
        "grade": cell["grade"],
        "meetings": (cell["dimensions"]["meetings"]["score"], cell["dimensions"]["meetings"]["max"]),
        "framework": (framework["name"], framework["version"]),
    }


@pytest.mark.usefixtures("autoload")
class TestEvaluateWithAFile:
    """c12 has attendance 0.85.  Under fourgood, ``attendance > 0.85`` is not met (3 points lost):
    meetings 17/20 = 85% ≥ 80% (good).  Under hoa-binh.toml (min_attendance 0.9, attendance worth
    4): 16/20 = 80%, still good.  Under hoa-binh-plus.toml, it also misses the new 2-point rule
    (attendance ≥ 0.95) while attendance is worth 3, materials (1) is disabled and the school rule
    does not apply: 15/20 = 75% < 80%, so meetings is not good and c12 is not Four-Good."""

    def test_reference(self) -> None:
        """Under fourgood, c12 is GOOD and Four-Good."""
        assert {
            "four_good": True,
            "grade": "GOOD",
            "meetings": (17.0, 20.0),
            "framework": ("fourgood", "2025.1"),
        } == c12()

    def test_numbers_only(self) -> None:
        """Under hoa-binh.toml, c12 keeps its verdict at exactly 80%."""
        assert {
            "four_good": True,
            "grade": "GOOD",
            "meetings": (16.0, 20.0),
            "framework": ("hoa-binh", "2025.1"),
        } == c12("--framework", str(FRAMEWORKS / "hoa-binh.toml"))

    def test_added_criteria(self) -> None:
        """Under hoa-binh-plus.toml, c12 is still GOOD but no longer Four-Good."""
        assert {
            "four_good": False,
            "grade": "GOOD",
            "meetings": (15.0, 20.0),
            "framework": ("hoa-binh-plus", "2025.1"),
        } == c12("--framework", str(FRAMEWORKS / "hoa-binh-plus.toml"))

    def test_explanation_names_the_new_rule(self) -> None:
        """``partyrules explain`` under hoa-binh-plus.toml shows the new rule with the value it read."""
        result = run(
            "explain",
            str(EXAMPLES / "ward-2025.yaml"),
            "c12",
            "--framework",
            str(FRAMEWORKS / "hoa-binh-plus.toml"),
            "--lang",
            "en",
            "--backend",
            "python",
        )
        assert 0 == result.exit_code, result.output
        (line,) = [line for line in result.stdout.splitlines() if "hoa-binh.meetings.attendance_high" in line]
        assert "average_attendance (0.85)" in line

    def test_invalid_file(self, tmp_path: Path) -> None:
        """An invalid framework file stops the evaluation with its problems, exit 1."""
        write(tmp_path, {"ward.toml": HEAD + rule("len(x) > 1")})
        result = run("evaluate", str(EXAMPLES / "ward-2025.yaml"), "--framework", str(tmp_path / "ward.toml"))
        assert 1 == result.exit_code
        assert f"  - {tmp_path / 'ward.toml'}:11:12: when: calls are not allowed" in result.stderr


def test_framework_from_python_and_file_agree(registry: Registry, tmp_path: Path) -> None:
    """A file that changes nothing gives a framework with the reference's rules and numbers (only
    its name, version and metadata differ)."""
    write(tmp_path, {"ward.toml": HEAD})
    framework = load_framework_file(tmp_path / "ward.toml", resolve=registry.framework)
    reference: Framework = registry.framework("fourgood")
    assert reference.content_hash == framework.content_hash
    assert reference.parameter_values == framework.parameter_values
