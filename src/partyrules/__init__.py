"""partyrules: decide, explain and audit Four-Good recognition and annual quality grades.

>>> import partyrules
>>> partyrules.Grade.GOOD > partyrules.Grade.COMPLETED
True

Importing partyrules loads no plugin, no durable_rules and no hypothesis.
"""

from __future__ import annotations

from typing import Any

from ._version import library_version as _library_version
from .conditions import all_of, any_of, fact, not_, param
from .errors import (
    DeclarationError,
    DuplicatePluginError,
    EngineError,
    EngineLimitError,
    EngineUnavailableError,
    ExpressionError,
    FrameworkError,
    FrameworkMismatchError,
    InputError,
    MissingFactError,
    PartyrulesError,
    PluginError,
    PluginErrors,
    PluginImportError,
    PluginTypeError,
    RulesetError,
    ThreadAffinityError,
    UnknownNameError,
    ValidationError,
)
from .evaluator import Evaluator, evaluate, evaluate_many
from .evidence import Evidence
from .facts import Derived, Direction, Facts, FactSpec, FactType, Schema, at_most, ratio
from .frameworks import Framework
from .model import DimensionResult, Grade, Kind, Outcome, Rating, Reason, Status, UnknownPolicy
from .plugins import Registry
from .policy import Bands, Dimension, Exemption, Policy
from .problems import Problem
from .regimes import Grading
from .results import Evaluation, FrameworkRef
from .rules import Rule, rule
from .rulesets import ANNUAL, ParamSpec, Ruleset
from .subjects import Subject
from .trace import Trace
from .tracing import build_trace

__all__ = [
    "ANNUAL",
    "Bands",
    "DeclarationError",
    "Derived",
    "Dimension",
    "DimensionResult",
    "Direction",
    "DuplicatePluginError",
    "EngineError",
    "EngineLimitError",
    "EngineUnavailableError",
    "Evaluation",
    "Evaluator",
    "Evidence",
    "Exemption",
    "ExpressionError",
    "FactSpec",
    "FactType",
    "Facts",
    "Framework",
    "FrameworkError",
    "FrameworkMismatchError",
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
    "Reason",
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
    "build_trace",
    "evaluate",
    "evaluate_many",
    "fact",
    "not_",
    "param",
    "ratio",
    "rule",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return _library_version()
    raise AttributeError(f"module 'partyrules' has no attribute {name!r}")
