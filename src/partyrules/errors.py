"""The exception tree of partyrules.

Every exception raised on purpose derives from :class:`PartyrulesError` and from the builtin a
caller would expect (``ValueError`` for bad input, ``TypeError`` for a declaration built the
wrong way, ``LookupError`` for an unknown name, ``ImportError`` for a broken plugin,
``RuntimeError`` for an engine failure).  Exceptions carry fields (``problems``, ``rule_id``,
``origin``...) so that tools act on them without parsing messages; their text is rendered
when shown, in the language in use (:mod:`partyrules.text.catalogue`).  Every exception pickles
and unpickles equal, so it can cross a process pool.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from .limits import current_limits
from .problems import Problem, did_you_mean
from .text.catalogue import Message, msg

__all__ = [
    "DeclarationError",
    "DuplicatePluginError",
    "EngineError",
    "EngineLimitError",
    "EngineUnavailableError",
    "ExpressionError",
    "FrameworkError",
    "FrameworkMismatchError",
    "InputError",
    "MissingFactError",
    "Origin",
    "PartyrulesError",
    "PluginError",
    "PluginErrors",
    "PluginImportError",
    "PluginTypeError",
    "RulesetError",
    "ThreadAffinityError",
    "UnknownNameError",
    "ValidationError",
]


def _rebuild(cls: type[PartyrulesError], args: tuple[Any, ...], kwargs: dict[str, Any]) -> PartyrulesError:
    return cls(*args, **kwargs)


class PartyrulesError(Exception):
    """Root of every exception partyrules raises on purpose.

    It keeps the arguments it was built with, so it pickles, and compares equal to an
    exception of the same type built with equal arguments.
    """

    _init: tuple[tuple[Any, ...], dict[str, Any]]

    def __new__(cls, *args: Any, **kwargs: Any) -> PartyrulesError:
        self = super().__new__(cls, *args)
        self._init = (args, kwargs)
        return self

    def __init__(self, message: Message | str = "") -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), *self._init))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PartyrulesError):
            return NotImplemented
        return type(self) is type(other) and self._init == other._init

    def __hash__(self) -> int:
        return hash(type(self))


class DeclarationError(PartyrulesError, TypeError):
    """A condition, a rule or a subject was built the wrong way in Python."""


class ValidationError(PartyrulesError, ValueError):
    """Something given to partyrules is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[Problem], *, what: Message | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.what = what if what is not None else msg("what.input")
        super().__init__(self.what)

    def __str__(self) -> str:
        count = len(self.problems)
        head = msg("problems.head.one" if count == 1 else "problems.head.many", count=count, what=self.what).render()
        shown = current_limits().problems
        lines = [head, *(f"  - {p}" for p in self.problems[:shown])]
        if count > shown:
            lines.append("  " + msg("problems.more", count=count - shown).render())
        return "\n".join(lines)


class InputError(ValidationError):
    """Subject data (a file, a mapping, a record) is invalid."""


class RulesetError(ValidationError):
    """A rule or a ruleset is invalid at declaration."""


class FrameworkError(ValidationError):
    """A framework (Python or a framework file) is invalid."""


class ExpressionError(PartyrulesError, ValueError):
    """A problem in a condition of a framework file: ``column`` is 1-based within its text."""

    def __init__(self, message: Message, column: int, hint: Message | None = None) -> None:
        super().__init__(message)
        self.column = column
        self.hint = hint

    def __str__(self) -> str:
        text = msg("expression.at", column=self.column, message=self.message).render()
        return text + (f" ({self.hint})" if self.hint is not None else "")


class UnknownNameError(PartyrulesError, LookupError):
    """A ruleset, framework, subject, backend... name is not known (``kind`` says which)."""

    def __init__(self, kind: str, name: str, known: Iterable[str], **args: Any) -> None:
        self.kind = kind
        self.name = name
        self.known = tuple(sorted(known))
        self.details = args
        self.suggestion = did_you_mean(name, self.known)
        super().__init__(msg(f"noun.{kind}", **args))

    def problem(self, loc: tuple[str | int, ...] = (), **where: Any) -> Problem:
        """This error as a :class:`~partyrules.problems.Problem` at ``loc`` (an input that named
        the unknown thing): ``$.framework: unknown framework 'x' (did you mean 'y'?)``."""
        hint: Message | None
        if self.suggestion:
            hint = msg("hint.did_you_mean", name=self.suggestion)
        else:
            hint = msg("hint.one_of", values=", ".join(self.known[:12])) if self.known else None
        return Problem(msg("unknown.name", kind=self.message, name=self.name), loc, hint=hint, **where)

    def __str__(self) -> str:
        text = msg("unknown.name", kind=self.message, name=self.name).render()
        if self.suggestion:
            return text + " " + msg("unknown.suggest", name=self.suggestion).render()
        if self.known:
            return text + msg("unknown.known", names=", ".join(self.known[:12])).render()
        return text + msg("unknown.none", kind=self.message).render()


class MissingFactError(PartyrulesError, LookupError):
    """A rule read a fact the subject does not have, under the ``error`` unknown policy."""

    def __init__(self, subject_id: str, missing: Mapping[str, tuple[str, ...]]) -> None:
        self.subject_id = subject_id
        self.missing = dict(missing)
        super().__init__(msg("missing.facts"))

    def __str__(self) -> str:
        parts = "; ".join(f"{rule}: {', '.join(facts)}" for rule, facts in sorted(self.missing.items()))
        return msg("missing.facts", subject=self.subject_id, parts=parts).render()


class FrameworkMismatchError(PartyrulesError, ValueError):
    """A result was rebuilt against another framework than the one that produced it."""

    def __init__(self, subject_id: str, expected: str, given: str) -> None:
        self.subject_id = subject_id
        self.expected = expected
        self.given = given
        super().__init__(msg("framework.mismatch"))

    def __str__(self) -> str:
        return msg(
            "framework.mismatch", subject=self.subject_id, expected=self.expected[:12], given=self.given[:12]
        ).render()


@attrs.frozen
class Origin:
    """Where a registered object came from: the entry point and its distribution."""

    plugin: str
    value: str
    distribution: str | None = None
    version: str | None = None

    @classmethod
    def added(cls, name: str) -> Origin:
        return cls(name, "added in code")

    def holder(self) -> str:
        """The distribution and version, or (for objects added in code or files) the value."""
        return f"{self.distribution} {self.version}" if self.distribution else self.value


class PluginError(PartyrulesError, ImportError):
    """An entry point in ``partyrules.rulesets`` could not be used; ``origin`` says which."""

    def __init__(self, message: Message, *, origin: Origin) -> None:
        super().__init__(message)
        self.origin = origin

    @property
    def plugin(self) -> str:
        return self.origin.plugin

    @property
    def value(self) -> str:
        return self.origin.value

    @property
    def distribution(self) -> str | None:
        return self.origin.distribution

    @property
    def version(self) -> str | None:
        return self.origin.version

    def __str__(self) -> str:
        origin = self.origin
        holder = f"{origin.distribution} {origin.version}" if origin.distribution else None
        where = msg("plugin.from", dist=holder) if holder else msg("plugin.from_unknown")
        return msg("plugin.error", plugin=origin.plugin, value=origin.value, where=where, message=self.message).render()


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
        super().__init__(msg("plugins.head.many", count=len(self.errors)))

    def __str__(self) -> str:
        count = len(self.errors)
        lines = [msg("plugins.head.one" if count == 1 else "plugins.head.many", count=count).render()]
        for error in self.errors:
            line = f"  - {error}"
            if error.__cause__ is not None:
                cause = f"{type(error.__cause__).__name__}: {error.__cause__}"
                line += "\n    " + msg("plugins.caused_by", cause=cause).render()
            lines.append(line)
        lines.append("  " + msg("plugins.advice").render())
        return "\n".join(lines)


class EngineError(PartyrulesError, RuntimeError):
    """A rules engine failed; ``backend``, ``code`` and ``rule_id`` say where."""

    def __init__(self, message: Message, *, backend: str, code: int | None = None, rule_id: str | None = None) -> None:
        super().__init__(message)
        self.backend = backend
        self.code = code
        self.rule_id = rule_id


class EngineUnavailableError(EngineError):
    """The requested backend cannot be used here (durable_rules is not importable)."""


class EngineLimitError(EngineError):
    """A ruleset or an input exceeds a hard limit of the engine."""


class ThreadAffinityError(EngineError):
    """A compiled engine handle was used from a thread other than the one that built it."""
