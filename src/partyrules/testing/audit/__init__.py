"""Audit properties: each takes a framework and returns its violations, with minimal
counterexamples found and shrunk by hypothesis.

- :func:`check_totality`: every valid subject gets exactly one grade and one verdict, no exception;
- :func:`check_determinism`: the same subject gives byte-identical JSON whatever was evaluated
  before it, the order of subjects, or the order of the rules;
- :func:`check_monotonicity`: improving one fact in its better direction never lowers the grade
  and never revokes Four-Good;
- :func:`check_agreement`: the durable_rules backend and the interpreter agree on every rule;
- :func:`check_coverage`: every rule is met by some subject and not met by another, every grade
  and both verdicts are reachable, every veto, cap and block changes some outcome;
- :func:`check_consistency`: no two caps or vetoes contradict, no rule is shadowed by another;
- :func:`check_trace`: the decision recomputed from the trace alone equals the decision.

A violation that only involves rules the framework exempts (``Exemption(rule, property,
reason)``) is reported with ``exempted_by`` set and does not fail the audit.  Each property is
a module of this package over one shared driver (``_search``); the report and its rendering
are :mod:`partyrules.testing.audit.report`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ...errors import UnknownNameError
from ...frameworks import Framework
from ...model import Kind
from ._behaviour import check_agreement, check_determinism, check_totality
from ._consistency import check_consistency
from ._coverage import check_coverage
from ._monotonicity import check_monotonicity
from ._trace import check_trace, recompute_decision
from .report import AuditReport, Violation, counterexample_document, render_report, write_counterexamples

__all__ = [
    "PROPERTIES",
    "AuditReport",
    "Violation",
    "audit",
    "check_agreement",
    "check_consistency",
    "check_coverage",
    "check_determinism",
    "check_monotonicity",
    "check_totality",
    "check_trace",
    "counterexample_document",
    "recompute_decision",
    "render_report",
    "write_counterexamples",
]


PROPERTIES: dict[str, Callable[..., list[Violation]]] = {
    "totality": check_totality,
    "determinism": check_determinism,
    "monotonicity": check_monotonicity,
    "agreement": check_agreement,
    "coverage": check_coverage,
    "consistency": check_consistency,
    "trace": check_trace,
}


def audit(
    framework: Framework,
    *,
    examples: int = 100,
    seed: int = 0,
    properties: Iterable[str] | None = None,
    kinds: Iterable[Kind | str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> AuditReport:
    """Run the audit properties (all by default) and collect their violations.

    ``examples`` is the number of examples tried per search, ``seed`` makes the run
    reproducible; ``properties`` and ``kinds`` restrict it.  Raises
    :class:`~partyrules.errors.UnknownNameError` for a property or kind that does not exist.
    """
    names = list(properties) if properties is not None else list(PROPERTIES)
    for name in names:
        if name not in PROPERTIES:
            raise UnknownNameError("audit_property", name, PROPERTIES)
    kinds = list(kinds) if kinds is not None else None
    for kind in kinds or ():
        if str(getattr(kind, "value", kind)) not in {k.value for k in Kind}:
            raise UnknownNameError("kind", str(kind), [k.value for k in Kind])
    violations: list[Violation] = []
    for name in names:
        if progress is not None:
            progress(name)
        violations.extend(PROPERTIES[name](framework, examples=examples, seed=seed, kinds=kinds))
    return AuditReport(
        framework.name, framework.version, framework.content_hash, seed, examples, tuple(names), tuple(violations)
    )
