"""Subjects check their id and period when they are built."""

from __future__ import annotations

import pytest

from partyrules import Facts, Kind, Subject


class TestSubject:
    @pytest.mark.parametrize(
        ("field", "args"),
        [("id", (5, "cell", 2025)), ("period", ("a", "cell", "2025")), ("period", ("a", "cell", True))],
    )
    def test_a_wrong_id_or_period_is_refused(self, field: str, args: tuple[object, ...]) -> None:
        """An id is a text and a period a year (an int, not a bool or a text)."""
        with pytest.raises(TypeError, match=field):
            Subject(*args)  # type: ignore[arg-type]

    def test_none_facts_are_dropped_as_unknown(self) -> None:
        """A fact given as None is not known: it is left out of the subject's facts."""
        subject = Subject("a", "cell", 2025, {"x": 1, "y": None})
        assert (Kind.CELL, Facts({"x": 1})) == (subject.kind, subject.facts)
