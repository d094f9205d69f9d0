"""What the commands share: turning user mistakes into a message and exit code 1, the
registry with the plugins left out on the command line, the common option types (the
language of it all is :mod:`partyrules.clilang`'s)."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import attrs
import click

from .clilang import LANG, Command, Group
from .errors import InputError, PartyrulesError
from .limits import LIMIT_NAMES, Limits, current_limits
from .plugins import Registry
from .problems import Problem, Scope, excerpt
from .text.catalogue import language_from_environment, msg, os_reason, render, safe

__all__ = [
    "BACKEND",
    "LANG",
    "Command",
    "Group",
    "info",
    "message_language",
    "parse_limits",
    "progress",
    "registry_of_context",
    "user_errors",
    "verbosity",
]

BACKEND = click.Choice(["auto", "durable", "python"])


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn partyrules' errors into a clear message and exit code 1, never a traceback."""
    try:
        yield
    except PartyrulesError as error:
        click.echo(f"{render('cli.error')}: {error}", err=True)  # its lines are its own: not escaped
        raise SystemExit(1) from None
    except BrokenPipeError:  # `partyrules ... | head`: the reader has gone; say nothing more
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(1) from None
    except OSError as error:  # an output file that cannot be written: a user mistake, no traceback
        where = f"{safe(error.filename)}: " if error.filename else ""
        click.echo(f"{render('cli.error')}: {where}{os_reason(error)}", err=True)
        raise SystemExit(1) from None


def message_language(lang: str, parameter: str = "lang") -> str:
    """The language errors and notes are worded in: ``--lang`` when given on the command line,
    else the locale's (``LANG=vi_VN.UTF-8``: Vietnamese; otherwise English)."""
    context = click.get_current_context(silent=True)
    if context is not None:
        source = context.get_parameter_source(parameter)
        if source is not None and source is not click.core.ParameterSource.DEFAULT:
            return lang
    return language_from_environment()


def verbosity() -> int:
    """-1 with ``--quiet``, 1 with ``--verbose``, else 0 (outside a command: 0)."""
    context = click.get_current_context(silent=True)
    if context is None or not context.find_root().obj:
        return 0
    return int(context.find_root().obj.get("verbosity", 0))


def info(text: str, *, level: int = 0) -> None:
    """A line for the person at the terminal, on standard error: shown unless ``--quiet`` (and,
    for ``level`` 1, only with ``--verbose``)."""
    if verbosity() >= level:
        click.echo(text, err=True)


@contextmanager
def progress(label: str, unit: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A progress bar (rich) on standard error while the block runs, updated by the callback
    it gives (the count done so far); nothing when standard error is not a terminal, with
    ``--quiet``, or without rich. Colours follow NO_COLOR (rich reads it)."""
    if verbosity() < 0 or not sys.stderr.isatty():
        yield lambda _: None
        return
    try:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    except ImportError:  # pragma: no cover - rich is a dependency
        yield lambda _: None
        return
    columns = [SpinnerColumn(), TextColumn("{task.description}")]
    columns += [BarColumn(), MofNCompleteColumn()] if total is not None else [TextColumn("{task.completed} " + unit)]
    with Progress(*columns, TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda done: bar.update(task, completed=done)


def registry_of_context(*, strict: bool = True) -> Registry:
    context = click.get_current_context(silent=True)
    blocked: tuple[str, ...] = ()
    if context is not None and context.find_root().obj:
        blocked = context.find_root().obj.get("block", ())
    return Registry(strict=strict, block=blocked)


_OPTION = Scope("option", "--limit")
_SIZE = re.compile(r"(\d{1,15})\s*([kKmMgG]?)(i?[bB])?")
_FACTOR = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


def parse_limits(items: tuple[str, ...] | list[str], base: Limits | None = None) -> Limits:
    """``NAME=VALUE`` settings (sizes may end in ``k``, ``M`` or ``G``: powers of 1,024) applied
    to ``base``; raises :class:`~partyrules.errors.InputError` naming every wrong one."""
    changes: dict[str, Any] = {}
    problems = []
    for item in items:
        name, _, value = item.partition("=")
        name = name.strip()
        match = _SIZE.fullmatch(value.strip())
        if name not in LIMIT_NAMES:
            problems.append(
                Problem(msg("limit.unknown", name=excerpt(name), known=", ".join(LIMIT_NAMES)), (), _OPTION)
            )
        elif match is None or (int(match.group(1)) < 1 and name not in ("period_min",)):
            problems.append(Problem(msg("limit.value", name=name, given=excerpt(value)), (), _OPTION))
        else:
            changes[name] = int(match.group(1)) * _FACTOR[match.group(2).lower()]
    if problems:
        raise InputError(problems, what=msg("what.limits"))
    return attrs.evolve(base or current_limits(), **changes)
