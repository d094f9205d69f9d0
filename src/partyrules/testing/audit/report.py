"""What an audit found: :class:`Violation`, :class:`AuditReport`, the report in words, and each
counterexample as a ready-to-evaluate input file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import attrs
import yaml

from ...io.files import write_atomic
from ...model import Kind
from ...subjects import Subject

__all__ = ["AuditReport", "Violation", "counterexample_document", "render_report", "write_counterexamples"]


@attrs.frozen
class Violation:
    """One violated property, with the smallest counterexample found.

    ``examples`` are the subjects that show it (two for monotonicity: before and after the
    improvement); ``outcomes`` are the outcomes that disagree, in words.
    """

    property: str
    kind: Kind
    message: str
    rule_id: str | None = None
    fact: str | None = None
    examples: tuple[Subject, ...] = ()
    outcomes: tuple[str, ...] = ()
    exempted_by: str | None = None


@attrs.frozen
class AuditReport:
    """What :func:`~partyrules.testing.audit.audit` checked (framework, seed, examples per
    search, properties) and every violation it found; :attr:`ok` when all of them are accepted
    by exemptions.  Render it with :func:`render_report`."""

    framework: str
    version: str
    content_hash: str
    seed: int
    examples: int
    checked: tuple[str, ...]
    violations: tuple[Violation, ...]

    @property
    def ok(self) -> bool:
        """No violation but exempted ones."""
        return all(v.exempted_by is not None for v in self.violations)


def counterexample_document(violation: Violation) -> dict[str, Any]:
    """The counterexample as an input file (``partyrules evaluate`` reads it)."""
    key = violation.kind.plural
    period = violation.examples[0].period if violation.examples else 2025
    items = []
    for index, subject in enumerate(violation.examples):
        label = (
            ("before", "after")[index]
            if violation.property == "monotonicity" and len(violation.examples) == 2
            else str(index + 1)
        )
        items.append({"id": f"counterexample-{label}", "facts": dict(sorted(subject.facts.items()))})
    return {"period": period, key: items}


def _document(violation: Violation) -> str:
    return yaml.safe_dump(counterexample_document(violation), allow_unicode=True, sort_keys=False)


def render_report(report: AuditReport) -> str:
    """The report in words: each failing violation with its counterexample, then those accepted."""
    lines = [f"audit of {report.framework} {report.version} (sha256 {report.content_hash[:12]}), seed {report.seed}:"]
    failing = [v for v in report.violations if v.exempted_by is None]
    accepted = [v for v in report.violations if v.exempted_by is not None]
    for violation in failing:
        lines.append(f"✗ {violation.property} ({violation.kind.value}): {violation.message}")
        lines.extend(f"    {outcome}" for outcome in violation.outcomes)
        if violation.examples:
            # a coverage or consistency finding is shown on an example; the others are disproved
            what = "example" if violation.property in ("coverage", "consistency") else "counterexample"
            lines.append(f"    {what} (partyrules evaluate reads it):")
            lines.extend("      " + line for line in _document(violation).splitlines())
    for violation in accepted:
        lines.append(f"~ {violation.property} ({violation.kind.value}): {violation.message}")
        lines.append(f"    accepted by exemption: {violation.exempted_by}")
    checked = ", ".join(report.checked)
    if failing:
        lines.append(f"FAILED: {len(failing)} violation(s), {len(accepted)} accepted by exemptions ({checked})")
    else:
        lines.append(f"passed: no violation, {len(accepted)} accepted by exemptions ({checked})")
    return "\n".join(lines)


def _writer(text: str) -> Callable[[IO[str]], object]:
    return lambda stream: stream.write(text)


def write_counterexamples(report: AuditReport, folder: Path) -> list[Path]:
    """Write each failing violation's counterexample as ``<property>-<kind>-<n>.yaml``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index, violation in enumerate(v for v in report.violations if v.exempted_by is None and v.examples):
        path = folder / f"{violation.property}-{violation.kind.value}-{index + 1}.yaml"
        write_atomic(path, _writer(_document(violation)))
        written.append(path)
    return written
