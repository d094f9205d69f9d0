"""The result of an evaluation, with its trace built on demand."""

from __future__ import annotations

from typing import Any

import attrs

from .model import Grade, Kind, Rating
from .trace import Trace

__all__ = ["DimensionResult", "Evaluation", "FrameworkRef"]


@attrs.frozen
class FrameworkRef:
    """Which framework produced an evaluation: enough to reproduce it years later."""

    name: str
    version: str
    content_hash: str


@attrs.frozen
class DimensionResult:
    """One dimension of one subject: points met out of the maximum, rating, and good or not.

    ``points`` is the score scaled to the dimension's declared weight (``dimension_points`` of
    the framework), or ``None`` when the framework declares no weights.
    """

    name: str
    score: float
    max: float
    rating: Rating
    good: bool
    points: float | None = None
    required_failed: tuple[str, ...] = ()
    vetoed: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()


@attrs.frozen
class Evaluation:
    """The result for one subject: grade, Four-Good verdict, dimensions, and the trace.

    ``grade`` is ``None`` only when the subject is not graded (``graded`` is false: a member
    suspended, or admitted less than six months before the review).  ``complete`` is false when
    a rule was ``unknown`` because a fact was missing.  ``trace`` is built on first access.
    """

    subject_id: str
    kind: Kind
    period: int
    grade: Grade | None
    four_good: bool
    score: float | None
    dimensions: tuple[DimensionResult, ...]
    regime: str
    backend: str
    framework: FrameworkRef
    complete: bool = True
    graded: bool = True
    name: str = ""
    children: tuple[Evaluation, ...] = ()
    _trace: Trace | None = attrs.field(default=None, eq=False, repr=False, alias="trace")
    _source: Any = attrs.field(default=None, eq=False, repr=False, alias="source")

    @property
    def trace(self) -> Trace:
        """The full explanation (built once, on first access)."""
        if self._trace is None:
            from .errors import PartyrulesError
            from .trace import build_trace

            if self._source is None or getattr(self._source, "framework", None) is None:
                raise PartyrulesError(
                    f"the trace of {self.subject_id!r} cannot be built: this evaluation was sent from "
                    "another process without its framework; call .bind(framework) first, or "
                    ".materialized() before sending it"
                )
            object.__setattr__(self, "_trace", build_trace(self, self._source))
            object.__setattr__(self, "_source", None)
        assert self._trace is not None
        return self._trace

    def dimension(self, name: str) -> DimensionResult:
        for item in self.dimensions:
            if item.name == name:
                return item
        raise KeyError(name)

    def bind(self, framework: Any) -> Evaluation:
        """Attach ``framework`` (the one that produced it) after unpickling, so the trace can be
        built; returns ``self``."""
        source = self._source
        if source is not None and hasattr(source, "bind"):
            source.bind(framework)
        for child in self.children:
            child.bind(framework)
        return self

    def materialized(self) -> Evaluation:
        """The same evaluation with its trace built, safe to pickle or send elsewhere."""
        trace = self.trace
        children = tuple(child.materialized() for child in self.children)
        return attrs.evolve(self, trace=trace, source=None, children=children)
