"""``partyrules report``: the printable HTML report of a file's evaluations."""

from __future__ import annotations

from pathlib import Path

import click

from .clitools import BACKEND, LANG, Command, info, message_language, progress, registry_of_context, user_errors
from .errors import InputError
from .io.files import write_atomic
from .problems import Problem, Scope
from .text.catalogue import msg, use_language

__all__ = ["report"]


def _previous(db: Path, year: int) -> dict[str, dict[str, dict[str, int]]]:
    """The grades decided in ``year`` per deciding body and kind, from a review database (each
    subject's decision in force: its last decision or correction)."""
    from .io.summary import empty_counts
    from .review.export import effective
    from .review.store import Store

    if db.is_dir():
        raise InputError([Problem(msg("io.give_file_name"), file=str(db))])
    if not db.is_file():
        raise InputError([Problem(msg("io.no_such_file"), file=str(db))])
    if db.stat().st_size == 0:  # an empty file holds no decisions (and is not made a database)
        return {}
    store = Store(db)
    try:
        decided = effective(store.records(year=year))
    finally:
        store.close()
    found: dict[str, dict[str, dict[str, int]]] = {}
    for record in decided.values():
        counts = found.setdefault(record.body, {}).setdefault(record.kind, empty_counts())
        counts[record.grade or "none"] += 1
    return found


@click.command(cls=Command)
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True)
@click.option("--lang", type=LANG, default="vi", show_default=True)
@click.option("--framework")
@click.option("--framework-version")
@click.option("--backend", type=BACKEND, default="auto", show_default=True)
@click.option("--db", type=click.Path(path_type=Path))
def report(
    file: Path,
    output: Path,
    lang: str,
    framework: str | None,
    framework_version: str | None,
    backend: str,
    db: Path | None,
) -> None:
    """Write a printable HTML report of FILE: each committee's summary table, charts of the grades
    and of the Four-Good share against the target, each cell's decision and reasons, its members
    folded beneath; with --db, last year's decisions beside this year's. Its ``--help`` is in the
    catalogue."""
    from .batch import open_file
    from .text.report import report_html

    with use_language(message_language(lang)), user_errors():
        if str(file) == "-":
            raise InputError([Problem(msg("cli.stdin_once"), (), Scope("option", "FILE"))])
        if output.suffix.lower() not in (".html", ".htm"):
            message = msg("cli.report_suffix", given=output.suffix or output.name)
            raise InputError([Problem(message, (), Scope("option", "--output"))])
        registry = registry_of_context()
        chosen, units = open_file(
            file, registry=registry, framework=framework, version=framework_version, backend=backend
        )
        evaluations = []
        label = msg("cli.progress.evaluate", file=str(file)).render(lang)
        with progress(label, msg("cli.progress.units").render(lang)) as done:
            for count, (_, unit) in enumerate(units, 1):
                evaluations.extend(unit)
                done(count)
        period = evaluations[0].period if evaluations else 0
        previous = _previous(db, period - 1) if db is not None else None
        page = report_html(evaluations, chosen, lang=lang, previous=previous)
        write_atomic(output, lambda stream: stream.write(page.encode("utf-8")), binary=True, protect=[file])
        info(msg("report.written", path=str(output)).render(lang))
