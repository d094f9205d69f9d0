"""The bundled example wards give the outcomes their headers promise (and the regulation gives)."""

from __future__ import annotations

from pathlib import Path

import pytest

from partyrules import Evaluator, Framework, Grade
from partyrules.convert import read_document
from partyrules.io import read_data
from partyrules.io.tables import flatten

EXAMPLES = Path(__file__).parents[2] / "examples"
G = Grade


def outcomes(framework: Framework, name: str, backend: str) -> dict[str, tuple[Grade | None, bool]]:
    subjects = read_document(read_data(EXAMPLES / name)).subjects
    with Evaluator(framework, backend=backend) as evaluator:
        results = [evaluator.evaluate(s) for s in subjects]
    return {r.subject_id: (r.grade, r.four_good) for r in flatten(results)}


@pytest.mark.parametrize("backend", ["durable", "python"])
def test_ward_2025(fourgood: Framework, backend: str) -> None:
    """2025 (regime 366): one cell per kind of outcome, as the file's header lists."""
    got = outcomes(fourgood, "ward-2025.yaml", backend)
    expected = {
        "hoa-binh": (G.GOOD, False),  # two cells NOT_COMPLETED
        "c01": (G.EXCELLENT, True),
        "c02": (G.GOOD, True),
        "c03": (G.GOOD, False),  # one monthly meeting missed
        "c04": (G.NOT_COMPLETED, False),  # concluded disunity
        # c01 and c05 both earn EXCELLENT, but the ward decides its 9 cells graded GOOD or better:
        # at most 20% of GOOD (QĐ 366 Art. 11), so 1 (1 ≤ 0.2 × 8; 2 > 0.2 × 7): c01 (93 points)
        # stays, c05 (92) is moved to GOOD, still Four-Good
        "c05": (G.GOOD, True),
        "c06": (G.GOOD, True),  # 92 points, 20% exceeded
        "c07": (G.COMPLETED, False),  # 65 points
        "c08": (G.GOOD, False),  # members: 2 of 5 below GOOD
        "c09": (G.GOOD, True),
        "c10": (G.GOOD, True),
        "c11": (G.NOT_COMPLETED, False),  # a leadership member disciplined
        "c12": (G.GOOD, True),
        "c05-m5": (None, False),  # admitted 4 months ago: not graded
        "c08-m3": (G.NOT_COMPLETED, False),  # duty-related reprimand
    }
    assert expected == {k: got[k] for k in expected}


def test_ward_2025_each_cell_s_own_grade(fourgood: Framework) -> None:
    """Without the quota (a self-assessment), c05 proposes the EXCELLENT its facts give."""
    subjects = read_document(read_data(EXAMPLES / "ward-2025.yaml")).subjects
    with Evaluator(fourgood, backend="python", quota=False) as evaluator:
        (ward,) = [evaluator.evaluate(s) for s in subjects]
    cells = {c.subject_id: c for c in ward.children}
    assert G.EXCELLENT == cells["c05"].grade and cells["c05"].evidence.quota is None


def test_ward_2025_the_quota_in_the_trace(fourgood: Framework) -> None:
    subjects = read_document(read_data(EXAMPLES / "ward-2025.yaml")).subjects
    with Evaluator(fourgood, backend="python") as evaluator:
        (ward,) = [evaluator.evaluate(s) for s in subjects]
    cells = {c.subject_id: c for c in ward.children}
    moved, kept = cells["c05"].evidence.quota, cells["c01"].evidence.quota
    assert moved is not None and kept is not None
    assert ("quota_moved", 2, 1, 2) == (moved.code, moved.args["rank"], moved.args["allowed"], moved.args["proposed"])
    assert ("quota_kept", 1) == (kept.code, kept.args["rank"])
    assert cells["c02"].evidence.quota is None  # GOOD on its own


@pytest.mark.parametrize("backend", ["durable", "python"])
def test_ward_2024(fourgood: Framework, backend: str) -> None:
    """2024 (regime 124): vetoes and criterion ratings decide; any discipline fails a member."""
    got = outcomes(fourgood, "ward-2024.yaml", backend)
    expected = {
        "c01": (G.EXCELLENT, True),
        "c04": (G.NOT_COMPLETED, False),
        "c11": (G.NOT_COMPLETED, False),
        "c07": (G.NOT_COMPLETED, False),  # political tasks rated Kém: a criterion Kém
        "c05-m1b": (G.EXCELLENT, False),
        "c05-m5": (None, False),
        "c08-m3": (G.NOT_COMPLETED, False),
        "c08-m4": (G.COMPLETED, False),  # tasks rated Trung bình
    }
    assert expected == {k: got[k] for k in expected}
