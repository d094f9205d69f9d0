"""Party members' annual grade under regimes 366 and 124 (members have no Four-Good verdict).

Under 366 a member's grade bands the 100-point sheet (general 30 + tasks 70, given as facts);
under 124 it rests on criterion ratings, given as facts (``rating_political_quality``,
``rating_discipline``, ``rating_tasks``: the grouping of 124's criteria into these three is a
**default**).
"""

from __future__ import annotations

from partyrules import ANNUAL, Grade, Kind, Ruleset, all_of, fact, param

from ._build import make, parameter, regime_is
from .levels import PARAMETERS as LEVEL_PARAMETERS
from .levels import levels_366
from .schema import MEMBER, QD124, QD366

R366 = regime_is("366")
R124 = regime_is("124")

PARAMETERS = [
    *LEVEL_PARAMETERS,
    parameter(
        "member_excellent_exceeded_share_124",
        0.5,
        "Tỉ lệ chỉ tiêu vượt để HTXSNV (QĐ 124)",
        "Share of targets exceeded for EXCELLENT (124)",
        f"{QD124}: cá nhân HTXSNV vượt ít nhất 50% chỉ tiêu",
        "confirmed",
        minimum=0,
        maximum=1,
    ),
    parameter(
        "min_months_since_admission",
        6,
        "Số tháng tối thiểu kể từ khi kết nạp để xếp loại",
        "Months since admission before a member is graded",
        f"{QD124}: kết nạp dưới 6 tháng không xếp loại",
        "confirmed",
        minimum=0,
    ),
]

RULES = [
    *(
        make(
            ANNUAL,
            id=f"member{regime}.{name}",
            title_vi=vi,
            title_en=en,
            when=when,
            applies=regime_is(regime),
            excludes=True,
            source=source,
            status=status,
        )
        for regime, source, status in (
            ("124", QD124, "confirmed"),
            ("366", f"{QD124}, áp dụng từ 2025: mặc định", "default"),
        )
        for name, vi, en, when in (
            (
                "not_graded_suspended",
                "Đang bị đình chỉ sinh hoạt: không xếp loại",
                "Suspended: not graded",
                fact("suspended").is_true(),
            ),
            (
                "not_graded_new",
                "Kết nạp chưa đủ {min_months_since_admission} tháng: không xếp loại",
                "Admitted less than {min_months_since_admission} months ago: not graded",
                fact("months_since_admission") < param("min_months_since_admission"),
            ),
        )
    ),
    make(
        ANNUAL,
        id="member366.veto_degradation",
        title_vi="Suy thoái (có kết luận)",
        title_en="Concluded degradation",
        when=fact("degradation_concluded").is_true(),
        applies=R366,
        veto=Grade.NOT_COMPLETED,
        source=QD366,
        status="confirmed",
    ),
    make(
        ANNUAL,
        id="member366.veto_discipline",
        title_vi="Bị kỷ luật từ khiển trách trở lên liên quan thực thi nhiệm vụ",
        title_en="Duty-related discipline at reprimand or above",
        when=all_of(fact("discipline_level") >= 1, fact("discipline_duty_related").is_true()),
        applies=R366,
        veto=Grade.NOT_COMPLETED,
        source=QD366,
        status="confirmed",
    ),
    make(
        ANNUAL,
        id="member366.veto_prohibitions",
        title_vi="Vi phạm những điều đảng viên không được làm",
        title_en="Breach of what members must not do",
        when=fact("breach_prohibitions").is_true(),
        applies=R366,
        veto=Grade.NOT_COMPLETED,
        source=QD366,
        status="confirmed",
    ),
    make(
        ANNUAL,
        id="member366.veto_tasks",
        title_vi="Trên 50% nhiệm vụ không hoàn thành",
        title_en="Over 50% of the year's tasks not completed",
        when=fact("tasks_done_share") < 0.5,
        applies=R366,
        veto=Grade.NOT_COMPLETED,
        source=QD366,
        status="confirmed",
    ),
    *levels_366("member366"),
    make(
        ANNUAL,
        id="member366.completed_all_done",
        title_vi="HTNV: hoàn thành 100% nhiệm vụ",
        title_en="COMPLETED: every task done",
        when=all_of(fact("tasks_done_share") < 1.0, fact("tasks_done_share") >= 0.5),
        applies=R366,
        cap=Grade.NOT_COMPLETED,
        source=QD366,
        status="default",
        note="as for collectives (annual366.completed_all_done): between 50% and 100% done, COMPLETED's "
        "condition is unmet; NOT_COMPLETED is our interpretation",
    ),
    make(
        ANNUAL,
        id="member124.veto_discipline",
        title_vi="Bị kỷ luật trong năm",
        title_en="Disciplined during the year",
        when=fact("discipline_level") >= 1,
        applies=R124,
        veto=Grade.NOT_COMPLETED,
        source=QD124,
        status="confirmed",
    ),
    make(
        ANNUAL,
        id="member124.veto_degradation",
        title_vi="Suy thoái (có kết luận)",
        title_en="Concluded degradation",
        when=fact("degradation_concluded").is_true(),
        applies=R124,
        veto=Grade.NOT_COMPLETED,
        source=QD124,
        status="confirmed",
    ),
    make(
        ANNUAL,
        id="member124.excellent_on_time",
        title_vi="HTXSNV: 100% chỉ tiêu đúng tiến độ",
        title_en="EXCELLENT: every target on schedule",
        when=fact("tasks_on_time_share") < 1.0,
        applies=R124,
        cap=Grade.GOOD,
        source=QD124,
        status="confirmed",
    ),
    make(
        ANNUAL,
        id="member124.excellent_exceeded",
        title_vi="HTXSNV: vượt ít nhất {member_excellent_exceeded_share_124} chỉ tiêu",
        title_en="EXCELLENT: at least {member_excellent_exceeded_share_124} of targets exceeded",
        when=fact("tasks_exceeded_share") < param("member_excellent_exceeded_share_124"),
        applies=R124,
        cap=Grade.GOOD,
        source=QD124,
        status="confirmed",
    ),
]

RULESETS = (
    Ruleset(
        "fourgood.members",
        Kind.MEMBER,
        ANNUAL,
        RULES,
        MEMBER,
        PARAMETERS,
        title_vi="Xếp loại chất lượng đảng viên",
        title_en="Annual grade of party members",
        version="2025.1",
    ),
)
