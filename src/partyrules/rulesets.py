"""Rulesets: the rules of one dimension for one kind of subject, validated at construction."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

from .errors import Problem, RulesetError, describe
from .facts import Schema
from .model import Kind, Status
from .rules import Rule, Scalar
from .validate import ID_PATTERN, check_against, check_rule

__all__ = ["ANNUAL", "ParamSpec", "Ruleset"]


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


#: The pseudo-dimension of rules that only condition the annual grade (vetoes, caps).
ANNUAL = "annual"


@attrs.frozen
class ParamSpec:
    """A parameter a rule reads: its default value, titles, citation and status.

    A parameter whose ``status`` is ``default`` is a value no source fixes: a locality is
    expected to override it in its framework.
    """

    name: str
    default: Scalar
    title_vi: str
    title_en: str
    source: str
    status: Status = attrs.field(converter=Status)
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None

    def check(self, value: object) -> str | None:
        """Why ``value`` cannot be this parameter's value, or ``None``."""
        if isinstance(self.default, bool) != isinstance(value, bool) or not isinstance(
            value, type(self.default) if not isinstance(self.default, int | float) else int | float
        ):
            return f"expected a value like {self.default!r}, got {describe(value)}"
        if isinstance(value, float) and not math.isfinite(value):
            return f"expected a finite number, got {describe(value)}"
        if isinstance(value, int | float) and not isinstance(value, bool):
            if self.minimum is not None and value < self.minimum:
                return f"expected a number ≥ {self.minimum}, got {describe(value)}"
            if self.maximum is not None and value > self.maximum:
                return f"expected a number ≤ {self.maximum}, got {describe(value)}"
        return None


def _kind(value: Kind | str) -> Kind:
    return value if isinstance(value, Kind) else Kind(value)


@attrs.frozen
class Ruleset:
    """The rules of one dimension (or of the annual grade) for one kind of subject.

    Construction checks every rule against the schema and the declared parameters and raises
    :class:`~partyrules.errors.RulesetError` listing every problem.
    """

    name: str
    kind: Kind = attrs.field(converter=_kind)
    dimension: str
    rules: tuple[Rule, ...] = attrs.field(converter=_tuple)
    schema: Schema
    parameters: tuple[ParamSpec, ...] = attrs.field(default=(), converter=_tuple)
    title_vi: str = ""
    title_en: str = ""
    version: str = ""
    description: str = ""

    def __attrs_post_init__(self) -> None:
        problems = self.problems()
        if problems:
            raise RulesetError(problems, what=f"ruleset {self.name!r}")

    @property
    def defaults(self) -> dict[str, Scalar]:
        return {p.name: p.default for p in self.parameters}

    def rule(self, rule_id: str) -> Rule:
        for item in self.rules:
            if item.id == rule_id:
                return item
        raise KeyError(rule_id)

    def problems(self) -> list[Problem]:
        where = f"ruleset {self.name!r}"
        problems: list[Problem] = []
        if not isinstance(self.name, str) or not ID_PATTERN.match(self.name):
            problems.append(Problem(where, "a name is letters, digits, '_', '.' and '-'"))
        for pid, count in Counter(p.name for p in self.parameters).items():
            if count > 1:
                problems.append(Problem(where, f"parameter {pid!r} declared {count} times"))
        for spec in self.parameters:
            error = spec.check(spec.default)
            if error:
                problems.append(Problem(f"{where}, parameter {spec.name!r}", f"default: {error}"))
        for rid, count in Counter(r.id for r in self.rules if isinstance(r, Rule)).items():
            if count > 1:
                problems.append(Problem(where, f"rule id {rid!r} used {count} times"))
        defaults = self.defaults
        for item in self.rules:
            if not isinstance(item, Rule):
                problems.append(Problem(where, f"expected rules, got {describe(item)}"))
                continue
            problems.extend(check_rule(item))
            if item.dimension != self.dimension:
                problems.append(
                    Problem(
                        f"rule {item.id!r}",
                        f"dimension {item.dimension!r} in ruleset of dimension {self.dimension!r}",
                    )
                )
            if self.dimension == ANNUAL and item.scoring:
                problems.append(Problem(f"rule {item.id!r}", "rules of the annual grade carry no points"))
            problems.extend(check_against(item, self.schema, defaults))
        return problems
