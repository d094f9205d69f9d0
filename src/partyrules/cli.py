"""The ``partyrules`` command: options in, library calls, text out."""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import IO, Any

import attrs
import click

from .batch import evaluate_file, framework_of, run
from .cli_example import example, template
from .cli_report import report
from .cli_review import review
from .clitools import BACKEND, LANG, parse_limits
from .clitools import registry_of_context as _registry
from .clitools import user_errors as _user_errors
from .errors import InputError, PartyrulesError, PluginErrors, UnknownNameError
from .evaluator import Evaluator
from .frameworks import Framework
from .io.files import write_atomic
from .io.write import Format
from .limits import use_limits
from .plugins import Registry, is_framework_file
from .problems import Problem, Scope
from .records import Catalogue
from .results import Evaluation
from .serialize import TRACES, open_results
from .text.catalogue import msg
from .text.explain import explain, period_text, reasons_text, results_text

__all__ = ["main"]


def _blocks(_: click.Context, __: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    blocked = []
    for value in values:
        if not value.startswith("no:") or not value[3:]:
            raise click.BadParameter(f"expected no:NAME (a plugin or distribution to leave out), got {value!r}")
        blocked.append(value[3:])
    return tuple(blocked)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="partyrules")
@click.option(
    "-p",
    "plugins",
    multiple=True,
    callback=_blocks,
    metavar="no:NAME",
    help="Leave out the plugin (entry point) or distribution NAME, as pytest's -p no:NAME.",
)
@click.option(
    "--limit",
    "limits",
    multiple=True,
    metavar="NAME=VALUE",
    help="Raise or lower a limit on input, e.g. --limit file_size=1G (docs/explanation/security.md).",
)
@click.option(
    "--allow-outside",
    is_flag=True,
    help="Let framework files (extends, or framework: in an input) name files outside their folder.",
)
@click.pass_context
def main(context: click.Context, plugins: tuple[str, ...], limits: tuple[str, ...], allow_outside: bool) -> None:
    """Decide, explain and audit Four-Good recognition and annual quality grades."""
    context.obj = {"block": plugins}
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

FORMAT = click.Choice(["table", "json", "jsonl", "csv", "xlsx"])
TRACE = click.Choice(list(TRACES))


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=FORMAT,
    help="table (the default), json, jsonl, csv or xlsx; with --output, the file's extension chooses.",
)
@click.option(
    "--trace",
    type=TRACE,
    default="compact",
    show_default=True,
    help="json/jsonl: each record's evidence only (compact), or its full trace too.",
)
@click.option("--explain", "full", is_flag=True, help="Explain every subject: every dimension and rule.")
@click.option("--lang", type=LANG, default="vi", show_default=True, help="Language of the text output.")
@click.option("--backend", type=BACKEND, default="auto", show_default=True)
@click.option("--framework", help="Framework name or framework file (default: the file's, else fourgood).")
@click.option("--framework-version", help="A framework version (default: the one in force in the period).")
@click.option("--regime", type=click.Choice(["366", "124"]), help="Force a grading regime.")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write to this file (atomically).")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes evaluating the file's units (same output as one).",
)
@click.option("--scheduler", metavar="ADDRESS", help="Run on this Dask cluster (needs partyrules[dask]).")
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
    """Evaluate the subjects in FILE (YAML, JSON or JSON Lines), unit by unit.

    FILE holds one document, or one unit per line (.jsonl) or per YAML document (---): each unit
    is written as soon as it is evaluated.  With --output the file appears only once every unit
    is fine.
    """
    with _user_errors():
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
        options = {
            "registry": _registry(),
            "framework": framework,
            "version": framework_version,
            "backend": backend,
            "regime": regime,
            "form": form,
        }

        def write(stream: IO[Any]) -> None:
            if scheduler is not None:
                from . import dask

                with dask.connect(scheduler) as client:
                    dask.run(client, file, stream, **options)  # type: ignore[arg-type]
            elif workers > 1:
                with ProcessPoolExecutor(workers, mp_context=_processes()) as pool:
                    run(file, stream, executor=pool, **options)  # type: ignore[arg-type]
            else:
                run(file, stream, **options)  # type: ignore[arg-type]

        if output is not None:  # UTF-8, written as the workers encoded it; never over an input
            protect: list[str | Path] = [file, *([framework] if framework and is_framework_file(framework) else [])]
            write_atomic(output, write, binary=True, protect=protect)
        else:
            write(sys.stdout)


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
@click.option("--framework", help="Framework name or framework file.")
@click.option("--framework-version", help="A framework version (default: the one in force in the period).")
@click.option("--regime", type=click.Choice(["366", "124"]), help="Force a grading regime.")
def explain_command(
    file: Path,
    subject: str,
    lang: str,
    backend: str,
    framework: str | None,
    framework_version: str | None,
    regime: str | None,
) -> None:
    """Explain why SUBJECT (an id in FILE) got its grade and verdict, rule by rule.

    FILE is an input file (evaluated now) or the results of `partyrules evaluate --format
    json/jsonl` (the full trace is rebuilt from the compact record and the framework, which must
    be the one the results were made with).
    """
    with _user_errors():
        registry = _registry()
        results = open_results(file)
        known = _Known()
        found: list[Evaluation] = []
        if results is not None:
            chosen = _framework_of_results(registry, results.catalogue, framework)
            found.extend(results.find(subject, known))
        else:
            chosen = framework_of(file, registry=registry, framework=framework, version=framework_version)
            for _, evaluations in evaluate_file(
                file, registry=registry, framework=framework, version=framework_version, backend=backend, regime=regime
            ):
                for evaluation in (e for top in evaluations for e in top.walk()):
                    known(evaluation.subject_id)
                    if evaluation.subject_id == subject:
                        found.append(evaluation)
        if not found:
            raise UnknownNameError("subject", subject, known.ids)
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


@main.command()
def rulesets() -> None:
    """List the installed rulesets and frameworks, with their distribution, version and status."""
    registry = _registry(strict=False)
    with _user_errors():
        registry.load()
    click.echo("Rulesets:")
    for item, origin in registry.rulesets():
        confirmed = sum(1 for r in item.rules if r.status.value == "confirmed")
        click.echo(
            f"  {item.name:<40} {item.kind.value:<9} {item.dimension:<17} {len(item.rules):>3} rules "
            f"({confirmed} confirmed, {len(item.rules) - confirmed} default)  [{origin.holder()}]  ok"
        )
    click.echo("Frameworks:")
    for fw, origin in registry.frameworks():
        period = period_text(fw.in_force)
        click.echo(f"  {fw.name:<24} version {fw.version:<8} in force {period:<11} [{origin.holder()}]  ok")
    from .engine import durable_available

    click.echo("Backends:")
    click.echo("  python     available (the interpreter)")
    if durable_available():
        click.echo("  durable    available (durable_rules; the default)")
    else:
        click.echo("  durable    not installed: pip install 'partyrules[durable]' (needs a C compiler)")
    if registry.errors:
        click.echo(str(PluginErrors(registry.errors)), err=True)
        raise SystemExit(1)


@main.command()
@click.argument("framework")
def check(framework: str) -> None:
    """Check a framework (a file or an installed name): every problem, or a summary."""
    from .engine import resolve_backend
    from .text.framework import framework_summary

    with _user_errors():
        registry = _registry()
        parent: Framework | None
        if is_framework_file(framework):
            loaded = registry.read_file(Path(framework))
            chosen, parent = loaded.framework, loaded.parent
            registry.check_periods(chosen)
        else:
            chosen = registry.resolve(framework)
            parent = _parent(registry, chosen)
        if resolve_backend("auto") == "durable":  # compile now: an engine limit is reported here
            with Evaluator(chosen, backend="durable") as compiled:
                for kind in chosen.kinds:
                    compiled.compile(kind)
        click.echo(framework_summary(chosen, parent))


def _parent(registry: Registry, framework: Framework) -> Framework | None:
    """The installed framework an installed framework extends."""
    if not framework.extends:
        return None
    name, _, version = framework.extends.partition(" ")
    try:
        return registry.framework(name, version=version or None)
    except PartyrulesError:
        return None


@main.command()
@click.argument("framework")
@click.option(
    "--examples", type=click.IntRange(min=1), default=100, show_default=True, help="Examples tried per search."
)
@click.option("--seed", default=0, show_default=True, help="Seed of the searches (same seed, same run).")
@click.option(
    "--property",
    "properties",
    multiple=True,
    type=click.Choice(["totality", "determinism", "monotonicity", "agreement", "coverage", "consistency", "trace"]),
    help="Check only these properties (repeatable; default: all).",
)
@click.option(
    "--kind", "kinds", multiple=True, type=click.Choice(["member", "cell", "committee"]), help="Only these kinds."
)
@click.option(
    "--save", type=click.Path(file_okay=False, path_type=Path), help="Also write each counterexample to a file here."
)
def audit(
    framework: str, examples: int, seed: int, properties: tuple[str, ...], kinds: tuple[str, ...], save: Path | None
) -> None:
    """Audit a framework (a name or a file): totality, determinism, monotonicity, agreement of
    the backends, coverage, consistency and trace completeness, each with a minimal counterexample."""
    try:
        from .testing.audit import audit as run_audit
        from .testing.audit import render_report, write_counterexamples
    except ImportError:  # pragma: no cover - hypothesis missing
        click.echo("error: partyrules audit needs hypothesis: pip install 'partyrules[test]'", err=True)
        raise SystemExit(1) from None

    with _user_errors():
        chosen = _registry().resolve(framework)
        click.echo(
            f"auditing {chosen.name} {chosen.version} with {examples} examples per search, seed {seed}", err=True
        )
        report = run_audit(
            chosen,
            examples=examples,
            seed=seed,
            properties=properties or None,
            kinds=kinds or None,
            progress=lambda name: click.echo(f"  checking {name}…", err=True),
        )
        click.echo(render_report(report))
        if save is not None:
            for path in write_counterexamples(report, save):
                click.echo(f"wrote {path}", err=True)
    raise SystemExit(0 if report.ok else 1)


@main.command()
@click.option("--framework", help="Framework name or framework file (default: fourgood).")
def facts(framework: str | None) -> None:
    """Print the facts reference (Markdown) of a framework: what a ward's file can contain."""
    from .text.facts import facts_markdown

    with _user_errors():
        click.echo(facts_markdown(_registry().resolve(framework)), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
