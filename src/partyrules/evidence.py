"""Evidence: what one evaluation read and decided, as a public, frozen, compact record.

It holds no framework (so it pickles cheaply and can be stored): the facts the rules and the
grading read, each rule's outcome, which effects counted, the regime's base grade, the
sanctions applied, and what kept the subject from the next grade and from Four-Good.  The full
trace is rebuilt from evidence plus the framework that produced it
(:func:`partyrules.build_trace`, which checks the framework's content hash).

Outcomes are kept as bit masks over :attr:`Evidence.rules` (bit ``i`` is rule ``rules[i]``):
cheap to build for every subject of a country; :attr:`Evidence.met` and the other sets are
derived from them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from .facts import Facts
from .model import Outcome, Reason
from .regimes import Base

__all__ = ["Evidence", "mask_of", "rule_ids"]


def mask_of(rules: tuple[str, ...], ids: Iterable[str]) -> int:
    """The bit mask of ``ids`` over ``rules``."""
    wanted = set(ids)
    return sum(1 << index for index, rule_id in enumerate(rules) if rule_id in wanted)


def rule_ids(rules: tuple[str, ...], mask: int) -> frozenset[str]:
    """The rule ids whose bits are set in ``mask``."""
    if not mask:
        return frozenset()
    return frozenset(rule_id for index, rule_id in enumerate(rules) if mask >> index & 1)


@attrs.frozen(slots=True)
class Evidence:
    """What one evaluation read and decided.

    ``rules`` lists every rule of the subject's kind in the framework's order; the masks say
    which were met, unknown (a fact they read was missing) or not applicable (the others were
    not met), and which counted (their effect was applied: met, or unknown and counted so by
    the unknown policy); ``sanctions`` are the vetoes, caps and blocks applied, by id.
    Build one from sets with :meth:`of`.
    """

    facts: Facts
    rules: tuple[str, ...]
    met_mask: int
    unknown_mask: int
    not_applicable_mask: int
    counted_mask: int
    base: Base
    sanctions: tuple[str, ...] = ()
    grade_blockers: tuple[Reason, ...] = ()
    four_good_blockers: tuple[Reason, ...] = ()
    #: Where the quota on EXCELLENT placed this subject among its deciding body's comparable
    #: subjects (``quota_kept`` or ``quota_moved``, with its rank and the number allowed), when
    #: it was proposed EXCELLENT; ``None`` otherwise.
    quota: Reason | None = None

    @classmethod
    def of(
        cls,
        *,
        facts: Mapping[str, object],
        rules: tuple[str, ...],
        met: Iterable[str],
        unknown: Iterable[str] = (),
        not_applicable: Iterable[str] = (),
        counted: Iterable[str] | None = None,
        base: Base,
        sanctions: tuple[str, ...] = (),
        grade_blockers: tuple[Reason, ...] = (),
        four_good_blockers: tuple[Reason, ...] = (),
    ) -> Evidence:
        """Evidence from sets of rule ids (``counted`` defaults to ``met``)."""
        met = tuple(met)
        return cls(
            facts if isinstance(facts, Facts) else Facts(facts),
            rules,
            mask_of(rules, met),
            mask_of(rules, unknown),
            mask_of(rules, not_applicable),
            mask_of(rules, met if counted is None else counted),
            base,
            sanctions,
            grade_blockers,
            four_good_blockers,
        )

    @property
    def met(self) -> frozenset[str]:
        """The rules whose condition held (and that applied)."""
        return rule_ids(self.rules, self.met_mask)

    @property
    def unknown(self) -> frozenset[str]:
        """The rules a missing fact left undecided."""
        return rule_ids(self.rules, self.unknown_mask)

    @property
    def not_applicable(self) -> frozenset[str]:
        """The rules that do not apply to the subject (their ``applies`` does not hold)."""
        return rule_ids(self.rules, self.not_applicable_mask)

    @property
    def counted(self) -> frozenset[str]:
        """The rules whose effect was applied."""
        return rule_ids(self.rules, self.counted_mask)

    def outcome(self, rule_id: str) -> Outcome:
        """The outcome of rule ``rule_id``."""
        try:
            bit = 1 << self.rules.index(rule_id)
        except ValueError:
            raise KeyError(rule_id) from None
        if self.unknown_mask & bit:
            return Outcome.UNKNOWN
        if self.not_applicable_mask & bit:
            return Outcome.NOT_APPLICABLE
        return Outcome.MET if self.met_mask & bit else Outcome.NOT_MET

    @property
    def outcomes(self) -> Mapping[str, Outcome]:
        """Every rule's outcome, by id, in the framework's order."""
        return {rule_id: self.outcome(rule_id) for rule_id in self.rules}

    def is_counted(self, rule_id: str) -> bool:
        """Whether rule ``rule_id``'s effect was applied."""
        return bool(self.counted_mask >> self.rules.index(rule_id) & 1)
