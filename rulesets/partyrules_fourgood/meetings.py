"""Dimension 2: good quality of cell meetings.  20 points (Phú Riềng 189-KH/HU: **confirmed**).

The monthly and quarterly meetings are central rules (Điều lệ Đảng Điều 24, Chỉ thị 50) and
required: a cell that misses one is not good on meetings, whatever its other points.
"""

from __future__ import annotations

from partyrules import Kind, Ruleset, fact, param

from ._build import make, parameter
from .schema import CELL, CHARTER24, COMMITTEE, CT50, HD12, HD42, POINTS_NOTE

DIMENSION = "meetings"

CELL_PARAMETERS = [
    parameter(
        "regular_meetings_required",
        12,
        "Số tháng phải sinh hoạt thường kỳ",
        "Months with a regular meeting required",
        f"{CHARTER24}: sinh hoạt mỗi tháng một lần",
        "confirmed",
        minimum=0,
        maximum=12,
    ),
    parameter(
        "thematic_meetings_required",
        4,
        "Số buổi sinh hoạt chuyên đề tối thiểu",
        "Thematic meetings required",
        f"{CT50}: ít nhất mỗi quý một lần",
        "confirmed",
        minimum=0,
        maximum=12,
    ),
    parameter(
        "min_attendance",
        0.85,
        "Tỉ lệ dự sinh hoạt (phải trên)",
        "Attendance (must be above)",
        f"{HD12}: trên 85% đảng viên dự",
        "confirmed",
        minimum=0,
        maximum=1,
    ),
    parameter(
        "min_meetings_rated_good",
        9,
        "Số buổi xếp loại Tốt tối thiểu",
        "Regular meetings rated good, at least",
        "Sổ tay Bình Thuận (phiếu chấm 100 điểm); số buổi: mặc định",
        "default",
        minimum=0,
        maximum=12,
    ),
]
COMMITTEE_PARAMETERS = [
    parameter(
        "committee_meetings_required",
        12,
        "Số tháng đảng ủy họp thường kỳ",
        "Months with a regular committee meeting required",
        "mặc định theo nhịp sinh hoạt hằng tháng (Điều lệ Đảng, Điều 24 cho chi bộ)",
        "default",
        minimum=0,
        maximum=12,
    ),
    parameter(
        "min_cells_meetings_good_share",
        0.8,
        "Tỉ lệ chi bộ sinh hoạt tốt tối thiểu",
        "Share of cells good on meetings, at least",
        "mặc định (không có nguồn)",
        "default",
        minimum=0,
        maximum=1,
    ),
]

CELL_RULES = [
    make(
        DIMENSION,
        id="meetings.regular_monthly",
        title_vi="Sinh hoạt chi bộ thường kỳ đủ {regular_meetings_required} tháng",
        title_en="A regular meeting in {regular_meetings_required} months of the year",
        when=fact("regular_meetings_held") >= param("regular_meetings_required"),
        points=5,
        required=True,
        source=f"{CHARTER24}; {CT50} (ngày 3 hằng tháng)",
        status="confirmed",
        note=POINTS_NOTE,
    ),
    make(
        DIMENSION,
        id="meetings.thematic_quarterly",
        title_vi="Ít nhất {thematic_meetings_required} buổi sinh hoạt chuyên đề trong năm (mỗi quý một lần)",
        title_en="At least {thematic_meetings_required} thematic meetings a year (one a quarter)",
        when=fact("thematic_meetings_held") >= param("thematic_meetings_required"),
        points=3,
        required=True,
        source=CT50,
        status="confirmed",
        note=POINTS_NOTE,
    ),
    make(
        DIMENSION,
        id="meetings.attendance",
        title_vi="Trên {min_attendance} đảng viên dự sinh hoạt",
        title_en="Attendance above {min_attendance}",
        when=fact("average_attendance") > param("min_attendance"),
        points=3,
        source=HD12,
        status="confirmed",
        note=POINTS_NOTE,
    ),
    make(
        DIMENSION,
        id="meetings.no_unexcused_absence",
        title_vi="Không có đảng viên vắng không lý do",
        title_en="No unexcused absence",
        when=fact("unexcused_absences") == 0,
        points=2,
        source=HD12,
        status="confirmed",
        note=POINTS_NOTE,
    ),
    make(
        DIMENSION,
        id="meetings.no_long_absence",
        title_vi="Không đảng viên vắng có lý do quá 3 lần liên tiếp",
        title_en="No member excused more than 3 consecutive times",
        when=fact("members_absent_over_3_consecutive") == 0,
        points=2,
        source=f"{HD12} (trừ trường hợp được miễn, nhiệm vụ đặc biệt trong lực lượng vũ trang)",
        status="confirmed",
        note=POINTS_NOTE,
    ),
    make(
        DIMENSION,
        id="meetings.duration",
        title_vi="Mỗi buổi ít nhất 90 phút (120 phút khi ghép chuyên đề)",
        title_en="Each meeting lasts at least 90 minutes (120 when combined)",
        when=fact("meetings_below_minimum_duration") == 0,
        points=2,
        source=f"{HD12}; {HD42}",
        status="confirmed",
        note=POINTS_NOTE,
    ),
    make(
        DIMENSION,
        id="meetings.materials_in_advance",
        title_vi="Tài liệu gửi trước ít nhất một ngày",
        title_en="Materials posted at least a day before",
        when=fact("materials_posted_late") == 0,
        points=1,
        source=HD42,
        status="confirmed",
        note=POINTS_NOTE,
    ),
    make(
        DIMENSION,
        id="meetings.rated_good",
        title_vi="Phần lớn buổi sinh hoạt xếp loại Tốt",
        title_en="Most regular meetings rated good",
        when=fact("meetings_rated_good") >= param("min_meetings_rated_good"),
        points=1,
        source="Sổ tay Bình Thuận: Tốt ≥ 90 điểm với điểm tối đa về dự họp, thời lượng, phát biểu, biên bản",
        status="default",
        note="the meeting grade is confirmed; how many good meetings a year make a good cell is a default",
    ),
    make(
        DIMENSION,
        id="meetings.resolutions_carried_out",
        title_vi="Nghị quyết chi bộ được tổ chức thực hiện",
        title_en="Meeting resolutions carried out",
        when=fact("resolutions_carried_out").is_true(),
        points=1,
        source=HD12,
        status="confirmed",
        note=POINTS_NOTE,
    ),
]

COMMITTEE_RULES = [
    make(
        DIMENSION,
        id="meetings.committee_monthly",
        title_vi="Đảng ủy họp thường kỳ hằng tháng",
        title_en="The committee meets every month",
        when=fact("committee_meetings_held") >= param("committee_meetings_required"),
        points=8,
        source="mặc định; Điều lệ Đảng, Điều 24 quy định cho chi bộ và chi ủy",
        status="default",
    ),
    make(
        DIMENSION,
        id="meetings.cells_meet_well",
        title_vi="Phần lớn chi bộ trực thuộc sinh hoạt tốt",
        title_en="Most subordinate cells are good on meetings",
        when=fact("cells_meetings_good_share") >= param("min_cells_meetings_good_share"),
        points=12,
        source=f"{HD12} (chất lượng sinh hoạt chi bộ); tỉ lệ: mặc định",
        status="default",
    ),
]

RULESETS = (
    Ruleset(
        "fourgood.meetings.cell",
        Kind.CELL,
        DIMENSION,
        CELL_RULES,
        CELL,
        CELL_PARAMETERS,
        title_vi="Chất lượng sinh hoạt tốt (chi bộ)",
        title_en="Meeting quality (cells)",
        version="2025.1",
    ),
    Ruleset(
        "fourgood.meetings.committee",
        Kind.COMMITTEE,
        DIMENSION,
        COMMITTEE_RULES,
        COMMITTEE,
        COMMITTEE_PARAMETERS,
        title_vi="Chất lượng sinh hoạt tốt (đảng bộ cơ sở)",
        title_en="Meeting quality (grassroots committees)",
        version="2025.1",
    ),
)
