"""Declaration checks for rules and rulesets; every problem is collected with its location."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from .errors import Problem, RulesetError, describe, did_you_mean
from .facts import FactType, Schema
from .model import Grade
from .rules import OPERATORS, AllOf, AnyOf, Compare, Condition, In, Not, Param, Rule, Scalar, depth, walk

ID_PATTERN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")
MAX_DEPTH = 16
MAX_NODES = 200


def _where(rule: Rule) -> str:
    return f"rule {rule.id!r}"


def check_rule(rule: Rule, *, raise_: bool = False) -> list[Problem]:
    """The checks a rule passes on its own, without a schema."""
    where = _where(rule)
    problems: list[Problem] = []
    if not isinstance(rule.id, str) or not ID_PATTERN.match(rule.id):
        problems.append(Problem(where, "an id is letters, digits, '_', '.' and '-' (like 'meetings.monthly')"))
    if not isinstance(rule.dimension, str) or not ID_PATTERN.match(rule.dimension):
        problems.append(Problem(where, f"invalid dimension {rule.dimension!r}"))
    for name in ("title_vi", "title_en", "source"):
        if not str(getattr(rule, name) or "").strip():
            problems.append(Problem(where, f"{name} is empty: every rule has titles and a citation"))
    if isinstance(rule.points, bool) or not isinstance(rule.points, int | float):
        problems.append(Problem(where, f"points: expected a number ≥ 0, got {describe(rule.points)}"))
    elif not math.isfinite(rule.points) or rule.points < 0:
        problems.append(Problem(where, f"points: expected a number ≥ 0, got {describe(rule.points)}"))
    if rule.veto is not None and rule.cap is not None:
        problems.append(Problem(where, f"has both veto {rule.veto.value} and cap {rule.cap.value}; keep one"))
    if rule.cap is Grade.EXCELLENT:
        problems.append(Problem(where, "cap EXCELLENT restricts nothing"))
    if rule.scoring and rule.sanction:
        problems.append(
            Problem(
                where,
                "a rule either rewards its condition (points, required) or sanctions it "
                "(veto, cap, blocks_four_good); split it in two",
            )
        )
    if not (rule.scoring or rule.sanction or rule.excludes):
        problems.append(
            Problem(
                where,
                "has no effect",
                "give it points, required, veto, cap, blocks_four_good or excludes",
            )
        )
    for label, condition in (("when", rule.when), ("applies", rule.applies)):
        if condition is None and label == "applies":
            continue
        if not isinstance(condition, Compare | In | AllOf | AnyOf | Not):
            problems.append(
                Problem(where, f"{label}: expected a condition such as fact('x') >= 1, got {describe(condition)}")
            )
            continue
        problems.extend(_check_tree(where, label, condition))
    if problems and raise_:
        raise RulesetError(problems, what=f"rule {rule.id!r}")
    return problems


def _check_tree(where: str, label: str, condition: Condition) -> list[Problem]:
    problems: list[Problem] = []
    nodes = list(walk(condition))
    if len(nodes) > MAX_NODES:
        problems.append(Problem(where, f"{label} has {len(nodes)} nodes; at most {MAX_NODES}"))
    if depth(condition) > MAX_DEPTH:
        problems.append(Problem(where, f"{label} is nested deeper than {MAX_DEPTH} levels"))
    for node in nodes:
        if isinstance(node, Compare):
            if node.op not in OPERATORS:
                problems.append(Problem(where, f"unknown operator {node.op!r}"))
            values: tuple[object, ...] = (node.value,)
        elif isinstance(node, In):
            values = node.values
        else:
            continue
        for value in values:
            if isinstance(value, float) and not math.isfinite(value):
                problems.append(Problem(where, f"{label}: {value!r} is not a finite number"))
    return problems


def _value_type(value: Scalar) -> FactType:
    if isinstance(value, bool):
        return FactType.BOOL
    if isinstance(value, int | float):
        return FactType.FLOAT
    return FactType.STR


def check_against(
    rule: Rule,
    schema: Schema,
    params: Mapping[str, Scalar],
) -> list[Problem]:
    """Check a rule's facts and parameters against a schema and declared parameter values."""
    where = _where(rule)
    problems: list[Problem] = []
    for label, condition in (("when", rule.when), ("applies", rule.applies)):
        if not isinstance(condition, Compare | In | AllOf | AnyOf | Not):
            continue
        for node in walk(condition):
            if isinstance(node, Compare):
                operands: tuple[object, ...] = (node.value,)
            elif isinstance(node, In):
                operands = node.values
            else:
                continue
            spec = schema.spec(node.fact)
            if spec is None:
                hint = did_you_mean(node.fact, schema.names)
                problems.append(
                    Problem(
                        where,
                        f"unknown fact {node.fact!r} in {label}",
                        f"did you mean {hint!r}?" if hint else None,
                    )
                )
                continue
            for operand in operands:
                if isinstance(operand, Param):
                    if operand.name not in params:
                        hint = did_you_mean(operand.name, params)
                        problems.append(
                            Problem(
                                where,
                                f"unknown parameter {operand.name!r} in {label}",
                                f"did you mean {hint!r}?" if hint else None,
                            )
                        )
                        continue
                    value = params[operand.name]
                else:
                    value = operand  # type: ignore[assignment]
                problems.extend(_type_problems(where, node, spec.type, spec.choices, value))
    return problems


def _type_problems(
    where: str,
    node: Compare | In,
    fact_type: FactType,
    choices: tuple[str, ...],
    value: Scalar,
) -> list[Problem]:
    given = _value_type(value)
    wanted = FactType.FLOAT if fact_type.numeric else fact_type
    if given is not wanted:
        return [
            Problem(
                where,
                f"{node!r}: fact {node.fact!r} is {fact_type.value}, compared with {describe(value)}",
            )
        ]
    op = node.op if isinstance(node, Compare) else "in"
    if wanted in (FactType.BOOL, FactType.STR) and op not in ("==", "!=", "in"):
        return [Problem(where, f"{node!r}: a {fact_type.value} fact is compared with = or ≠ only")]
    if choices and isinstance(value, str) and value not in choices:
        hint = did_you_mean(value, choices)
        return [
            Problem(
                where,
                f"{node!r}: {value!r} is not a value of {node.fact!r}",
                f"did you mean {hint!r}?" if hint else f"values: {', '.join(choices)}",
            )
        ]
    return []
