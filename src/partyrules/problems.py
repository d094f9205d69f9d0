"""One problem, located as data, and the helpers that word what was given.

A :class:`Problem` keeps its location as data (``loc`` within a ``scope``, and a file position
where known) and its message as a catalogue :class:`~partyrules.text.catalogue.Message`; both
are rendered when it is shown.  :func:`describe` quotes a given value briefly and safely,
:func:`did_you_mean` suggests a close name at a bounded cost, :func:`unknown_name` builds the
"unknown NAME (did you mean ...?)" problem.
"""

from __future__ import annotations

import difflib
import reprlib
from collections.abc import Iterable
from typing import Any

import attrs

from .text.catalogue import Message, msg, safe, use_language

__all__ = [
    "DATA",
    "Loc",
    "Problem",
    "Scope",
    "Suggestion",
    "describe",
    "did_you_mean",
    "excerpt",
    "render_loc",
    "suggest",
    "unknown_name",
]

#: A location inside a document or a declaration: keys and list indexes, ``("cells", 3, "facts", "x")``.
Loc = tuple[str | int, ...]

#: The most candidates, and the longest name, that "did you mean" compares (its cost is bounded).
SUGGEST_CANDIDATES = 2000
SUGGEST_LENGTH = 80


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to ``name``, or ``None`` when nothing is close (or the search would
    be too costly: a name over 80 characters, more than 2,000 candidates)."""
    if not isinstance(name, str) or len(name) > SUGGEST_LENGTH:
        return None
    pool = []
    for candidate in candidates:
        pool.append(candidate)
        if len(pool) > SUGGEST_CANDIDATES:
            return None
    matches = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
    return matches[0] if matches else None


_REPR = reprlib.Repr()
_REPR.maxlevel = 2
_REPR.maxstring = 50
_REPR.maxother = 50
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 4


def excerpt(value: object) -> str:
    """A short, safe excerpt of a value: bounded whatever its size or nesting (a YAML alias bomb
    is never expanded), control characters escaped (strings are shown with ``repr``)."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        if value.bit_length() > 160:
            return f"<{'-' if value < 0 else ''}{int(value.bit_length() * 0.30103) + 1}-digit integer>"
        return repr(value)
    text = _REPR.repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


#: The types a given value can have, in words (``type.<name>``; another type shows its name).
TYPES = ("str", "int", "float", "bool", "list", "dict", "NoneType", "date", "datetime", "time", "tuple", "bytes")


def describe(value: object) -> Message:
    """A short description of a given value for messages: ``-1 (int)``, in Vietnamese
    ``-1 (số nguyên)`` (worded when shown)."""
    name = type(value).__name__
    kind: Message | str = msg(f"type.{name}") if name in TYPES else name
    return msg("value.described", value=excerpt(value), type=kind)


@attrs.frozen
class Scope:
    """What a :class:`Problem`'s location is relative to: the input data (``$``), or a
    declaration (a rule, a ruleset, a framework) named ``name``."""

    kind: str = "data"
    name: str = ""
    version: str = ""


#: The scope of problems in input data: their locations render as ``$.cells[3].facts.x``.
DATA = Scope()


def _key(part: str | int) -> str:
    if isinstance(part, int):
        return f"[{part}]"
    if part.replace("_", "a").replace("-", "a").isalnum() and part.isascii():
        return f".{part}"
    return f"[{excerpt(part)}]"


def render_loc(loc: Loc) -> str:
    """A location in input data, rendered: ``$.cells[3].facts.x``."""
    return "$" + "".join(_key(part) for part in loc)


@attrs.frozen
class Problem:
    """One problem found in an input, a rule, a ruleset or a framework.

    Its location is data: ``loc`` (keys and indexes within ``scope``), and ``file``, ``line``
    and ``column`` where a file position is known.  :attr:`path` renders it late:
    ``$.cells[3].facts.regular_meetings_held``, ``ward.toml:12:5``, ``rule 'meetings.monthly'``.
    """

    message: Message
    loc: Loc = ()
    scope: Scope = DATA
    hint: Message | None = None
    file: str | None = None
    line: int | None = None
    column: int | None = None
    #: ``line`` is where the unit of a file that holds the problem starts (a line of JSON Lines,
    #: a YAML document), not the problem's own position: ``loc`` is rendered after it.
    unit: bool = False
    #: A spreadsheet's sheet and cell, with the column's machine name: ``Chi bộ!F7 (regular_meetings_held)``.
    place: str | None = None

    @property
    def path(self) -> str:
        """The location, rendered: a file position when known (followed by the path in the
        unit for a problem located at a unit of a file: ``ward.jsonl:3: $.period``), else the
        scope and ``loc``."""
        if self.file is not None and self.place is not None:
            return f"{safe(self.file)}, {safe(self.place)}"
        if self.file is not None:
            where = safe(self.file)  # a file name comes from a file too: no control characters
            if self.line is not None:
                where += f":{self.line}" + (f":{self.column}" if self.column else "")
            if self.unit and self.loc:
                where += ": " + render_loc(self.loc)
            return where
        if self.scope.kind == "data":
            return render_loc(self.loc)
        head = msg(f"scope.{self.scope.kind}", name=self.scope.name, version=self.scope.version).render()
        return head + (", " + ".".join(str(part) for part in self.loc) if self.loc else "")

    def render(self, lang: str | None = None) -> str:
        if lang is not None:
            with use_language(lang):
                return self.render()
        text = f"{self.path}: {self.message.render()}"
        hint = None if self.hint is None else self.hint.render()
        if hint:
            text += f" ({hint})"
        return text

    def __str__(self) -> str:
        return self.render()

    def parts(self, lang: str | None = None) -> tuple[str, str, str | None]:
        """(location, message, hint or ``None``), rendered in ``lang`` (default: the language in use)."""
        if lang is not None:
            with use_language(lang):
                return self.parts()
        hint = None if self.hint is None else self.hint.render()
        return self.path, self.message.render(), hint or None

    def within(self, *prefix: str | int) -> Problem:
        """The same problem, its location under ``prefix``."""
        return attrs.evolve(self, loc=(*prefix, *self.loc))


class Suggestion(Message):
    """The hint "did you mean 'NAME'?", searched for only when it is shown (so a file with
    100,000 misspelt names costs nothing until its first problems are printed); it renders as
    an empty text when nothing is close."""

    __slots__ = ("candidates", "name")

    def __init__(self, name: str, candidates: tuple[str, ...]) -> None:
        super().__init__("hint.did_you_mean")
        self.name = name
        self.candidates = candidates

    def render(self, lang: str | None = None) -> str:
        found = did_you_mean(self.name, self.candidates)
        return "" if found is None else msg("hint.did_you_mean", name=found).render(lang)

    def __repr__(self) -> str:
        return f"Suggestion({self.name!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Suggestion):
            return NotImplemented
        return self.name == other.name and self.candidates == other.candidates

    def __hash__(self) -> int:
        return hash(self.name)

    def __reduce__(self) -> tuple[object, ...]:
        return (Suggestion, (self.name, self.candidates))


def suggest(name: str, candidates: Iterable[str]) -> Message | None:
    """The hint "did you mean 'NAME'?" for the candidate closest to ``name``, or ``None``."""
    suggestion = did_you_mean(name, candidates)
    return None if suggestion is None else msg("hint.did_you_mean", name=suggestion)


def unknown_name(
    key: str,
    name: str,
    candidates: Iterable[str],
    *,
    loc: Loc = (),
    scope: Scope = DATA,
    lazy: bool = False,
    **args: Any,
) -> Problem:
    """The problem "unknown NAME", with a "did you mean" hint when a candidate is close (looked
    for when the problem is shown, with ``lazy``: ``candidates`` is then kept as a tuple)."""
    if lazy:
        return Problem(msg(key, name=name, **args), loc, scope, Suggestion(name, tuple(candidates)))
    return Problem(msg(key, name=name, **args), loc, scope, suggest(name, candidates))
