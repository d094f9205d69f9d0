"""Where a section, a key or a rule sits in a TOML text: the line and column of a framework
file's problems."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["Locator"]


class Locator:
    """Finds the line (and column) of a section, key or rule in a TOML text, for messages."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def section(self, name: str, index: int | None = None) -> int | None:
        header = re.compile(rf"^\s*\[\[?\s*{re.escape(name)}\s*\]\]?\s*(#.*)?$")
        count = -1
        for number, line in enumerate(self.lines, 1):
            if header.match(line):
                count += 1
                if index is None or count == index:
                    return number
        return None

    def key(self, section: str | None, key: str, index: int | None = None) -> tuple[int | None, int | None]:
        """The line and column of ``key`` in ``section`` (or at the top level when ``section`` is
        ``None``); the section's header line when the key is not written there."""
        if section is None:
            return self.top_level(key)
        start = self.section(section, index)
        if start is None:
            return None, None
        pattern = re.compile(rf"""^\s*(["']?){re.escape(key)}\1\s*=""")
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if re.match(r"^\s*\[", line):
                break
            if pattern.match(line):
                return number, len(line) - len(line.lstrip()) + 1
        return start, None

    def top_level(self, key: str) -> tuple[int | None, int | None]:
        """A top-level key: a ``key = ...`` line before the first table, or a table's header."""
        header = self.section(key)
        if header is not None:
            return header, 1
        pattern = re.compile(rf"""^\s*(["']?){re.escape(key)}\1\s*=""")
        for number, line in enumerate(self.lines, 1):
            if re.match(r"^\s*\[", line):
                break
            if pattern.match(line):
                return number, len(line) - len(line.lstrip()) + 1
        return None, None

    def in_value(self, line: int | None, offset: int) -> tuple[int | None, int | None]:
        """The line and column of the ``offset``-th character (1-based) of the string value that
        starts on ``line``; a multi-line string (\"\"\"...\"\"\") may put it on a later line."""
        if line is None:
            return None, None
        text = self.lines[line - 1]
        match = re.match(r'^[^=]*=\s*("""|\'\'\'|"|\')?', text)
        if match is None:
            return line, None
        column = match.end() + 1
        if match.group(1) not in ('"""', "'''"):
            return line, column + offset - 1
        body = "\n".join([text[match.end() :], *self.lines[line:]])
        if body.startswith("\n"):  # TOML drops a newline right after the opening delimiter
            body, line, column = body[1:], line + 1, 1
        before = body[: offset - 1]
        newlines = before.count("\n")
        if newlines == 0:
            return line, column + offset - 1
        return line + newlines, len(before) - before.rfind("\n")
