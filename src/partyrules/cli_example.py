"""What a user starts from: ``partyrules example`` (the example wards and frameworks shipped
inside the package, so that a user who installed partyrules with pip can follow the tutorial)
and ``partyrules template`` (a spreadsheet to fill in, made from a framework's schema)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import click

from .clitools import LANG, Command, info, message_language, registry_of_context, user_errors
from .errors import InputError, UnknownNameError
from .io.files import write_atomic
from .problems import Problem, Scope
from .text.catalogue import msg, use_language

__all__ = ["EXAMPLES", "example", "example_text", "template"]

#: Each example's name → its file inside the package's ``examples`` folder.
EXAMPLES = {
    "ward-2025": "ward-2025.yaml",
    "ward-2024": "ward-2024.yaml",
    "appraisal-2025": "review/appraisal-2025.yaml",
    "hoa-binh": "frameworks/hoa-binh.toml",
    "hoa-binh-2024": "frameworks/hoa-binh-2024.toml",
    "hoa-binh-plus": "frameworks/hoa-binh-plus.toml",
    "broken-fewer-meetings": "frameworks/broken-fewer-meetings.toml",
}


def _refuse_existing(target: Path, force: bool) -> None:
    """A starting file is never written over one that exists (it may have been filled in)."""
    if target.exists() and not force:
        raise InputError([Problem(msg("cli.exists", path=str(target)), (), Scope("option", "--output"))])


def example_text(name: str) -> bytes:
    """The bytes of the bundled example ``name`` (one of :data:`EXAMPLES`)."""
    if name not in EXAMPLES:
        raise UnknownNameError("example", name, EXAMPLES)
    return resources.files("partyrules").joinpath("examples", *EXAMPLES[name].split("/")).read_bytes()


@click.command(cls=Command)
@click.argument("name", required=False)
@click.option("--output", "-o", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True)
def example(name: str | None, output: Path | None, force: bool) -> None:
    """Write a bundled example (a ward's data or a framework file); without NAME, list them. Its
    ``--help`` is in the catalogue."""
    with user_errors():
        if name is None:
            for key, file in EXAMPLES.items():
                click.echo(f"{key:<24} {Path(file).name}")
            return
        data = example_text(name)
        target = output if output is not None else Path(Path(EXAMPLES[name]).name)
        _refuse_existing(target, force)

        def write(stream: Any) -> None:
            stream.write(data)

        write_atomic(target, write, binary=True)
        info(msg("example.written", name=name, path=str(target)).render())


@click.command(cls=Command)
@click.option("--framework", default="fourgood", show_default=True)
@click.option("--year", type=click.IntRange(1930, 2100))
@click.option("--from", "source", type=click.Path(path_type=Path))
@click.option("--lang", type=LANG, default="vi", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path), default=Path("ward.xlsx"), show_default=True)
@click.option("--force", is_flag=True)
def template(framework: str, year: int | None, source: Path | None, lang: str, output: Path, force: bool) -> None:
    """Write a spreadsheet to fill in: a sheet per level, a column per fact of the framework, with
    data validation and instructions; `partyrules evaluate` reads it back. Its ``--help`` is in the
    catalogue."""
    from .io.read import read_data
    from .io.template import document_rows, write_csv_template, write_template

    with use_language(message_language(lang)), user_errors():
        suffix = output.suffix.lower()
        if suffix not in (".xlsx", ".csv"):
            message = msg("cli.template_suffix", given=output.suffix or output.name)
            raise InputError([Problem(message, (), Scope("option", "--output"))])
        _refuse_existing(output, force)
        chosen = registry_of_context().resolve(framework)
        rows = None
        if source is not None:
            period, rows = document_rows(read_data(source))
            year = year if year is not None else period
        write = write_template if suffix == ".xlsx" else write_csv_template
        protect = [source] if source is not None else []
        write_atomic(
            output, lambda stream: write(stream, chosen, lang=lang, year=year, rows=rows), binary=True, protect=protect
        )
        info(msg("template.written", path=str(output), framework=chosen.name).render(lang))
