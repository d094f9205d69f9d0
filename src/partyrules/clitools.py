"""What the commands share: turning user mistakes into a message and exit code 1, the
registry with the plugins left out on the command line, the common option types."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from .errors import PartyrulesError
from .plugins import Registry

__all__ = ["BACKEND", "LANG", "registry_of_context", "user_errors"]

LANG = click.Choice(["vi", "en"])
BACKEND = click.Choice(["auto", "durable", "python"])


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn partyrules' errors into a clear message and exit code 1, never a traceback."""
    try:
        yield
    except PartyrulesError as error:
        click.echo(f"error: {error}", err=True)
        raise SystemExit(1) from None
    except OSError as error:  # an output file that cannot be written: a user mistake, no traceback
        where = f"{error.filename}: " if error.filename else ""
        click.echo(f"error: {where}{error.strerror or error}", err=True)
        raise SystemExit(1) from None


def registry_of_context(*, strict: bool = True) -> Registry:
    context = click.get_current_context(silent=True)
    blocked: tuple[str, ...] = ()
    if context is not None and context.find_root().obj:
        blocked = context.find_root().obj.get("block", ())
    return Registry(strict=strict, block=blocked)
