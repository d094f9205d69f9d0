"""The checks a framework passes at construction, each problem located as data.

Locations are relative to the framework (``Scope("framework", name)``): ``("parameters",
"min_attendance")``, ``("points", rule_id)``, ``("dimension_points", dimension)``... so that a
framework file can point at the line that wrote the value.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Protocol

from .conditions import Scalar
from .facts import FactType, Schema
from .model import Kind, Rating
from .policy import Dimension, Exemption, Policy
from .problems import Problem, Scope, describe, unknown_name
from .regimes import Grading
from .rules import ID_PATTERN, Rule
from .rulesets import ANNUAL, ParamSpec, Ruleset
from .text.catalogue import msg
from .validate import check_against

__all__ = ["FrameworkParts", "framework_problems", "points_problems"]


class FrameworkParts(Protocol):
    """What the checks read of a framework."""

    @property
    def name(self) -> str: ...
    @property
    def rulesets(self) -> tuple[Ruleset, ...]: ...
    @property
    def effective_from(self) -> int | None: ...
    @property
    def effective_to(self) -> int | None: ...
    @property
    def parameters(self) -> Mapping[str, Scalar]: ...
    @property
    def points(self) -> Mapping[str, float]: ...
    @property
    def disabled(self) -> Mapping[str, str]: ...
    @property
    def policy(self) -> Policy: ...
    @property
    def grading(self) -> Mapping[Kind, Grading]: ...
    @property
    def dimension_points(self) -> Mapping[str, float]: ...
    @property
    def exemptions(self) -> tuple[Exemption, ...]: ...
    @property
    def dimensions(self) -> tuple[Dimension, ...]: ...


def framework_problems(framework: FrameworkParts) -> list[Problem]:
    """Every problem of a framework (empty when it is valid)."""
    scope = Scope("framework", str(framework.name))
    problems: list[Problem] = []
    if not isinstance(framework.name, str) or not ID_PATTERN.match(framework.name):
        problems.append(Problem(msg("name.pattern"), (), scope))
    if not framework.rulesets:
        problems.append(Problem(msg("framework.no_rulesets"), (), scope))
    for item in framework.rulesets:
        if not isinstance(item, Ruleset):
            problems.append(Problem(msg("framework.not_a_ruleset", given=describe(item)), (), scope))
    if problems:
        return problems
    problems.extend(_rulesets(framework, scope))
    problems.extend(_overrides(framework, scope))
    problems.extend(_policy(framework, scope))
    problems.extend(_dimensions(framework, scope))
    if not problems:
        problems.extend(points_problems(framework))
    return problems


def _specs(rulesets: Sequence[Ruleset]) -> dict[str, ParamSpec]:
    specs: dict[str, ParamSpec] = {}
    for ruleset in rulesets:
        for spec in ruleset.parameters:
            specs.setdefault(spec.name, spec)
    return specs


def _schemas(rulesets: Sequence[Ruleset]) -> dict[Kind, Schema]:
    schemas: dict[Kind, Schema] = {}
    for ruleset in rulesets:
        other = schemas.get(ruleset.kind)
        schemas[ruleset.kind] = ruleset.schema if other is None else other.merge(ruleset.schema)
    return schemas


def _rulesets(framework: FrameworkParts, scope: Scope) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    rule_ids: dict[tuple[Kind, str], str] = {}
    for ruleset in framework.rulesets:
        if ruleset.name in seen:
            problems.append(Problem(msg("framework.ruleset_twice", name=ruleset.name), (), scope))
        seen.add(ruleset.name)
        for item in ruleset.rules:
            key = (ruleset.kind, item.id)
            if key in rule_ids:
                message = msg("framework.rule_in_two", id=item.id, first=rule_ids[key], second=ruleset.name)
                problems.append(Problem(message, (), scope))
            rule_ids[key] = ruleset.name
    schemas: dict[Kind, Schema] = {}
    for ruleset in framework.rulesets:
        other = schemas.get(ruleset.kind)
        if other is not None:
            for name in other.conflicts(ruleset.schema):
                problems.append(Problem(msg("framework.fact_conflict", fact=name, ruleset=ruleset.name), (), scope))
            schemas[ruleset.kind] = other.merge(ruleset.schema)
        else:
            schemas[ruleset.kind] = ruleset.schema
    declared: dict[str, tuple[str, ParamSpec]] = {}
    for ruleset in framework.rulesets:
        for spec in ruleset.parameters:
            if spec.name in declared and declared[spec.name][1].default != spec.default:
                first, held = declared[spec.name]
                message = msg(
                    "framework.param_defaults",
                    name=spec.name,
                    first_default=repr(held.default),
                    first=first,
                    second_default=repr(spec.default),
                    second=ruleset.name,
                )
                problems.append(Problem(message, (), scope))
            declared.setdefault(spec.name, (ruleset.name, spec))
    return problems


def _all_rules(framework: FrameworkParts) -> dict[str, Rule]:
    return {r.id: r for ruleset in framework.rulesets for r in ruleset.rules}


def _overrides(framework: FrameworkParts, scope: Scope) -> list[Problem]:
    problems: list[Problem] = []
    specs = _specs(framework.rulesets)
    for name, value in framework.parameters.items():
        spec = specs.get(name)
        if spec is None:
            problems.append(unknown_name("framework.unknown_param", name, specs, loc=("parameters", name), scope=scope))
            continue
        error = spec.check(value)
        if error:
            problems.append(Problem(error, ("parameters", name), scope))
    rules = _all_rules(framework)
    for label, mapping in (("points", framework.points), ("disabled", framework.disabled)):
        for rule_id in mapping:
            if rule_id not in rules:
                problems.append(
                    unknown_name("framework.unknown_rule", rule_id, rules, loc=(label, rule_id), scope=scope)
                )
    for rule_id, value in framework.points.items():
        if rule_id not in rules:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
            problems.append(Problem(msg("value.number_at_least_0", given=describe(value)), ("points", rule_id), scope))
        elif rules[rule_id].sanction and value:
            problems.append(Problem(msg("framework.points_on_sanction"), ("points", rule_id), scope))
    for rule_id, reason in framework.disabled.items():
        if not isinstance(reason, str) or not reason.strip():
            problems.append(Problem(msg("framework.disabled_reason"), ("disabled", rule_id), scope))
    if not problems:
        values = {name: spec.default for name, spec in specs.items()}
        values.update(framework.parameters)
        for ruleset in framework.rulesets:
            for item in ruleset.rules:
                problems.extend(check_against(item, ruleset.schema, values))
    return problems


def points_problems(framework: FrameworkParts) -> list[Problem]:
    """Each kind's rules in a dimension give exactly its declared points; rules that apply
    only to some subjects (``applies``) may add to the total (scores are scaled)."""
    scope = Scope("framework", str(framework.name))
    problems = []
    kinds = [kind for kind in Kind if any(r.kind is kind for r in framework.rulesets)]
    for kind in kinds:
        totals: dict[str, list[float]] = {}
        for ruleset in framework.rulesets:
            if ruleset.kind is not kind or ruleset.dimension not in framework.dimension_points:
                continue
            for item in ruleset.rules:
                if item.id in framework.disabled or not item.scoring:
                    continue
                points = float(framework.points.get(item.id, item.points))
                bucket = totals.setdefault(ruleset.dimension, [0.0, 0.0])
                bucket[1 if item.applies is not None else 0] += points
        for dimension, (always, sometimes) in totals.items():
            declared = float(framework.dimension_points[dimension])
            if not (always - 1e-9 <= declared <= always + sometimes + 1e-9):
                key = "points.do_not_add_up_sometimes" if sometimes else "points.do_not_add_up"
                message = msg(
                    key,
                    kind=kind.word,
                    dimension=dimension,
                    always=f"{always:g}",
                    sometimes=f"{sometimes:g}",
                    declared=f"{declared:g}",
                )
                problems.append(Problem(message, ("dimension_points", dimension), scope, msg("points.add_up_hint")))
    return problems


def _policy(framework: FrameworkParts, scope: Scope) -> list[Problem]:
    problems: list[Problem] = []
    bands = framework.policy.bands
    if not 0 <= bands.average <= bands.good <= bands.excellent <= 1:
        message = msg("policy.bands_order", average=bands.average, good=bands.good, excellent=bands.excellent)
        problems.append(Problem(message, ("policy", "bands"), scope))
    if not 0 < framework.policy.quota_share <= 1:
        problems.append(
            Problem(msg("policy.quota_share", given=framework.policy.quota_share), ("policy", "quota_share"), scope)
        )
    start, end = framework.effective_from, framework.effective_to
    if start is not None and end is not None and start > end:
        problems.append(Problem(msg("framework.period_order", start=start, end=end), (), scope))
    dimensions = {r.dimension for r in framework.rulesets if r.dimension != ANNUAL}
    if framework.dimension_points:
        total = sum(framework.dimension_points.values())
        if not math.isclose(total, 100):
            problems.append(Problem(msg("framework.points_total", total=f"{total:g}"), ("dimension_points",), scope))
        for name in framework.dimension_points:
            if name not in dimensions:
                problems.append(
                    unknown_name(
                        "framework.no_such_dimension", name, dimensions, loc=("dimension_points", name), scope=scope
                    )
                )
        for name in sorted(dimensions - set(framework.dimension_points)):
            problems.append(Problem(msg("framework.dimension_no_points", name=name), ("dimension_points",), scope))
    schemas = _schemas(framework.rulesets)
    for kind, grading in framework.grading.items():
        schema = schemas.get(kind)
        if schema is None:
            problems.append(Problem(msg("framework.grading_no_kind"), ("grading", kind.value), scope))
            continue
        for name in grading.score_facts:
            spec = schema.spec(name)
            if spec is None or not spec.type.numeric:
                message = msg("framework.not_numeric", name=name)
                problems.append(Problem(message, ("grading", kind.value, "score_facts"), scope))
        for name in grading.criteria_facts:
            spec = schema.spec(name)
            if spec is None or spec.type is not FactType.STR or set(spec.choices) != {r.value for r in Rating}:
                ratings = ", ".join(r.value for r in Rating)
                message = msg("framework.not_a_rating", name=name, ratings=ratings)
                problems.append(Problem(message, ("grading", kind.value, "criteria_facts"), scope))
    rules = _all_rules(framework)
    for exemption in framework.exemptions:
        if exemption.rule_id not in rules:
            problems.append(Problem(msg("framework.exemption_rule", id=exemption.rule_id), ("exemptions",), scope))
        if not exemption.reason.strip():
            problems.append(Problem(msg("framework.exemption_reason"), ("exemptions",), scope))
    return problems


def _dimensions(framework: FrameworkParts, scope: Scope) -> list[Problem]:
    """Declared dimension titles name dimensions that exist, once each, with both titles."""
    problems: list[Problem] = []
    dimensions = {r.dimension for r in framework.rulesets if r.dimension != ANNUAL}
    seen: set[str] = set()
    for item in framework.dimensions:
        if not isinstance(item, Dimension):
            problems.append(Problem(msg("framework.not_a_dimension", given=describe(item)), ("dimensions",), scope))
            continue
        if item.name in seen:
            problems.append(Problem(msg("framework.dimension_twice", name=item.name), ("dimensions", item.name), scope))
        seen.add(item.name)
        if item.name not in dimensions:
            problems.append(
                unknown_name(
                    "framework.no_such_dimension", item.name, dimensions, loc=("dimensions", item.name), scope=scope
                )
            )
        if not (str(item.title_vi).strip() and str(item.title_en).strip()):
            problems.append(Problem(msg("framework.dimension_titles"), ("dimensions", item.name), scope))
    return problems
