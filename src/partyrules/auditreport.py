"""Rendering an audit report: each violation with its counterexample as a ready-to-evaluate
input file, and the outcomes that disagree."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

import yaml

from .io.files import write_atomic

if TYPE_CHECKING:
    from .testing.audit import AuditReport, Violation

__all__ = ["render_report", "write_counterexamples"]


def _document(violation: Violation) -> str:
    from .testing.audit import counterexample_document

    return yaml.safe_dump(counterexample_document(violation), allow_unicode=True, sort_keys=False)


def render_report(report: AuditReport) -> str:
    lines = [f"audit of {report.framework} {report.version} (sha256 {report.content_hash[:12]}), seed {report.seed}:"]
    failing = [v for v in report.violations if v.exempted_by is None]
    accepted = [v for v in report.violations if v.exempted_by is not None]
    for violation in failing:
        lines.append(f"✗ {violation.property} ({violation.kind.value}): {violation.message}")
        for outcome in violation.outcomes:
            lines.append(f"    {outcome}")
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
