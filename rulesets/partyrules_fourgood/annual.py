"""The annual grade's task conditions and vetoes for collectives (cells and committees), by
regime, and the Four-Good conditions a grassroots committee adds on its cells.

Under 366 a level is reached only when its conditions hold: EXCELLENT needs ≥ 30% of tasks
exceeding requirements and every flagged shortcoming remedied; GOOD needs 100% of tasks on
time; COMPLETED needs 100% done with at most 20% behind schedule (**confirmed** numbers).
Reading the level conditions cumulatively (a unit that meets none of COMPLETED's conditions is
NOT_COMPLETED even above the explicit "< 70% of tasks" veto) is our interpretation, marked
**default** on the rule that depends on it.
"""

from __future__ import annotations

from partyrules import ANNUAL, Grade, Kind, Ruleset, all_of, fact, param

from ._build import make, parameter, regime_is
from .schema import CELL, COMMITTEE, QD124, QD366

R366 = regime_is("366")
R124 = regime_is("124")

PARAMETERS = [
    parameter(
        "excellent_exceeded_share",
        0.3,
        "Tỉ lệ nhiệm vụ vượt yêu cầu để HTXSNV",
        "Share of tasks exceeding requirements for EXCELLENT",
        f"{QD366}: HTXSNV có ít nhất 30% nhiệm vụ vượt yêu cầu",
        "confirmed",
        minimum=0,
        maximum=1,
    ),
    parameter(
        "collective_min_tasks_share",
        0.7,
        "Tỉ lệ hoàn thành dưới mức này là KHTNV",
        "Share of tasks done below which a collective did not complete",
        f"{QD366}: tập thể hoàn thành dưới 70% nhiệm vụ",
        "confirmed",
        minimum=0,
        maximum=1,
    ),
    parameter(
        "max_behind_share",
        0.2,
        "Tỉ lệ chậm tiến độ tối đa để HTNV",
        "Share of tasks behind schedule allowed for COMPLETED",
        f"{QD366}: HTNV không quá 20% chậm tiến độ",
        "confirmed",
        minimum=0,
        maximum=1,
    ),
]
COMMITTEE_PARAMETERS = [
    *PARAMETERS,
    parameter(
        "max_cells_disciplined_share",
        0.2,
        "Tỉ lệ tổ chức trực thuộc bị kỷ luật tối đa",
        "Share of subordinate units disciplined allowed",
        f"{QD124}: trên 20% tổ chức trực thuộc bị kỷ luật",
        "confirmed",
        minimum=0,
        maximum=1,
    ),
    parameter(
        "min_four_good_cells_share",
        0.5,
        "Tỉ lệ chi bộ bốn tốt tối thiểu",
        "Share of Four-Good cells required",
        "mặc định; chỉ tiêu địa phương đã gặp: 50% (một xã, 2024), 90% (một đảng bộ doanh nghiệp, 2030)",
        "default",
        minimum=0,
        maximum=1,
    ),
]


def collective_rules() -> list:
    return [
        make(
            ANNUAL,
            id="annual366.excellent_exceeded",
            title_vi="HTXSNV: ít nhất 30% nhiệm vụ vượt yêu cầu",
            title_en="EXCELLENT: at least 30% of tasks exceeded requirements",
            when=fact("tasks_exceeded_share") < param("excellent_exceeded_share"),
            applies=R366,
            cap=Grade.GOOD,
            source=QD366,
            status="confirmed",
        ),
        make(
            ANNUAL,
            id="annual366.excellent_remedied",
            title_vi="HTXSNV: khắc phục 100% hạn chế đã chỉ ra",
            title_en="EXCELLENT: every flagged shortcoming remedied",
            when=fact("shortcomings_remedied_share") < 1.0,
            applies=R366,
            cap=Grade.GOOD,
            source=QD366,
            status="confirmed",
        ),
        make(
            ANNUAL,
            id="annual366.good_on_time",
            title_vi="HTTNV: 100% nhiệm vụ đúng tiến độ",
            title_en="GOOD: every task done on time",
            when=fact("tasks_on_time_share") < 1.0,
            applies=R366,
            cap=Grade.COMPLETED,
            source=QD366,
            status="confirmed",
        ),
        make(
            ANNUAL,
            id="annual366.completed_behind",
            title_vi="HTNV: không quá 20% nhiệm vụ chậm tiến độ",
            title_en="COMPLETED: at most 20% of tasks behind schedule",
            when=fact("tasks_behind_share") > param("max_behind_share"),
            applies=R366,
            cap=Grade.NOT_COMPLETED,
            source=QD366,
            status="default",
            note="the 20% is confirmed; reading an unmet level condition as NOT_COMPLETED is our interpretation",
        ),
        make(
            ANNUAL,
            id="annual366.completed_all_done",
            title_vi="HTNV: hoàn thành 100% nhiệm vụ",
            title_en="COMPLETED: every task done",
            when=all_of(
                fact("tasks_done_share") < 1.0, fact("tasks_done_share") >= param("collective_min_tasks_share")
            ),
            applies=R366,
            cap=Grade.NOT_COMPLETED,
            source=QD366,
            status="default",
            note="between 70% and 100% done, COMPLETED's condition is unmet; NOT_COMPLETED is our interpretation",
        ),
        make(
            ANNUAL,
            id="annual366.veto_tasks",
            title_vi="Tập thể hoàn thành dưới 70% nhiệm vụ",
            title_en="A collective completed under 70% of its tasks",
            when=fact("tasks_done_share") < param("collective_min_tasks_share"),
            applies=R366,
            veto=Grade.NOT_COMPLETED,
            source=QD366,
            status="confirmed",
        ),
        make(
            ANNUAL,
            id="annual124.veto_targets",
            title_vi="Dưới 50% chỉ tiêu, có chỉ tiêu chủ yếu không đạt",
            title_en="Under 50% of targets met with key targets missed",
            when=all_of(fact("tasks_done_share") < 0.5, fact("key_targets_missed").is_true()),
            applies=R124,
            veto=Grade.NOT_COMPLETED,
            source=QD124,
            status="confirmed",
        ),
    ]


def committee_rules() -> list:
    return [
        *collective_rules(),
        make(
            ANNUAL,
            id="annual366.excellent_subordinates",
            title_vi="HTXSNV: không tổ chức trực thuộc bị kỷ luật",
            title_en="EXCELLENT: no subordinate unit disciplined",
            when=fact("cells_disciplined") > 0,
            applies=R366,
            cap=Grade.GOOD,
            source=QD366,
            status="confirmed",
        ),
        make(
            ANNUAL,
            id="annual124.excellent_subordinates",
            title_vi="HTXSNV: không tổ chức trực thuộc bị kỷ luật",
            title_en="EXCELLENT: no subordinate organisation disciplined",
            when=fact("cells_disciplined") > 0,
            applies=R124,
            cap=Grade.GOOD,
            source=QD124,
            status="confirmed",
        ),
        make(
            ANNUAL,
            id="annual124.veto_corruption",
            title_vi="Tổ chức trực thuộc bị kỷ luật vì tham nhũng, lãng phí",
            title_en="A subordinate unit disciplined for corruption or waste",
            when=fact("cells_disciplined_corruption") > 0,
            applies=R124,
            veto=Grade.NOT_COMPLETED,
            source=QD124,
            status="confirmed",
        ),
        make(
            ANNUAL,
            id="annual124.veto_subordinates",
            title_vi="Trên 20% tổ chức trực thuộc bị kỷ luật",
            title_en="Over 20% of subordinate units disciplined",
            when=fact("cells_disciplined_share") > param("max_cells_disciplined_share"),
            applies=R124,
            veto=Grade.NOT_COMPLETED,
            source=QD124,
            status="confirmed",
        ),
        make(
            ANNUAL,
            id="fourgood.cells_share",
            title_vi="Đủ tỉ lệ chi bộ bốn tốt",
            title_en="Enough Four-Good cells",
            when=fact("cells_four_good_share") < param("min_four_good_cells_share"),
            blocks_four_good=True,
            source="Nghị quyết 21-NQ/TW; tỉ lệ: chỉ tiêu địa phương (mặc định 50%)",
            status="default",
        ),
        make(
            ANNUAL,
            id="fourgood.no_cell_not_completed",
            title_vi="Không chi bộ nào không hoàn thành nhiệm vụ",
            title_en="No cell did not complete its tasks",
            when=fact("cells_not_completed") > 0,
            blocks_four_good=True,
            source="Nghị quyết 21-NQ/TW; điều kiện: mặc định",
            status="default",
        ),
    ]


RULESETS = (
    Ruleset(
        "fourgood.annual.cell",
        Kind.CELL,
        ANNUAL,
        collective_rules(),
        CELL,
        PARAMETERS,
        title_vi="Điều kiện xếp loại chất lượng (chi bộ)",
        title_en="Annual grade conditions (cells)",
        version="2025.1",
    ),
    Ruleset(
        "fourgood.annual.committee",
        Kind.COMMITTEE,
        ANNUAL,
        committee_rules(),
        COMMITTEE,
        COMMITTEE_PARAMETERS,
        title_vi="Điều kiện xếp loại chất lượng và bốn tốt (đảng bộ cơ sở)",
        title_en="Annual grade and Four-Good conditions (grassroots committees)",
        version="2025.1",
    ),
)
