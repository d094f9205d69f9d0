"""Dimension 4: good cadres and members.  25 points (**default**, see unity_discipline).

It rests on the members' own grades (HD 43: an organisation's grade rests on those of all its
members; no numeric formula is published, so the share below is a **default** parameter).  The
counts come from the listed members' evaluations, or from the counts the cell reports.
"""

from __future__ import annotations

from partyrules import Grade, Kind, Ruleset, fact, param

from ._build import make, parameter, regime_is
from .schema import CELL, COMMITTEE, QD124, QD366

DIMENSION = "cadres_members"

PARAMETERS = [
    parameter(
        "min_members_good_share",
        0.8,
        "Tỉ lệ đảng viên HTTNV trở lên tối thiểu",
        "Share of graded members GOOD or better, at least",
        "Hướng dẫn 43-HD/BTCTW: xếp loại tổ chức dựa trên xếp loại đảng viên; tỉ lệ: mặc định",
        "default",
        minimum=0,
        maximum=1,
    ),
]

RULES = [
    make(
        DIMENSION,
        id="cadres.members_good_share",
        title_vi="Đa số đảng viên hoàn thành tốt nhiệm vụ trở lên",
        title_en="Most members well completed their tasks or better",
        when=fact("members_good_share") >= param("min_members_good_share"),
        points=12,
        source="Hướng dẫn 43-HD/BTCTW (31/10/2025)",
        status="default",
    ),
    make(
        DIMENSION,
        id="cadres.no_member_not_completed",
        title_vi="Không đảng viên không hoàn thành nhiệm vụ",
        title_en="No member failed to complete tasks",
        when=fact("members_not_completed") == 0,
        points=6,
        source="Hướng dẫn 43-HD/BTCTW (31/10/2025)",
        status="default",
    ),
    make(
        DIMENSION,
        id="cadres.no_member_degraded",
        title_vi='Không đảng viên suy thoái, "tự diễn biến", "tự chuyển hóa"',
        title_en="No member concluded degraded",
        when=fact("members_degraded") == 0,
        points=7,
        required=True,
        source=f"{QD124}; {QD366}",
        status="confirmed",
        note="points: default",
    ),
    make(
        DIMENSION,
        id="cadres.veto_member_degraded_124",
        title_vi="Có đảng viên suy thoái (Quy định 124)",
        title_en="A member concluded degraded (regime 124)",
        when=fact("members_degraded") > 0,
        applies=regime_is("124"),
        veto=Grade.NOT_COMPLETED,
        source=QD124,
        status="confirmed",
    ),
]

RULESETS = (
    Ruleset(
        "fourgood.cadres_members.cell",
        Kind.CELL,
        DIMENSION,
        RULES,
        CELL,
        PARAMETERS,
        title_vi="Cán bộ, đảng viên tốt (chi bộ)",
        title_en="Cadres and members (cells)",
        version="2025.1",
    ),
    Ruleset(
        "fourgood.cadres_members.committee",
        Kind.COMMITTEE,
        DIMENSION,
        RULES,
        COMMITTEE,
        PARAMETERS,
        title_vi="Cán bộ, đảng viên tốt (đảng bộ cơ sở)",
        title_en="Cadres and members (grassroots committees)",
        version="2025.1",
    ),
)
