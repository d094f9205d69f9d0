"""The commands about frameworks: ``rulesets``, ``check``, ``audit`` and ``facts``; each
reports as text, or as JSON with ``--format json`` (for tools, as ruff's and pytest's do)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
import orjson

from .clitools import info, progress
from .clitools import registry_of_context as _registry
from .clitools import user_errors as _user_errors
from .errors import PartyrulesError, PluginErrors
from .evaluator import Evaluator
from .frameworks import Framework
from .plugins import Registry, is_framework_file
from .problems import Problem
from .text.catalogue import msg
from .text.explain import period_text

__all__ = ["audit", "check", "facts", "rulesets"]

REPORT = click.Choice(["text", "json"])


def _json(data: Any) -> None:
    click.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())


def problem_data(problem: Problem) -> dict[str, Any]:
    """A problem for tools: where (rendered, and the file position), what, and the hint."""
    where, message, hint = problem.parts()
    return {
        "path": where,
        "message": message,
        "hint": hint,
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
    }


def _failed(error: PartyrulesError) -> None:
    """``--format json``: the error as JSON on standard output, and exit code 1."""
    problems = getattr(error, "problems", None)
    if problems:
        _json({"ok": False, "problems": [problem_data(p) for p in problems]})
    else:
        _json({"ok": False, "problems": [{"path": "", "message": str(error), "hint": None}]})
    raise SystemExit(1)


@click.command()
@click.option("--format", "fmt", type=REPORT, default="text", show_default=True)
def rulesets(fmt: str) -> None:
    """List the installed rulesets and frameworks, with their distribution, version and status,
    and the backends available.

    \b
    Example:
      partyrules rulesets --format json
    """
    from .engine import durable_available

    registry = _registry(strict=False)
    with _user_errors():
        registry.load()
    if fmt == "json":
        _json(
            {
                "rulesets": [
                    {
                        "name": item.name,
                        "kind": item.kind.value,
                        "dimension": item.dimension,
                        "rules": len(item.rules),
                        "confirmed": sum(1 for r in item.rules if r.status.value == "confirmed"),
                        "from": origin.holder(),
                    }
                    for item, origin in registry.rulesets()
                ],
                "frameworks": [
                    {"name": fw.name, "version": fw.version, "in_force": list(fw.in_force), "from": origin.holder()}
                    for fw, origin in registry.frameworks()
                ],
                "backends": {"python": True, "durable": durable_available()},
                "errors": [str(error) for error in registry.errors],
            }
        )
        raise SystemExit(1 if registry.errors else 0)
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
    click.echo("Backends:")
    click.echo("  python     available (the interpreter)")
    if durable_available():
        click.echo("  durable    available (durable_rules; the default)")
    else:
        click.echo("  durable    not installed: pip install 'partyrules[durable]' (needs a C compiler)")
    if registry.errors:
        click.echo(str(PluginErrors(registry.errors)), err=True)
        raise SystemExit(1)


@click.command()
@click.argument("framework")
@click.option("--format", "fmt", type=REPORT, default="text", show_default=True)
def check(framework: str, fmt: str) -> None:
    """Check a framework (a file or an installed name): every problem, or a summary.

    \b
    Example:
      partyrules check examples/frameworks/hoa-binh.toml
      partyrules check my-ward.toml --format json
    """
    if fmt == "json":
        try:
            chosen, _ = _checked(framework)
        except PartyrulesError as error:
            _failed(error)
        _json({"ok": True, "framework": chosen.name, "version": chosen.version, "content_hash": chosen.content_hash})
        return
    from .text.framework import framework_summary

    with _user_errors():
        chosen, parent = _checked(framework)
        click.echo(framework_summary(chosen, parent))


def _checked(framework: str) -> tuple[Framework, Framework | None]:
    """The framework named (read and validated, its rules compiled), and its parent."""
    from .engine import resolve_backend

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
    return chosen, parent


def _parent(registry: Registry, framework: Framework) -> Framework | None:
    """The installed framework an installed framework extends."""
    if not framework.extends:
        return None
    name, _, version = framework.extends.partition(" ")
    try:
        return registry.framework(name, version=version or None)
    except PartyrulesError:
        return None


@click.command()
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
@click.option("--format", "fmt", type=REPORT, default="text", show_default=True)
def audit(
    framework: str,
    examples: int,
    seed: int,
    properties: tuple[str, ...],
    kinds: tuple[str, ...],
    save: Path | None,
    fmt: str,
) -> None:
    """Audit a framework (a name or a file): totality, determinism, monotonicity, agreement of
    the backends, coverage, consistency and trace completeness, each with a minimal counterexample.

    \b
    Example:
      partyrules audit examples/frameworks/hoa-binh.toml --examples 50
      partyrules audit fourgood --property totality --format json
    """
    try:
        from .testing.audit import audit as run_audit
        from .testing.audit import render_report, write_counterexamples
    except ImportError:  # pragma: no cover - hypothesis missing
        click.echo("error: partyrules audit needs hypothesis: pip install 'partyrules[test]'", err=True)
        raise SystemExit(1) from None

    with _user_errors():
        chosen = _registry().resolve(framework)
        info(f"auditing {chosen.name} {chosen.version} with {examples} examples per search, seed {seed}")
        count = len(properties) if properties else 7
        label = msg("cli.progress.audit", framework=chosen.name).render()
        with progress(label, msg("cli.progress.properties").render(), total=count) as advance:
            checked: list[str] = []

            def step(name: str) -> None:
                advance(len(checked))
                checked.append(name)
                if not sys.stderr.isatty():  # a log, not a terminal: one line per property
                    info(f"  checking {name}…")

            report = run_audit(
                chosen,
                examples=examples,
                seed=seed,
                properties=properties or None,
                kinds=kinds or None,
                progress=step,
            )
        if fmt == "json":
            _json(_audit_data(report))
        else:
            click.echo(render_report(report))
        if save is not None:
            for path in write_counterexamples(report, save):
                info(f"wrote {path}")
    raise SystemExit(0 if report.ok else 1)


def _audit_data(report: Any) -> dict[str, Any]:
    from .testing.audit import counterexample_document

    return {
        "ok": report.ok,
        "framework": report.framework,
        "version": report.version,
        "content_hash": report.content_hash,
        "seed": report.seed,
        "examples": report.examples,
        "checked": list(report.checked),
        "violations": [
            {
                "property": v.property,
                "kind": v.kind.value,
                "rule": v.rule_id,
                "fact": v.fact,
                "message": v.message,
                "accepted_by": v.exempted_by,
                "counterexample": counterexample_document(v),
            }
            for v in report.violations
        ],
    }


@click.command()
@click.option("--framework", help="Framework name or framework file (default: fourgood).")
def facts(framework: str | None) -> None:
    """Print the facts reference (Markdown) of a framework: what a ward's file can contain.

    \b
    Example:
      partyrules facts --framework examples/frameworks/hoa-binh.toml
    """
    from .text.facts import facts_markdown

    with _user_errors():
        click.echo(facts_markdown(_registry().resolve(framework)), nl=False)
