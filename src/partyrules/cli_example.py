"""``partyrules example``: the example wards and frameworks shipped inside the package, so that
a user who installed partyrules with pip can follow the tutorial."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import click

from .clitools import user_errors
from .errors import UnknownNameError
from .io.files import write_atomic
from .text.catalogue import msg

__all__ = ["EXAMPLES", "example", "example_text"]

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


def example_text(name: str) -> bytes:
    """The bytes of the bundled example ``name`` (one of :data:`EXAMPLES`)."""
    if name not in EXAMPLES:
        raise UnknownNameError("example", name, EXAMPLES)
    return resources.files("partyrules").joinpath("examples", *EXAMPLES[name].split("/")).read_bytes()


@click.command()
@click.argument("name", required=False)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write it to this file (default: its own name).")
def example(name: str | None, output: Path | None) -> None:
    """Write a bundled example (a ward's data or a framework file); without NAME, list them.

    \b
    Example:
      partyrules example ward-2025 -o ward.yaml
      partyrules evaluate ward.yaml
    """
    with user_errors():
        if name is None:
            for key, file in EXAMPLES.items():
                click.echo(f"{key:<24} {Path(file).name}")
            return
        data = example_text(name)
        target = output if output is not None else Path(Path(EXAMPLES[name]).name)

        def write(stream: Any) -> None:
            stream.write(data)

        write_atomic(target, write, binary=True)
        click.echo(msg("example.written", name=name, path=str(target)).render(), err=True)
