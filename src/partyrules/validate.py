"""Checks of a rule against a schema and parameter values: the facts it reads exist, the
parameters it reads are declared, and every test compares values of the right type.

Every problem is scoped to the rule; its message's arguments say which condition (``label``:
``when`` or ``applies``) and which test (``test``, the comparison itself), so that a framework
file can point at the line and write the test as the file does.
"""

from __future__ import annotations

from collections.abc import Mapping

from .conditions import CONDITION_TYPES, Compare, Leaf, Param, Scalar, leaves, operands
from .facts import FactType, Schema
from .problems import Problem, Scope, describe, suggest, unknown_name
from .rules import Rule
from .text.catalogue import msg

__all__ = ["check_against"]


def _value_type(value: Scalar) -> FactType:
    if isinstance(value, bool):
        return FactType.BOOL
    if isinstance(value, int | float):
        return FactType.FLOAT
    return FactType.STR


def check_against(rule: Rule, schema: Schema, params: Mapping[str, Scalar]) -> list[Problem]:
    """Check a rule's facts and parameters against a schema and declared parameter values."""
    scope = Scope("rule", rule.id)
    problems: list[Problem] = []
    for label, condition in (("when", rule.when), ("applies", rule.applies)):
        if not isinstance(condition, CONDITION_TYPES):
            continue
        for node in leaves(condition):
            spec = schema.spec(node.fact)
            if spec is None:
                problems.append(
                    unknown_name("check.unknown_fact", node.fact, schema.names, scope=scope, label=label, test=node)
                )
                continue
            for operand in operands(node):
                if isinstance(operand, Param):
                    if operand.name not in params:
                        problems.append(
                            unknown_name(
                                "check.unknown_param", operand.name, params, scope=scope, label=label, test=node
                            )
                        )
                        continue
                    value = params[operand.name]
                else:
                    value = operand
                problems.extend(_type_problems(scope, label, node, spec.type, spec.choices, value))
    return problems


def _type_problems(
    scope: Scope, label: str, node: Leaf, fact_type: FactType, choices: tuple[str, ...], value: Scalar
) -> list[Problem]:
    given = _value_type(value)
    wanted = FactType.FLOAT if fact_type.numeric else fact_type
    if given is not wanted:
        message = msg("check.type", label=label, test=node, fact=node.fact, type=fact_type.value, given=describe(value))
        return [Problem(message, (), scope)]
    op = node.op if isinstance(node, Compare) else "in"
    if wanted in (FactType.BOOL, FactType.STR) and op not in ("==", "!=", "in"):
        return [Problem(msg("check.equality_only", label=label, test=node, type=fact_type.value), (), scope)]
    if choices and isinstance(value, str) and value not in choices:
        advice = suggest(value, choices) or msg("hint.values", values=", ".join(choices))
        message = msg("check.not_a_choice", label=label, test=node, value=repr(value), fact=node.fact)
        return [Problem(message, (), scope, advice)]
    return []
