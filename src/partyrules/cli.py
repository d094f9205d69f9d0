"""The ``partyrules`` command."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click

from .convert import dumps, read_document
from .errors import InputError, PartyrulesError, PluginErrors, Problem
from .evaluate import Evaluator
from .frameworks import Framework
from .io.files import read_data, write_atomic
from .io.tables import write_csv, write_xlsx
from .plugins import Registry
from .render import explain, summary_line
from .results import Evaluation
from .subjects import Subject

__all__ = ["main"]

DEFAULT_FRAMEWORK = "fourgood"
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


def resolve_framework(
    registry: Registry, spec: str | None, *, year: int | None = None, version: str | None = None
) -> Framework:
    """A framework by name (from the registry) or by the path of a framework file."""
    if spec is not None and not spec.strip():
        raise InputError([Problem("--framework", "give a framework name or the path of a framework file")])
    name = spec or DEFAULT_FRAMEWORK
    if name.endswith(".toml") or Path(name).is_file():
        from .frameworkfile import load_framework_file

        return load_framework_file(Path(name), registry=registry)
    return registry.framework(name, version=version, year=year)


def _evaluate_all(
    evaluator: Evaluator, subjects: list[Subject], paths: list[str], problems: list[Problem] | None = None
) -> list[Evaluation]:
    """Evaluate every subject; report the input problems of all of them, and ``problems``
    found before, together."""
    results = []
    problems = list(problems or ())
    for subject, path in zip(subjects, paths, strict=True):
        try:
            results.append(evaluator.evaluate(subject, path=path))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return results


def _paths(data: Any) -> list[str]:
    paths = []
    for label in ("committees", "cells", "members"):
        for index, _ in enumerate(data.get(label) or []):
            paths.append(f"$.{label}[{index}]")
    return paths


def _load(
    file: Path, framework: str | None, version: str | None, backend: str, regime: str | None
) -> tuple[Evaluator, list[Evaluation]]:
    data = read_data(file)
    earlier: list[Problem] = []
    document, subjects = read_document(data, later=earlier)
    registry = Registry()
    chosen = resolve_framework(
        registry,
        framework if framework is not None else document.framework,
        year=document.period,
        version=version or document.framework_version,
    )
    evaluator = Evaluator(chosen, backend=backend, regime=regime or document.regime)
    return evaluator, _evaluate_all(evaluator, subjects, _paths(data), earlier)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="partyrules")
def main() -> None:
    """Decide, explain and audit Four-Good recognition and annual quality grades."""


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
            raise InputError([Problem("--output", "XLSX output needs --output FILE.xlsx")])
        evaluator, results = _load(file, framework, framework_version, backend, regime)
        with evaluator:
            if fmt == "json":
                text = dumps(results) + "\n"
                _emit(output, lambda s: s.write(text))
            elif fmt == "csv":
                _emit(output, lambda s: write_csv(s, results))
            elif fmt == "xlsx":
                assert output is not None
                write_atomic(output, lambda s: write_xlsx(s, results), binary=True)
            else:
                text = _text(results, lang, full)
                _emit(output, lambda s: s.write(text))


def _emit(output: Path | None, write: Callable[[IO[str]], object]) -> None:
    if output is None:
        write(sys.stdout)
    else:
        write_atomic(output, write)


def _text(results: list[Evaluation], lang: str, full: bool) -> str:
    if full:
        return "\n\n".join(explain(r, lang, full=True) for r in results) + "\n"
    lines = []
    for result in results:
        lines.append(summary_line(result, lang))
        for line in explain(result, lang).splitlines()[1:]:
            lines.append(line)
        for child in result.children:
            lines.append("  " + summary_line(child, lang))
            for grandchild in child.children:
                lines.append("    " + summary_line(grandchild, lang))
    return "\n".join(lines) + "\n"


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
    from .io.tables import flatten

    with _user_errors():
        evaluator, results = _load(file, framework, None, backend, regime)
        with evaluator:
            found = {r.subject_id: r for r in flatten(results)}
            if subject not in found:
                from .errors import UnknownNameError

                raise UnknownNameError("subject", subject, found)
            click.echo(explain(found[subject], lang, full=True))


@main.command()
def rulesets() -> None:
    """List the installed rulesets and frameworks, with their distribution, version and status."""
    registry = Registry(strict=False)
    with _user_errors():
        registry.load()
    click.echo("Rulesets:")
    for item, origin in registry.rulesets():
        confirmed = sum(1 for r in item.rules if r.status.value == "confirmed")
        dist = f"{origin.distribution} {origin.version}" if origin.distribution else origin.value
        click.echo(
            f"  {item.name:<40} {item.kind.value:<9} {item.dimension:<17} {len(item.rules):>3} rules "
            f"({confirmed} confirmed, {len(item.rules) - confirmed} default)  [{dist}]  ok"
        )
    click.echo("Frameworks:")
    for fw, origin in registry.frameworks():
        dist = f"{origin.distribution} {origin.version}" if origin.distribution else origin.value
        period = f"{fw.effective_from or '…'}–{fw.effective_to or '…'}"
        click.echo(f"  {fw.name:<24} version {fw.version:<8} in force {period:<11} [{dist}]  ok")
    if registry.errors:
        click.echo(str(PluginErrors(registry.errors)), err=True)
        raise SystemExit(1)


@main.command()
@click.argument("framework")
def check(framework: str) -> None:
    """Check a framework (a file or an installed name): every problem, or a summary."""
    from .summary import framework_summary

    with _user_errors():
        registry = Registry()
        is_file = framework.endswith(".toml") or Path(framework).is_file()
        chosen = resolve_framework(registry, framework)
        if is_file:
            registry.check_periods(chosen)
        from .engine import resolve_backend

        if resolve_backend("auto") == "durable":  # compile now: an engine limit is reported here
            with Evaluator(chosen, backend="durable") as compiled:
                for kind in chosen.kinds:
                    compiled.compile(kind)
        click.echo(framework_summary(chosen, _parent(registry, chosen, Path(framework) if is_file else None)))


def _parent(registry: Registry, framework: Framework, file: Path | None) -> Framework | None:
    """The framework this one extends: a file next to it, or one in the registry."""
    if not framework.extends:
        return None
    if file is not None:
        import tomllib

        from .frameworkfile import load_framework_file

        target = tomllib.loads(file.read_text(encoding="utf-8")).get("framework", {}).get("extends", "")
        if target.endswith(".toml") or "/" in target:
            return load_framework_file(file.parent / target, registry=registry)
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
    except ImportError:  # pragma: no cover - hypothesis missing
        click.echo("error: partyrules audit needs hypothesis: pip install 'partyrules[test]'", err=True)
        raise SystemExit(1) from None
    from .auditreport import render_report, write_counterexamples

    with _user_errors():
        chosen = resolve_framework(Registry(), framework)
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
    from .reference import facts_markdown

    with _user_errors():
        chosen = resolve_framework(Registry(), framework)
        click.echo(facts_markdown(chosen), nl=False)


def run() -> None:  # pragma: no cover - console entry for python -m
    main()


if __name__ == "__main__":  # pragma: no cover
    main()
