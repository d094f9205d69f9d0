"""Small helpers shared by the reference ruleset modules."""

from __future__ import annotations

from typing import Any

from partyrules import ParamSpec, Rule, fact, rule


def regime_is(name: str) -> Any:
    """Applicability of a rule to one grading regime (the evaluator sets the ``regime`` fact)."""
    return fact("regime") == name


def make(dimension: str, **fields: Any) -> Rule:
    """A rule of ``dimension``; keyword fields as for :func:`partyrules.rule`."""
    return rule(dimension=dimension, **fields)


def parameter(name: str, default: Any, vi: str, en: str, source: str, status: str, **extra: Any) -> ParamSpec:
    """A parameter; one bounded by 0 and 1 is a share (titles show it as a percentage)."""
    if extra.get("minimum") == 0 and extra.get("maximum") == 1:
        extra.setdefault("unit", "share")
    return ParamSpec(name, default, vi, en, source, status, **extra)
