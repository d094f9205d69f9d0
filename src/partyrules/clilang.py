"""The language of the command line: ``--help`` from the catalogue, click's own messages through
gettext, and the choice of language (``--lang`` wherever it is given, else the locale) made
before click reads the command line, so that its usage errors are worded in it too."""

from __future__ import annotations

import copy
import gettext
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ._version import library_version
from .text.catalogue import CATALOGUE, language_from_environment, render, use_language

__all__ = ["LANG", "LOCALE", "Command", "Group", "click_language", "help_key", "lang_given", "version_option"]

LANG = click.Choice(["vi", "en"])

#: click's own messages ("Usage:", "Missing argument", …) in Vietnamese: a gettext catalogue
#: (``messages.po``, compiled to ``messages.mo``) for the domain click translates through.
LOCALE = Path(__file__).parent / "locale"


class Command(click.Command):
    """A command whose ``--help`` is in the catalogue, in the language in use: its text is
    ``help.<name>``, an option's line ``help.<name>.<option>``, else the group's, else the
    shared ``help.<option>`` (:mod:`partyrules.text._help`, :mod:`partyrules.text._options`);
    a command or option without an entry (a plugin's) keeps its own help.  The help is
    rendered from a worded copy: the command itself is never changed, so two threads may
    render it in two languages at once."""

    _worded_params: list[click.Parameter] | None = None

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        click.Command.format_help(_worded(self, ctx), ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return click.Command.get_short_help_str(_worded(self, None), limit)

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        if self._worded_params is not None:
            return list(self._worded_params)
        return super().get_params(ctx)


class Group(click.Group, Command):
    """A group of :class:`Command`; as the program, it chooses the language of everything shown
    for the run."""

    command_class = Command
    group_class = type

    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
        chosen = lang_given(self, sys.argv[1:] if args is None else args) or language_from_environment()
        with use_language(chosen), click_language(chosen):
            return super().main(args, *rest, **options)


def help_key(command: click.Command, param: click.Parameter, ctx: click.Context | None) -> str | None:
    """The catalogue key of ``param``'s help line in ``command`` (which may be missing from the
    catalogue: a plugin's option), or None for an argument."""
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


def _worded(command: Command, ctx: click.Context | None) -> Command:
    """A copy of ``command`` whose help and options' help lines are the catalogue's."""
    worded = copy.copy(command)
    if f"help.{command.name}" in CATALOGUE:
        worded.help = render(f"help.{command.name}")
    if ctx is not None:
        params = []
        for param in command.get_params(ctx):
            key = help_key(command, param, ctx)
            if key is not None and key in CATALOGUE:
                param = copy.copy(param)
                param.help = render(key)
            params.append(param)
        worded._worded_params = params
    return worded


def lang_given(command: click.Command, args: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` of the command line (before ``--``), if it is a
    language: read as click will read it, command by command, so that a ``--lang`` that is the
    value of another option (``-o --lang``) or an argument is not taken for one."""
    found = None
    options = _options(command)
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            break
        name, equals, value = arg.partition("=")
        option = options.get(name) if arg.startswith("-") else None
        if option is not None and option.name == "lang":
            if not equals:
                index += 1
                value = args[index] if index < len(args) else ""
            found = value
        elif option is not None and not (option.is_flag or option.count) and not equals:
            index += option.nargs  # its value, whatever it looks like
        elif not arg.startswith("-") and isinstance(command, click.Group) and arg in command.commands:
            command = command.commands[arg]
            options = _options(command)
        index += 1
    return found if found in LANG.choices else None


def _options(command: click.Command) -> dict[str, click.Option]:
    return {
        name: param
        for param in command.params
        if isinstance(param, click.Option)
        for name in (*param.opts, *param.secondary_opts)
    }


#: gettext's binding and ``LANGUAGE`` are the process's: one run of the program holds them at a time.
_PROCESS_LANGUAGE = threading.RLock()


@contextmanager
def click_language(lang: str) -> Iterator[None]:
    """click's own messages in ``lang`` while the block runs: click words them through gettext's
    default domain, bound for the block to partyrules' catalogue, in the language
    ``LANGUAGE`` names; both are put back afterwards, for a program that runs partyrules'
    command inside its own.  Both belong to the whole process, so runs in several threads
    take turns (a run inside a run keeps the outer one's turn)."""
    with _PROCESS_LANGUAGE:
        bound = gettext.bindtextdomain("messages")
        before = os.environ.get("LANGUAGE")
        gettext.bindtextdomain("messages", str(LOCALE))
        os.environ["LANGUAGE"] = lang
        try:
            yield
        finally:
            gettext.bindtextdomain("messages", bound)
            if before is None:
                os.environ.pop("LANGUAGE", None)
            else:
                os.environ["LANGUAGE"] = before


def _show_version(ctx: click.Context, _: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(render("cli.version", None, {"prog": ctx.find_root().info_name, "version": library_version()}))
        ctx.exit()


#: ``--version``, worded in the language of the run (click's own option is worded on import).
version_option = click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version)
