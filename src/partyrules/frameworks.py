"""Frameworks: a locality's whole criteria framework ("khung tiêu chí"), validated at construction.

A :class:`Framework` names its rulesets, parameter values, points, policy, dimensions,
issuer and effective period.  Building one checks everything (:mod:`partyrules.checks`) and
raises :class:`~partyrules.errors.FrameworkError` listing every problem; a valid framework
resolves, once, the rules of each kind of subject into a :class:`KindView`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .checks import framework_problems
from .conditions import Scalar
from .errors import FrameworkError
from .facts import Schema
from .model import FrozenMap, Grade, Kind, Rating, UnknownPolicy, coerce
from .policy import Dimension, Exemption, Policy
from .problems import Problem, Scope
from .regimes import Grading
from .rules import Rule
from .rulesets import ANNUAL, ParamSpec, Ruleset
from .text.catalogue import msg

__all__ = ["Framework", "KindView"]


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class KindView:
    """The resolved part of a framework for one kind of subject: its merged schema, its rules
    (disabled ones left out, points overridden), every parameter's value, its dimensions."""

    kind: Kind
    schema: Schema
    rules: tuple[Rule, ...]
    params: Mapping[str, Scalar]
    dimensions: tuple[str, ...]
    grading: Grading

    def rule(self, rule_id: str) -> Rule:
        for item in self.rules:
            if item.id == rule_id:
                return item
        raise KeyError(rule_id)


def _frozen_dict(value: Mapping[Any, Any] | None) -> Mapping[Any, Any]:
    return FrozenMap(value or {})


def _grading_map(value: Mapping[Kind, Grading] | Mapping[str, Grading] | None) -> Mapping[Kind, Grading]:
    return FrozenMap(
        {coerce(Kind, k, error=FrameworkError, loc=("grading", str(k))): v for k, v in (value or {}).items()}
    )


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
    policy: Policy = Policy()  # noqa: RUF009  (frozen: one shared default is safe)
    grading: Mapping[Kind, Grading] = attrs.field(factory=FrozenMap, converter=_grading_map)
    dimension_points: Mapping[str, float] = attrs.field(factory=FrozenMap, converter=_frozen_dict)
    exemptions: tuple[Exemption, ...] = attrs.field(default=(), converter=_tuple)
    extends: str | None = None
    dimensions: tuple[Dimension, ...] = attrs.field(default=(), converter=_tuple)
    _views: dict[Kind, KindView] = attrs.field(init=False, repr=False)
    _hash: str = attrs.field(init=False, repr=False)
    _kinds: tuple[Kind, ...] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        problems = framework_problems(self)
        if problems:
            raise FrameworkError(problems, what=msg("what.framework", name=self.name))
        present = {r.kind for r in self.rulesets}
        object.__setattr__(self, "_kinds", tuple(k for k in Kind if k in present))
        object.__setattr__(self, "_views", {kind: self._build_view(kind) for kind in self._kinds})
        object.__setattr__(self, "_hash", _content_hash(self))

    # -- public views -------------------------------------------------------------------------

    @property
    def kinds(self) -> tuple[Kind, ...]:
        """The kinds of subject this framework has rules for, in the order members, cells, committees."""
        return self._kinds

    @property
    def content_hash(self) -> str:
        """A SHA-256 of everything that can change an outcome or its explanation (rules,
        numbers, policy, titles)."""
        return self._hash

    @property
    def in_force(self) -> tuple[int | None, int | None]:
        """The effective period as data: (first year, last year), ``None`` where open."""
        return (self.effective_from, self.effective_to)

    def view(self, kind: Kind | str) -> KindView:
        """The resolved rules of one kind of subject."""
        kind = coerce(Kind, kind, error=FrameworkError, loc=("kind",))
        try:
            return self._views[kind]
        except KeyError:
            raise FrameworkError(
                [Problem(msg("framework.no_kind", kind=kind.word), (), Scope("framework", self.name))],
                what=msg("what.framework", name=self.name),
            ) from None

    def dimension(self, name: str) -> Dimension | None:
        """The titles declared for dimension ``name``, or ``None``."""
        for item in self.dimensions:
            if item.name == name:
                return item
        return None

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
        values = {name: spec.default for name, spec in self.parameter_specs.items()}
        values.update(self.parameters)
        return values

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

    def schema(self, kind: Kind) -> Schema:
        """The merged schema of ``kind``'s rulesets."""
        schema: Schema | None = None
        for ruleset in self.rulesets:
            if ruleset.kind is kind:
                schema = ruleset.schema if schema is None else schema.merge(ruleset.schema)
        assert schema is not None
        return schema

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
            schema=self.schema(kind),
            rules=tuple(rules),
            params=FrozenMap(self.parameter_values),
            dimensions=tuple(dimensions),
            grading=self.grading.get(kind, Grading()),
        )


def canonical(value: Any) -> Any:
    """A JSON-able form of a framework's parts, the same whatever order mappings were written in."""
    if isinstance(value, Mapping):
        return {str(canonical(k)): canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if attrs.has(type(value)):
        return {
            f.name: canonical(getattr(value, f.name))
            for f in attrs.fields(type(value))
            if f.init and not f.name.startswith("_")
        }
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
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
                    {**canonical(rule), "when": repr(rule.when), "applies": repr(rule.applies)} for rule in r.rules
                ],
                "parameters": canonical(r.parameters),
                "schema": canonical(r.schema),
            }
            for r in framework.rulesets
        ],
        "parameters": canonical(framework.parameters),
        "points": canonical(framework.points),
        "disabled": sorted(framework.disabled),
        "policy": canonical(framework.policy),
        "grading": canonical(framework.grading),
        "dimension_points": canonical(framework.dimension_points),
    }
    payload["dimensions"] = canonical(sorted(framework.dimensions, key=lambda d: d.name))
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
