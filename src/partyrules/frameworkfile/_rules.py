"""A framework file's ``[[rules]]`` tables: each read into a :class:`~partyrules.Rule` (its
conditions parsed by :mod:`partyrules.expressions`), grouped into rulesets by kind and
dimension."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from ..conditions import params_read
from ..errors import ExpressionError, PartyrulesError
from ..expressions import parse, render
from ..frameworks import Framework
from ..model import Grade, Kind, Status
from ..problems import Problem, describe, suggest
from ..rules import Rule, check_rule
from ..rulesets import ANNUAL, Ruleset
from ..text.catalogue import Message, msg
from ..validate import check_against
from ._report import Report

__all__ = ["RULE_KEYS", "Rules"]

RULE_KEYS = {
    "id", "kind", "dimension", "title_vi", "title_en", "when", "applies", "points", "required",
    "veto", "cap", "blocks_four_good", "excludes", "source", "status", "note",
}  # fmt: skip


def _in_file_terms(message: Message) -> Message:
    """A message about a test, with the test written as the file writes it."""
    args = dict(message.args)
    test = args.get("test")
    if test is None:
        return message
    try:
        args["test"] = render(test)
    except PartyrulesError:
        return message
    return Message(message.key, args)


class Rules:
    """Reads the ``[[rules]]`` of one file, reporting each problem at its line."""

    def __init__(self, report: Report, relocate: Callable[[Problem], Problem]) -> None:
        self.report = report
        self.relocate = relocate

    def rulesets(self, parent: Framework, name: str, params: Mapping[str, Any]) -> list[Ruleset]:
        report = self.report
        items = report.data.get("rules", [])
        if not isinstance(items, list):
            report.problem(None, "rules", msg("file.rules_tables"))
            return []
        grouped: dict[tuple[Kind, str], list[Rule]] = {}
        inherited = {(ruleset.kind, rule.id) for ruleset in parent.rulesets for rule in ruleset.rules}
        first: dict[tuple[Kind, str], int] = {}
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                report.problem("rules", None, msg("file.rule_table"), index=index)
                continue
            built = self.rule(item, index, parent, params)
            if built is None:
                continue
            kind, rule = built
            key = (kind, rule.id)
            if key in inherited:
                message = msg("file.rule_inherited", id=rule.id, kind=kind.word, parent=parent.name)
                report.problem("rules", "id", message, msg("file.rule_inherited_hint"), index)
            elif key in first:
                line, _ = report.locate.key("rules", "id", first[key])
                report.problem("rules", "id", msg("file.rule_twice", id=rule.id, line=line), index=index)
            else:
                first[key] = index
                grouped.setdefault((kind, rule.dimension), []).append(rule)
        rulesets = []
        taken = {ruleset.name for ruleset in parent.rulesets}
        specs = parent.parameter_specs
        # Canonical: the order [[rules]] are written in changes neither the trace nor the hash.
        for (kind, dimension), rules in sorted(grouped.items(), key=lambda entry: (entry[0][0].value, entry[0][1])):
            rules = sorted(rules, key=lambda rule: rule.id)
            view = parent.view(kind)
            ruleset_name = f"{name}.rules.{kind.value}.{dimension}"
            suffix = 1
            while ruleset_name in taken:  # a file extending a file of the same name
                suffix += 1
                ruleset_name = f"{name}.rules.{kind.value}.{dimension}.{suffix}"
            used = {p for rule in rules for c in (rule.when, rule.applies) if c is not None for p in params_read(c)}
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
                report.problems.extend(self.relocate(problem) for problem in getattr(error, "problems", ()))
        return rulesets

    def _effects(self, item: dict[str, Any], index: int) -> dict[str, Any]:
        report = self.report
        effects: dict[str, Any] = {}
        if "points" in item:
            points = item["points"]
            if (
                isinstance(points, bool)
                or not isinstance(points, int | float)
                or not math.isfinite(points)
                or points < 0
            ):
                report.problem(
                    "rules",
                    "points",
                    msg("file.number_at_least", key="points", low="0", given=describe(points)),
                    index=index,
                )
            else:
                effects["points"] = points
        for key in ("required", "blocks_four_good", "excludes"):
            if key in item:
                if not isinstance(item[key], bool):
                    report.problem("rules", key, msg("file.flag", key=key, given=describe(item[key])), index=index)
                else:
                    effects[key] = item[key]
        grades = ", ".join(g.value for g in Grade)
        for key in ("veto", "cap"):
            if key in item:
                try:
                    effects[key] = Grade(item[key])
                except ValueError:
                    report.problem(
                        "rules", key, msg("file.one_of", key=key, values=grades, given=describe(item[key])), index=index
                    )
        return effects

    def rule(
        self, item: dict[str, Any], index: int, parent: Framework, params: Mapping[str, Any]
    ) -> tuple[Kind, Rule] | None:
        report = self.report
        before = len(report.problems)
        report.unknown_keys("rules", item, RULE_KEYS, index)
        rule_id = report.text(item, "rules", "id", required=True, index=index)
        kind_text = item.get("kind", "cell")
        try:
            kind = Kind(kind_text)
        except ValueError:
            report.problem("rules", "kind", msg("file.rule_kind", given=describe(kind_text)), index=index)
            return None
        if kind not in parent.kinds:
            report.problem("rules", "kind", msg("file.rule_kind_missing", kind=kind.word), index=index)
            return None
        view = parent.view(kind)
        dimension = report.text(item, "rules", "dimension", required=True, index=index)
        if dimension and dimension != ANNUAL and dimension not in view.dimensions:
            choices = [*view.dimensions, ANNUAL]
            advice = suggest(dimension, choices) or msg("hint.one_of", values=", ".join(choices))
            report.problem(
                "rules",
                "dimension",
                msg("file.rule_dimension", name=repr(dimension), kind=kind.word),
                advice,
                index,
            )
        conditions = {}
        for key in ("when", "applies"):
            if key not in item:
                if key == "when":
                    report.problem("rules", None, msg("file.rule_needs_when"), index=index)
                continue
            try:
                conditions[key] = parse(item[key], view.schema.names, params)
            except ExpressionError as error:
                line, _ = report.locate.key("rules", key, index)
                line, column = report.locate.in_value(line, error.column)
                message = msg("file.keyed", key=key, message=error.message)
                report.problems.append(report.at(message, line, column, hint=error.hint, loc=("rules", index, key)))
        effects = self._effects(item, index)
        status = Status.DEFAULT
        if "status" not in item:
            report.problem("rules", None, msg("file.rule_needs_status"), index=index)
        else:
            try:
                status = Status(item["status"])
            except ValueError:
                report.problem("rules", "status", msg("file.rule_status", given=describe(item["status"])), index=index)
        title_vi = report.text(item, "rules", "title_vi", required=True, index=index)
        title_en = report.text(item, "rules", "title_en", required=True, index=index)
        source = report.text(item, "rules", "source", required=True, index=index)
        note = report.text(item, "rules", "note", index=index)
        if len(report.problems) > before or "when" not in conditions:
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
        line, column = report.locate.key("rules", "id", index)
        for problem in problems:
            message = msg("file.rule_problem", id=rule_id, message=problem.message)
            report.problems.append(report.at(message, line, column, hint=problem.hint, loc=("rules", index)))
        for key, condition in conditions.items():
            # the types of the values each test compares, at the line of its condition
            alone = attrs.evolve(rule, when=condition, applies=None)
            for problem in check_against(alone, view.schema, params):
                problems.append(problem)
                line, column = report.locate.key("rules", key, index)
                message = msg("file.keyed", key=key, message=_in_file_terms(problem.message))
                report.problems.append(report.at(message, line, column, hint=problem.hint, loc=("rules", index, key)))
        return None if problems else (kind, rule)
