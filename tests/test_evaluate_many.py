"""evaluate_many streams results in input order, also through a process pool, and a result
sent from another process still builds its trace once its framework is bound."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

from partyrules import Evaluator, PartyrulesError, Subject
from partyrules.convert import dumps
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
        expected = [dumps(evaluator.evaluate(s)) for s in cells()]
        with ProcessPoolExecutor(2) as pool:
            got = [dumps(r) for r in evaluator.evaluate_many(cells(), executor=pool, chunksize=2)]
    assert expected == got


def test_an_unbound_evaluation_says_how_to_get_its_trace() -> None:
    """An evaluation pickled elsewhere has no framework: its trace raises a clear error until bound."""
    with Evaluator(FRAMEWORK, backend="python") as evaluator:
        result = evaluator.evaluate(cells()[1])
    copy = pickle.loads(pickle.dumps(result))
    with pytest.raises(PartyrulesError, match=r"\.bind\(framework\)"):
        _ = copy.trace
    assert dumps(result) == dumps(copy.bind(FRAMEWORK))
