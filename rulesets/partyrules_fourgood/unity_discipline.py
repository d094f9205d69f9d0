"""Dimension 3: good unity and discipline.  25 points (**default**: Phú Riềng splits the last 50
between dimensions 3 and 4 without saying how).  Its vetoes are those of Quy định 366 and 124
for collectives (**confirmed**)."""

from __future__ import annotations

from partyrules import Grade, Kind, Ruleset, all_of, fact

from ._build import make, regime_is
from .schema import CELL, COMMITTEE, NQ21, POINTS_NOTE, QD124, QD366

DIMENSION = "unity_discipline"
SPLIT_NOTE = "dimension total 25: default (dimensions 3 and 4 share 50 points, Phú Riềng 189-KH/HU)"

RULES = [
    make(
        DIMENSION,
        id="unity.united",
        title_vi="Nội bộ đoàn kết, không có kết luận mất đoàn kết",
        title_en="United: no concluded internal disunity",
        when=fact("disunity_concluded").is_false(),
        points=10,
        required=True,
        source=f"{NQ21}; {QD366}; {QD124}",
        status="confirmed",
        note=f"{POINTS_NOTE}; {SPLIT_NOTE}",
    ),
    make(
        DIMENSION,
        id="unity.leadership_clean",
        title_vi="Không thành viên cấp ủy bị kỷ luật hoặc suy thoái",
        title_en="No leadership member disciplined or degraded",
        when=all_of(fact("leadership_disciplined").is_false(), fact("leadership_degraded").is_false()),
        points=8,
        required=True,
        source=f"{QD366}; {QD124}",
        status="confirmed",
        note=f"{POINTS_NOTE}; {SPLIT_NOTE}",
    ),
    make(
        DIMENSION,
        id="unity.no_member_disciplined",
        title_vi="Không đảng viên bị kỷ luật trong năm",
        title_en="No member disciplined this year",
        when=fact("members_disciplined") == 0,
        points=7,
        source=f"{NQ21} (kỷ luật tốt)",
        status="default",
        note="the criterion follows the dimension's wording; its points are a default",
    ),
    make(
        DIMENSION,
        id="unity.veto_disunity",
        title_vi="Mất đoàn kết nội bộ, bè phái (có kết luận)",
        title_en="Concluded internal disunity or factionalism",
        when=fact("disunity_concluded").is_true(),
        veto=Grade.NOT_COMPLETED,
        source=f"{QD366}; {QD124}",
        status="confirmed",
    ),
    make(
        DIMENSION,
        id="unity.veto_leadership_disciplined",
        title_vi="Thành viên cấp ủy bị kỷ luật từ khiển trách trở lên",
        title_en="A leadership member disciplined (reprimand or above)",
        when=fact("leadership_disciplined").is_true(),
        applies=regime_is("366"),
        veto=Grade.NOT_COMPLETED,
        source=QD366,
        status="confirmed",
        note="under 124 a disciplined leadership member bars GOOD unless self-detected and remedied "
        "(annual124.good_leadership): a cap, not this veto",
    ),
    make(
        DIMENSION,
        id="unity.veto_leadership_degraded",
        title_vi="Thành viên cấp ủy suy thoái (có kết luận)",
        title_en="A leadership member concluded degraded",
        when=fact("leadership_degraded").is_true(),
        veto=Grade.NOT_COMPLETED,
        source=f"{QD366}; {QD124} (đảng viên suy thoái)",
        status="confirmed",
    ),
]

RULESETS = (
    Ruleset(
        "fourgood.unity_discipline.cell",
        Kind.CELL,
        DIMENSION,
        RULES,
        CELL,
        title_vi="Đoàn kết, kỷ luật tốt (chi bộ)",
        title_en="Unity and discipline (cells)",
        version="2025.1",
    ),
    Ruleset(
        "fourgood.unity_discipline.committee",
        Kind.COMMITTEE,
        DIMENSION,
        RULES,
        COMMITTEE,
        title_vi="Đoàn kết, kỷ luật tốt (đảng bộ cơ sở)",
        title_en="Unity and discipline (grassroots committees)",
        version="2025.1",
    ),
)
