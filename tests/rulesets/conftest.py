"""Fixtures for the reference framework: loaded through the entry points, as users get it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from partyrules import Evaluator, Framework, Registry


@pytest.fixture(scope="session")
def fourgood() -> Framework:
    return Registry().framework("fourgood")


@pytest.fixture(scope="session", params=["durable", "python"])
def evaluator(request: pytest.FixtureRequest, fourgood: Framework) -> Iterator[Evaluator]:
    with Evaluator(fourgood, backend=request.param) as ev:
        yield ev
