"""A differential test at the level of whole frameworks: every generated framework (random
schema, dimensions, rules with points, required rules, vetoes, caps, blocks and exclusions,
policy, weights) evaluates to the same results on the durable_rules backend and on the
interpreter, for subjects near its rules' boundaries, missing facts included.

Facts come from the engine-level :func:`~partyrules.testing.strategies.fact_maps`, whose integers
are exact doubles: one past a threshold beyond 2**63 (10**20 + 1) durable_rules cannot compare
exactly (tests/testing/test_broken_frameworks.py::test_the_real_encoder_never_answers_wrongly).
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from partyrules import Evaluation, Evaluator, Framework, Subject, build_trace
from partyrules.engine import durable_available
from partyrules.errors import PartyrulesError
from partyrules.testing.strategies import boundaries, fact_maps, frameworks

pytestmark = pytest.mark.skipif(not durable_available(), reason="durable_rules does not import here")


def attempt(evaluator: Evaluator, subject: Subject) -> Evaluation | tuple[str, str]:
    """The evaluation, or the error (its type and message) partyrules raised instead."""
    try:
        return evaluator.evaluate(subject)
    except PartyrulesError as error:
        return type(error).__name__, str(error)


@given(framework=frameworks(), data=st.data())
def test_backends_agree_on_generated_frameworks(framework: Framework, data: st.DataObject) -> None:
    """Each subject gets the same evaluation and the same trace on both backends (apart from
    the backend they name), or the same error on both."""
    view = framework.view("cell")
    near = {name: sorted(values, key=repr) for name, values in boundaries(framework, "cell").items()}
    facts = data.draw(st.lists(fact_maps(view.schema, missing=True, boundaries=near), min_size=1, max_size=4))
    period = data.draw(st.sampled_from((2024, 2025)), label="period")
    with Evaluator(framework, backend="durable") as engine, Evaluator(framework, backend="python") as oracle:
        for index, given_facts in enumerate(facts):
            subject = Subject(f"c{index}", "cell", period, given_facts)
            durable, python = attempt(engine, subject), attempt(oracle, subject)
            if isinstance(python, tuple):
                event(f"refused: {python[0]}")
                assert python == durable
                continue
            assert not isinstance(durable, tuple), durable
            event(f"grade {python.grade}, Four-Good {python.four_good}")
            assert python == attrs.evolve(durable, backend="python")
            assert build_trace(python, framework) == attrs.evolve(build_trace(durable, framework), backend="python")
