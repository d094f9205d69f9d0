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
from .levels import PARAMETERS as LEVEL_PARAMETERS
from .levels import levels_366
from .schema import CELL, COMMITTEE, QD124, QD366

R366 = regime_is("366")
R124 = regime_is("124")

PARAMETERS = [
    *LEVEL_PARAMETERS,
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
        *levels_366("annual366"),
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
            title_vi="Tập thể hoàn thành dưới {collective_min_tasks_share} nhiệm vụ",
            title_en="A collective completed under {collective_min_tasks_share} of its tasks",
            when=fact("tasks_done_share") < param("collective_min_tasks_share"),
            applies=R366,
            veto=Grade.NOT_COMPLETED,
            source=QD366,
            status="confirmed",
        ),
        make(
            ANNUAL,
            id="annual124.excellent_leadership",
            title_vi="HTXSNV: không thành viên cấp ủy bị kỷ luật",
            title_en="EXCELLENT: no leadership member disciplined",
            when=fact("leadership_disciplined").is_true(),
            applies=R124,
            cap=Grade.GOOD,
            source=QD124,
            status="confirmed",
        ),
        make(
            ANNUAL,
            id="annual124.good_leadership",
            title_vi="HTTNV: không thành viên cấp ủy bị kỷ luật (trừ khi tự phát hiện, khắc phục)",
            title_en="GOOD: no leadership member disciplined (unless self-detected and remedied)",
            when=all_of(fact("leadership_disciplined").is_true(), fact("leadership_fault_self_remedied").is_false()),
            applies=R124,
            cap=Grade.COMPLETED,
            source=QD124,
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
            id="annual124.good_subordinates",
            title_vi="HTTNV: không tổ chức trực thuộc bị kỷ luật (trừ khi tự phát hiện, khắc phục)",
            title_en="GOOD: no subordinate organisation disciplined (unless self-detected and remedied)",
            when=all_of(fact("cells_disciplined") > 0, fact("faults_self_detected_remedied").is_false()),
            applies=R124,
            cap=Grade.COMPLETED,
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
            title_vi="Trên {max_cells_disciplined_share} tổ chức trực thuộc bị kỷ luật",
            title_en="Over {max_cells_disciplined_share} of subordinate units disciplined",
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
