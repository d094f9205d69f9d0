"""Rulesets: the rules of one dimension for one kind of subject, validated at construction."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

from .conditions import Scalar
from .errors import RulesetError
from .facts import Schema
from .model import Kind, Status, coerce
from .problems import Problem, Scope, describe
from .rules import ID_PATTERN, Rule, check_rule
from .text.catalogue import Message, msg
from .validate import check_against

__all__ = ["ANNUAL", "ParamSpec", "Ruleset"]


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


def _kind(value: Kind | str) -> Kind:
    return coerce(Kind, value, error=RulesetError, loc=("kind",))


def _status(value: Status | str) -> Status:
    return coerce(Status, value, error=RulesetError, loc=("status",))


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
    status: Status = attrs.field(converter=_status)
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None

    def check(self, value: object) -> Message | None:
        """Why ``value`` cannot be this parameter's value, or ``None``."""
        if isinstance(self.default, bool) != isinstance(value, bool) or not isinstance(
            value, type(self.default) if not isinstance(self.default, int | float) else int | float
        ):
            return msg("param.like", default=repr(self.default), given=describe(value))
        if isinstance(value, float) and not math.isfinite(value):
            return msg("value.expected", expected=msg("expect.finite"), given=describe(value))
        if isinstance(value, int | float) and not isinstance(value, bool):
            if self.minimum is not None and value < self.minimum:
                return msg("param.at_least", low=self.minimum, given=describe(value))
            if self.maximum is not None and value > self.maximum:
                return msg("param.at_most", high=self.maximum, given=describe(value))
        return None


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
            raise RulesetError(problems, what=msg("what.ruleset", name=self.name))

    @property
    def defaults(self) -> dict[str, Scalar]:
        return {p.name: p.default for p in self.parameters}

    def rule(self, rule_id: str) -> Rule:
        for item in self.rules:
            if item.id == rule_id:
                return item
        raise KeyError(rule_id)

    def problems(self) -> list[Problem]:
        """Every problem of the ruleset and its rules (empty when it is valid)."""
        scope = Scope("ruleset", str(self.name))
        problems: list[Problem] = []
        if not isinstance(self.name, str) or not ID_PATTERN.match(self.name):
            problems.append(Problem(msg("name.pattern"), (), scope))
        for pid, count in Counter(p.name for p in self.parameters).items():
            if count > 1:
                problems.append(Problem(msg("ruleset.param_twice", name=pid, count=count), (), scope))
        for spec in self.parameters:
            error = spec.check(spec.default)
            if error:
                problems.append(Problem(msg("param.default", error=error), ("parameters", spec.name), scope))
        for rid, count in Counter(r.id for r in self.rules if isinstance(r, Rule)).items():
            if count > 1:
                problems.append(Problem(msg("ruleset.rule_twice", id=rid, count=count), (), scope))
        defaults = self.defaults
        for item in self.rules:
            if not isinstance(item, Rule):
                problems.append(Problem(msg("ruleset.not_a_rule", given=describe(item)), (), scope))
                continue
            problems.extend(check_rule(item))
            rule_scope = Scope("rule", item.id)
            if item.dimension != self.dimension:
                message = msg("ruleset.dimension", dimension=repr(item.dimension), expected=repr(self.dimension))
                problems.append(Problem(message, (), rule_scope))
            if self.dimension == ANNUAL and item.scoring:
                problems.append(Problem(msg("ruleset.annual_points"), (), rule_scope))
            problems.extend(check_against(item, self.schema, defaults))
        return problems
