"""partyrules: decide, explain and audit Four-Good recognition and annual quality grades.

>>> import partyrules
>>> partyrules.Grade.GOOD > partyrules.Grade.COMPLETED
True

Importing partyrules loads no plugin, no durable_rules and no hypothesis.
"""

from __future__ import annotations

from typing import Any

from .errors import (
    DuplicatePluginError,
    EngineError,
    EngineLimitError,
    EngineUnavailableError,
    FrameworkError,
    InputError,
    MissingFactError,
    PartyrulesError,
    PluginError,
    PluginErrors,
    PluginImportError,
    PluginTypeError,
    Problem,
    RulesetError,
    ThreadAffinityError,
    UnknownNameError,
    ValidationError,
)
from .evaluate import Evaluator, evaluate, evaluate_many
from .facts import Derived, Direction, Facts, FactSpec, FactType, Schema, at_most, ratio
from .frameworks import Bands, Exemption, Framework, Grading, Policy
from .model import Grade, Kind, Outcome, Rating, Status, UnknownPolicy
from .plugins import Registry
from .results import DimensionResult, Evaluation, FrameworkRef
from .rules import Rule, all_of, any_of, fact, not_, param, rule
from .rulesets import ANNUAL, ParamSpec, Ruleset
from .subjects import Subject
from .trace import Trace

__all__ = [
    "ANNUAL",
    "Bands",
    "Derived",
    "DimensionResult",
    "Direction",
    "DuplicatePluginError",
    "EngineError",
    "EngineLimitError",
    "EngineUnavailableError",
    "Evaluation",
    "Evaluator",
    "Exemption",
    "FactSpec",
    "FactType",
    "Facts",
    "Framework",
    "FrameworkError",
    "FrameworkRef",
    "Grade",
    "Grading",
    "InputError",
    "Kind",
    "MissingFactError",
    "Outcome",
    "ParamSpec",
    "PartyrulesError",
    "PluginError",
    "PluginErrors",
    "PluginImportError",
    "PluginTypeError",
    "Policy",
    "Problem",
    "Rating",
    "Registry",
    "Rule",
    "Ruleset",
    "RulesetError",
    "Schema",
    "Status",
    "Subject",
    "ThreadAffinityError",
    "Trace",
    "UnknownNameError",
    "UnknownPolicy",
    "ValidationError",
    "__version__",
    "all_of",
    "any_of",
    "at_most",
    "evaluate",
    "evaluate_many",
    "fact",
    "not_",
    "param",
    "ratio",
    "rule",
]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("partyrules")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'partyrules' has no attribute {name!r}")
