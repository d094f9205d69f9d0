"""What the commands share: help and click's own messages in the user's language, turning user
mistakes into a message and exit code 1, the registry with the plugins left out on the
command line, the common option types."""

from __future__ import annotations

import gettext
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
import click

from .errors import InputError, PartyrulesError
from .limits import LIMIT_NAMES, Limits, current_limits
from .plugins import Registry
from .problems import Problem, Scope, excerpt
from .text.catalogue import CATALOGUE, language_from_environment, msg, os_reason, render, safe, use_language

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

LANG = click.Choice(["vi", "en"])
BACKEND = click.Choice(["auto", "durable", "python"])

#: click's own messages ("Usage:", "Missing argument", …) in Vietnamese: a gettext catalogue
#: (``messages.po``, compiled to ``messages.mo``) for the domain click translates through.
LOCALE = Path(__file__).parent / "locale"


class Command(click.Command):
    """A command whose ``--help`` is in the catalogue, in the language in use: its text is
    ``help.<name>``, an option's line ``help.<name>.<option>``, else the group's, else the
    shared ``help.<option>`` (:mod:`partyrules.text._help`, :mod:`partyrules.text._options`)."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _worded(self, ctx):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _worded(self, None):
            return super().get_short_help_str(limit)


class Group(click.Group, Command):
    """A group of :class:`Command`; as the program, it also chooses the language of everything
    shown (``--lang`` wherever it is given on the command line, else the locale) before click
    reads the command line, so that its usage errors are worded in it too."""

    command_class = Command
    group_class = type

    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
        chosen = _lang_given(sys.argv[1:] if args is None else args) or language_from_environment()
        with use_language(chosen), click_language(chosen):
            return super().main(args, *rest, **options)


def help_key(command: click.Command, param: click.Parameter, ctx: click.Context | None) -> str | None:
    """The catalogue key of ``param``'s help line in ``command``, or None (an argument)."""
    if not isinstance(param, click.Option):
        return None
    if ctx is not None and param is command.get_help_option(ctx):
        return "help.help"
    name = param.name or ""
    groups = [c.command.name for c in _parents(ctx)]
    for owner in (command.name, *groups):
        if f"help.{owner}.{name}" in CATALOGUE:
            return f"help.{owner}.{name}"
    return f"help.{name}"


def _parents(ctx: click.Context | None) -> Iterator[click.Context]:
    while ctx is not None and ctx.parent is not None:
        ctx = ctx.parent
        yield ctx


@contextmanager
def _worded(command: click.Command, ctx: click.Context | None) -> Iterator[None]:
    """The command's and its options' help texts from the catalogue while the block runs."""
    saved: list[tuple[Any, str | None]] = [(command, command.help)]
    command.help = render(f"help.{command.name}")
    for param in command.get_params(ctx) if ctx is not None else ():
        key = help_key(command, param, ctx)
        if key is not None and isinstance(param, click.Option):
            saved.append((param, param.help))
            param.help = render(key)
    try:
        yield
    finally:
        for owner, text in saved:
            owner.help = text


def _lang_given(args: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` on the command line (before ``--``), if valid."""
    found = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            found = args[index + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found if found in LANG.choices else None


@contextmanager
def click_language(lang: str) -> Iterator[None]:
    """click's own messages in ``lang`` while the block runs: click words them through gettext's
    default domain, which is bound to partyrules' catalogue, in the language ``LANGUAGE``
    names (set for the block, then put back)."""
    gettext.bindtextdomain("messages", str(LOCALE))
    before = os.environ.get("LANGUAGE")
    os.environ["LANGUAGE"] = lang
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = before


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
