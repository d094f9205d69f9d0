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
from ...text.catalogue import Message, Words, language, render

__all__ = ["AuditReport", "Violation", "counterexample_document", "render_report", "write_counterexamples"]


@attrs.frozen
class Violation:
    """One violated property, with the smallest counterexample found.

    ``examples`` are the subjects that show it (two for monotonicity: before and after the
    improvement); ``outcomes`` are the outcomes that disagree, in words.  ``message`` and
    ``outcomes`` are catalogue messages, and ``exempted_by`` the framework's reasons in both
    languages, worded when shown (``str()``: in the language in use).
    """

    property: str
    kind: Kind
    message: str | Message
    rule_id: str | None = None
    fact: str | None = None
    examples: tuple[Subject, ...] = ()
    outcomes: tuple[str | Message, ...] = ()
    exempted_by: str | Words | None = None


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


def render_report(report: AuditReport, lang: str | None = None) -> str:
    """The report in words (in ``lang``, default the language in use): each failing violation
    with its counterexample, then those accepted."""
    lang = lang or language()

    def say(key: str, **args: Any) -> str:
        return render(key, lang, args)

    lines = [
        say(
            "audit.head", name=report.framework, version=report.version, hash=report.content_hash[:12], seed=report.seed
        )
    ]
    failing = [v for v in report.violations if v.exempted_by is None]
    accepted = [v for v in report.violations if v.exempted_by is not None]
    for violation in failing:
        lines.append(f"✗ {_headline(violation, lang)}")
        lines.extend(f"    {_words(outcome, lang)}" for outcome in violation.outcomes)
        if violation.examples:
            # a coverage or consistency finding is shown on an example; the others are disproved
            lines.append(
                say("audit.example" if violation.property in ("coverage", "consistency") else "audit.counterexample")
            )
            lines.extend("      " + line for line in _document(violation).splitlines())
    for violation in accepted:
        lines.append(f"~ {_headline(violation, lang)}")
        lines.append(say("audit.accepted_by", exemption=violation.exempted_by))
    checked = ", ".join(render(f"audit.property.{name}", lang) for name in report.checked)
    if failing:
        lines.append(say("audit.failed", failing=len(failing), accepted=len(accepted), checked=checked))
    else:
        lines.append(say("audit.passed", accepted=len(accepted), checked=checked))
    return "\n".join(lines)


def _words(text: str | Message, lang: str) -> str:
    return text.render(lang) if isinstance(text, Message) else text


def _headline(violation: Violation, lang: str) -> str:
    """``monotonicity (cell): …``, in Vietnamese ``tính đơn điệu (chi bộ): …``."""
    name = render(f"audit.property.{violation.property}", lang)
    kind = violation.kind.word.render(lang)
    return f"{name} ({kind}): {_words(violation.message, lang)}"


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
