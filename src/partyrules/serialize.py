"""Evaluations as JSON: their decision, their evidence and, given their framework, their full
trace.

An evaluation unstructures to the documented shape (``id``, ``kind``, ``period``, ``grade``,
``four_good``, ``dimensions`` as ``name → {score, max, grade, good, ...}``, ``evidence``, and,
given its framework, ``trace``) and structures back from it exactly: ``dumps(loads(text)) ==
text``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import cattrs

from .conditions import AllOf, AnyOf, Compare, Condition, In, Not, Param
from .convert import make_converter
from .evidence import Evidence
from .facts import Facts
from .frameworks import Framework
from .model import DimensionResult, FrozenMap, Grade, Kind, Outcome, Rating, Reason
from .regimes import Base
from .results import Evaluation, FrameworkRef
from .trace import Trace
from .tracing import build_trace

__all__ = [
    "condition_data",
    "condition_from",
    "dumps",
    "evaluation_data",
    "evidence_data",
    "evidence_from",
    "loads",
    "result_converter",
    "trace_from",
]


def result_converter() -> cattrs.Converter:
    """A new converter for partyrules' documents and results (create your own; no global state)."""
    made = make_converter()
    _register_results(made)
    return made


def condition_data(condition: Condition) -> Any:
    """A condition tree as JSON data: ``{"fact": "x", "op": ">=", "value": 12}``, a parameter as
    ``{"param": "name"}``, ``{"all_of": [...]}``, ``{"any_of": [...]}``, ``{"not": {...}}``."""

    def operand(value: Any) -> Any:
        return {"param": value.name} if isinstance(value, Param) else value

    if isinstance(condition, Compare):
        return {"fact": condition.fact, "op": condition.op, "value": operand(condition.value)}
    if isinstance(condition, In):
        return {"fact": condition.fact, "in": [operand(v) for v in condition.values]}
    if isinstance(condition, Not):
        return {"not": condition_data(condition.item)}
    key = "all_of" if isinstance(condition, AllOf) else "any_of"
    return {key: [condition_data(item) for item in condition.items]}


def condition_from(data: Any) -> Condition:
    """The condition tree of :func:`condition_data`."""

    def operand(value: Any) -> Any:
        return Param(value["param"]) if isinstance(value, dict) else value

    if "all_of" in data:
        return AllOf(tuple(condition_from(item) for item in data["all_of"]))
    if "any_of" in data:
        return AnyOf(tuple(condition_from(item) for item in data["any_of"]))
    if "not" in data:
        return Not(condition_from(data["not"]))
    if "in" in data:
        return In(data["fact"], tuple(operand(v) for v in data["in"]))
    return Compare(data["op"], data["fact"], operand(data["value"]))


def _reason(data: Mapping[str, Any]) -> Reason:
    return Reason(data["code"], {k: tuple(v) if isinstance(v, list) else v for k, v in data["args"].items()})


def _reason_data(reason: Reason) -> dict[str, Any]:
    return {"code": reason.code, "args": {k: list(v) if isinstance(v, tuple) else v for k, v in reason.args.items()}}


def evidence_data(evidence: Evidence) -> dict[str, Any]:
    """Evidence as JSON data."""
    base = evidence.base
    return {
        "facts": dict(evidence.facts),
        "outcomes": {rule_id: evidence.outcome(rule_id).value for rule_id in evidence.rules},
        "counted": sorted(evidence.counted),
        "base": {
            "grade": base.grade.value,
            "score": base.score,
            "needs": [_reason_data(r) for r in base.needs],
            "missing": list(base.missing),
            "criteria": {name: rating.value for name, rating in base.criteria.items()},
        },
        "sanctions": list(evidence.sanctions),
        "grade_blockers": [_reason_data(r) for r in evidence.grade_blockers],
        "four_good_blockers": [_reason_data(r) for r in evidence.four_good_blockers],
    }


def evidence_from(data: Mapping[str, Any]) -> Evidence:
    """The evidence of :func:`evidence_data`."""
    outcomes = {rule_id: Outcome(value) for rule_id, value in data["outcomes"].items()}
    base = data["base"]

    def having(outcome: Outcome) -> frozenset[str]:
        return frozenset(r for r, o in outcomes.items() if o is outcome)

    return Evidence.of(
        facts=Facts(data["facts"]),
        rules=tuple(outcomes),
        met=having(Outcome.MET),
        unknown=having(Outcome.UNKNOWN),
        not_applicable=having(Outcome.NOT_APPLICABLE),
        counted=frozenset(data["counted"]),
        base=Base(
            Grade(base["grade"]),
            base["score"],
            tuple(_reason(r) for r in base["needs"]),
            tuple(base["missing"]),
            {name: Rating(value) for name, value in base["criteria"].items()},
        ),
        sanctions=tuple(data["sanctions"]),
        grade_blockers=tuple(_reason(r) for r in data["grade_blockers"]),
        four_good_blockers=tuple(_reason(r) for r in data["four_good_blockers"]),
    )


def _dimension_data(result: DimensionResult) -> dict[str, Any]:
    return {
        "score": result.score,
        "max": result.max,
        "grade": result.rating.value,
        "good": result.good,
        "points": result.points,
        "required_failed": list(result.required_failed),
        "vetoed": list(result.vetoed),
        "unknown": list(result.unknown),
    }


def _register_results(converter: cattrs.Converter) -> None:
    converter.register_unstructure_hook(
        FrozenMap, lambda value: {k: converter.unstructure(v) for k, v in value.items()}
    )
    converter.register_unstructure_hook(Facts, lambda facts: facts.as_dict())
    converter.register_structure_hook(Facts, lambda value, _: Facts(value))
    converter.register_unstructure_hook(Reason, _reason_data)
    converter.register_structure_hook(Reason, lambda data, _: _reason(data))
    for kind in (Compare, In, AllOf, AnyOf, Not):
        converter.register_unstructure_hook(kind, condition_data)
    converter.register_structure_hook(Condition, lambda data, _: condition_from(data))

    def structure_optional_condition(data: Any, _: Any) -> Condition | None:
        return None if data is None else condition_from(data)

    converter.register_structure_hook(Condition | None, structure_optional_condition)

    def unstructure_evaluation(ev: Evaluation) -> dict[str, Any]:
        return {
            "id": ev.subject_id,
            "name": ev.name,
            "kind": ev.kind.value,
            "period": ev.period,
            "grade": ev.grade.value if ev.grade is not None else None,
            "four_good": ev.four_good,
            "score": ev.score,
            "graded": ev.graded,
            "complete": ev.complete,
            "regime": ev.regime,
            "backend": ev.backend,
            "framework": converter.unstructure(ev.framework),
            "library_version": ev.library_version,
            "dimensions": {d.name: _dimension_data(d) for d in ev.dimensions},
            "evidence": evidence_data(ev.evidence),
            "children": [unstructure_evaluation(c) for c in ev.children],
        }

    def structure_evaluation(data: Mapping[str, Any], _: Any) -> Evaluation:
        dimensions = tuple(
            DimensionResult(
                name=name,
                score=value["score"],
                max=value["max"],
                rating=Rating(value["grade"]),
                good=value["good"],
                points=value["points"],
                required_failed=tuple(value["required_failed"]),
                vetoed=tuple(value["vetoed"]),
                unknown=tuple(value["unknown"]),
            )
            for name, value in data["dimensions"].items()
        )
        return Evaluation(
            subject_id=data["id"],
            kind=Kind(data["kind"]),
            period=data["period"],
            grade=Grade(data["grade"]) if data["grade"] is not None else None,
            four_good=data["four_good"],
            score=data["score"],
            dimensions=dimensions,
            regime=data["regime"],
            backend=data["backend"],
            framework=converter.structure(data["framework"], FrameworkRef),
            evidence=evidence_from(data["evidence"]),
            complete=data["complete"],
            graded=data["graded"],
            name=data["name"],
            children=tuple(structure_evaluation(c, None) for c in data["children"]),
            library_version=data["library_version"],
        )

    converter.register_unstructure_hook(Evaluation, unstructure_evaluation)
    converter.register_structure_hook(Evaluation, structure_evaluation)


def evaluation_data(
    evaluation: Evaluation, *, framework: Framework | None = None, converter: cattrs.Converter | None = None
) -> dict[str, Any]:
    """One evaluation as JSON data; with its ``framework``, each level carries its full ``trace``."""
    converter = converter or result_converter()
    data: dict[str, Any] = converter.unstructure(evaluation, Evaluation)
    if framework is not None:
        _add_traces(data, evaluation, framework, converter)
    return data


def _add_traces(
    data: dict[str, Any], evaluation: Evaluation, framework: Framework, converter: cattrs.Converter
) -> None:
    data["trace"] = converter.unstructure(build_trace(evaluation, framework), Trace)
    for child_data, child in zip(data["children"], evaluation.children, strict=True):
        _add_traces(child_data, child, framework, converter)


def dumps(
    evaluations: Sequence[Evaluation] | Evaluation,
    *,
    framework: Framework | None = None,
    converter: cattrs.Converter | None = None,
    indent: int | None = 2,
) -> str:
    """Evaluations (or one) as JSON text; with their ``framework``, with their full traces."""
    converter = converter or result_converter()
    if isinstance(evaluations, Evaluation):
        data: Any = evaluation_data(evaluations, framework=framework, converter=converter)
    else:
        data = [evaluation_data(e, framework=framework, converter=converter) for e in evaluations]
    return json.dumps(data, ensure_ascii=False, indent=indent)


def loads(text: str, *, converter: cattrs.Converter | None = None) -> list[Evaluation] | Evaluation:
    """Evaluations back from :func:`dumps` output (a ``trace`` in it is rebuilt on demand from
    the evidence, :func:`partyrules.build_trace`, so it is not read)."""
    converter = converter or result_converter()
    data = json.loads(text)
    if isinstance(data, list):
        return [converter.structure(item, Evaluation) for item in data]
    return converter.structure(data, Evaluation)


def trace_from(data: Mapping[str, Any], *, converter: cattrs.Converter | None = None) -> Trace:
    """A trace back from its JSON data (the ``trace`` of :func:`dumps` output)."""
    converter = converter or result_converter()
    return converter.structure(data, Trace)
