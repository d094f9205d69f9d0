"""Subjects: what is evaluated (a member, a cell, a committee) for one period."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .facts import Facts, FactValue
from .model import Kind

__all__ = ["Subject"]


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


def _kind(value: Kind | str) -> Kind:
    return value if isinstance(value, Kind) else Kind(value)


def _facts(value: Mapping[str, FactValue | None] | Iterable[tuple[str, FactValue | None]]) -> Facts:
    if isinstance(value, Facts):
        return value
    items = value.items() if isinstance(value, Mapping) else value
    return Facts((k, v) for k, v in items if v is not None)


def _year(_: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{attribute.name} is a year such as 2025, got {value!r} ({type(value).__name__})")


@attrs.frozen
class Subject:
    """A member, cell or committee for one period (a year), with its facts.

    ``children`` are the members of a cell or the cells of a committee, when they are listed;
    their evaluations become facts of the subject (``members_good``, ``cells_four_good``...).
    ``facts`` holds the given facts; a ``None`` value means "not known" and is dropped.
    """

    id: str = attrs.field(validator=attrs.validators.instance_of(str))
    kind: Kind = attrs.field(converter=_kind)
    period: int = attrs.field(validator=_year)
    facts: Facts = attrs.field(factory=Facts, converter=_facts)
    name: str = ""
    children: tuple[Subject, ...] = attrs.field(default=(), converter=_tuple)

    def label(self) -> str:
        return f"{self.id} ({self.name})" if self.name else self.id
