"""A small framework for tests of the core (the reference framework has its own tests)."""

from __future__ import annotations

import click

from partyrules import (
    FactSpec,
    Framework,
    Grading,
    ParamSpec,
    Ruleset,
    Schema,
    at_most,
    fact,
    param,
    ratio,
    rule,
)

SCHEMA = Schema(
    [
        FactSpec("regular_meetings_held", "int", minimum=0, maximum=12, direction="higher", unit="meetings"),
        FactSpec("thematic_meetings_held", "int", minimum=0, maximum=12, direction="higher", unit="meetings"),
        FactSpec("attendance", "float", minimum=0, maximum=1, direction="higher", unit="share"),
        FactSpec("disunity", "bool", direction="lower"),
        FactSpec("cell_kind", "str", choices=("residential", "school", "enterprise")),
        FactSpec("score_general", "float", minimum=0, maximum=30, direction="higher"),
        FactSpec("score_tasks", "float", minimum=0, maximum=70, direction="higher"),
        FactSpec("members_total", "int", minimum=0, direction="neutral"),
        FactSpec("members_good", "int", minimum=0, direction="higher"),
    ],
    derived=[ratio("members_good_share", "members_good", "members_total")],
    constraints=[at_most("members_good", "members_total")],
)

PARAMS = [
    ParamSpec(
        "regular_required",
        12,
        "Số buổi sinh hoạt thường kỳ",
        "Regular meetings required",
        "Điều lệ Đảng, Điều 24",
        "confirmed",
    ),
    ParamSpec(
        "min_attendance", 0.85, "Tỉ lệ dự họp tối thiểu", "Minimum attendance", "HD 12-HD/BTCTW (2018)", "confirmed"
    ),
]

MEETINGS = Ruleset(
    "demo.meetings",
    "cell",
    "meetings",
    [
        rule(
            id="demo.monthly",
            dimension="meetings",
            title_vi="Sinh hoạt thường kỳ đủ 12 tháng",
            title_en="A regular meeting every month",
            when=fact("regular_meetings_held") >= param("regular_required"),
            points=10,
            required=True,
            source="Điều lệ Đảng, Điều 24",
            status="confirmed",
        ),
        rule(
            id="demo.attendance",
            dimension="meetings",
            title_vi="Dự họp trên 85%",
            title_en="Attendance above 85%",
            when=fact("attendance") > param("min_attendance"),
            points=10,
            source="HD 12-HD/BTCTW (2018)",
            status="confirmed",
        ),
        rule(
            id="demo.thematic_school",
            dimension="meetings",
            title_vi="Sinh hoạt chuyên đề mỗi quý (trường học)",
            title_en="A thematic meeting every quarter (schools)",
            when=fact("thematic_meetings_held") >= 4,
            applies=fact("cell_kind") == "school",
            points=5,
            source="Chỉ thị 50-CT/TW (2025)",
            status="confirmed",
        ),
    ],
    SCHEMA,
    PARAMS,
)

UNITY = Ruleset(
    "demo.unity",
    "cell",
    "unity_discipline",
    [
        rule(
            id="demo.united",
            dimension="unity_discipline",
            title_vi="Đoàn kết nội bộ",
            title_en="Internal unity",
            when=fact("disunity").is_false(),
            points=10,
            source="Quy định 366-QĐ/TW",
            status="confirmed",
        ),
        rule(
            id="demo.disunity",
            dimension="unity_discipline",
            title_vi="Mất đoàn kết nội bộ đã được kết luận",
            title_en="Concluded internal disunity",
            when=fact("disunity").is_true(),
            veto="NOT_COMPLETED",
            source="Quy định 366-QĐ/TW",
            status="confirmed",
        ),
        rule(
            id="demo.members_low",
            dimension="unity_discipline",
            title_vi="Dưới 50% đảng viên HTTNV",
            title_en="Under 50% of members well completed",
            when=fact("members_good_share") < 0.5,
            cap="COMPLETED",
            source="test only",
            status="default",
        ),
    ],
    SCHEMA,
)

FRAMEWORK = Framework(
    "demo",
    [MEETINGS, UNITY],
    version="1",
    grading={"cell": Grading(score_facts=("score_general", "score_tasks"))},
)


def good_cell_facts(**changes: object) -> dict[str, object]:
    facts: dict[str, object] = {
        "regular_meetings_held": 12,
        "thematic_meetings_held": 4,
        "attendance": 0.9,
        "disunity": False,
        "cell_kind": "residential",
        "score_general": 28,
        "score_tasks": 64,
        "members_total": 10,
        "members_good": 9,
    }
    facts.update(changes)
    return facts


def commands() -> list[tuple[list[str], click.Command, click.Context]]:
    """Every command of ``partyrules`` with its path of names and a context to render it in
    (the root's path is empty)."""
    from partyrules.cli import main

    found: list[tuple[list[str], click.Command, click.Context]] = []

    def walk(command: click.Command, path: list[str], parent: click.Context | None) -> None:
        context = click.Context(command, info_name=path[-1] if path else "partyrules", parent=parent)
        found.append((path, command, context))
        if isinstance(command, click.Group):
            for name, sub in sorted(command.commands.items()):
                walk(sub, [*path, name], context)

    walk(main, [], None)
    return found


def help_keys() -> set[str]:
    """The catalogue keys the ``--help`` of every command reads."""
    from partyrules.clilang import help_key

    keys = set()
    for _, command, context in commands():
        keys.add(f"help.{command.name}")
        for option in command.get_params(context):
            key = help_key(command, option, context)
            if key is not None:
                keys.add(key)
    return keys
