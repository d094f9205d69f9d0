"""Evidence: what one evaluation read and decided, as a public, frozen, compact record.

It holds no framework (so it pickles cheaply and can be stored): the facts the rules and the
grading read, each rule's outcome, which effects counted, the regime's base grade, the
sanctions applied, and what kept the subject from the next grade and from Four-Good.  The full
trace is rebuilt from evidence plus the framework that produced it
(:func:`partyrules.build_trace`, which checks the framework's content hash).
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from .facts import Facts
from .model import Outcome, Reason
from .regimes import Base

__all__ = ["Evidence"]


@attrs.frozen(slots=True)
class Evidence:
    """What one evaluation read and decided.

    ``rules`` lists every rule of the subject's kind in the framework's order; ``met``,
    ``unknown`` and ``not_applicable`` say which were so (the others were not met);
    ``counted`` holds the rules whose effect was applied (met, or unknown and counted so by the
    unknown policy); ``sanctions`` the vetoes, caps and blocks applied, by id.
    """

    facts: Facts
    rules: tuple[str, ...]
    met: frozenset[str]
    unknown: frozenset[str]
    not_applicable: frozenset[str]
    counted: frozenset[str]
    base: Base
    sanctions: tuple[str, ...] = ()
    grade_blockers: tuple[Reason, ...] = ()
    four_good_blockers: tuple[Reason, ...] = ()

    def outcome(self, rule_id: str) -> Outcome:
        """The outcome of rule ``rule_id``."""
        if rule_id in self.unknown:
            return Outcome.UNKNOWN
        if rule_id in self.not_applicable:
            return Outcome.NOT_APPLICABLE
        if rule_id in self.met:
            return Outcome.MET
        if rule_id in self.rules:
            return Outcome.NOT_MET
        raise KeyError(rule_id)

    @property
    def outcomes(self) -> Mapping[str, Outcome]:
        """Every rule's outcome, by id, in the framework's order."""
        return {rule_id: self.outcome(rule_id) for rule_id in self.rules}
