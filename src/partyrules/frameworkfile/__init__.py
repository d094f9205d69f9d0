"""Framework files (TOML): a local committee's framework without code.

A file names its framework, extends another (by name, or by the path of a file relative to it),
overrides parameters and points, disables rules with a reason, sets the recognition policy and
the dimensions' titles, and adds new rules whose conditions are written in the language of
:mod:`partyrules.expressions`.  Every problem is reported at once with ``file:line:column``.
See docs/howto/write-framework.md.

The loader knows no registry: a framework named in ``extends`` is looked up through the
``resolve`` function it is given (:meth:`partyrules.Registry.framework` by default, through
:meth:`partyrules.Registry.add_file` and :meth:`partyrules.Registry.resolve`).
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import attrs

from ..checks import points_problems
from ..errors import FrameworkError, InputError, PartyrulesError, UnknownNameError
from ..frameworks import Framework
from ..io.files import confine, read_regular
from ..limits import current_limits
from ..problems import Problem, describe, excerpt, suggest
from ..rules import ID_PATTERN
from ..text.catalogue import msg, parser_words
from ._locate import Locator
from ._report import Report
from ._rules import Rules
from ._sections import CELLS_SHARE_PARAMETER, FRAMEWORK_KEYS, SECTIONS, Sections

__all__ = ["FrameworkFile", "LoadedFile", "Resolver", "framework_files", "load_framework_file", "read_framework_file"]


class Resolver(Protocol):
    """Looks up a framework by name and version (``None``: the latest), as ``extends`` names it:
    :meth:`partyrules.Registry.framework` is one."""

    def __call__(self, name: str, /, *, version: str | None = None) -> Framework: ...


@attrs.frozen
class FrameworkFile:
    """A framework file shipped by a plugin, registered under ``partyrules.rulesets``."""

    path: Path


@attrs.frozen
class LoadedFile:
    """A framework file read: the framework, the framework it extends, and its path."""

    framework: Framework
    parent: Framework
    path: Path


def framework_files(package: str, folder: str = "frameworks") -> tuple[FrameworkFile, ...]:
    """Every ``*.toml`` in ``folder`` of ``package``: what a plugin's entry point returns to
    register its framework files (``frameworks = "my_ward:FRAMEWORKS"``)."""
    root = resources.files(package).joinpath(folder)
    return tuple(
        FrameworkFile(Path(str(entry)))
        for entry in sorted(root.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml")
    )


def _error(path: Path, problems: list[Problem]) -> FrameworkError:
    return FrameworkError(problems, what=msg("what.framework_file", path=str(path)))


def read_framework_file(
    path: str | Path, *, resolve: Resolver | None = None, _stack: tuple[Path, ...] = ()
) -> LoadedFile:
    """Read, resolve and validate a framework file; raise :class:`FrameworkError` listing every
    problem with ``file:line:column``.

    A file it ``extends`` is named relative to it and must stay inside the root file's folder
    (:func:`partyrules.io.files.confine`); the chain is at most ``extends`` files long
    (:mod:`partyrules.limits`), and the file at most ``framework_size`` bytes."""
    path = Path(path)
    try:
        resolved = path.resolve()
    except ValueError:  # a NUL byte in the path
        raise _error(
            path, [Problem(msg("file.path_invalid", target=excerpt(str(path))), file=excerpt(str(path)))]
        ) from None
    except (OSError, RuntimeError):  # a symbolic link loop
        raise _error(path, [Problem(msg("io.symlink_loop"), file=str(path))]) from None
    limits = current_limits()
    if resolved in _stack:
        chain = " → ".join(p.name for p in (*_stack, resolved))
        raise _error(path, [Problem(msg("file.cycle", chain=chain), file=str(path))])
    if len(_stack) >= limits.extends:
        chain = " → ".join(p.name for p in (*_stack[:3], Path("…"), resolved))
        raise _error(path, [Problem(msg("limit.extends", limit=limits.extends, chain=chain), file=str(path))])
    try:
        text = read_regular(path, limit=limits.framework_size, limit_name="framework_size").decode("utf-8")
    except InputError as error:
        raise _error(path, list(error.problems)) from None
    except UnicodeDecodeError as error:
        message = msg("io.not_utf8", reason=error.reason, byte=error.start)
        raise _error(path, [Problem(message, file=str(path))]) from None
    locate = Locator(path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:  # its position is only in its message (Python 3.11)
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        line, column = (int(match.group(1)), int(match.group(2))) if match else (None, None)
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise _error(
            path,
            [
                Problem(
                    msg("file.invalid_toml", problem=parser_words(problem)), file=str(path), line=line, column=column
                )
            ],
        ) from None
    except RecursionError:
        raise _error(path, [Problem(msg("limit.depth_parse"), file=str(path))]) from None
    except ValueError:  # an integer longer than Python converts (4,300 digits)
        message = msg("limit.integer_parse", limit=limits.integer_digits)
        raise _error(path, [Problem(message, file=str(path))]) from None
    return _Builder(path, data, locate, resolve, (*_stack, resolved)).build()


def load_framework_file(path: str | Path, *, resolve: Resolver | None = None) -> Framework:
    """The framework of a framework file (see :func:`read_framework_file`)."""
    return read_framework_file(path, resolve=resolve).framework


class _Builder:
    def __init__(
        self, path: Path, data: dict[str, Any], locate: Locator, resolve: Resolver | None, stack: tuple[Path, ...]
    ) -> None:
        self.path = path
        self.data = data
        self.report = Report(path, data, locate)
        self.sections = Sections(self.report)
        self.resolve = resolve
        self.stack = stack
        #: (kind, rule id) → dimension, of every rule the framework will have (set by build)
        self.dimension_of: dict[tuple[str, str], str] = {}

    @property
    def problems(self) -> list[Problem]:
        return self.report.problems

    def build(self) -> LoadedFile:
        report = self.report
        for key in self.data:
            if key not in SECTIONS:
                report.problem(None, key, msg("file.unknown_section", name=repr(key)), suggest(key, SECTIONS))
        head = report.table("framework")
        report.unknown_keys("framework", head, FRAMEWORK_KEYS)
        name = report.text(head, "framework", "name", required=True)
        version = report.text(head, "framework", "version", required=True)
        if name and not ID_PATTERN.match(name):
            report.problem("framework", "name", msg("name.pattern"))
        effective_from = self.sections.year(head, "effective_from")
        effective_to = self.sections.year(head, "effective_to")
        if effective_from is not None and effective_to is not None and effective_from > effective_to:
            message = msg("file.period_order", start=effective_from, end=effective_to)
            report.problem("framework", "effective_to", message)
        parent = self.parent(head, name)
        if parent is None:  # what can be checked without the parent still is
            self.sections.numbers("points", minimum=0)
            self.sections.disabled()
            self.sections.numbers("dimension_points", minimum=0)
            self.sections.exemptions()
            raise _error(self.path, self.problems)
        parameters = self.sections.parameters(parent)
        points = self.sections.numbers("points", minimum=0)
        disabled = self.sections.disabled()
        policy, share = self.sections.policy(parent.policy)
        if share is not None:
            if CELLS_SHARE_PARAMETER in parent.parameter_specs:
                parameters[CELLS_SHARE_PARAMETER] = share
            else:
                message = msg("file.no_cells_share", name=repr(CELLS_SHARE_PARAMETER))
                report.problem("policy", "four_good_cells_share", message)
        dimension_points = {**parent.dimension_points, **self.sections.numbers("dimension_points", minimum=0)}
        dimensions = self.sections.dimensions(parent)
        rules = Rules(report, self.relocate)
        before = len(self.problems)
        new_rulesets = rules.rulesets(parent, name or "local", {**parent.parameter_values, **parameters})
        rules_broken = any(p.loc[:1] == ("rules",) for p in self.problems[before:]) or len(self.problems) > before
        exemptions = self.sections.exemptions()
        self.dimension_of = {
            (ruleset.kind.value, rule.id): ruleset.dimension
            for ruleset in (*parent.rulesets, *new_rulesets)
            for rule in ruleset.rules
        }
        # The framework is built even when the file has other problems, so that its own checks
        # (rules named in [points] or [disabled] that do not exist, the dimensions' totals) are
        # reported with them; only what follows from a rule already refused is left out.
        written = {item.get("id") for item in self.data.get("rules") or [] if isinstance(item, dict)}
        try:
            framework = Framework(
                name or "local",
                (*parent.rulesets, *new_rulesets),
                version=version or "0",
                title_vi=report.text(head, "framework", "title_vi") or parent.title_vi,
                title_en=report.text(head, "framework", "title_en") or parent.title_en,
                issuer=report.text(head, "framework", "issuer"),
                document=report.text(head, "framework", "document"),
                effective_from=effective_from,
                effective_to=effective_to
                if effective_from is None or effective_to is None or effective_from <= effective_to
                else None,
                parameters={**parent.parameters, **parameters},
                points={**parent.points, **points},
                disabled={**parent.disabled, **disabled},
                policy=policy,
                grading=parent.grading,
                dimension_points=dimension_points,
                exemptions=(*parent.exemptions, *exemptions),
                extends=f"{parent.name} {parent.version}",
                dimensions=dimensions,
            )
        except FrameworkError as error:
            for problem in error.problems:
                about = (
                    dict(problem.message.args).get("name") if problem.message.key == "framework.unknown_rule" else None
                )
                if not (rules_broken and about in written):
                    self.problems.append(self.relocate(problem))
            raise _error(self.path, self.problems) from None
        if not rules_broken:
            self.points_add_up(framework, parent)
        if self.problems:
            raise _error(self.path, self.problems)
        return LoadedFile(framework, parent, self.path)

    def points_add_up(self, framework: Framework, parent: Framework) -> None:
        """Each dimension's rules must still give the dimension's points after this file's changes
        (a problem the parent already had is not this file's)."""

        def key(problem: Problem) -> tuple[Any, Any]:
            args = dict(problem.message.args)
            return args.get("kind"), args.get("dimension")

        inherited = {key(p) for p in points_problems(parent)}
        for problem in points_problems(framework):
            if key(problem) not in inherited:
                self.problems.append(self.relocate(problem))

    def dimension_location(self, kind: str, dimension: str) -> tuple[int | None, int | None]:
        """The first line of this file that changes the points of ``dimension`` for ``kind``: its
        [dimension_points] entry, a [points] or [disabled] entry of one of its rules, or a new rule."""
        locate = self.report.locate
        candidates = []
        if dimension in self.report.table("dimension_points"):
            candidates.append(locate.key("dimension_points", dimension))
        for section in ("points", "disabled"):
            candidates.extend(
                locate.key(section, rule_id)
                for rule_id in self.report.table(section)
                if self.dimension_of.get((kind, rule_id)) == dimension
            )
        for index, item in enumerate(self.data.get("rules") or []):
            if isinstance(item, dict) and item.get("dimension") == dimension and item.get("kind", "cell") == kind:
                candidates.append(locate.key("rules", "id", index))
        found = sorted(c for c in candidates if c[0] is not None)
        return found[0] if found else (None, None)

    def relocate(self, problem: Problem) -> Problem:
        """Point a problem found by Framework or Ruleset validation at the line of the file it
        comes from, from its location (data), not its words."""
        report, locate = self.report, self.report.locate
        scope, loc, message = problem.scope, problem.loc, problem.message
        if message.key.startswith("points.do_not_add_up"):
            args = dict(message.args)
            line, column = self.dimension_location(str(args["kind"]), str(args["dimension"]))
            return report.at(message, line, column, hint=problem.hint, loc=loc)
        if scope.kind == "framework" and loc and isinstance(loc[0], str) and len(loc) > 1:
            section, key = loc[0], str(loc[1])
            line, column = locate.key(section, key)
            if line is None:
                line, column = locate.key(section, key.split(".")[0])
            if line is None:
                line, column = locate.section(f"{section}.{key}"), 1
            if message.key == "framework.unknown_rule":
                message = msg("file.unknown_rule_in", name=repr(key), section=section)
            return report.at(message, line, column, hint=problem.hint, loc=loc)
        if scope.kind == "rule":
            index = self.rule_index(scope.name)
            if index is not None:
                line, column = locate.key("rules", "id", index)
                return report.at(
                    msg("file.rule_problem", id=scope.name, message=message), line, column, hint=problem.hint
                )
        return report.at(msg("file.declared", where=problem.path, message=message), None, hint=problem.hint, loc=loc)

    def rule_index(self, rule_id: str) -> int | None:
        for index, item in enumerate(self.data.get("rules") or []):
            if isinstance(item, dict) and item.get("id") == rule_id:
                return index
        return None

    def parent(self, head: dict[str, Any], name: str) -> Framework | None:
        report = self.report
        target = head.get("extends")
        if target is None:
            report.problem("framework", None, msg("file.needs_extends"))
            return None
        if not isinstance(target, str) or not target.strip():
            report.problem("framework", "extends", msg("file.extends_text", given=describe(target)))
            return None
        version = head.get("extends_version")
        if version is not None and (not isinstance(version, str) or not version.strip()):
            report.problem(
                "framework",
                "extends_version",
                msg("file.extends_version", given=describe(version)),
                msg("file.extends_version_hint"),
            )
            return None
        if target.endswith(".toml") or "/" in target or "\\" in target:
            if version is not None:
                report.problem(
                    "framework",
                    "extends_version",
                    msg("file.extends_version_file"),
                    msg("file.extends_version_file_hint"),
                )
                return None
            root = self.stack[0].parent
            path, refused = confine(target, self.path, root)
            if refused is not None:
                report.problem("framework", "extends", refused, msg("file.path_hint"))
                return None
            if path.resolve() == self.stack[-1]:
                report.problem("framework", "extends", msg("file.extends_itself"))
                return None
            try:
                return read_framework_file(path, resolve=self.resolve, _stack=self.stack).framework
            except FrameworkError as error:
                cycle = [p for p in error.problems if p.message.key in ("file.cycle", "limit.extends")]
                if cycle:
                    report.problem("framework", "extends", cycle[0].message)
                else:
                    report.problem("framework", "extends", msg("file.parent_invalid", target=target))
                    self.problems.extend(error.problems)
                return None
        if target == name:
            report.problem("framework", "extends", msg("file.extends_itself"), msg("file.extends_itself_hint"))
            return None
        if self.resolve is None:
            report.problem("framework", "extends", msg("file.no_resolver", target=repr(target)))
            return None
        try:
            return self.resolve(target, version=version)
        except UnknownNameError as error:
            report.problem("framework", "extends", msg("file.error_text", text=error))
        except PartyrulesError as error:
            report.problem("framework", "extends", msg("file.cannot_use", target=repr(target), error=error))
        return None
