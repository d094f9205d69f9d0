"""Rule engines behind one door.

A backend compiles ``(name, condition)`` pairs, whose parameters are already resolved, into an
object whose :meth:`CompiledRules.fired` returns the names of the conditions that hold for one
subject's facts.  Conditions that read a missing fact may or may not be in that set: the
evaluator decides their outcome (``unknown``) before it looks.

``python`` is the pure-Python interpreter (:mod:`partyrules.engine.interpret`); ``durable`` runs
on durable_rules (:mod:`partyrules.engine.durable`, imported only when asked for); ``auto`` is
``durable`` where durable_rules imports and ``python`` elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from ..conditions import Condition
from ..errors import EngineUnavailableError, UnknownNameError
from ..facts import FactValue
from ..text.catalogue import msg

__all__ = ["BACKENDS", "CompiledRules", "compile_rules", "durable_available", "resolve_backend"]

BACKENDS = ("durable", "python")


class CompiledRules(Protocol):
    """Compiled conditions, ready to run on one subject at a time."""

    backend: str

    def fired(self, facts: Mapping[str, FactValue]) -> frozenset[str]:
        """The names of the conditions that hold for ``facts``."""
        ...

    def close(self) -> None:
        """Free engine resources (a no-op for the interpreter)."""
        ...


def durable_available() -> bool:
    """Whether durable_rules can be imported here (CPython 3.11 and 3.12)."""
    try:
        import durable_rules_engine  # noqa: F401
    except ImportError:
        return False
    return True


def resolve_backend(name: str) -> str:
    """Turn ``auto`` into a concrete backend name; check the others."""
    if name == "auto":
        return "durable" if durable_available() else "python"
    if name not in BACKENDS:
        raise UnknownNameError("backend", name, (*BACKENDS, "auto"))
    if name == "durable" and not durable_available():
        raise EngineUnavailableError(msg("engine.durable_unavailable"), backend="durable")
    return name


def compile_rules(
    conditions: Sequence[tuple[str, Condition]], *, backend: str, types: Mapping[str, str]
) -> CompiledRules:
    """Compile resolved conditions for ``backend`` (``durable`` or ``python``).

    ``types`` maps each fact read to its schema type (``int``, ``float``, ``bool``, ``str``):
    the durable backend uses it to refuse values of the wrong type before the engine sees them.
    """
    name = resolve_backend(backend)
    if name == "durable":
        from .durable import DurableRules

        return DurableRules(conditions, types=types)
    from .interpret import InterpretedRules

    return InterpretedRules(conditions, types=types)
