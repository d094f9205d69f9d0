"""The limits on what partyrules reads, enforced at the edges before anything expensive runs.

Files come from other people: a ward's data, a committee's framework file.  Every reader checks
a parsed unit against :class:`Limits` (its nesting depth, the number of values with YAML aliases
expanded, the number of subjects, the length of every text, the size of every integer, finite
numbers), and the files themselves must be regular files within a size.  A value over a limit is
a :class:`~partyrules.problems.Problem` with its path and the limit's name, so a caller who trusts
the input more can raise it: ``partyrules --limit file_size=1G evaluate big.yaml``, or
:func:`use_limits` in Python.  docs/explanation/security.md lists them.

>>> from partyrules.limits import Limits, check_data
>>> [p.render() for p in check_data({"cells": [{"id": "x" * 20_000}]})]
["$.cells[0].id: a text of 20000 characters; at most 10000 (limit 'string')"]
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import attrs

from .problems import Loc, Problem, describe, excerpt
from .text.catalogue import msg

__all__ = ["LIMIT_NAMES", "Limits", "check_data", "current_limits", "use_limits"]

_MiB = 1 << 20


@attrs.frozen
class Limits:
    """What one input may hold; every value is a maximum (see docs/explanation/security.md)."""

    #: Bytes of a file read whole: a JSON file, a YAML file of one document, a results file.
    file_size: int = 256 * _MiB
    #: Bytes of one unit of a streamed file (a line of JSON Lines, a document of YAML); the file
    #: itself may be as long as it likes, since it is read one unit at a time.
    unit_size: int = 64 * _MiB
    #: Bytes of a framework file.
    framework_size: int = 1 * _MiB
    #: Framework files in one ``extends`` chain.
    extends: int = 16
    #: Levels of nested lists and mappings in a unit.
    depth: int = 32
    #: Values in a unit, counted with YAML aliases expanded (an alias bomb stops here).
    values: int = 2_000_000
    #: Subjects (committees, cells, members) in a unit.
    subjects: int = 200_000
    #: Characters of a text (an id, a name, a key, a fact's value).
    string: int = 10_000
    #: Decimal digits of an integer (18 fit every engine and SQLite's 64-bit integers).
    integer_digits: int = 18
    #: Problems listed in one message (all are kept in the error's ``problems``).
    problems: int = 1_000
    #: The earliest and latest period (year) accepted: the Party was founded in 1930.
    period_min: int = 1930
    period_max: int = 2100
    #: Whether a framework file may name files outside its own folder (``extends``), and an
    #: input file a framework file outside its folder: ``..`` and absolute paths are refused
    #: unless this is set (``partyrules --allow-outside``).
    allow_outside: bool = False

    @property
    def integer_max(self) -> int:
        return int(10**self.integer_digits) - 1


#: The names ``--limit NAME=VALUE`` accepts.
LIMIT_NAMES = tuple(field.name for field in attrs.fields(Limits) if field.type in (int, "int"))

_LIMITS: ContextVar[Limits] = ContextVar("partyrules_limits", default=Limits())  # noqa: B039  (frozen: never mutated)


def current_limits() -> Limits:
    """The limits in force here (:class:`Limits`' defaults unless :func:`use_limits` set others)."""
    return _LIMITS.get()


@contextmanager
def use_limits(limits: Limits) -> Iterator[Limits]:
    """Read with ``limits`` inside the ``with`` block."""
    token = _LIMITS.set(limits)
    try:
        yield limits
    finally:
        _LIMITS.reset(token)


def _fast(data: Any, limits: Limits) -> bool | None:
    """Whether ``data`` is within the limits: a walk without locations (the common case), which
    stops as soon as it counts more values than the limit allows (then ``None``)."""
    budget = limits.values
    string, top = limits.string, limits.integer_max
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        budget -= 1
        if budget < 0:
            return None
        kind = type(value)
        if kind is str:
            if len(value) > string:
                return False
        elif kind is int:
            if not -top <= value <= top:
                return False
        elif kind is dict:
            if depth > limits.depth:
                return False
            for key, item in value.items():
                if type(key) is str and len(key) > string:
                    return False
                if type(item) is str:
                    budget -= 1
                    if len(item) > string:
                        return False
                elif type(item) is int:
                    budget -= 1
                    if not -top <= item <= top:
                        return False
                else:
                    stack.append((item, depth + 1))
        elif kind is list:
            if depth > limits.depth:
                return False
            stack.extend((item, depth + 1) for item in value)
        elif kind is float:
            if not math.isfinite(value):
                return False
    return True


def _subjects(data: Any) -> int:
    """The subjects a unit lists, counted with YAML aliases expanded (a walk of the subject
    lists only; the counts of shared lists are memoised, so an alias bomb costs little)."""
    memo: dict[int, int] = {}

    def count(items: Any, depth: int) -> int:
        if not isinstance(items, list) or depth > 8:
            return 0
        found = memo.get(id(items))
        if found is None:
            found = len(items)
            for item in items:
                if isinstance(item, Mapping):
                    found += sum(count(item.get(label), depth + 1) for label in ("committees", "cells", "members"))
            memo[id(items)] = found
        return found

    if not isinstance(data, Mapping):
        return 0
    return sum(count(data.get(label), 1) for label in ("committees", "cells", "members"))


def _located(data: Any, limits: Limits) -> list[Problem]:
    """Every value over a limit with its location (run only when :func:`_fast` found one)."""
    problems: list[Problem] = []
    budget = limits.values
    top = limits.integer_max
    stack: list[tuple[Any, Loc]] = [(data, ())]
    while stack and len(problems) < limits.problems:
        value, loc = stack.pop()
        budget -= 1
        if budget < 0:
            problems.append(Problem(msg("limit.values", limit=limits.values), ()))
            break
        if isinstance(value, str) and len(value) > limits.string:
            problems.append(Problem(msg("limit.string", length=len(value), limit=limits.string), loc))
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int) and not -top <= value <= top:
            digits = len(str(abs(value)))
            problems.append(Problem(msg("limit.integer", digits=digits, limit=limits.integer_digits), loc))
        elif isinstance(value, float) and not math.isfinite(value):
            problems.append(Problem(msg("limit.finite", given=describe(value)), loc))
        elif isinstance(value, dict | list):
            if len(loc) >= limits.depth:
                problems.append(Problem(msg("limit.depth", limit=limits.depth), loc))
                continue
            items = value.items() if isinstance(value, dict) else enumerate(value)
            children = []
            for key, item in items:
                if isinstance(key, str) and len(key) > limits.string:
                    problems.append(Problem(msg("limit.string", length=len(key), limit=limits.string), loc))
                    continue
                children.append((item, (*loc, key if isinstance(key, str | int) else excerpt(key))))
            stack.extend(reversed(children))
    return sorted(problems, key=lambda p: [str(part) for part in p.loc])


def check_data(data: Any, limits: Limits | None = None) -> list[Problem]:
    """Every problem of a parsed unit with the limits (:func:`current_limits` by default), each
    at its location: too deep, too many values or subjects, a text too long, an integer too big,
    a number that is not finite (dates and other scalars YAML reads are left to the schema)."""
    limits = limits or current_limits()
    within = _fast(data, limits)
    if within is None:  # counting them again, with locations, would cost as much once more
        return [Problem(msg("limit.values", limit=limits.values))]
    problems = [] if within else _located(data, limits)
    if not problems:
        subjects = _subjects(data)
        if subjects > limits.subjects:
            problems.append(Problem(msg("limit.subjects", count=subjects, limit=limits.subjects)))
    return problems
