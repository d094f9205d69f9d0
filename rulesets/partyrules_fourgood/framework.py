"""The reference framework ``fourgood``: docs/domain.md, assembled from the registry."""

from __future__ import annotations

from partyrules import Framework, Grading, Kind, Registry

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
