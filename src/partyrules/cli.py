"""The ``partyrules`` command: options in, library calls, text out."""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import IO, Any

import attrs
import click
import orjson

from .batch import open_file, run
from .cli_example import example, template
from .cli_frameworks import audit, check, facts, rulesets
from .cli_report import report
from .cli_review import review
from .clilang import version_option
from .clitools import BACKEND, LANG, Group, info, message_language, parse_limits, progress
from .clitools import registry_of_context as _registry
from .clitools import user_errors as _user_errors
from .errors import InputError, UnknownNameError
from .frameworks import Framework
from .io.files import write_atomic
from .io.write import Format
from .limits import use_limits
from .plugins import Registry, is_framework_file
from .problems import Problem, Scope
from .records import Catalogue
from .results import Evaluation
from .serialize import TRACES, evaluation_data, open_results, trace_converter
from .text.catalogue import msg, use_language
from .text.explain import explain, reasons_text, results_text

__all__ = ["main"]


def _blocks(_: click.Context, __: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    blocked = []
    for value in values:
        if not value.startswith("no:") or not value[3:]:
            raise click.BadParameter(msg("cli.plugin_block", given=value).render())
        blocked.append(value[3:])
    return tuple(blocked)


@click.group(cls=Group, name="partyrules", context_settings={"help_option_names": ["-h", "--help"]})
@version_option
@click.option("-p", "plugins", multiple=True, callback=_blocks, metavar="no:NAME")
@click.option("--limit", "limits", multiple=True, metavar="NAME=VALUE")
@click.option("--allow-outside", is_flag=True)
@click.option("--quiet", "-q", is_flag=True)
@click.option("--verbose", "-v", is_flag=True)
@click.pass_context
def main(
    context: click.Context,
    plugins: tuple[str, ...],
    limits: tuple[str, ...],
    allow_outside: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """Decide, explain and audit Four-Good recognition and annual quality grades. Its ``--help`` is
    in the catalogue."""
    _console_safe()
    context.obj = {"block": plugins, "verbosity": -1 if quiet else 1 if verbose else 0}
    if limits or allow_outside:
        with _user_errors():
            chosen = parse_limits(limits)
        if allow_outside:
            chosen = attrs.evolve(chosen, allow_outside=True)
        context.with_resource(use_limits(chosen))


main.add_command(review)
main.add_command(example)
main.add_command(template)
main.add_command(report)
for _command in (rulesets, check, audit, facts):
    main.add_command(_command)

FORMAT = click.Choice(["table", "json", "jsonl", "csv", "xlsx"])
TRACE = click.Choice(list(TRACES))


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=FORMAT)
@click.option("--trace", type=TRACE, default="compact", show_default=True)
@click.option("--explain", "full", is_flag=True)
@click.option("--lang", type=LANG, default="vi", show_default=True)
@click.option("--backend", type=BACKEND, default="auto", show_default=True)
@click.option("--framework")
@click.option("--framework-version")
@click.option("--regime", type=click.Choice(["366", "124"]))
@click.option("--output", "-o", type=click.Path(path_type=Path))
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--scheduler", metavar="ADDRESS")
def evaluate(
    file: Path,
    fmt: str | None,
    trace: str,
    full: bool,
    lang: str,
    backend: str,
    framework: str | None,
    framework_version: str | None,
    regime: str | None,
    output: Path | None,
    workers: int,
    scheduler: str | None,
) -> None:
    """Evaluate the subjects in FILE (YAML, JSON or JSON Lines), unit by unit. Its ``--help`` is in
    the catalogue."""
    with use_language(message_language(lang)), _user_errors():
        fmt = _output_format(fmt, output)
        if fmt == "xlsx" and output is None:
            raise InputError([Problem(msg("cli.xlsx_needs_output"), (), Scope("option", "--output"))])
        form = Format(
            fmt,
            trace,
            results_text if fmt == "table" else None,
            lang,
            full,
            reasons=reasons_text if fmt == "xlsx" else None,
            bom=fmt == "csv" and output is not None,
        )
        options: dict[str, Any] = {
            "registry": _registry(),
            "framework": framework,
            "version": framework_version,
            "backend": backend,
            "regime": regime,
            "form": form,
        }

        started = time.perf_counter()
        done: list[Any] = []

        def write(stream: IO[Any]) -> None:
            # a progress bar only where it does not mix with the results (a file, or a pipe)
            shown = output is not None or not sys.stdout.isatty()
            label = msg("cli.progress.evaluate", file=str(file)).render(lang)
            with progress(label if shown else "", msg("cli.progress.units").render(lang)) as on_unit:
                options["on_unit"] = on_unit if shown else None
                if scheduler is not None:
                    from . import dask

                    with dask.connect(scheduler) as client:
                        done.append(dask.run(client, file, stream, **options))
                elif workers > 1:
                    with ProcessPoolExecutor(workers, mp_context=_processes()) as pool:
                        done.append(run(file, stream, executor=pool, **options))
                else:
                    done.append(run(file, stream, **options))

        if output is not None:  # UTF-8, written as the workers encoded it; never over an input
            protect: list[str | Path] = [file, *([framework] if framework and is_framework_file(framework) else [])]
            write_atomic(output, write, binary=True, protect=protect)
        else:
            write(sys.stdout)
        summary = done[0] if done else None
        if summary is not None:
            seconds = f"{time.perf_counter() - started:.1f}"
            text = msg("cli.done", units=summary.units, subjects=summary.subjects, seconds=seconds).render(lang)
            info(text, level=1)


def _console_safe() -> None:
    """On a console that is not UTF-8 (a Windows code page, ``LANG=C``), write what it cannot
    show as escapes (``\\u1ea1``) instead of failing with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


#: The format an output file's extension names.
SUFFIX_FORMATS = {".json": "json", ".jsonl": "jsonl", ".csv": "csv", ".xlsx": "xlsx", ".txt": "table"}


def _output_format(fmt: str | None, output: Path | None) -> str:
    """The format asked for, else the one the output file's extension names (else ``table``);
    a ``--format`` that contradicts the extension is an error."""
    implied = SUFFIX_FORMATS.get(output.suffix.lower()) if output is not None else None
    if fmt is not None and implied is not None and fmt != implied:
        message = msg("cli.format_conflict", format=fmt, suffix=output.suffix if output else "", implied=implied)
        raise InputError([Problem(message, (), Scope("option", "--format"))])
    return fmt or implied or "table"


def _processes() -> multiprocessing.context.BaseContext:
    """How worker processes start: a fork server where there is one (no threads are forked),
    else a fresh interpreter."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


@main.command(name="explain")
@click.argument("file", type=click.Path(path_type=Path))
@click.argument("subject")
@click.option("--lang", type=LANG, default="vi", show_default=True)
@click.option("--backend", type=BACKEND, default="auto", show_default=True)
@click.option("--framework")
@click.option("--framework-version")
@click.option("--regime", type=click.Choice(["366", "124"]))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def explain_command(
    file: Path,
    subject: str,
    lang: str,
    backend: str,
    framework: str | None,
    framework_version: str | None,
    regime: str | None,
    fmt: str,
) -> None:
    """Explain why SUBJECT (an id in FILE) got its grade and verdict, rule by rule. Its ``--help``
    is in the catalogue."""
    with use_language(message_language(lang)), _user_errors():
        if str(file) == "-":
            raise InputError([Problem(msg("cli.stdin_once"), (), Scope("option", "FILE"))])
        registry = _registry()
        results = open_results(file)
        known = _Known()
        found: list[Evaluation] = []
        if results is not None:
            chosen = _framework_of_results(registry, results.catalogue, framework)
            found.extend(results.find(subject, known))
        else:
            chosen, units = open_file(
                file, registry=registry, framework=framework, version=framework_version, backend=backend, regime=regime
            )
            for _, evaluations in units:
                for evaluation in (e for top in evaluations for e in top.walk()):
                    known(evaluation.subject_id)
                    if evaluation.subject_id == subject:
                        found.append(evaluation)
        if not found:
            raise UnknownNameError("subject", subject, known.ids)
        if fmt == "json":
            converter = trace_converter()
            data = [evaluation_data(e, framework=chosen, converter=converter) for e in found]
            click.echo(orjson.dumps(data[0] if len(data) == 1 else data, option=orjson.OPT_INDENT_2).decode())
        else:
            click.echo("\n\n".join(explain(e, chosen, lang, full=True) for e in found))


class _Known:
    """The subject ids read, for "did you mean": the first 10,000 (a country's file has
    millions)."""

    LIMIT = 10_000

    def __init__(self) -> None:
        self.ids: set[str] = set()

    def __call__(self, subject_id: str) -> None:
        if len(self.ids) < self.LIMIT:
            self.ids.add(subject_id)


def _framework_of_results(registry: Registry, catalogue: Catalogue, spec: str | None) -> Framework:
    """The framework results were made with: installed (by name and version), or the one given;
    refused when its content differs from the one the results name."""
    named = catalogue.framework
    chosen = registry.resolve(spec if spec is not None else named.name, version=None if spec else named.version)
    if chosen.content_hash != named.content_hash:
        message = msg(
            "results.hash_mismatch",
            name=named.name,
            version=named.version,
            expected=named.content_hash[:12],
            got=chosen.content_hash[:12],
        )
        raise InputError(
            [Problem(message, ("catalogue", "framework", "content_hash"), hint=msg("results.hash_mismatch_hint"))]
        )
    return chosen


if __name__ == "__main__":  # pragma: no cover
    main()
