"""Framework files (TOML): a local committee's framework without code.

A file names its framework, extends another (by registry name or by relative path), overrides
parameters and points, disables rules with a reason, sets the recognition policy and adds new
rules whose conditions are written in the language of :mod:`partyrules.expressions`.  Every
problem is reported at once with ``file:line:column``.  See docs/howto/write-framework.md.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .errors import FrameworkError, PartyrulesError, Problem, UnknownNameError, describe, did_you_mean
from .expressions import ExpressionError, parse, render
from .frameworks import Exemption, Framework, Policy
from .model import Grade, Kind, Status, UnknownPolicy
from .rules import Compare, Condition, In, Rule, params_read, walk
from .rulesets import ANNUAL, Ruleset
from .validate import ID_PATTERN, check_against, check_rule

if TYPE_CHECKING:
    from .plugins import Registry

__all__ = ["FrameworkFile", "framework_files", "load_framework_file"]

SECTIONS = {"framework", "parameters", "points", "disabled", "policy", "dimension_points", "rules", "exemptions"}
FRAMEWORK_KEYS = {
    "name", "version", "title_vi", "title_en", "issuer", "document",
    "effective_from", "effective_to", "extends", "extends_version",
}  # fmt: skip
POLICY_KEYS = {
    "four_good_min_grade",
    "unknown",
    "quota_share",
    "excellent_requires_good_dimensions",
    "bands",
    "four_good_cells_share",
}
BAND_KEYS = {"excellent", "good", "average"}
RULE_KEYS = {
    "id", "kind", "dimension", "title_vi", "title_en", "when", "applies", "points", "required",
    "veto", "cap", "blocks_four_good", "excludes", "source", "status", "note",
}  # fmt: skip
#: The policy key that sets the committee's share of Four-Good cells (a parameter of the framework).
CELLS_SHARE_PARAMETER = "min_four_good_cells_share"


@attrs.frozen
class FrameworkFile:
    """A framework file shipped by a plugin, registered under ``partyrules.rulesets``."""

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


class _Locator:
    """Finds the line (and column) of a section, key or rule in a TOML text, for messages."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def at(self, line: int | None, column: int | None = None) -> str:
        if line is None:
            return str(self.path)
        return f"{self.path}:{line}" + (f":{column}" if column else "")

    def section(self, name: str, index: int | None = None) -> int | None:
        header = re.compile(rf"^\s*\[\[?\s*{re.escape(name)}\s*\]\]?\s*(#.*)?$")
        count = -1
        for number, line in enumerate(self.lines, 1):
            if header.match(line):
                count += 1
                if index is None or count == index:
                    return number
        return None

    def key(self, section: str | None, key: str, index: int | None = None) -> tuple[int | None, int | None]:
        """The line and column of ``key`` in ``section`` (or at the top level when ``section`` is
        ``None``); the section's header line when the key is not written there."""
        if section is None:
            return self.top_level(key)
        start = self.section(section, index)
        if start is None:
            return None, None
        pattern = re.compile(rf"""^\s*(["']?){re.escape(key)}\1\s*=""")
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if re.match(r"^\s*\[", line):
                break
            if pattern.match(line):
                return number, len(line) - len(line.lstrip()) + 1
        return start, None

    def top_level(self, key: str) -> tuple[int | None, int | None]:
        """A top-level key: a ``key = ...`` line before the first table, or a table's header."""
        header = self.section(key)
        if header is not None:
            return header, 1
        pattern = re.compile(rf"""^\s*(["']?){re.escape(key)}\1\s*=""")
        for number, line in enumerate(self.lines, 1):
            if re.match(r"^\s*\[", line):
                break
            if pattern.match(line):
                return number, len(line) - len(line.lstrip()) + 1
        return None, None

    def in_value(self, line: int | None, offset: int) -> tuple[int | None, int | None]:
        """The line and column of the ``offset``-th character (1-based) of the string value that
        starts on ``line``; a multi-line string (\"\"\"...\"\"\") may put it on a later line."""
        if line is None:
            return None, None
        text = self.lines[line - 1]
        match = re.match(r'^[^=]*=\s*("""|\'\'\'|"|\')?', text)
        if match is None:
            return line, None
        column = match.end() + 1
        if match.group(1) not in ('"""', "'''"):
            return line, column + offset - 1
        body = "\n".join([text[match.end() :], *self.lines[line:]])
        if body.startswith("\n"):  # TOML drops a newline right after the opening delimiter
            body, line, column = body[1:], line + 1, 1
        before = body[: offset - 1]
        newlines = before.count("\n")
        if newlines == 0:
            return line, column + offset - 1
        return line + newlines, len(before) - before.rfind("\n")


def load_framework_file(
    path: str | Path,
    *,
    registry: Registry | None = None,
    _stack: tuple[Path, ...] = (),
) -> Framework:
    """Read, resolve and validate a framework file; raise :class:`FrameworkError` listing every
    problem with ``file:line:column``."""
    path = Path(path)
    resolved = path.resolve()
    if resolved in _stack:
        chain = " → ".join(p.name for p in (*_stack, resolved))
        raise FrameworkError([Problem(str(path), f"'extends' makes a cycle: {chain}")], what=f"framework file {path}")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FrameworkError([Problem(str(path), "no such file")], what="framework file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise FrameworkError([Problem(str(path), f"cannot be read: {error}")], what="framework file") from None
    locate = _Locator(path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        where = locate.at(int(match.group(1)), int(match.group(2))) if match else str(path)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise FrameworkError([Problem(where, f"invalid TOML: {message}")], what=f"framework file {path}") from None
    builder = _Builder(path, data, locate, registry, (*_stack, resolved))
    return builder.build()


class _Builder:
    def __init__(
        self, path: Path, data: dict[str, Any], locate: _Locator, registry: Registry | None, stack: tuple[Path, ...]
    ) -> None:
        self.path = path
        self.data = data
        self.locate = locate
        self.registry = registry
        self.stack = stack
        self.problems: list[Problem] = []
        #: (kind, rule id) → dimension, of every rule the framework will have (set by build)
        self.dimension_of: dict[tuple[str, str], str] = {}

    # -- reporting --------------------------------------------------------------------------------

    def problem(
        self, section: str | None, key: str | None, message: str, hint: str | None = None, index: int | None = None
    ) -> None:
        if key is not None:
            line, column = self.locate.key(section, key, index)
        else:
            line, column = (self.locate.section(section, index) if section else None), None
        self.problems.append(Problem(self.locate.at(line, column), message, hint))

    def unknown_keys(
        self, section: str | None, given: Mapping[str, Any], known: set[str], index: int | None = None
    ) -> None:
        for key in given:
            if key not in known:
                hint = did_you_mean(key, known)
                where = f"[{section}]" if section else "the top level"
                self.problem(
                    section, key, f"unknown key {key!r} in {where}", f"did you mean {hint!r}?" if hint else None, index
                )

    def table(self, name: str) -> dict[str, Any]:
        value = self.data.get(name, {})
        if not isinstance(value, dict):
            self.problem(None, name, f"[{name}] must be a table, got {describe(value)}")
            return {}
        return value

    # -- build ------------------------------------------------------------------------------------

    def build(self) -> Framework:
        for key in self.data:
            if key not in SECTIONS:
                hint = did_you_mean(key, SECTIONS)
                self.problem(None, key, f"unknown section {key!r}", f"did you mean {hint!r}?" if hint else None)
        head = self.table("framework")
        self.unknown_keys("framework", head, FRAMEWORK_KEYS)
        name = self.text(head, "framework", "name", required=True)
        version = self.text(head, "framework", "version", required=True)
        if name and not ID_PATTERN.match(name):
            self.problem("framework", "name", "a name is letters, digits, '_', '.' and '-'")
        effective_from = self.year(head, "effective_from")
        effective_to = self.year(head, "effective_to")
        if effective_from is not None and effective_to is not None and effective_from > effective_to:
            self.problem(
                "framework",
                "effective_to",
                f"effective_to: the period ends ({effective_to}) before it starts ({effective_from})",
            )
        parent = self.parent(head, name)
        if parent is None:
            raise FrameworkError(self.problems, what=f"framework file {self.path}")
        parameters = self.parameters(parent)
        points = self.numbers("points", minimum=0)
        disabled = self.disabled()
        policy, share = self.policy(parent.policy)
        if share is not None:
            if CELLS_SHARE_PARAMETER in parent.parameter_specs:
                parameters[CELLS_SHARE_PARAMETER] = share
            else:
                self.problem(
                    "policy",
                    "four_good_cells_share",
                    f"the framework has no parameter {CELLS_SHARE_PARAMETER!r} to set",
                )
        dimension_points = {**parent.dimension_points, **self.numbers("dimension_points", minimum=0)}
        new_rulesets = self.rules(parent, name or "local", {**parent.parameter_values, **parameters})
        exemptions = self.exemptions()
        if self.problems:
            raise FrameworkError(self.problems, what=f"framework file {self.path}")
        self.dimension_of = {
            (ruleset.kind.value, rule.id): ruleset.dimension
            for ruleset in (*parent.rulesets, *new_rulesets)
            for rule in ruleset.rules
        }
        try:
            framework = Framework(
                name,
                (*parent.rulesets, *new_rulesets),
                version=version,
                title_vi=self.text(head, "framework", "title_vi") or parent.title_vi,
                title_en=self.text(head, "framework", "title_en") or parent.title_en,
                issuer=self.text(head, "framework", "issuer"),
                document=self.text(head, "framework", "document"),
                effective_from=effective_from,
                effective_to=effective_to,
                parameters={**parent.parameters, **parameters},
                points={**parent.points, **points},
                disabled={**parent.disabled, **disabled},
                policy=policy,
                grading=parent.grading,
                dimension_points=dimension_points,
                exemptions=(*parent.exemptions, *exemptions),
                extends=f"{parent.name} {parent.version}",
            )
        except FrameworkError as error:
            raise FrameworkError(
                [self.relocate(problem) for problem in error.problems], what=f"framework file {self.path}"
            ) from None
        self.points_add_up(framework, parent)
        if self.problems:
            raise FrameworkError(self.problems, what=f"framework file {self.path}")
        return framework

    def points_add_up(self, framework: Framework, parent: Framework) -> None:
        """Each dimension's rules must still give the dimension's points after this file's changes
        (a problem the parent already had is not this file's)."""
        inherited = {_dimension_key(p) for p in parent._problems_points_add_up("")}
        for problem in framework._problems_points_add_up(f"framework {framework.name!r}"):
            if _dimension_key(problem) not in inherited:
                self.problems.append(self.relocate(problem))

    def dimension_location(self, kind: str, dimension: str) -> tuple[int | None, int | None]:
        """The first line of this file that changes the points of ``dimension`` for ``kind``: its
        [dimension_points] entry, a [points] or [disabled] entry of one of its rules, or a new rule."""
        candidates = []
        if dimension in self.table("dimension_points"):
            candidates.append(self.locate.key("dimension_points", dimension))
        for section in ("points", "disabled"):
            candidates.extend(
                self.locate.key(section, rule_id)
                for rule_id in self.table(section)
                if self.dimension_of.get((kind, rule_id)) == dimension
            )
        for index, item in enumerate(self.data.get("rules") or []):
            if isinstance(item, dict) and item.get("dimension") == dimension and item.get("kind", "cell") == kind:
                candidates.append(self.locate.key("rules", "id", index))
        found = sorted(c for c in candidates if c[0] is not None)
        return found[0] if found else (None, None)

    def relocate(self, problem: Problem) -> Problem:
        """Point a problem found by Framework validation at the line of the file it comes from."""
        kind, dimension = _dimension_key(problem)
        if kind:
            line, column = self.dimension_location(kind, dimension)
            return Problem(self.locate.at(line, column), problem.message, problem.hint)
        match = re.search(r"framework '[^']*', (\w+)\.([\w.\-]+)", problem.path)
        if match:
            section, key = match.groups()
            line, column = self.locate.key(section, key)
            if line is None:
                line, column = self.locate.key(section, key.split(".")[0])
            if line is None:
                line, column = self.locate.section(f"{section}.{key}"), 1
            message = problem.message
            if message == "unknown rule":
                message = f"unknown rule {key!r} in [{section}]"
            return Problem(self.locate.at(line, column), message, problem.hint)
        rule = re.search(r"rule '([^']+)'", problem.path)
        if rule:
            index = self.rule_index(rule.group(1))
            if index is not None:
                line, column = self.locate.key("rules", "id", index)
                return Problem(self.locate.at(line, column), f"rule {rule.group(1)!r}: {problem.message}", problem.hint)
        return Problem(f"{self.path}: {problem.path}", problem.message, problem.hint)

    def rule_index(self, rule_id: str) -> int | None:
        for index, item in enumerate(self.data.get("rules") or []):
            if isinstance(item, dict) and item.get("id") == rule_id:
                return index
        return None

    # -- pieces -----------------------------------------------------------------------------------

    def text(
        self, table: Mapping[str, Any], section: str, key: str, *, required: bool = False, index: int | None = None
    ) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(section, None, f"[{section}] needs {key!r}", index=index)
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(section, key, f"{key}: expected a text, got {describe(value)}", index=index)
            return ""
        return value

    def year(self, table: Mapping[str, Any], key: str) -> int | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
            self.problem("framework", key, f"{key}: expected a year such as 2025, got {describe(value)}")
            return None
        return value

    def parent(self, head: Mapping[str, Any], name: str) -> Framework | None:
        target = head.get("extends")
        if target is None:
            self.problem(
                "framework", None, "[framework] needs 'extends': the framework it starts from (e.g. \"fourgood\")"
            )
            return None
        if not isinstance(target, str) or not target.strip():
            self.problem("framework", "extends", f"extends: expected a name or a relative path, got {describe(target)}")
            return None
        version = head.get("extends_version")
        if version is not None and (not isinstance(version, str) or not version.strip()):
            self.problem(
                "framework",
                "extends_version",
                f'extends_version: expected a text such as "2025.1", got {describe(version)}',
                "write the version in quotes",
            )
            return None
        if target.endswith(".toml") or "/" in target or "\\" in target:
            if version is not None:
                self.problem(
                    "framework",
                    "extends_version",
                    "extends_version names a version of a framework in the registry; this file extends a file",
                    "remove extends_version, or extend the framework by its name",
                )
                return None
            path = (self.path.parent / target).resolve()
            if path == self.stack[-1]:
                self.problem("framework", "extends", "a framework cannot extend itself")
                return None
            try:
                return load_framework_file(path, registry=self.registry, _stack=self.stack)
            except FrameworkError as error:
                if any("cycle" in p.message for p in error.problems):
                    self.problem("framework", "extends", error.problems[0].message)
                else:
                    self.problem("framework", "extends", f"the framework it extends ({target}) is invalid:")
                    self.problems.extend(error.problems)
                return None
        if target == name:
            self.problem("framework", "extends", "a framework cannot extend itself", "name another framework")
            return None
        if self.registry is None:
            self.problem("framework", "extends", f"cannot look up {target!r}: no registry given")
            return None
        try:
            return self.registry.framework(target, version=version)
        except UnknownNameError as error:
            self.problem("framework", "extends", str(error))
        except PartyrulesError as error:
            self.problem("framework", "extends", f"cannot use {target!r}: {error}")
        return None

    def parameters(self, parent: Framework) -> dict[str, Any]:
        given = self.table("parameters")
        specs = parent.parameter_specs
        result = {}
        for key, value in given.items():
            spec = specs.get(key)
            if spec is None:
                hint = did_you_mean(key, specs)
                self.problem(
                    "parameters", key, f"unknown parameter {key!r}", f"did you mean {hint!r}?" if hint else None
                )
                continue
            error = spec.check(value)
            if error:
                self.problem("parameters", key, f"{key}: {error}")
                continue
            result[key] = value
        return result

    def numbers(self, section: str, *, minimum: float) -> dict[str, float]:
        result = {}
        for key, value in self.table(section).items():
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
                or value < minimum
            ):
                self.problem(section, key, f"{key}: expected a number ≥ {minimum:g}, got {describe(value)}")
                continue
            result[key] = value
        return result

    def disabled(self) -> dict[str, str]:
        result = {}
        for key, value in self.table("disabled").items():
            if not isinstance(value, str) or not value.strip():
                self.problem(
                    "disabled",
                    key,
                    f"{key}: give the reason it is disabled, as a text",
                    'e.g. "không áp dụng ở phường"',
                )
                continue
            result[key] = value
        return result

    def policy(self, parent: Policy) -> tuple[Policy, float | None]:
        given = self.table("policy")
        self.unknown_keys("policy", given, POLICY_KEYS)
        changes: dict[str, Any] = {}
        if "four_good_min_grade" in given:
            value = given["four_good_min_grade"]
            try:
                changes["four_good_min_grade"] = Grade(value)
            except ValueError:
                self.problem(
                    "policy",
                    "four_good_min_grade",
                    f"four_good_min_grade: expected one of {', '.join(g.value for g in Grade)}, got {describe(value)}",
                )
        if "unknown" in given:
            value = given["unknown"]
            try:
                changes["unknown"] = UnknownPolicy(value)
            except ValueError:
                self.problem("policy", "unknown", f"unknown: expected one of worst, best, error, got {describe(value)}")
        if "quota_share" in given:
            value = given["quota_share"]
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
                self.problem("policy", "quota_share", f"quota_share: expected a share in (0, 1], got {describe(value)}")
            else:
                changes["quota_share"] = float(value)
        if "excellent_requires_good_dimensions" in given:
            value = given["excellent_requires_good_dimensions"]
            if not isinstance(value, bool):
                self.problem(
                    "policy",
                    "excellent_requires_good_dimensions",
                    f"excellent_requires_good_dimensions: expected true or false, got {describe(value)}",
                )
            else:
                changes["excellent_requires_good_dimensions"] = value
        if "bands" in given:
            bands = given["bands"]
            if not isinstance(bands, dict):
                self.problem("policy", "bands", f"bands: expected a table of shares, got {describe(bands)}")
            else:
                self.unknown_keys("policy.bands", bands, BAND_KEYS)
                values = {}
                for key in BAND_KEYS & set(bands):
                    value = bands[key]
                    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
                        self.problem("policy.bands", key, f"{key}: expected a share in 0..1, got {describe(value)}")
                    else:
                        values[key] = float(value)
                changes["bands"] = attrs.evolve(parent.bands, **values)
        share = None
        if "four_good_cells_share" in given:
            value = given["four_good_cells_share"]
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
                self.problem(
                    "policy",
                    "four_good_cells_share",
                    f"four_good_cells_share: expected a share in 0..1, got {describe(value)}",
                )
            else:
                share = float(value)
        return attrs.evolve(parent, **changes), share

    def rules(self, parent: Framework, name: str, params: Mapping[str, Any]) -> list[Ruleset]:
        items = self.data.get("rules", [])
        if not isinstance(items, list):
            self.problem(None, "rules", "rules are written as [[rules]] tables")
            return []
        grouped: dict[tuple[Kind, str], list[Rule]] = {}
        inherited = {(ruleset.kind, rule.id) for ruleset in parent.rulesets for rule in ruleset.rules}
        first: dict[tuple[Kind, str], int] = {}
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                self.problem("rules", None, "expected a [[rules]] table", index=index)
                continue
            built = self.rule(item, index, parent, params)
            if built is None:
                continue
            kind, rule = built
            key = (kind, rule.id)
            if key in inherited:
                self.problem(
                    "rules",
                    "id",
                    f"rule id {rule.id!r} is already a {kind.value} rule of {parent.name}",
                    "give the new rule its own id; change an existing rule through [points] or [disabled]",
                    index,
                )
            elif key in first:
                line, _ = self.locate.key("rules", "id", first[key])
                self.problem("rules", "id", f"rule id {rule.id!r} is used twice (first on line {line})", index=index)
            else:
                first[key] = index
                grouped.setdefault((kind, rule.dimension), []).append(rule)
        rulesets = []
        taken = {ruleset.name for ruleset in parent.rulesets}
        specs = parent.parameter_specs
        for (kind, dimension), rules in grouped.items():
            view = parent.view(kind)
            ruleset_name = f"{name}.rules.{kind.value}.{dimension}"
            suffix = 1
            while ruleset_name in taken:  # a file extending a file of the same name
                suffix += 1
                ruleset_name = f"{name}.rules.{kind.value}.{dimension}.{suffix}"
            used = {
                param_name
                for rule in rules
                for condition in (rule.when, rule.applies)
                if condition is not None
                for param_name in params_read(condition)
            }
            try:
                rulesets.append(
                    Ruleset(
                        ruleset_name,
                        kind,
                        dimension,
                        rules,
                        view.schema,
                        [specs[param_name] for param_name in sorted(used) if param_name in specs],
                        title_vi=f"Tiêu chí bổ sung của {name}",
                        title_en=f"Criteria added by {name}",
                    )
                )
            except PartyrulesError as error:
                for problem in getattr(error, "problems", ()):
                    self.problems.append(self.relocate(problem))
        return rulesets

    def rule(
        self, item: dict[str, Any], index: int, parent: Framework, params: Mapping[str, Any]
    ) -> tuple[Kind, Rule] | None:
        before = len(self.problems)
        self.unknown_keys("rules", item, RULE_KEYS, index)
        rule_id = self.text(item, "rules", "id", required=True, index=index)
        kind_text = item.get("kind", "cell")
        try:
            kind = Kind(kind_text)
        except ValueError:
            self.problem(
                "rules", "kind", f"kind: expected member, cell or committee, got {describe(kind_text)}", index=index
            )
            return None
        if kind not in parent.kinds:
            self.problem("rules", "kind", f"the framework it extends has no {kind.value} rules", index=index)
            return None
        view = parent.view(kind)
        dimension = self.text(item, "rules", "dimension", required=True, index=index)
        if dimension and dimension != ANNUAL and dimension not in view.dimensions:
            hint = did_you_mean(dimension, [*view.dimensions, ANNUAL])
            self.problem(
                "rules",
                "dimension",
                f"unknown dimension {dimension!r} for {kind.value}s",
                f"did you mean {hint!r}?" if hint else f"one of {', '.join((*view.dimensions, ANNUAL))}",
                index,
            )
        conditions = {}
        for key in ("when", "applies"):
            if key not in item:
                if key == "when":
                    self.problem("rules", None, "a rule needs 'when': its condition", index=index)
                continue
            text = item[key]
            try:
                conditions[key] = parse(text, view.schema.names, params)
            except ExpressionError as error:
                line, _ = self.locate.key("rules", key, index)
                line, column = self.locate.in_value(line, error.column)
                self.problems.append(Problem(self.locate.at(line, column), f"{key}: {error.message}", error.hint))
        effects: dict[str, Any] = {}
        if "points" in item:
            points = item["points"]
            if (
                isinstance(points, bool)
                or not isinstance(points, int | float)
                or not math.isfinite(points)
                or points < 0
            ):
                self.problem("rules", "points", f"points: expected a number ≥ 0, got {describe(points)}", index=index)
            else:
                effects["points"] = points
        for key in ("required", "blocks_four_good", "excludes"):
            if key in item:
                if not isinstance(item[key], bool):
                    self.problem("rules", key, f"{key}: expected true or false, got {describe(item[key])}", index=index)
                else:
                    effects[key] = item[key]
        for key in ("veto", "cap"):
            if key in item:
                try:
                    effects[key] = Grade(item[key])
                except ValueError:
                    self.problem(
                        "rules",
                        key,
                        f"{key}: expected one of {', '.join(g.value for g in Grade)}, got {describe(item[key])}",
                        index=index,
                    )
        status = Status.DEFAULT
        if "status" not in item:
            self.problem(
                "rules", None, "a rule needs 'status': 'confirmed' (read in the source) or 'default'", index=index
            )
        else:
            try:
                status = Status(item["status"])
            except ValueError:
                self.problem(
                    "rules",
                    "status",
                    f"status: expected 'confirmed' (read in the source) or 'default', got {describe(item['status'])}",
                    index=index,
                )
        title_vi = self.text(item, "rules", "title_vi", required=True, index=index)
        title_en = self.text(item, "rules", "title_en", required=True, index=index)
        source = self.text(item, "rules", "source", required=True, index=index)
        note = self.text(item, "rules", "note", index=index)
        if len(self.problems) > before or "when" not in conditions:
            return None
        rule = Rule(
            id=rule_id,
            dimension=dimension,
            title_vi=title_vi,
            title_en=title_en,
            when=conditions["when"],
            applies=conditions.get("applies"),
            source=source,
            status=status,
            note=note,
            **effects,
        )
        problems = check_rule(rule)
        for problem in problems:
            line, column = self.locate.key("rules", "id", index)
            self.problems.append(
                Problem(self.locate.at(line, column), f"rule {rule_id!r}: {problem.message}", problem.hint)
            )
        for key, condition in conditions.items():
            # the types of the values each test compares, at the line of its condition
            alone = attrs.evolve(rule, when=condition, applies=None)
            for problem in check_against(alone, view.schema, params):
                line, column = self.locate.key("rules", key, index)
                problems.append(problem)
                self.problems.append(
                    Problem(
                        self.locate.at(line, column),
                        f"{key}: {_in_file_terms(problem.message, condition)}",
                        problem.hint,
                    )
                )
        return None if problems else (kind, rule)

    def exemptions(self) -> list[Exemption]:
        items = self.data.get("exemptions", [])
        result = []
        if not isinstance(items, list):
            self.problem(None, "exemptions", "exemptions are written as [[exemptions]] tables")
            return []
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            self.unknown_keys("exemptions", item, {"rule", "property", "reason"}, index)
            rule_id = self.text(item, "exemptions", "rule", required=True, index=index)
            prop = self.text(item, "exemptions", "property", required=True, index=index)
            reason = self.text(item, "exemptions", "reason", required=True, index=index)
            if rule_id and prop and reason:
                result.append(Exemption(rule_id, prop, reason))
        return result


def _dimension_key(problem: Problem) -> tuple[str, str]:
    """(kind, dimension) of a problem of :meth:`Framework._problems_points_add_up`."""
    match = re.search(r"the (\w+) rules of '([^']+)'", problem.message)
    return (match.group(1), match.group(2)) if match else ("", problem.path)


def _in_file_terms(message: str, condition: Condition) -> str:
    """A validation message about a test, with the test written as in the file."""
    for node in walk(condition):
        if isinstance(node, Compare | In) and message.startswith(f"{node!r}: "):
            return f"{render(node)}: {message[len(repr(node)) + 2 :]}"
    return message
