"""evaluate_many streams results in input order, also through a process pool; a result holds no
framework, so it travels cheaply, and its trace is rebuilt from its evidence and its framework."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor

import attrs
import pytest

from partyrules import Evaluator, FrameworkMismatchError, Subject, build_trace
from partyrules.serialize import dumps
from support import FRAMEWORK, good_cell_facts


def cells() -> list[Subject]:
    meetings = [12, 11, 12, 10, 12, 9]
    return [
        Subject(f"c{i}", "cell", 2025, good_cell_facts(regular_meetings_held=held, disunity=i == 4))
        for i, held in enumerate(meetings)
    ]


def test_sequential_results_keep_input_order() -> None:
    """Without an executor, results come one by one in input order."""
    with Evaluator(FRAMEWORK, backend="python") as evaluator:
        ids = [r.subject_id for r in evaluator.evaluate_many(cells())]
    assert [f"c{i}" for i in range(6)] == ids


@pytest.mark.parametrize("backend", ["durable", "python"])
def test_a_process_pool_gives_the_same_results_and_traces(backend: str) -> None:
    """Workers compile their own rulesets; each result equals the one evaluated here, trace included."""
    with Evaluator(FRAMEWORK, backend=backend) as evaluator:
        expected = [dumps(evaluator.evaluate(s), framework=FRAMEWORK) for s in cells()]
        with ProcessPoolExecutor(2) as pool:
            got = [dumps(r, framework=FRAMEWORK) for r in evaluator.evaluate_many(cells(), executor=pool, chunksize=2)]
    assert expected == got


def test_an_evaluation_pickles_without_its_framework() -> None:
    """An evaluation pickles to a copy equal to it, small (no framework inside), whose trace is
    rebuilt from its evidence and the framework that produced it, and only that framework."""
    with Evaluator(FRAMEWORK, backend="python") as evaluator:
        result = evaluator.evaluate(cells()[1])
    data = pickle.dumps(result)
    copy = pickle.loads(data)
    assert result == copy
    assert len(data) < len(pickle.dumps(FRAMEWORK))
    assert build_trace(result, FRAMEWORK) == build_trace(copy, FRAMEWORK)
    other = attrs.evolve(FRAMEWORK, parameters={"min_attendance": 0.9})
    with pytest.raises(FrameworkMismatchError, match="c1"):
        build_trace(copy, other)
