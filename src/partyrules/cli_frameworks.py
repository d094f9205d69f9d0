"""The commands about frameworks: ``rulesets``, ``check``, ``audit`` and ``facts``; each
reports as text, or as JSON with ``--format json`` (for tools, as ruff's and pytest's do)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
import orjson

from .clitools import LANG, Command, info, progress
from .clitools import registry_of_context as _registry
from .clitools import user_errors as _user_errors
from .errors import PartyrulesError, PluginErrors
from .evaluator import Evaluator
from .frameworks import Framework
from .plugins import Registry, is_framework_file
from .problems import Problem
from .text.catalogue import language, msg, render, use_language
from .text.explain import period_text

__all__ = ["audit", "check", "facts", "rulesets"]

REPORT = click.Choice(["text", "json"])
#: The language of the text these commands print: the locale's unless given.
LANG_OPTION = click.option("--lang", type=LANG)


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


@click.command(cls=Command)
@click.option("--format", "fmt", type=REPORT, default="text", show_default=True)
@LANG_OPTION
def rulesets(fmt: str, lang: str | None) -> None:
    """List the installed rulesets and frameworks, with their distribution, version and status, and
    the backends available. Its ``--help`` is in the catalogue."""
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
    with use_language(lang or language()), _user_errors():
        _rulesets_text(registry, durable_available())
        if registry.errors:
            click.echo(str(PluginErrors(registry.errors)), err=True)
            raise SystemExit(1)


def _rulesets_text(registry: Registry, durable: bool) -> None:
    def say(key: str, **args: Any) -> None:
        click.echo(render(key, None, args))

    say("rulesets.head")
    for item, origin in registry.rulesets():
        confirmed = sum(1 for r in item.rules if r.status.value == "confirmed")
        say(
            "rulesets.ruleset",
            name=item.name,
            title=(item.title_vi if language() == "vi" else item.title_en) or f"{item.kind.value} {item.dimension}",
            count=len(item.rules),
            confirmed=confirmed,
            default=len(item.rules) - confirmed,
            origin=origin.holder(),
        )
    say("rulesets.frameworks")
    for fw, origin in registry.frameworks():
        say(
            "rulesets.framework",
            name=fw.name,
            version=fw.version,
            period=period_text(fw.in_force),
            origin=origin.holder(),
        )
    say("rulesets.backends")
    say("rulesets.python")
    say("rulesets.durable" if durable else "rulesets.no_durable")


@click.command(cls=Command)
@click.argument("framework")
@click.option("--format", "fmt", type=REPORT, default="text", show_default=True)
@LANG_OPTION
def check(framework: str, fmt: str, lang: str | None) -> None:
    """Check a framework (a file or an installed name): every problem, or a summary. Its ``--help``
    is in the catalogue."""
    if fmt == "json":
        try:
            chosen, _ = _checked(framework)
        except PartyrulesError as error:
            _failed(error)
        _json({"ok": True, "framework": chosen.name, "version": chosen.version, "content_hash": chosen.content_hash})
        return
    from .text.framework import framework_summary

    with use_language(lang or language()), _user_errors():
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


@click.command(cls=Command)
@click.argument("framework")
@click.option("--examples", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--seed", default=0, show_default=True)
@click.option(
    "--property",
    "properties",
    multiple=True,
    type=click.Choice(["totality", "determinism", "monotonicity", "agreement", "coverage", "consistency", "trace"]),
)
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["member", "cell", "committee"]))
@click.option("--save", type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=REPORT, default="text", show_default=True)
@LANG_OPTION
def audit(
    framework: str,
    examples: int,
    seed: int,
    properties: tuple[str, ...],
    kinds: tuple[str, ...],
    save: Path | None,
    fmt: str,
    lang: str | None,
) -> None:
    """Audit a framework (a name or a file): totality, determinism, monotonicity, agreement of the
    backends, coverage, consistency and trace completeness, each with a minimal counterexample. Its
    ``--help`` is in the catalogue."""
    try:
        from .testing.audit import audit as run_audit
        from .testing.audit import render_report, write_counterexamples
    except ImportError:  # pragma: no cover - hypothesis missing
        click.echo(render("audit.needs_hypothesis", lang), err=True)
        raise SystemExit(1) from None

    with use_language(lang or language()), _user_errors():
        chosen = _registry().resolve(framework)
        info(
            render(
                "audit.start",
                None,
                {"name": chosen.name, "version": chosen.version, "examples": examples, "seed": seed},
            )
        )
        count = len(properties) if properties else 7
        label = msg("cli.progress.audit", framework=chosen.name).render()
        with progress(label, msg("cli.progress.properties").render(), total=count) as advance:
            checked: list[str] = []

            def step(name: str) -> None:
                advance(len(checked))
                checked.append(name)
                if not sys.stderr.isatty():  # a log, not a terminal: one line per property
                    info(msg("audit.checking", name=msg(f"audit.property.{name}")).render())

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
                info(msg("audit.wrote", path=str(path)).render())
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
                "message": str(v.message),
                "accepted_by": str(v.exempted_by) if v.exempted_by is not None else None,
                "counterexample": counterexample_document(v),
            }
            for v in report.violations
        ],
    }


@click.command(cls=Command)
@click.option("--framework")
@LANG_OPTION
def facts(framework: str | None, lang: str | None) -> None:
    """Print the facts reference (Markdown) of a framework: what a ward's file can contain. Its
    ``--help`` is in the catalogue."""
    from .text.facts import facts_markdown

    with use_language(lang or language()), _user_errors():
        click.echo(facts_markdown(_registry().resolve(framework)), nl=False)
