"""Frameworks: a locality's whole criteria framework ("khung tiêu chí"), validated at construction."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .errors import FrameworkError, Problem, describe, did_you_mean
from .facts import FactType, FrozenMap, Schema
from .model import Grade, Kind, Rating, UnknownPolicy
from .rules import Rule, Scalar
from .rulesets import ANNUAL, ParamSpec, Ruleset
from .validate import ID_PATTERN, check_against

__all__ = ["Bands", "Exemption", "Framework", "Grading", "KindView", "Policy"]


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class Bands:
    """Shares of a dimension's maximum for each rating: at least ``good`` is Tốt, and so on.

    The defaults (0.9 / 0.8 / 0.5) are not in any regulation found (domain.md: **default**).
    """

    excellent: float = 0.9
    good: float = 0.8
    average: float = 0.5

    def rating(self, share: float) -> Rating:
        if share >= self.excellent:
            return Rating.EXCELLENT
        if share >= self.good:
            return Rating.GOOD
        if share >= self.average:
            return Rating.AVERAGE
        return Rating.POOR

    def threshold(self, rating: Rating) -> float:
        return {
            Rating.EXCELLENT: self.excellent,
            Rating.GOOD: self.good,
            Rating.AVERAGE: self.average,
            Rating.POOR: 0.0,
        }[rating]


def _grade(value: Grade | str) -> Grade:
    return value if isinstance(value, Grade) else Grade(value)


def _unknown(value: UnknownPolicy | str) -> UnknownPolicy:
    return value if isinstance(value, UnknownPolicy) else UnknownPolicy(value)


@attrs.frozen
class Policy:
    """How outcomes become verdicts.

    ``four_good_min_grade``: the lowest annual grade compatible with Four-Good (**default**
    GOOD); ``unknown``: what an unknown rule counts as; ``quota_share``: the most EXCELLENT
    grades as a share of GOOD ones among comparable subjects (20%, Quy định 124 and 366;
    **confirmed**; recorded, not yet applied: the deciding body's groups are not an input); ``excellent_requires_good_dimensions``: an organisation with a dimension that
    is not good is at most GOOD (**default**; under regime 124 it follows from the criteria).
    """

    bands: Bands = Bands()
    four_good_min_grade: Grade = attrs.field(default=Grade.GOOD, converter=_grade)
    unknown: UnknownPolicy = attrs.field(default=UnknownPolicy.WORST, converter=_unknown)
    quota_share: float = 0.2
    excellent_requires_good_dimensions: bool = True


@attrs.frozen
class Grading:
    """Where a kind's annual grade comes from.

    Regime 366 bands a 100-point score: the sum of ``score_facts`` (the official sheet, general
    30 + tasks 70), or, when none are named, the four-dimension points scaled to 100.  Regime 124
    grades criteria: the ratings in ``criteria_facts`` (texts ``EXCELLENT``/``GOOD``/
    ``AVERAGE``/``POOR``), or, when none are named, the dimension ratings; ``task_criterion`` is the
    criterion (a fact or a dimension) that stands for task results.
    """

    score_facts: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    criteria_facts: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    task_criterion: str = "political_tasks"


@attrs.frozen
class Exemption:
    """A named, documented exemption from an audit property for one rule (see the audit how-to)."""

    rule_id: str
    property: str
    reason: str


@attrs.frozen
class KindView:
    """The resolved part of a framework for one kind of subject."""

    kind: Kind
    schema: Schema
    rules: tuple[Rule, ...]
    params: Mapping[str, Scalar]
    dimensions: tuple[str, ...]
    grading: Grading


def _frozen_dict(value: Mapping[Any, Any] | None) -> Mapping[Any, Any]:
    return FrozenMap(value or {})


def _grading_map(value: Mapping[Kind, Grading] | Mapping[str, Grading] | None) -> Mapping[Kind, Grading]:
    return FrozenMap({k if isinstance(k, Kind) else Kind(k): v for k, v in (value or {}).items()})


@attrs.frozen(eq=False)
class Framework:
    """A criteria framework: which rulesets, parameter values, points, policy, issuer, period.

    Two frameworks are equal when their :attr:`content_hash` is.  Construction raises
    :class:`~partyrules.errors.FrameworkError` listing every problem.
    """

    name: str
    rulesets: tuple[Ruleset, ...] = attrs.field(converter=_tuple)
    version: str = "1"
    title_vi: str = ""
    title_en: str = ""
    issuer: str = ""
    document: str = ""
    effective_from: int | None = None
    effective_to: int | None = None
    parameters: Mapping[str, Scalar] = attrs.field(factory=FrozenMap, converter=_frozen_dict)
    points: Mapping[str, float] = attrs.field(factory=FrozenMap, converter=_frozen_dict)
    disabled: Mapping[str, str] = attrs.field(factory=FrozenMap, converter=_frozen_dict)
    policy: Policy = Policy()
    grading: Mapping[Kind, Grading] = attrs.field(factory=FrozenMap, converter=_grading_map)
    dimension_points: Mapping[str, float] = attrs.field(factory=FrozenMap, converter=_frozen_dict)
    exemptions: tuple[Exemption, ...] = attrs.field(default=(), converter=_tuple)
    extends: str | None = None
    _views: dict[Kind, KindView] = attrs.field(init=False, repr=False)
    _hash: str = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        problems = self._problems()
        if problems:
            raise FrameworkError(problems, what=f"framework {self.name!r}")
        views = {kind: self._build_view(kind) for kind in self.kinds}
        object.__setattr__(self, "_views", views)
        object.__setattr__(self, "_hash", _content_hash(self))

    # -- public views -------------------------------------------------------------------------

    @property
    def kinds(self) -> tuple[Kind, ...]:
        """The kinds of subject this framework has rules for, in the order members, cells, committees."""
        present = {r.kind for r in self.rulesets}
        return tuple(k for k in Kind if k in present)

    @property
    def content_hash(self) -> str:
        """A SHA-256 of everything that can change an outcome (rules, numbers, policy)."""
        return self._hash

    def view(self, kind: Kind | str) -> KindView:
        kind = kind if isinstance(kind, Kind) else Kind(kind)
        try:
            return self._views[kind]
        except KeyError:
            raise FrameworkError(
                [Problem(f"framework {self.name!r}", f"has no rules for {kind.value}s")],
                what=f"framework {self.name!r}",
            ) from None

    @property
    def parameter_specs(self) -> dict[str, ParamSpec]:
        specs: dict[str, ParamSpec] = {}
        for ruleset in self.rulesets:
            for spec in ruleset.parameters:
                specs.setdefault(spec.name, spec)
        return specs

    @property
    def parameter_values(self) -> dict[str, Scalar]:
        """Every parameter's value in this framework: its default, or the framework's override."""
        return self._params()

    def applies_to(self, year: int) -> bool:
        """Whether the framework is in force for ``year``."""
        return (self.effective_from is None or self.effective_from <= year) and (
            self.effective_to is None or year <= self.effective_to
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Framework):
            return NotImplemented
        return self._hash == other._hash

    def __hash__(self) -> int:
        return hash(self._hash)

    # -- construction ---------------------------------------------------------------------------

    def _schema(self, kind: Kind) -> Schema:
        schema: Schema | None = None
        for ruleset in self.rulesets:
            if ruleset.kind is kind:
                schema = ruleset.schema if schema is None else schema.merge(ruleset.schema)
        assert schema is not None
        return schema

    def _params(self) -> dict[str, Scalar]:
        values = {name: spec.default for name, spec in self.parameter_specs.items()}
        values.update(self.parameters)
        return values

    def _build_view(self, kind: Kind) -> KindView:
        rules: list[Rule] = []
        dimensions: dict[str, None] = {}
        for ruleset in self.rulesets:
            if ruleset.kind is not kind:
                continue
            if ruleset.dimension != ANNUAL:
                dimensions[ruleset.dimension] = None
            for item in ruleset.rules:
                if item.id in self.disabled:
                    continue
                if item.id in self.points:
                    item = attrs.evolve(item, points=self.points[item.id])
                rules.append(item)
        return KindView(
            kind=kind,
            schema=self._schema(kind),
            rules=tuple(rules),
            params=FrozenMap(self._params()),
            dimensions=tuple(dimensions),
            grading=self.grading.get(kind, Grading()),
        )

    def _problems(self) -> list[Problem]:
        where = f"framework {self.name!r}"
        problems: list[Problem] = []
        if not isinstance(self.name, str) or not ID_PATTERN.match(self.name):
            problems.append(Problem(where, "a name is letters, digits, '_', '.' and '-'"))
        if not self.rulesets:
            problems.append(Problem(where, "has no rulesets"))
        for item in self.rulesets:
            if not isinstance(item, Ruleset):
                problems.append(Problem(where, f"expected rulesets, got {describe(item)}"))
        if problems:
            return problems
        problems.extend(self._problems_rulesets(where))
        problems.extend(self._problems_overrides(where))
        problems.extend(self._problems_policy(where))
        if not problems:
            problems.extend(self._problems_points_add_up(where))
        return problems

    def _problems_rulesets(self, where: str) -> list[Problem]:
        problems: list[Problem] = []
        seen: dict[str, str] = {}
        rule_ids: dict[tuple[Kind, str], str] = {}
        for ruleset in self.rulesets:
            if ruleset.name in seen:
                problems.append(Problem(where, f"ruleset {ruleset.name!r} listed twice"))
            seen[ruleset.name] = ruleset.name
            for item in ruleset.rules:
                key = (ruleset.kind, item.id)
                if key in rule_ids:
                    problems.append(
                        Problem(
                            where,
                            f"rule id {item.id!r} is in rulesets {rule_ids[key]!r} and {ruleset.name!r}",
                        )
                    )
                rule_ids[key] = ruleset.name
        schemas: dict[Kind, Schema] = {}
        for ruleset in self.rulesets:
            other = schemas.get(ruleset.kind)
            if other is not None:
                for name in other.conflicts(ruleset.schema):
                    problems.append(Problem(where, f"fact {name!r} is declared differently in {ruleset.name!r}"))
                schemas[ruleset.kind] = other.merge(ruleset.schema)
            else:
                schemas[ruleset.kind] = ruleset.schema
        declared: dict[str, tuple[str, ParamSpec]] = {}
        for ruleset in self.rulesets:
            for spec in ruleset.parameters:
                if spec.name in declared and declared[spec.name][1].default != spec.default:
                    problems.append(
                        Problem(
                            where,
                            f"parameter {spec.name!r} has default {declared[spec.name][1].default!r} "
                            f"in {declared[spec.name][0]!r} and {spec.default!r} in {ruleset.name!r}",
                        )
                    )
                declared.setdefault(spec.name, (ruleset.name, spec))
        return problems

    def _all_rules(self) -> dict[str, Rule]:
        return {r.id: r for ruleset in self.rulesets for r in ruleset.rules}

    def _problems_overrides(self, where: str) -> list[Problem]:
        problems: list[Problem] = []
        specs = self.parameter_specs
        for name, value in self.parameters.items():
            spec = specs.get(name)
            if spec is None:
                hint = did_you_mean(name, specs)
                problems.append(
                    Problem(
                        f"{where}, parameters.{name}",
                        "unknown parameter",
                        f"did you mean {hint!r}?" if hint else None,
                    )
                )
                continue
            error = spec.check(value)
            if error:
                problems.append(Problem(f"{where}, parameters.{name}", error))
        rules = self._all_rules()
        for label, mapping in (("points", self.points), ("disabled", self.disabled)):
            for rule_id in mapping:
                if rule_id not in rules:
                    hint = did_you_mean(rule_id, rules)
                    problems.append(
                        Problem(
                            f"{where}, {label}.{rule_id}",
                            "unknown rule",
                            f"did you mean {hint!r}?" if hint else None,
                        )
                    )
        for rule_id, value in self.points.items():
            if rule_id not in rules:
                continue
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
                problems.append(Problem(f"{where}, points.{rule_id}", f"expected a number ≥ 0, got {describe(value)}"))
            elif rules[rule_id].sanction and value:
                problems.append(Problem(f"{where}, points.{rule_id}", "a veto, cap or blocking rule carries no points"))
        for rule_id, reason in self.disabled.items():
            if not isinstance(reason, str) or not reason.strip():
                problems.append(Problem(f"{where}, disabled.{rule_id}", "give the reason it is disabled"))
        if not problems:
            values = self._params()
            for ruleset in self.rulesets:
                for item in ruleset.rules:
                    problems.extend(check_against(item, ruleset.schema, values))
        return problems

    def _problems_points_add_up(self, where: str) -> list[Problem]:
        """Each kind's rules in a dimension give exactly its declared points; rules that apply
        only to some subjects (``applies``) may add to the total (scores are scaled)."""
        problems = []
        for kind in self.kinds:
            totals: dict[str, list[float]] = {}
            for ruleset in self.rulesets:
                if ruleset.kind is not kind or ruleset.dimension not in self.dimension_points:
                    continue
                for item in ruleset.rules:
                    if item.id in self.disabled or not item.scoring:
                        continue
                    points = float(self.points.get(item.id, item.points))
                    bucket = totals.setdefault(ruleset.dimension, [0.0, 0.0])
                    bucket[1 if item.applies is not None else 0] += points
            for dimension, (always, sometimes) in totals.items():
                declared = float(self.dimension_points[dimension])
                if not (always - 1e-9 <= declared <= always + sometimes + 1e-9):
                    problems.append(
                        Problem(
                            f"{where}, dimension_points.{dimension}",
                            f"the {kind.value} rules of {dimension!r} give {always:g} points"
                            + (f" (+{sometimes:g} where they apply)" if sometimes else "")
                            + f", but the dimension has {declared:g}",
                            "change rule points or the dimension's points so that they add up",
                        )
                    )
        return problems

    def _problems_policy(self, where: str) -> list[Problem]:
        problems: list[Problem] = []
        bands = self.policy.bands
        if not 0 <= bands.average <= bands.good <= bands.excellent <= 1:
            problems.append(
                Problem(
                    f"{where}, policy.bands",
                    f"expected 0 ≤ average ≤ good ≤ excellent ≤ 1, got {bands.average}, "
                    f"{bands.good}, {bands.excellent}",
                )
            )
        if not 0 < self.policy.quota_share <= 1:
            problems.append(
                Problem(f"{where}, policy.quota_share", f"expected a share in (0, 1], got {self.policy.quota_share}")
            )
        if (
            self.effective_from is not None
            and self.effective_to is not None
            and self.effective_from > self.effective_to
        ):
            problems.append(Problem(where, f"effective from {self.effective_from} after {self.effective_to}"))
        dimensions = {r.dimension for r in self.rulesets if r.dimension != ANNUAL}
        if self.dimension_points:
            total = sum(self.dimension_points.values())
            if not math.isclose(total, 100):
                problems.append(
                    Problem(
                        f"{where}, dimension_points",
                        f"the dimensions' points add up to {total:g}, expected 100",
                    )
                )
            for name in self.dimension_points:
                if name not in dimensions:
                    hint = did_you_mean(name, dimensions)
                    problems.append(
                        Problem(
                            f"{where}, dimension_points.{name}",
                            "no ruleset has this dimension",
                            f"did you mean {hint!r}?" if hint else None,
                        )
                    )
            for name in sorted(dimensions - set(self.dimension_points)):
                problems.append(Problem(f"{where}, dimension_points", f"dimension {name!r} has no points declared"))
        for kind, grading in self.grading.items():
            kind_sets = [r for r in self.rulesets if r.kind is kind]
            if not kind_sets:
                problems.append(Problem(f"{where}, grading.{kind.value}", "no ruleset for this kind"))
                continue
            schema = self._schema(kind)
            for name in grading.score_facts:
                spec = schema.spec(name)
                if spec is None or not spec.type.numeric:
                    problems.append(
                        Problem(f"{where}, grading.{kind.value}.score_facts", f"{name!r} is not a numeric fact")
                    )
            for name in grading.criteria_facts:
                spec = schema.spec(name)
                if spec is None or spec.type is not FactType.STR or set(spec.choices) != {r.value for r in Rating}:
                    problems.append(
                        Problem(
                            f"{where}, grading.{kind.value}.criteria_facts",
                            f"{name!r} is not a rating fact (a text with choices {', '.join(r.value for r in Rating)})",
                        )
                    )
        rules = self._all_rules()
        for exemption in self.exemptions:
            if exemption.rule_id not in rules:
                problems.append(Problem(f"{where}, exemptions", f"unknown rule {exemption.rule_id!r}"))
            if not exemption.reason.strip():
                problems.append(Problem(f"{where}, exemptions", "an exemption states its reason"))
        return problems


def _canonical(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(_canonical(k)): _canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if attrs.has(type(value)):
        return {
            f.name: _canonical(getattr(value, f.name))
            for f in attrs.fields(type(value))
            if f.init and not f.name.startswith("_")
        }
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, Kind | Grade | Rating | UnknownPolicy) or hasattr(value, "value"):
        return getattr(value, "value", value)
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return repr(value)


def _content_hash(framework: Framework) -> str:
    payload = {
        "rulesets": [
            {
                "name": r.name,
                "kind": r.kind.value,
                "dimension": r.dimension,
                "rules": [
                    {**_canonical(rule), "when": repr(rule.when), "applies": repr(rule.applies)} for rule in r.rules
                ],
                "parameters": _canonical(r.parameters),
                "schema": _canonical(r.schema),
            }
            for r in framework.rulesets
        ],
        "parameters": _canonical(framework.parameters),
        "points": _canonical(framework.points),
        "disabled": sorted(framework.disabled),
        "policy": _canonical(framework.policy),
        "grading": _canonical(framework.grading),
        "dimension_points": _canonical(framework.dimension_points),
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
