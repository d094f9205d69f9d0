"""The level conditions of Quy định 366, the same for members and for collectives: a level is
reached only when its conditions hold (EXCELLENT: ≥ 30% of tasks exceeding requirements and
every flagged shortcoming remedied; GOOD: every task on time; COMPLETED: at most 20% behind
schedule).  The numbers are **confirmed**; reading an unmet COMPLETED condition as
NOT_COMPLETED is our interpretation, marked **default** on its rule."""

from __future__ import annotations

from partyrules import ANNUAL, Grade, ParamSpec, Rule, fact, param

from ._build import make, parameter, regime_is
from .schema import QD366

EXCELLENT_EXCEEDED_SHARE = parameter(
    "excellent_exceeded_share",
    0.3,
    "Tỉ lệ nhiệm vụ vượt yêu cầu để HTXSNV",
    "Share of tasks exceeding requirements for EXCELLENT",
    f"{QD366}: HTXSNV có ít nhất 30% nhiệm vụ vượt yêu cầu",
    "confirmed",
    minimum=0,
    maximum=1,
)
MAX_BEHIND_SHARE = parameter(
    "max_behind_share",
    0.2,
    "Tỉ lệ chậm tiến độ tối đa để HTNV",
    "Share of tasks behind schedule allowed for COMPLETED",
    f"{QD366}: HTNV không quá 20% chậm tiến độ",
    "confirmed",
    minimum=0,
    maximum=1,
)
PARAMETERS: list[ParamSpec] = [EXCELLENT_EXCEEDED_SHARE, MAX_BEHIND_SHARE]

INTERPRETATION = "the 20% is confirmed; reading an unmet level condition as NOT_COMPLETED is our interpretation"


def levels_366(prefix: str) -> list[Rule]:
    """The four level conditions as caps, with ids ``<prefix>.excellent_exceeded`` and so on."""
    conditions = [
        ("excellent_exceeded", "HTXSNV: ít nhất {excellent_exceeded_share} nhiệm vụ vượt yêu cầu", "EXCELLENT: at least {excellent_exceeded_share} of tasks exceeded requirements",
         fact("tasks_exceeded_share") < param("excellent_exceeded_share"), Grade.GOOD, "confirmed", ""),
        ("excellent_remedied", "HTXSNV: khắc phục 100% hạn chế đã chỉ ra", "EXCELLENT: every flagged shortcoming remedied",
         fact("shortcomings_remedied_share") < 1.0, Grade.GOOD, "confirmed", ""),
        ("good_on_time", "HTTNV: 100% nhiệm vụ đúng tiến độ", "GOOD: every task done on time",
         fact("tasks_on_time_share") < 1.0, Grade.COMPLETED, "confirmed", ""),
        ("completed_behind", "HTNV: không quá {max_behind_share} nhiệm vụ chậm tiến độ", "COMPLETED: at most {max_behind_share} of tasks behind schedule",
         fact("tasks_behind_share") > param("max_behind_share"), Grade.NOT_COMPLETED, "default", INTERPRETATION),
    ]  # fmt: skip
    return [
        make(ANNUAL, id=f"{prefix}.{name}", title_vi=vi, title_en=en, when=when, applies=regime_is("366"),
             cap=cap, source=QD366, status=status, note=note)
        for name, vi, en, when, cap, status, note in conditions
    ]  # fmt: skip
