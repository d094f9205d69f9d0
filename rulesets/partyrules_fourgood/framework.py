"""The reference framework ``fourgood``: docs/domain.md, assembled from the registry."""

from __future__ import annotations

from partyrules import Dimension, Exemption, Framework, Grading, Kind, Registry

RULESETS = (
    "fourgood.members",
    "fourgood.political_tasks.cell",
    "fourgood.meetings.cell",
    "fourgood.unity_discipline.cell",
    "fourgood.cadres_members.cell",
    "fourgood.annual.cell",
    "fourgood.political_tasks.committee",
    "fourgood.meetings.committee",
    "fourgood.unity_discipline.committee",
    "fourgood.cadres_members.committee",
    "fourgood.annual.committee",
)

SCORE = ("score_general", "score_tasks")

_CUMULATIVE = (
    "Quy định 366 states this veto; with the level conditions read cumulatively, a subject under "
    "it is also over 20% behind schedule ({behind}), which gives the same grade: it never decides "
    "alone, and is kept so that the trace cites the veto"
)
_TARGETS_124 = (
    "Quy định 124 states this veto; with the cell's criteria taken from its dimension ratings (a "
    "default mapping), under 50% of targets met rates political tasks Kém, which already gives "
    "NOT_COMPLETED; kept so that the trace cites it, and for frameworks that give criteria ratings"
)
_LEADERSHIP_124 = (
    "Quy định 124 states this condition of EXCELLENT; a disciplined leadership member also fails "
    "the required rule unity.leadership_clean, so the unity dimension is not good and EXCELLENT, "
    "which needs every dimension good (a default policy), is already excluded; kept so that the "
    "trace cites the clause, and for frameworks that do not require every dimension good"
)

_CUMULATIVE_VI = (
    "Quy định 366 nêu điều kiện loại trừ này; khi các điều kiện của từng mức được hiểu là cộng dồn, đối tượng "
    "rơi vào nó cũng chậm tiến độ quá 20% ({behind}), dẫn tới cùng mức xếp loại: nó không bao giờ tự quyết "
    "định, và được giữ để vết dẫn ra đúng điều kiện loại trừ"
)
_TARGETS_124_VI = (
    "Quy định 124 nêu điều kiện loại trừ này; khi các tiêu chí của chi bộ lấy từ mức đánh giá từng mặt (một "
    "cách quy đổi mặc định), đạt dưới 50% chỉ tiêu thì nhiệm vụ chính trị bị đánh giá Kém, vốn đã dẫn tới "
    "KHTNV; được giữ để vết dẫn ra nó, và cho các khung tiêu chí có cho mức đánh giá tiêu chí"
)
_LEADERSHIP_124_VI = (
    "Quy định 124 nêu điều kiện này của mức HTXSNV; một cấp ủy viên bị kỷ luật cũng làm không đạt quy tắc bắt "
    "buộc unity.leadership_clean, nên mặt đoàn kết không tốt và mức HTXSNV, vốn cần mọi mặt đều tốt (một chính "
    "sách mặc định), đã bị loại; được giữ để vết dẫn ra điều khoản này, và cho các khung tiêu chí không đòi mọi "
    "mặt đều tốt"
)

#: Audit findings that follow from the regulation as encoded, accepted by name (docs/howto/audit.md),
#: with their reasons in English and Vietnamese.
EXEMPTIONS = tuple(
    Exemption(rule, prop, reason, reason_vi)
    for rule, reason, reason_vi, properties in (
        (
            "member366.veto_tasks",
            _CUMULATIVE.format(behind="member366.completed_behind"),
            _CUMULATIVE_VI.format(behind="member366.completed_behind"),
            ("coverage", "consistency"),
        ),
        (
            "annual366.veto_tasks",
            _CUMULATIVE.format(behind="annual366.completed_behind"),
            _CUMULATIVE_VI.format(behind="annual366.completed_behind"),
            ("coverage", "consistency"),
        ),
        # it never decides, but no single rule shadows it: only coverage reports it
        ("annual124.veto_targets", _TARGETS_124, _TARGETS_124_VI, ("coverage",)),
        ("annual124.excellent_leadership", _LEADERSHIP_124, _LEADERSHIP_124_VI, ("coverage",)),
    )
    for prop in properties
)


#: The four "goods" of Nghị quyết 21-NQ/TW, in the wording of Long Biên / Phúc Lợi (confirmed,
#: docs/domain.md "The four dimensions"); the short titles are ours, for sentences.
DIMENSIONS = (
    Dimension(
        "political_tasks",
        "Lãnh đạo hoàn thành tốt nhiệm vụ chính trị, xây dựng Đảng, xây dựng hệ thống chính trị",
        "Leads the completion of political tasks, party building and political-system building well",
        "Nhiệm vụ chính trị",
        "political tasks",
    ),
    Dimension(
        "meetings",
        "Chất lượng sinh hoạt tốt",
        "Good quality of cell meetings",
        "Chất lượng sinh hoạt",
        "meeting quality",
    ),
    Dimension(
        "unity_discipline",
        "Đoàn kết, kỷ luật tốt",
        "Good unity and discipline",
        "Đoàn kết, kỷ luật",
        "unity and discipline",
    ),
    Dimension(
        "cadres_members", "Cán bộ, đảng viên tốt", "Good cadres and members", "Cán bộ, đảng viên", "cadres and members"
    ),
)


def reference(registry: Registry) -> Framework:
    """Build the reference framework from the rulesets the registry discovered."""
    return Framework(
        "fourgood",
        [registry.ruleset(name) for name in RULESETS],
        version="2025.1",
        title_vi="Khung tiêu chí tham chiếu: chi bộ, đảng bộ cơ sở bốn tốt và xếp loại chất lượng",
        title_en="Reference framework: Four-Good cells and committees, annual quality grading",
        issuer="partyrules (reference encoding of docs/domain.md)",
        document="Nghị quyết 21-NQ/TW; Quy định 124-QĐ/TW; Quy định 366-QĐ/TW; Hướng dẫn 43-HD/BTCTW",
        effective_from=2023,
        exemptions=EXEMPTIONS,
        dimensions=DIMENSIONS,
        dimension_points={"political_tasks": 30, "meetings": 20, "unity_discipline": 25, "cadres_members": 25},
        grading={
            Kind.MEMBER: Grading(
                score_facts=SCORE,
                criteria_facts=("rating_political_quality", "rating_discipline", "rating_tasks"),
                task_criterion="rating_tasks",
            ),
            Kind.CELL: Grading(score_facts=SCORE, task_criterion="political_tasks"),
            Kind.COMMITTEE: Grading(score_facts=SCORE, task_criterion="political_tasks"),
        },
    )
