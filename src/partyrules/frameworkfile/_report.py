"""The problems found in one framework file, each at its line and column."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..problems import Problem, describe, suggest
from ..text.catalogue import Message, msg
from ._locate import Locator

__all__ = ["Report"]


class Report:
    """Collects the problems of one file; ``data`` is the parsed TOML."""

    def __init__(self, path: Path, data: Mapping[str, Any], locate: Locator) -> None:
        self.path = path
        self.data = data
        self.locate = locate
        self.problems: list[Problem] = []

    def at(
        self,
        message: Message,
        line: int | None,
        column: int | None = None,
        *,
        hint: Message | None = None,
        loc: tuple[str | int, ...] = (),
    ) -> Problem:
        """A problem of this file at ``line`` and ``column``."""
        return Problem(message, loc, hint=hint, file=str(self.path), line=line, column=column)

    def problem(
        self,
        section: str | None,
        key: str | None,
        message: Message,
        hint: Message | None = None,
        index: int | None = None,
    ) -> None:
        """A problem at ``key`` of ``section`` (its header line without a key; the top level
        without a section), the ``index``-th table of an array of tables."""
        if key is not None:
            line, column = self.locate.key(section, key, index)
        else:
            line, column = (self.locate.section(section, index) if section else None), None
        loc = tuple(part for part in (section, index, key) if part is not None)
        self.problems.append(self.at(message, line, column, hint=hint, loc=loc))

    def table_problem(self, table: str, message: Message, hint: Message | None = None) -> None:
        """A problem at the header of the table ``[table]`` (``[dimensions.meetings]``)."""
        line = self.locate.section(table)
        loc = tuple(table.split("."))
        self.problems.append(self.at(message, line, 1 if line else None, hint=hint, loc=loc))

    def unknown_keys(
        self, section: str | None, given: Mapping[str, Any], known: Iterable[str], index: int | None = None
    ) -> None:
        known = set(known)
        for key in given:
            if key not in known:
                where = msg("file.in_section", section=section) if section else msg("file.top_level")
                message = msg("file.unknown_key", key=repr(key), where=where)
                self.problem(section, key, message, suggest(key, known), index)

    def table(self, name: str) -> dict[str, Any]:
        value = self.data.get(name, {})
        if not isinstance(value, dict):
            self.problem(None, name, msg("file.not_a_table", name=name, given=describe(value)))
            return {}
        return value

    def text(
        self, table: Mapping[str, Any], section: str, key: str, *, required: bool = False, index: int | None = None
    ) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(section, None, msg("file.needs_key", section=section, key=repr(key)), index=index)
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(section, key, msg("file.expected_text", key=key, given=describe(value)), index=index)
            return ""
        return value
