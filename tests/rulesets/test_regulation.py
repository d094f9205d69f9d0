"""The reference framework against the regulation: each case cites the clause it checks and
the grade that clause gives (domain.md), on both backends.  Boundaries are tested on both sides.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest
from fourgood_subjects import cell, cell_facts, committee_facts, member

from partyrules import Evaluator, Grade, Subject

QD366 = "Quy định 366-QĐ/TW"
QD124 = "Quy định 124-QĐ/TW"


class Case(NamedTuple):
    clause: str
    subject: Subject
    grade: Grade | None
    four_good: bool | None = None


def score(general: float, tasks: float) -> dict[str, float]:
    return {"score_general": general, "score_tasks": tasks}


CASES: dict[str, Case] = {
    # -- members under 366: bands 90 / 70 / 50 and the level conditions ------------------------
    "member 93 points, every EXCELLENT condition": Case(f"{QD366}: HTXSNV ≥ 90 điểm", member(), Grade.EXCELLENT),
    "member 92 points, all done on time, only 20% exceeded": Case(
        f"{QD366}: HTXSNV cần ≥ 30% vượt yêu cầu", member(tasks_exceeded=2, **score(28, 64)), Grade.GOOD
    ),
    "member 89.5 points": Case(f"{QD366}: 70 ≤ điểm < 90 là HTTNV", member(**score(27.5, 62)), Grade.GOOD),
    "member exactly 90 points": Case(f"{QD366}: HTXSNV từ 90 điểm", member(**score(30, 60)), Grade.EXCELLENT),
    "member exactly 30% exceeded": Case(
        f"{QD366}: ít nhất 30%",
        member(tasks_total=100, tasks_done=100, tasks_done_on_time=100, tasks_exceeded=30),
        Grade.EXCELLENT,
    ),
    "member 29% exceeded": Case(
        f"{QD366}: ít nhất 30%",
        member(tasks_total=100, tasks_done=100, tasks_done_on_time=100, tasks_exceeded=29),
        Grade.GOOD,
    ),
    "member exactly 70 points": Case(f"{QD366}: HTTNV từ 70 điểm", member(**score(20, 50)), Grade.GOOD),
    "member 69.5 points": Case(f"{QD366}: 50 ≤ điểm < 70 là HTNV", member(**score(20, 49.5)), Grade.COMPLETED),
    "member exactly 50 points": Case(f"{QD366}: HTNV từ 50 điểm", member(**score(15, 35)), Grade.COMPLETED),
    "member 49.5 points": Case(f"{QD366}: dưới 50 điểm là KHTNV", member(**score(15, 34.5)), Grade.NOT_COMPLETED),
    "member 9 of 10 tasks done": Case(
        f"{QD366}: HTNV cần hoàn thành 100% nhiệm vụ (như tập thể)",
        member(tasks_done=9, tasks_done_on_time=9),
        Grade.NOT_COMPLETED,
    ),
    "member 95 points, one task late": Case(
        f"{QD366}: HTTNV cần 100% đúng tiến độ", member(tasks_done_on_time=9), Grade.COMPLETED
    ),
    "member a shortcoming not remedied": Case(
        f"{QD366}: HTXSNV cần khắc phục 100% hạn chế",
        member(shortcomings_flagged=2, shortcomings_remedied=1),
        Grade.GOOD,
    ),
    "member duty-related reprimand": Case(
        f"{QD366}: kỷ luật từ khiển trách liên quan thực thi nhiệm vụ",
        member(discipline_level=1, discipline_duty_related=True),
        Grade.NOT_COMPLETED,
    ),
    "member reprimand not related to duties (366)": Case(
        f"{QD366}: chỉ kỷ luật liên quan thực thi nhiệm vụ là KHTNV", member(discipline_level=1), Grade.EXCELLENT
    ),
    "member with no discipline, its duty relation not given": Case(
        f"{QD366}: chỉ kỷ luật liên quan thực thi nhiệm vụ là KHTNV (0 ≥ 1 đã sai, dù thiếu dữ liệu)",
        member(discipline_duty_related=None),
        Grade.EXCELLENT,
    ),
    "member concluded degradation (366)": Case(
        f"{QD366}: suy thoái", member(degradation_concluded=True), Grade.NOT_COMPLETED
    ),
    "member breach of prohibitions": Case(
        f"{QD366}: vi phạm những điều đảng viên không được làm", member(breach_prohibitions=True), Grade.NOT_COMPLETED
    ),
    "member 60% of tasks not done": Case(
        f"{QD366}: trên 50% nhiệm vụ không hoàn thành",
        member(tasks_done=4, tasks_done_on_time=4, tasks_exceeded=0),
        Grade.NOT_COMPLETED,
    ),
    "member suspended (366)": Case("Quy định 124-QĐ/TW (áp dụng mặc định từ 2025)", member(suspended=True), None),
    "member admitted 5 months ago": Case(f"{QD124}: kết nạp dưới 6 tháng", member(months_since_admission=5), None),
    "member admitted exactly 6 months ago": Case(
        f"{QD124}: từ 6 tháng được xếp loại", member(months_since_admission=6), Grade.EXCELLENT
    ),
    # -- members under 124: criterion ratings ----------------------------------------------------
    "member 124 every criterion good, tasks excellent, 50% exceeded": Case(
        f"{QD124}: HTXSNV", member(2024), Grade.EXCELLENT
    ),
    "member 124 only 40% of targets exceeded": Case(
        f"{QD124}: cá nhân HTXSNV vượt ít nhất 50% chỉ tiêu", member(2024, tasks_exceeded=4), Grade.GOOD
    ),
    "member 124 tasks rated good": Case(f"{QD124}: HTTNV", member(2024, rating_tasks="GOOD"), Grade.GOOD),
    "member 124 tasks rated average": Case(
        f"{QD124}: HTNV (tiêu chí từ Trung bình)", member(2024, rating_tasks="AVERAGE"), Grade.COMPLETED
    ),
    "member 124 a criterion rated poor": Case(
        f"{QD124}: tiêu chí Kém là KHTNV", member(2024, rating_discipline="POOR"), Grade.NOT_COMPLETED
    ),
    "member 124 any discipline in the year": Case(
        f"{QD124}: cá nhân bị kỷ luật trong năm", member(2024, discipline_level=1), Grade.NOT_COMPLETED
    ),
    "member 124 suspended": Case(f"{QD124}: đình chỉ sinh hoạt không xếp loại", member(2024, suspended=True), None),
    # -- cells under 366 ---------------------------------------------------------------------------
    "cell meeting every criterion": Case(f"{QD366}; Nghị quyết 21-NQ/TW", cell(), Grade.EXCELLENT, True),
    "cell 9 of 10 tasks done": Case(
        f"{QD366}: HTNV cần hoàn thành 100% nhiệm vụ (như đảng viên)",
        cell(tasks_done=9, tasks_done_on_time=9),
        Grade.NOT_COMPLETED,
        False,
    ),
    "cell with concluded disunity": Case(
        f"{QD366}: mất đoàn kết nội bộ", cell(disunity_concluded=True), Grade.NOT_COMPLETED, False
    ),
    "cell missing one regular monthly meeting": Case(
        "Điều lệ Đảng Điều 24: sinh hoạt hằng tháng", cell(regular_meetings_held=11), Grade.GOOD, False
    ),
    "cell with three thematic meetings": Case(
        "Chỉ thị 50-CT/TW: chuyên đề mỗi quý", cell(thematic_meetings_held=3), Grade.GOOD, False
    ),
    "cell attendance exactly 85%": Case(
        "Hướng dẫn 12-HD/BTCTW: trên 85% (17/20 điểm vẫn tốt)", cell(average_attendance=0.85), Grade.EXCELLENT, True
    ),
    "cell a leadership member disciplined": Case(
        f"{QD366}: thành viên cấp ủy bị kỷ luật", cell(leadership_disciplined=True), Grade.NOT_COMPLETED, False
    ),
    "cell 60% of tasks done": Case(
        f"{QD366}: tập thể hoàn thành dưới 70% nhiệm vụ",
        cell(tasks_done=6, tasks_done_on_time=6, tasks_exceeded=0),
        Grade.NOT_COMPLETED,
        False,
    ),
    "cell 92 points but 20% exceeded": Case(
        f"{QD366}: HTXSNV cần ≥ 30% vượt yêu cầu", cell(tasks_exceeded=2), Grade.GOOD, True
    ),
    "cell exactly 90 points": Case(f"{QD366}: HTXSNV từ 90 điểm", cell(**score(30, 60)), Grade.EXCELLENT, True),
    "cell exactly 70 points": Case(f"{QD366}: HTTNV từ 70 điểm", cell(**score(20, 50)), Grade.GOOD, True),
    "cell 69 points": Case(f"{QD366}: HTNV dưới 70 điểm", cell(**score(20, 49)), Grade.COMPLETED, False),
    "cell 49 points": Case(f"{QD366}: KHTNV dưới 50 điểm", cell(**score(15, 34)), Grade.NOT_COMPLETED, False),
    "cell a degraded member (366)": Case(
        f"{QD366}: chỉ thành viên cấp ủy suy thoái là KHTNV; tiêu chí 4 không tốt",
        cell(members_degraded=1),
        Grade.GOOD,
        False,
    ),
    # -- cells under 124 ---------------------------------------------------------------------------
    "cell 124 every dimension good, tasks excellent": Case(f"{QD124}: HTXSNV", cell(2024), Grade.EXCELLENT, True),
    "cell 124 a leadership member disciplined": Case(
        f"{QD124}: HTTNV cần không thành viên cấp ủy bị kỷ luật, trừ khi tự phát hiện, khắc phục",
        cell(2024, leadership_disciplined=True, leadership_fault_self_remedied=False),
        Grade.COMPLETED,
        False,
    ),
    "cell 124 a leadership member disciplined, self-detected and remedied": Case(
        f"{QD124}: HTXSNV cần không thành viên cấp ủy bị kỷ luật",
        cell(2024, leadership_disciplined=True, leadership_fault_self_remedied=True),
        Grade.GOOD,
        False,
    ),
    "cell 124 concluded disunity": Case(
        f"{QD124}: mất đoàn kết", cell(2024, disunity_concluded=True), Grade.NOT_COMPLETED, False
    ),
    "cell 124 a degraded member": Case(
        f"{QD124}: có đảng viên suy thoái", cell(2024, members_degraded=1), Grade.NOT_COMPLETED, False
    ),
    "cell 124 under half the targets and a key target missed": Case(
        f"{QD124}: dưới 50% chỉ tiêu, chỉ tiêu chủ yếu không đạt",
        cell(2024, tasks_done=4, tasks_done_on_time=4, tasks_exceeded=0, key_targets_missed=True),
        Grade.NOT_COMPLETED,
        False,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_regulation_case(name: str, evaluator: Evaluator) -> None:
    """The grade (and, for organisations, the Four-Good verdict) is the one the clause gives."""
    case = CASES[name]
    result = evaluator.evaluate(case.subject)
    assert (case.grade, result.graded) == (result.grade, case.grade is not None), case.clause
    if case.four_good is not None:
        assert case.four_good == result.four_good, case.clause


def _committee_124(**changes: object) -> Subject:
    return Subject("k", "committee", 2024, committee_facts(**{**_COMMITTEE_CELLS, **changes}))


_COMMITTEE_CELLS = {
    "cells_total": 10, "cells_graded": 10, "cells_excellent": 2, "cells_good": 8, "cells_completed": 0,
    "cells_not_completed": 0, "cells_four_good": 10, "cells_meetings_good": 10, "members_total": 100,
    "members_graded": 100, "members_excellent": 20, "members_good": 80, "members_completed": 0,
    "members_not_completed": 0,
}  # fmt: skip


@pytest.mark.parametrize(
    ("self_detected", "expected"),
    [(False, Grade.COMPLETED), (True, Grade.GOOD)],
)
def test_124_a_disciplined_cell_keeps_a_committee_from_good_unless_self_detected(
    evaluator: Evaluator, self_detected: bool, expected: Grade
) -> None:
    """QĐ 124: GOOD needs no subordinate organisation disciplined unless self-detected and
    remedied (and EXCELLENT none at all); one cell of ten disciplined is under the 20% veto."""
    result = evaluator.evaluate(_committee_124(cells_disciplined=1, faults_self_detected_remedied=self_detected))
    assert expected == result.grade


def test_a_cell_is_incomplete_when_a_members_grade_was_guessed(evaluator: Evaluator) -> None:
    """A member whose facts are missing gets a grade under the unknown policy; the cell that
    counts it is then marked incomplete, never silently complete."""
    from fourgood_subjects import member_facts

    members = (
        Subject("m1", "member", 2025, member_facts()),
        Subject("m2", "member", 2025, {"suspended": False, "months_since_admission": 60}),
    )
    facts = {k: v for k, v in cell_facts().items() if not k.startswith("members_")}
    facts.update(members_disciplined=0, members_degraded=0)
    result = evaluator.evaluate(Subject("c", "cell", 2025, facts, children=members))
    assert (True, False, False) == (result.children[0].complete, result.children[1].complete, result.complete)


def test_attendance_just_above_85_percent_meets_the_rule(evaluator: Evaluator) -> None:
    """HD 12: attendance *above* 85% meets the criterion; exactly 85% does not."""
    above = evaluator.evaluate(cell(average_attendance=0.8501))
    at = evaluator.evaluate(cell(average_attendance=0.85))
    assert (20.0, 17.0) == (above.dimension("meetings").score, at.dimension("meetings").score)


def test_member_half_of_tasks_done_is_not_the_50_percent_veto(evaluator: Evaluator) -> None:
    """366: the veto is "over 50% not completed"; at exactly 50% it does not fire (the level
    condition "at most 20% behind schedule" still makes the grade NOT_COMPLETED)."""
    result = evaluator.evaluate(member(tasks_done=5, tasks_done_on_time=5, tasks_exceeded=0))
    outcomes = {rule_id: outcome.value for rule_id, outcome in result.evidence.outcomes.items()}
    assert ("not_met", "met") == (outcomes["member366.veto_tasks"], outcomes["member366.completed_behind"])
    assert Grade.NOT_COMPLETED == result.grade


def _cells(total: int, four_good: int, not_completed: int = 0) -> Subject:
    facts = committee_facts(
        cells_total=total,
        cells_graded=total,
        cells_excellent=0,
        cells_good=total - not_completed,
        cells_completed=0,
        cells_not_completed=not_completed,
        cells_four_good=four_good,
        cells_meetings_good=total,
        members_total=10 * total,
        members_graded=10 * total,
        members_excellent=2 * total,
        members_good=8 * total,
        members_completed=0,
        members_not_completed=0,
    )
    return Subject("k", "committee", 2025, facts)


@pytest.mark.parametrize(
    ("total", "four_good", "not_completed", "expected"),
    [
        (12, 6, 0, True),  # 50% of cells Four-Good: the default share is reached
        (12, 5, 0, False),  # 41.7% < 50%
        (12, 3, 0, False),
        (12, 12, 1, False),  # a cell NOT_COMPLETED blocks it whatever the share
    ],
)
def test_committee_four_good_depends_on_its_cells(
    evaluator: Evaluator, total: int, four_good: int, not_completed: int, expected: bool
) -> None:
    """domain.md (default): a committee is Four-Good when ≥ 50% of its cells are and none is
    NOT_COMPLETED, its own dimensions good and its grade at least GOOD."""
    result = evaluator.evaluate(_cells(total, four_good, not_completed))
    assert expected == result.four_good
    assert Grade.EXCELLENT == result.grade


def test_committee_explanation_names_the_share_of_cells(evaluator: Evaluator) -> None:
    """The committee's explanation says how many of its cells are Four-Good, against the share."""
    from partyrules.text.explain import summary_line

    text = summary_line(evaluator.evaluate(_cells(12, 3)), evaluator.framework, "en")
    assert "cells_four_good_share (0.25) < min_four_good_cells_share (0.5)" in text


def test_a_committee_listing_its_cells_explains_down_to_them(evaluator: Evaluator) -> None:
    """Listed cells are evaluated first; the committee's trace names those that are not Four-Good."""
    from partyrules.text.explain import explain

    cells = [Subject(f"c{i}", "cell", 2025, cell_facts()) for i in range(3)]
    # political tasks 18/30 < 80%: not Four-Good, though not NOT_COMPLETED and good on meetings
    weak = cell_facts(political_system_rated_good=False, tasks_exceeded=0, shortcomings_remedied=1)
    cells.append(Subject("bad", "cell", 2025, weak))
    committee = Subject("k", "committee", 2025, committee_facts(), children=tuple(cells))
    result = evaluator.evaluate(committee)
    text = explain(result, evaluator.framework, "en")
    assert (3, 4) == (sum(c.four_good for c in result.children), len(result.children))
    assert "not Four-Good: bad" in text
    assert result.four_good  # 75% ≥ 50%, no cell NOT_COMPLETED
