"""The ``partyrules`` command: options in, library calls, text out."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import click

from .convert import read_document
from .errors import InputError, PartyrulesError, PluginErrors, UnknownNameError
from .evaluator import Evaluator
from .frameworks import Framework
from .io.files import read_data, write_atomic
from .io.tables import write_csv, write_xlsx
from .plugins import Registry, is_framework_file
from .problems import Problem, Scope
from .results import Evaluation
from .serialize import dumps
from .text.catalogue import msg
from .text.explain import explain, period_text, results_text

__all__ = ["main"]

LANG = click.Choice(["vi", "en"])
BACKEND = click.Choice(["auto", "durable", "python"])


@contextmanager
def _user_errors() -> Iterator[None]:
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


def _registry(*, strict: bool = True) -> Registry:
    context = click.get_current_context(silent=True)
    blocked: tuple[str, ...] = ()
    if context is not None and context.find_root().obj:
        blocked = context.find_root().obj.get("block", ())
    return Registry(strict=strict, block=blocked)


def _load(
    file: Path, framework: str | None, version: str | None, backend: str, regime: str | None
) -> tuple[Evaluator, list[Evaluation]]:
    read = read_document(read_data(file), strict=False)
    document = read.document
    chosen = _registry().resolve(
        framework if framework is not None else document.framework,
        year=document.period,
        version=version or document.framework_version,
    )
    evaluator = Evaluator(chosen, backend=backend, regime=regime or document.regime)
    return evaluator, evaluator.evaluate_all(list(read.located()), read.problems)


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
@click.pass_context
def main(context: click.Context, plugins: tuple[str, ...]) -> None:
    """Decide, explain and audit Four-Good recognition and annual quality grades."""
    context.obj = {"block": plugins}


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv", "xlsx"]), default="table", show_default=True
)
@click.option("--explain", "full", is_flag=True, help="Explain every subject: every dimension and rule.")
@click.option("--lang", type=LANG, default="vi", show_default=True, help="Language of the text output.")
@click.option("--backend", type=BACKEND, default="auto", show_default=True)
@click.option("--framework", help="Framework name or framework file (default: the file's, else fourgood).")
@click.option("--framework-version", help="A framework version (default: the one in force in the period).")
@click.option("--regime", type=click.Choice(["366", "124"]), help="Force a grading regime.")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write to this file (atomically).")
def evaluate(
    file: Path,
    fmt: str,
    full: bool,
    lang: str,
    backend: str,
    framework: str | None,
    framework_version: str | None,
    regime: str | None,
    output: Path | None,
) -> None:
    """Evaluate the subjects in FILE (YAML or JSON)."""
    with _user_errors():
        if fmt == "xlsx" and output is None:
            raise InputError([Problem(msg("cli.xlsx_needs_output"), (), Scope("option", "--output"))])
        evaluator, results = _load(file, framework, framework_version, backend, regime)
        with evaluator:
            chosen = evaluator.framework
            if fmt == "json":
                text = dumps(results, framework=chosen) + "\n"
                _emit(output, lambda s: s.write(text))
            elif fmt == "csv":
                _emit(output, lambda s: write_csv(s, results))
            elif fmt == "xlsx":
                assert output is not None
                write_atomic(output, lambda s: write_xlsx(s, results), binary=True)
            else:
                text = results_text(results, chosen, lang, full=full)
                _emit(output, lambda s: s.write(text))


def _emit(output: Path | None, write: Callable[[IO[str]], object]) -> None:
    if output is None:
        write(sys.stdout)
    else:
        write_atomic(output, write)


@main.command(name="explain")
@click.argument("file", type=click.Path(path_type=Path))
@click.argument("subject")
@click.option("--lang", type=LANG, default="vi", show_default=True)
@click.option("--backend", type=BACKEND, default="auto", show_default=True)
@click.option("--framework", help="Framework name or framework file.")
@click.option("--regime", type=click.Choice(["366", "124"]), help="Force a grading regime.")
def explain_command(
    file: Path, subject: str, lang: str, backend: str, framework: str | None, regime: str | None
) -> None:
    """Explain why SUBJECT (an id in FILE) got its grade and verdict."""
    with _user_errors():
        evaluator, results = _load(file, framework, None, backend, regime)
        with evaluator:
            found = {e.subject_id: e for r in results for e in r.walk()}
            if subject not in found:
                raise UnknownNameError("subject", subject, found)
            click.echo(explain(found[subject], evaluator.framework, lang, full=True))


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
