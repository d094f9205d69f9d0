"""The exception tree of partyrules.

Every exception raised on purpose by partyrules derives from :class:`PartyrulesError` and from
the builtin a caller would expect (``ValueError`` for bad input, ``LookupError`` for an unknown
name, ``ImportError`` for a broken plugin, ``RuntimeError`` for an engine failure).  Exceptions
carry fields (``problems``, ``path``, ``rule_id``, ``plugin``...) so that tools can act on them
without parsing messages.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "DuplicatePluginError",
    "EngineError",
    "EngineLimitError",
    "EngineUnavailableError",
    "FrameworkError",
    "InputError",
    "MissingFactError",
    "PartyrulesError",
    "PluginError",
    "PluginErrors",
    "PluginImportError",
    "PluginTypeError",
    "Problem",
    "RulesetError",
    "ThreadAffinityError",
    "UnknownNameError",
    "ValidationError",
    "did_you_mean",
]


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """Return the closest candidate to ``name``, or ``None`` when nothing is close."""
    matches = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def describe(value: object) -> str:
    """A short description of a given value for messages: ``-1 (int)``."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


@attrs.frozen
class Problem:
    """One problem found in an input, a ruleset or a framework.

    ``path`` locates it (``$.cells[3].facts.regular_meetings_held`` for data,
    ``ward.toml:12:5`` for a file position, ``rule meetings.monthly`` for a declaration).
    """

    path: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.path}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class PartyrulesError(Exception):
    """Root of every exception partyrules raises on purpose."""


class ValidationError(PartyrulesError, ValueError):
    """Something given to partyrules is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[Problem], *, what: str = "input") -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.what = what
        super().__init__(self._message())

    def _message(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in {self.what}:"
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_validation_error, (type(self), self.problems, self.what))


def _rebuild_validation_error(cls: type[ValidationError], problems: tuple[Problem, ...], what: str) -> ValidationError:
    return cls(problems, what=what)


class InputError(ValidationError):
    """Subject data (a file, a mapping, a record) is invalid."""


class RulesetError(ValidationError):
    """A rule or a ruleset is invalid at declaration."""


class FrameworkError(ValidationError):
    """A framework (Python or TOML) is invalid."""


class UnknownNameError(PartyrulesError, LookupError):
    """A ruleset, framework, fact or parameter name is not known."""

    def __init__(self, kind: str, name: str, known: Iterable[str]) -> None:
        self.kind = kind
        self.name = name
        self.known = tuple(sorted(known))
        self.suggestion = did_you_mean(name, self.known)
        message = f"unknown {kind} {name!r}"
        if self.suggestion:
            message += f" (did you mean {self.suggestion!r}?)"
        elif self.known:
            message += f"; known: {', '.join(self.known[:12])}"
        else:
            message += f"; no {kind} is installed"
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.kind, self.name, self.known))


class MissingFactError(PartyrulesError, LookupError):
    """A rule read a fact the subject does not have, under the ``error`` unknown policy."""

    def __init__(self, subject_id: str, missing: dict[str, tuple[str, ...]]) -> None:
        self.subject_id = subject_id
        self.missing = missing
        parts = [f"{rule}: {', '.join(facts)}" for rule, facts in sorted(missing.items())]
        super().__init__(
            f"subject {subject_id!r} lacks facts that rules read ({'; '.join(parts)}); "
            "give them, or choose the 'worst' or 'best' unknown policy"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.subject_id, self.missing))


class PluginError(PartyrulesError, ImportError):
    """An entry point in ``partyrules.rulesets`` could not be used."""

    def __init__(
        self,
        message: str,
        *,
        plugin: str,
        value: str = "",
        distribution: str | None = None,
        version: str | None = None,
    ) -> None:
        self.plugin = plugin
        self.value = value
        self.distribution = distribution
        self.version = version
        origin = f"{distribution} {version}" if distribution else "an unknown distribution"
        super().__init__(f'plugin "{plugin}" ({value}) from {origin}: {message}')


class PluginImportError(PluginError):
    """Loading the entry point raised an exception (chained as ``__cause__``)."""


class PluginTypeError(PluginError):
    """The entry point loaded an object that is not a ruleset, a framework or a factory."""


class DuplicatePluginError(PluginError):
    """Two distributions provide a ruleset or framework of the same name."""


class PluginErrors(PartyrulesError):
    """Every plugin problem found during one discovery, reported together."""

    def __init__(self, errors: Sequence[PluginError]) -> None:
        self.errors: tuple[PluginError, ...] = tuple(errors)
        count = len(self.errors)
        lines = [f"{count} broken plugin{'s' if count != 1 else ''} in 'partyrules.rulesets':"]
        for error in self.errors:
            line = f"  - {error}"
            if error.__cause__ is not None:
                line += f"\n    caused by {type(error.__cause__).__name__}: {error.__cause__}"
            lines.append(line)
        lines.append(
            "  (set PARTYRULES_DISABLE_PLUGIN_AUTOLOAD=1 to start without plugins, "
            "or uninstall the broken distribution)"
        )
        super().__init__("\n".join(lines))


class EngineError(PartyrulesError, RuntimeError):
    """A rules engine failed; ``backend``, ``code`` and ``rule_id`` say where."""

    def __init__(
        self,
        message: str,
        *,
        backend: str,
        code: int | None = None,
        rule_id: str | None = None,
    ) -> None:
        self.backend = backend
        self.code = code
        self.rule_id = rule_id
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_engine_error, (type(self), str(self), self.backend, self.code, self.rule_id))


def _rebuild_engine_error(
    cls: type[EngineError], message: str, backend: str, code: int | None, rule_id: str | None
) -> EngineError:
    return cls(message, backend=backend, code=code, rule_id=rule_id)


class EngineUnavailableError(EngineError):
    """The requested backend cannot be used here (durable_rules is not importable)."""


class EngineLimitError(EngineError):
    """A ruleset or an input exceeds a hard limit of the engine."""


class ThreadAffinityError(EngineError):
    """A compiled engine handle was used from a thread other than the one that built it."""
