"""Citations and fact schemas of the reference Four-Good framework (see docs/reference/facts.md).

A fact's range and direction are part of its declaration: counts are ≥ 0, shares lie in 0..1,
and consistency constraints (held ≤ required, graded ≤ members...) are checked on input.
"""

from __future__ import annotations

from partyrules import Derived, Direction, FactSpec, FactType, Schema, at_most, ratio

# -- citations ------------------------------------------------------------------------------------

NQ21 = "Nghị quyết 21-NQ/TW (2022)"
PR189 = "Phú Riềng, Kế hoạch 189-KH/HU (12/12/2023)"
CHARTER24 = "Điều lệ Đảng (2011), Điều 24"
CT50 = "Chỉ thị 50-CT/TW (23/7/2025)"
HD12 = "Hướng dẫn 12-HD/BTCTW (06/7/2018)"
HD42 = "Hướng dẫn 42-HD/BTCTW (28/10/2025)"
QD366 = "Quy định 366-QĐ/TW (30/8/2025); Hướng dẫn 43-HD/BTCTW (31/10/2025)"
QD124 = "Quy định 124-QĐ/TW (04/10/2023); Hướng dẫn 25-HD/BTCTW"
POINTS_NOTE = "points within the dimension: default (Phú Riềng 189-KH/HU fixes only the dimension totals)"

CELL_KINDS = ("residential", "agency", "school", "hospital", "enterprise", "armed_forces")
RATINGS = ("POOR", "AVERAGE", "GOOD", "EXCELLENT")


def _int(
    name: str, vi: str, en: str, direction: str, *, maximum: int | None = None, minimum: int = 0, unit: str = ""
) -> FactSpec:
    return FactSpec(
        name, FactType.INT, vi, en, unit=unit, minimum=minimum, maximum=maximum, direction=Direction(direction)
    )


def _bool(name: str, vi: str, en: str, direction: str) -> FactSpec:
    return FactSpec(name, FactType.BOOL, vi, en, direction=Direction(direction))


def _score(name: str, vi: str, en: str, maximum: int) -> FactSpec:
    return FactSpec(name, FactType.FLOAT, vi, en, unit="points", minimum=0, maximum=maximum, direction=Direction.HIGHER)


# -- derived facts (module-level functions: evaluations and frameworks must pickle) -------------


def remedied_share(flagged: int, remedied: int) -> float:
    """All shortcomings remedied when none was flagged (a vacuous 100%)."""
    return 1.0 if flagged == 0 else remedied / flagged


def behind_share(total: int, on_time: int) -> float | None:
    return None if total == 0 else (total - on_time) / total


def good_or_better_share(excellent: int, good: int, graded: int) -> float | None:
    return None if graded == 0 else (excellent + good) / graded


REGIME = FactSpec(
    "regime",
    FactType.STR,
    "Quy định áp dụng",
    "Grading regime (set by the evaluator from the period)",
    choices=("124", "366"),
)

TASKS = [
    _int("tasks_total", "Số nhiệm vụ trong năm", "Tasks of the year", "neutral", minimum=1, unit="tasks"),
    _int("tasks_done", "Số nhiệm vụ hoàn thành", "Tasks completed", "higher", unit="tasks"),
    _int(
        "tasks_done_on_time", "Số nhiệm vụ hoàn thành đúng tiến độ", "Tasks completed on time", "higher", unit="tasks"
    ),
    _int("tasks_exceeded", "Số nhiệm vụ vượt yêu cầu", "Tasks that exceeded requirements", "higher", unit="tasks"),
    _int(
        "shortcomings_flagged",
        "Hạn chế được chỉ ra năm trước",
        "Shortcomings flagged at the previous review",
        "neutral",
    ),
    _int("shortcomings_remedied", "Hạn chế đã khắc phục", "Shortcomings remedied", "higher"),
    _score("score_general", "Điểm tiêu chí chung (30)", "General criteria points (of 30)", 30),
    _score("score_tasks", "Điểm kết quả nhiệm vụ (70)", "Task results points (of 70)", 70),
]
TASK_DERIVED = [
    ratio("tasks_done_share", "tasks_done", "tasks_total", title_vi="Tỉ lệ hoàn thành", title_en="Share of tasks done"),
    ratio(
        "tasks_on_time_share",
        "tasks_done_on_time",
        "tasks_total",
        title_vi="Tỉ lệ đúng tiến độ",
        title_en="Share of tasks done on time",
    ),
    ratio(
        "tasks_exceeded_share",
        "tasks_exceeded",
        "tasks_total",
        title_vi="Tỉ lệ vượt yêu cầu",
        title_en="Share of tasks exceeding requirements",
    ),
    Derived(
        FactSpec(
            "tasks_behind_share",
            FactType.FLOAT,
            "Tỉ lệ chậm tiến độ",
            "Share behind schedule",
            unit="share",
            minimum=0,
            maximum=1,
            direction=Direction.LOWER,
        ),
        ("tasks_total", "tasks_done_on_time"),
        behind_share,
        formula="(tasks_total - tasks_done_on_time) / tasks_total",
    ),
    Derived(
        FactSpec(
            "shortcomings_remedied_share",
            FactType.FLOAT,
            "Tỉ lệ hạn chế đã khắc phục",
            "Share of shortcomings remedied",
            unit="share",
            minimum=0,
            maximum=1,
            direction=Direction.HIGHER,
        ),
        ("shortcomings_flagged", "shortcomings_remedied"),
        remedied_share,
        formula="shortcomings_remedied / shortcomings_flagged (shortcomings_flagged = 0 → 1)",
    ),
]
TASK_CONSTRAINTS = [
    at_most("tasks_done", "tasks_total"),
    at_most("tasks_done_on_time", "tasks_done"),
    at_most("tasks_exceeded", "tasks_done"),
    at_most("shortcomings_remedied", "shortcomings_flagged"),
]

ORGANISATION = [
    _bool("key_targets_missed", "Không đạt chỉ tiêu chủ yếu", "Key targets missed", "lower"),
    _bool(
        "political_system_rated_good",
        "Chính quyền, đoàn thể được xếp loại tốt trở lên",
        "Government and mass organisations rated well or better",
        "higher",
    ),
    _bool(
        "disunity_concluded",
        "Mất đoàn kết nội bộ (có kết luận)",
        "Concluded internal disunity or factionalism",
        "lower",
    ),
    _bool(
        "leadership_disciplined",
        "Thành viên cấp ủy bị kỷ luật (khiển trách trở lên)",
        "A leadership member disciplined (reprimand or above)",
        "lower",
    ),
    _bool(
        "leadership_fault_self_remedied",
        "Vi phạm của thành viên cấp ủy bị kỷ luật do tự phát hiện và đã khắc phục",
        "The disciplined leadership member's fault was self-detected and remedied",
        "higher",
    ),
    _bool(
        "leadership_degraded",
        "Thành viên cấp ủy suy thoái (có kết luận)",
        "A leadership member concluded degraded",
        "lower",
    ),
    _int(
        "members_disciplined",
        "Số đảng viên bị kỷ luật trong năm",
        "Members disciplined this year",
        "lower",
        unit="members",
    ),
    _int(
        "members_degraded",
        "Số đảng viên suy thoái (có kết luận)",
        "Members concluded degraded",
        "lower",
        unit="members",
    ),
    _int("members_total", "Số đảng viên", "Members", "neutral", unit="members"),
    _int("members_graded", "Số đảng viên được xếp loại", "Members graded", "neutral", unit="members"),
    _int("members_excellent", "Đảng viên HTXSNV", "Members graded EXCELLENT", "higher", unit="members"),
    _int("members_good", "Đảng viên HTTNV", "Members graded GOOD", "higher", unit="members"),
    _int("members_completed", "Đảng viên HTNV", "Members graded COMPLETED", "neutral", unit="members"),
    _int("members_not_completed", "Đảng viên KHTNV", "Members graded NOT_COMPLETED", "lower", unit="members"),
]
MEMBER_DERIVED = [
    Derived(
        FactSpec(
            "members_good_share",
            FactType.FLOAT,
            "Tỉ lệ đảng viên HTTNV trở lên",
            "Share of graded members GOOD or better",
            unit="share",
            minimum=0,
            maximum=1,
            direction=Direction.HIGHER,
        ),
        ("members_excellent", "members_good", "members_graded"),
        good_or_better_share,
        formula="(members_excellent + members_good) / members_graded",
    ),
]
MEMBER_CONSTRAINTS = [
    # a part never exceeds its whole: the members counted in a category are members of the body
    at_most("members_graded", "members_total"),
    at_most("members_disciplined", "members_total"),
    at_most("members_degraded", "members_total"),
    at_most(("members_excellent", "members_good", "members_completed", "members_not_completed"), "members_graded"),
]

MEETINGS = [
    _int(
        "regular_meetings_held",
        "Số tháng có sinh hoạt thường kỳ",
        "Months with a regular meeting",
        "higher",
        maximum=12,
        unit="meetings",
    ),
    _int(
        "thematic_meetings_held",
        "Số buổi sinh hoạt chuyên đề",
        "Thematic meetings held",
        "higher",
        maximum=12,
        unit="meetings",
    ),
    FactSpec(
        "average_attendance",
        FactType.FLOAT,
        "Tỉ lệ đảng viên dự sinh hoạt (bình quân)",
        "Average attendance at regular meetings",
        unit="share",
        minimum=0,
        maximum=1,
        direction=Direction.HIGHER,
    ),
    _int("unexcused_absences", "Số lượt vắng không lý do", "Unexcused absences", "lower", unit="absences"),
    _int(
        "members_absent_over_3_consecutive",
        "Đảng viên vắng quá 3 lần liên tiếp (trừ trường hợp được miễn)",
        "Members excused more than 3 consecutive times (exempt members excluded)",
        "lower",
        unit="members",
    ),
    _int(
        "meetings_below_minimum_duration",
        "Buổi sinh hoạt dưới thời lượng tối thiểu",
        "Meetings shorter than the minimum (90 min, 120 combined)",
        "lower",
        maximum=24,
        unit="meetings",
    ),
    _int(
        "meetings_rated_good",
        "Buổi sinh hoạt xếp loại Tốt",
        "Regular meetings rated good on the meeting sheet",
        "higher",
        maximum=12,
        unit="meetings",
    ),
    _int(
        "materials_posted_late",
        "Buổi tài liệu không gửi trước 1 ngày",
        "Meetings whose materials were not posted a day before",
        "lower",
        maximum=24,
        unit="meetings",
    ),
    _bool("resolutions_carried_out", "Nghị quyết chi bộ được thực hiện", "Meeting resolutions carried out", "higher"),
]

CELL = Schema(
    [
        REGIME,
        FactSpec("cell_kind", FactType.STR, "Loại hình chi bộ", "Kind of cell", choices=CELL_KINDS),
        _int("full_members", "Số đảng viên chính thức", "Full members", "neutral", unit="members"),
        *TASKS,
        *ORGANISATION,
        *MEETINGS,
    ],
    derived=[*TASK_DERIVED, *MEMBER_DERIVED],
    constraints=[
        *TASK_CONSTRAINTS,
        *MEMBER_CONSTRAINTS,
        at_most("meetings_rated_good", "regular_meetings_held"),
        at_most("full_members", "members_total"),
        at_most("members_absent_over_3_consecutive", "members_total"),
    ],
)

COMMITTEE = Schema(
    [
        REGIME,
        _int(
            "committee_meetings_held",
            "Số tháng đảng ủy họp thường kỳ",
            "Months with a regular committee meeting",
            "higher",
            maximum=12,
            unit="meetings",
        ),
        *TASKS,
        *ORGANISATION,
        _int("cells_total", "Số chi bộ trực thuộc", "Subordinate cells", "neutral", unit="cells"),
        _int("cells_graded", "Số chi bộ được xếp loại", "Cells graded", "neutral", unit="cells"),
        _int("cells_excellent", "Chi bộ HTXSNV", "Cells graded EXCELLENT", "higher", unit="cells"),
        _int("cells_good", "Chi bộ HTTNV", "Cells graded GOOD", "higher", unit="cells"),
        _int("cells_completed", "Chi bộ HTNV", "Cells graded COMPLETED", "neutral", unit="cells"),
        _int("cells_not_completed", "Chi bộ KHTNV", "Cells graded NOT_COMPLETED", "lower", unit="cells"),
        _int("cells_four_good", "Chi bộ bốn tốt", "Four-Good cells", "higher", unit="cells"),
        _int("cells_meetings_good", "Chi bộ sinh hoạt tốt", "Cells good on meetings", "higher", unit="cells"),
        _int("cells_disciplined", "Chi bộ bị kỷ luật", "Cells disciplined", "lower", unit="cells"),
        _int(
            "cells_disciplined_corruption",
            "Chi bộ bị kỷ luật vì tham nhũng, lãng phí",
            "Cells disciplined for corruption or waste",
            "lower",
            unit="cells",
        ),
        _bool(
            "faults_self_detected_remedied",
            "Vi phạm của tổ chức trực thuộc do tự phát hiện và đã khắc phục",
            "The subordinate units' faults were self-detected and remedied",
            "higher",
        ),
    ],
    derived=[
        *TASK_DERIVED,
        *MEMBER_DERIVED,
        ratio(
            "cells_four_good_share",
            "cells_four_good",
            "cells_total",
            title_vi="Tỉ lệ chi bộ bốn tốt",
            title_en="Share of Four-Good cells",
        ),
        ratio(
            "cells_meetings_good_share",
            "cells_meetings_good",
            "cells_total",
            title_vi="Tỉ lệ chi bộ sinh hoạt tốt",
            title_en="Share of cells good on meetings",
        ),
        ratio(
            "cells_disciplined_share",
            "cells_disciplined",
            "cells_total",
            title_vi="Tỉ lệ chi bộ bị kỷ luật",
            title_en="Share of cells disciplined",
            direction="lower",
        ),
    ],
    constraints=[
        *TASK_CONSTRAINTS,
        *MEMBER_CONSTRAINTS,
        at_most("cells_graded", "cells_total"),
        at_most(("cells_excellent", "cells_good", "cells_completed", "cells_not_completed"), "cells_graded"),
        at_most("cells_four_good", "cells_graded"),
        at_most("cells_meetings_good", "cells_total"),
        at_most("cells_disciplined", "cells_total"),
        at_most("cells_disciplined_corruption", "cells_disciplined"),
    ],
)

MEMBER = Schema(
    [
        REGIME,
        _bool("suspended", "Đang bị đình chỉ sinh hoạt đảng", "Suspended from party activity", "neutral"),
        _int(
            "months_since_admission", "Số tháng kể từ khi kết nạp", "Months since admission", "neutral", unit="months"
        ),
        *TASKS,
        _bool("degradation_concluded", "Suy thoái (có kết luận)", "Concluded degradation", "lower"),
        _int(
            "discipline_level",
            "Mức kỷ luật trong năm (0 không, 1 khiển trách, 2 cảnh cáo, 3 cách chức, 4 khai trừ)",
            "Discipline this year (0 none, 1 reprimand, 2 warning, 3 dismissal, 4 expulsion)",
            "lower",
            maximum=4,
        ),
        _bool(
            "discipline_duty_related",
            "Kỷ luật liên quan thực thi nhiệm vụ",
            "The discipline concerns the member's duties",
            "lower",
        ),
        _bool(
            "breach_prohibitions",
            "Vi phạm những điều đảng viên không được làm",
            "Breach of what members must not do",
            "lower",
        ),
        FactSpec(
            "rating_political_quality",
            FactType.STR,
            "Phẩm chất chính trị, đạo đức, lối sống",
            "Political quality, ethics and lifestyle",
            choices=RATINGS,
            direction=Direction.HIGHER,
        ),
        FactSpec(
            "rating_discipline",
            FactType.STR,
            "Ý thức tổ chức kỷ luật",
            "Sense of organisation and discipline",
            choices=RATINGS,
            direction=Direction.HIGHER,
        ),
        FactSpec(
            "rating_tasks",
            FactType.STR,
            "Kết quả thực hiện nhiệm vụ",
            "Results of assigned tasks",
            choices=RATINGS,
            direction=Direction.HIGHER,
        ),
    ],
    derived=TASK_DERIVED,
    constraints=TASK_CONSTRAINTS,
)
