"""Subjects: what is evaluated (a member, a cell, a committee) for one period."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .errors import DeclarationError, InputError
from .facts import Facts, FactValue
from .model import Kind, coerce
from .problems import describe
from .text.catalogue import msg

__all__ = ["Subject"]


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


def _kind(value: Kind | str) -> Kind:
    return coerce(Kind, value, error=InputError, loc=("kind",))


def _facts(value: Mapping[str, FactValue | None] | Iterable[tuple[str, FactValue | None]]) -> Facts:
    if isinstance(value, Facts):
        return value
    if not isinstance(value, Mapping | Iterable) or isinstance(value, str | bytes):
        raise DeclarationError(
            msg("subject.field_type", field="facts", expected=msg("expect.mapping"), given=describe(value))
        )
    if isinstance(value, Mapping):
        return Facts.adopt({k: v for k, v in value.items() if v is not None})  # type: ignore[no-any-return]
    pairs = list(value)
    for pair in pairs:
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise DeclarationError(
                msg("subject.field_type", field="facts", expected=msg("expect.mapping"), given=describe(pair))
            )
    return Facts.adopt({k: v for k, v in pairs if v is not None})  # type: ignore[no-any-return]


def _text(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise DeclarationError(
            msg("subject.field_type", field=attribute.name, expected=msg("expect.text"), given=describe(value))
        )


def _year(_: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DeclarationError(
            msg("subject.field_type", field=attribute.name, expected=msg("expect.year"), given=describe(value))
        )


def _children(value: Iterable[Any]) -> tuple[Subject, ...]:
    if not isinstance(value, Iterable) or isinstance(value, str | bytes | Mapping):
        raise DeclarationError(
            msg("subject.field_type", field="children", expected=msg("expect.subjects"), given=describe(value))
        )
    children = tuple(value)
    for child in children:
        if not isinstance(child, Subject):
            raise DeclarationError(
                msg("subject.field_type", field="children", expected=msg("expect.subjects"), given=describe(child))
            )
    return children


@attrs.frozen
class Subject:
    """A member, cell or committee for one period (a year), with its facts.

    ``children`` are the members of a cell or the cells of a committee, when they are listed;
    their evaluations become facts of the subject (``members_good``, ``cells_four_good``...).
    ``facts`` holds the given facts; a ``None`` value means "not known" and is dropped.
    A field of the wrong type raises :class:`~partyrules.errors.DeclarationError` (a
    ``TypeError``); an unknown kind, :class:`~partyrules.errors.InputError`.
    """

    id: str = attrs.field(validator=_text)
    kind: Kind = attrs.field(converter=_kind)
    period: int = attrs.field(validator=_year)
    facts: Facts = attrs.field(factory=Facts, converter=_facts)
    name: str = attrs.field(default="", validator=_text)
    children: tuple[Subject, ...] = attrs.field(default=(), converter=_children)

    def label(self) -> str:
        return f"{self.id} ({self.name})" if self.name else self.id
