"""The text and namespace of a generated function (see :mod:`partyrules.fastpath`)."""

from __future__ import annotations

from typing import Any

__all__ = ["_Source"]


class _Source:
    """The lines of the generated function and the namespace of the values it reads."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.values: dict[str, Any] = {}

    def value(self, prefix: str, value: Any) -> str:
        """A made-up name for ``value`` in the namespace."""
        name = f"{prefix}{len(self.values)}"
        self.values[name] = value
        return name

    def add(self, line: str, depth: int = 1) -> None:
        self.lines.append("    " * depth + line)
