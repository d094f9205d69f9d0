"""The result of an evaluation: the decision, and the evidence it rests on."""

from __future__ import annotations

import attrs

from .evidence import Evidence
from .model import DimensionResult, Grade, Kind

__all__ = ["Evaluation", "FrameworkRef"]


@attrs.frozen
class FrameworkRef:
    """Which framework produced an evaluation: enough to reproduce it years later."""

    name: str
    version: str
    content_hash: str


@attrs.frozen
class Evaluation:
    """The result for one subject: grade, Four-Good verdict, dimensions, and the evidence.

    ``grade`` is ``None`` only when the subject is not graded (``graded`` is false: a member
    suspended, or admitted less than six months before the review).  ``complete`` is false when
    a rule was ``unknown`` because a fact was missing.  ``evidence`` holds what the evaluation
    read and decided; :func:`partyrules.build_trace` rebuilds the full trace from it and the
    framework.  An evaluation holds no framework: it pickles cheaply.
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
    evidence: Evidence
    complete: bool = True
    graded: bool = True
    name: str = ""
    children: tuple[Evaluation, ...] = ()
    library_version: str = ""

    def dimension(self, name: str) -> DimensionResult:
        for item in self.dimensions:
            if item.name == name:
                return item
        raise KeyError(name)

    def walk(self) -> tuple[Evaluation, ...]:
        """This evaluation and every listed child's, depth first."""
        found = [self]
        for child in self.children:
            found.extend(child.walk())
        return tuple(found)
