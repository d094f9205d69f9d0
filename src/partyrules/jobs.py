"""What a batch carries to its workers and reports back: the framework version expected of
every unit, the job, the summary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from .errors import InputError
from .frameworks import Framework
from .io.files import confine
from .io.read import Unit
from .io.write import Format
from .limits import Limits, current_limits
from .plugins import is_framework_file
from .problems import Problem, Scope
from .text.catalogue import msg

__all__ = ["JSONL", "Expected", "Job", "Summary"]

#: The default output: JSON Lines, compact records.
JSONL = Format("jsonl")


def _beside(named: str, input_file: Path) -> Path | None:
    """The framework file a unit names, resolved next to the input file (``None``: a name); one
    outside the input file's folder is refused (:func:`partyrules.io.files.confine`)."""
    if not (
        named.endswith(".toml") or "/" in named or "\\" in named or is_framework_file(str(input_file.parent / named))
    ):
        return None
    candidate, refused = confine(named, input_file, input_file.parent)
    if refused is not None:
        raise InputError([Problem(refused, ("framework",), hint=msg("file.path_hint"))])
    return candidate


@attrs.frozen
class Expected:
    """What every unit of a batch must agree with: one batch is graded under one framework
    version.  Fields a unit writes (``framework``, ``framework_version``, ``period``) that the
    command line did not override must name the batch's framework, its version, and a period it
    is in force in."""

    name: str
    version: str
    in_force: tuple[int | None, int | None]
    #: The framework file the batch's framework was read from, resolved (``None``: installed).
    file: str | None = None
    #: Whether the framework (and the version) were given for the whole batch.
    given: bool = False
    version_given: bool = False

    def check(self, data: Any, unit: Unit) -> list[Problem]:
        """The problems of a unit that names another framework, version or period."""
        if not isinstance(data, dict):
            return []
        problems = []
        if not self.given:
            named = data.get("framework")
            if isinstance(named, str) and named.strip() and not self._same(named, unit):
                problems.append(self._problem("batch.another_framework", ("framework",), named=named))
        if not self.version_given:
            version = data.get("framework_version")
            period = data.get("period")
            if isinstance(version, str) and version != self.version:
                problems.append(self._problem("batch.another_version", ("framework_version",), named=version))
            elif version is None and isinstance(period, int) and not isinstance(period, bool):
                first, last = self.in_force
                if (first is not None and period < first) or (last is not None and period > last):
                    problems.append(self._problem("batch.period_outside", ("period",), period=period))
        return [unit.locate(p) for p in problems]

    def _same(self, named: str, unit: Unit) -> bool:
        path = _beside(named, Path(unit.file))
        if path is None:
            return self.file is None and named == self.name
        return self.file is not None and str(path.resolve()) == self.file

    def _problem(self, key: str, loc: tuple[str, ...], **args: Any) -> Problem:
        message = msg(key, name=self.name, version=self.version, **args)
        return Problem(message, loc, Scope("data"), msg("batch.one_framework_hint"))


@attrs.frozen
class Job:
    """What to evaluate a batch with: the framework (resolved), backend, regime and output, and
    what every unit must agree with."""

    framework: Framework
    expected: Expected
    backend: str = "auto"
    regime: str | None = None
    form: Format = JSONL
    #: The limits the units are read with (a worker process has only the defaults of its own).
    limits: Limits = attrs.field(factory=current_limits)


@attrs.frozen
class Summary:
    """What a batch did: units and subjects evaluated, and the most units held in memory at once."""

    units: int
    subjects: int
    most_held: int
