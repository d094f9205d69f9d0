"""Dimension 1: leads the completion of political tasks, party building and political-system
building well (Nghị quyết 21-NQ/TW).  30 points (Phú Riềng 189-KH/HU: **confirmed**)."""

from __future__ import annotations

from partyrules import Kind, Ruleset, fact, param

from ._build import make, parameter
from .levels import EXCELLENT_EXCEEDED_SHARE
from .schema import CELL, COMMITTEE, NQ21, POINTS_NOTE, QD366

DIMENSION = "political_tasks"

PARAMETERS = [
    parameter(
        "tasks_done_required",
        1.0,
        "Tỉ lệ nhiệm vụ phải hoàn thành",
        "Share of tasks to complete",
        f"{QD366}: HTTNV và HTNV đòi hỏi hoàn thành 100% nhiệm vụ",
        "confirmed",
        minimum=0,
        maximum=1,
    ),
    EXCELLENT_EXCEEDED_SHARE,
]


def _rules():
    return [
        make(
            DIMENSION,
            id="political_tasks.tasks_done",
            title_vi="Hoàn thành {tasks_done_required} nhiệm vụ trong năm",
            title_en="{tasks_done_required} of the year's tasks completed",
            when=fact("tasks_done_share") >= param("tasks_done_required"),
            points=10,
            source=QD366,
            status="confirmed",
            note=POINTS_NOTE,
        ),
        make(
            DIMENSION,
            id="political_tasks.on_time",
            title_vi="Hoàn thành {tasks_done_required} nhiệm vụ đúng tiến độ",
            title_en="{tasks_done_required} of tasks completed on time",
            when=fact("tasks_on_time_share") >= param("tasks_done_required"),
            points=8,
            source=QD366,
            status="confirmed",
            note=POINTS_NOTE,
        ),
        make(
            DIMENSION,
            id="political_tasks.exceeded",
            title_vi="Ít nhất {excellent_exceeded_share} nhiệm vụ vượt yêu cầu",
            title_en="At least {excellent_exceeded_share} of tasks exceeded requirements",
            when=fact("tasks_exceeded_share") >= param("excellent_exceeded_share"),
            points=4,
            source=QD366,
            status="confirmed",
            note=POINTS_NOTE,
        ),
        make(
            DIMENSION,
            id="political_tasks.shortcomings_remedied",
            title_vi="Khắc phục 100% hạn chế đã được chỉ ra",
            title_en="Every shortcoming flagged at the previous review remedied",
            when=fact("shortcomings_remedied_share") >= 1.0,
            points=4,
            source=QD366,
            status="confirmed",
            note=POINTS_NOTE,
        ),
        make(
            DIMENSION,
            id="political_tasks.political_system",
            title_vi="Chính quyền, Mặt trận và đoàn thể được xếp loại tốt trở lên",
            title_en="Government, Front and mass organisations rated well or better",
            when=fact("political_system_rated_good").is_true(),
            points=4,
            source=f"{NQ21} (tiêu chí 1: xây dựng hệ thống chính trị)",
            status="default",
            note="the criterion follows the dimension's wording; no source fixes how it is measured",
        ),
    ]


RULESETS = (
    Ruleset(
        "fourgood.political_tasks.cell",
        Kind.CELL,
        DIMENSION,
        _rules(),
        CELL,
        PARAMETERS,
        title_vi="Lãnh đạo hoàn thành tốt nhiệm vụ chính trị (chi bộ)",
        title_en="Political tasks (cells)",
        version="2025.1",
    ),
    Ruleset(
        "fourgood.political_tasks.committee",
        Kind.COMMITTEE,
        DIMENSION,
        _rules(),
        COMMITTEE,
        PARAMETERS,
        title_vi="Lãnh đạo hoàn thành tốt nhiệm vụ chính trị (đảng bộ cơ sở)",
        title_en="Political tasks (grassroots committees)",
        version="2025.1",
    ),
)
