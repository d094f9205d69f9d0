"""Subjects of the reference framework for tests: each meets every criterion unless changed."""

from __future__ import annotations

from typing import Any

from partyrules import Subject


def member_facts(**changes: Any) -> dict[str, Any]:
    """A member who meets every condition of EXCELLENT under both regimes."""
    facts: dict[str, Any] = {
        "suspended": False,
        "months_since_admission": 60,
        "tasks_total": 10,
        "tasks_done": 10,
        "tasks_done_on_time": 10,
        "tasks_exceeded": 5,
        "shortcomings_flagged": 1,
        "shortcomings_remedied": 1,
        "score_general": 28,
        "score_tasks": 65,
        "degradation_concluded": False,
        "discipline_level": 0,
        "discipline_duty_related": False,
        "breach_prohibitions": False,
        "rating_political_quality": "GOOD",
        "rating_discipline": "GOOD",
        "rating_tasks": "EXCELLENT",
    }
    facts.update(changes)
    return facts


def cell_facts(**changes: Any) -> dict[str, Any]:
    """A cell that meets every criterion of the reference framework (EXCELLENT, Four-Good)."""
    facts: dict[str, Any] = {
        "cell_kind": "residential",
        "full_members": 20,
        "tasks_total": 10,
        "tasks_done": 10,
        "tasks_done_on_time": 10,
        "tasks_exceeded": 4,
        "shortcomings_flagged": 2,
        "shortcomings_remedied": 2,
        "score_general": 28,
        "score_tasks": 64,
        "key_targets_missed": False,
        "political_system_rated_good": True,
        "disunity_concluded": False,
        "leadership_disciplined": False,
        "leadership_degraded": False,
        "members_disciplined": 0,
        "members_degraded": 0,
        "members_total": 20,
        "members_graded": 20,
        "members_excellent": 4,
        "members_good": 15,
        "members_completed": 1,
        "members_not_completed": 0,
        "regular_meetings_held": 12,
        "thematic_meetings_held": 4,
        "average_attendance": 0.9,
        "unexcused_absences": 0,
        "members_absent_over_3_consecutive": 0,
        "meetings_below_minimum_duration": 0,
        "meetings_rated_good": 10,
        "materials_posted_late": 0,
        "resolutions_carried_out": True,
    }
    facts.update(changes)
    return facts


def committee_facts(**changes: Any) -> dict[str, Any]:
    """A committee that meets every criterion at its own level."""
    facts: dict[str, Any] = {
        "committee_meetings_held": 12,
        "tasks_total": 12,
        "tasks_done": 12,
        "tasks_done_on_time": 12,
        "tasks_exceeded": 4,
        "shortcomings_flagged": 0,
        "shortcomings_remedied": 0,
        "score_general": 27,
        "score_tasks": 64,
        "key_targets_missed": False,
        "political_system_rated_good": True,
        "disunity_concluded": False,
        "leadership_disciplined": False,
        "leadership_degraded": False,
        "members_disciplined": 0,
        "members_degraded": 0,
        "cells_disciplined": 0,
        "cells_disciplined_corruption": 0,
    }
    facts.update(changes)
    return facts


def member(year: int = 2025, **changes: Any) -> Subject:
    return Subject("m", "member", year, member_facts(**changes))


def cell(year: int = 2025, **changes: Any) -> Subject:
    return Subject("c", "cell", year, cell_facts(**changes))
