"""Results as compact records, with the framework's catalogue written once.

A results stream (docs/reference/results.md, with its JSON Schema) is a **catalogue** (what the
framework's rules, dimensions and policy are, with its content hash) followed by one **record**
per top-level subject: its decision (grade, Four-Good, dimension scores and grades, blockers)
and its evidence (the facts read, and which rules were met, as bit masks over the catalogue's
rules of its kind), not the titles, citations and conditions the catalogue holds.  The full
trace is rebuilt from a record and its framework (:func:`partyrules.build_trace`).

:class:`Catalogue` reads a catalogue back and decodes records into evaluations equal to the
ones written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from .conditions import AllOf, AnyOf, Compare, Condition, In, Not, Param
from .evidence import Evidence
from .facts import Facts
from .frameworks import Framework, canonical
from .model import DimensionResult, Grade, Kind, Rating, Reason
from .regimes import Base
from .results import Evaluation, FrameworkRef

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "Catalogue",
    "catalogue_data",
    "condition_data",
    "condition_from",
    "reason_data",
    "reason_from",
    "record",
]

FORMAT = "partyrules-results"
FORMAT_VERSION = 1


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


def reason_data(reason: Reason) -> dict[str, Any]:
    """A reason as JSON data: its code and arguments."""
    args = reason.args
    return {"code": reason.code, "args": {k: list(v) if type(v) is tuple else v for k, v in args.items()}}


def reason_from(data: Mapping[str, Any]) -> Reason:
    return Reason(data["code"], {k: tuple(v) if isinstance(v, list) else v for k, v in data["args"].items()})


def catalogue_data(framework: Framework, *, library_version: str) -> dict[str, Any]:
    """The catalogue of a results stream: the framework's identity, policy, and for each kind of
    subject its rules (titles, citation, status, effect, conditions, parameter values) in the
    order the records' masks follow, and its dimensions."""
    kinds = {}
    for kind in framework.kinds:
        view = framework.view(kind)
        rules = []
        for rule in view.rules:
            item: dict[str, Any] = {
                "id": rule.id,
                "dimension": rule.dimension,
                "title_vi": rule.title_vi,
                "title_en": rule.title_en,
                "effect": rule.effect,
                "grade": None if rule.limit is None else rule.limit.value,
                "points": float(rule.points),
                "source": rule.source,
                "status": rule.status.value,
                "when": condition_data(rule.when),
                "applies": None if rule.applies is None else condition_data(rule.applies),
                "params": {name: view.params.get(name) for name in rule.params()},
            }
            rules.append(item)
        dimensions = []
        for name in view.dimensions:
            declared = framework.dimension(name)
            entry = {"name": name, "points": framework.dimension_points.get(name)}
            if declared is not None:
                entry.update(attrs.asdict(declared))
            dimensions.append(entry)
        kinds[kind.value] = {"rules": rules, "dimensions": dimensions, "grading": canonical(view.grading)}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "library_version": library_version,
        "framework": {
            "name": framework.name,
            "version": framework.version,
            "content_hash": framework.content_hash,
            "title_vi": framework.title_vi,
            "title_en": framework.title_en,
            "issuer": framework.issuer,
            "document": framework.document,
            "in_force": list(framework.in_force),
        },
        "policy": canonical(framework.policy),
        "kinds": kinds,
    }


def _dimension(result: DimensionResult) -> dict[str, Any]:
    data: dict[str, Any] = {"score": result.score, "max": result.max, "grade": result.rating.value, "good": result.good}
    if result.points is not None:
        data["points"] = result.points
    if result.required_failed:
        data["required_failed"] = list(result.required_failed)
    if result.vetoed:
        data["vetoed"] = list(result.vetoed)
    if result.unknown:
        data["unknown"] = list(result.unknown)
    return data


def _base(base: Base) -> dict[str, Any]:
    data: dict[str, Any] = {"grade": base.grade.value, "score": base.score}
    if base.needs:
        data["needs"] = [reason_data(r) for r in base.needs]
    if base.missing:
        data["missing"] = list(base.missing)
    if base.criteria:
        data["criteria"] = {name: rating.value for name, rating in base.criteria.items()}
    return data


def record(evaluation: Evaluation) -> dict[str, Any]:
    """One subject's record (its listed children nested): the decision and the evidence."""
    evidence = evaluation.evidence
    proof: dict[str, Any] = {"facts": evidence.facts.as_dict(), "met": format(evidence.met_mask, "x")}
    if evidence.unknown_mask:
        proof["unknown"] = format(evidence.unknown_mask, "x")
    if evidence.not_applicable_mask:
        proof["not_applicable"] = format(evidence.not_applicable_mask, "x")
    if evidence.counted_mask != evidence.met_mask:
        proof["counted"] = format(evidence.counted_mask, "x")
    proof["base"] = _base(evidence.base)
    if evidence.sanctions:
        proof["sanctions"] = list(evidence.sanctions)
    if evidence.grade_blockers:
        proof["grade_blockers"] = [reason_data(r) for r in evidence.grade_blockers]
    if evidence.four_good_blockers:
        proof["four_good_blockers"] = [reason_data(r) for r in evidence.four_good_blockers]
    if evidence.quota is not None:
        proof["quota"] = reason_data(evidence.quota)
    data: dict[str, Any] = {
        "id": evaluation.subject_id,
        "name": evaluation.name,
        "kind": evaluation.kind.value,
        "period": evaluation.period,
        "grade": None if evaluation.grade is None else evaluation.grade.value,
        "four_good": evaluation.four_good,
        "score": evaluation.score,
        "graded": evaluation.graded,
        "complete": evaluation.complete,
        "regime": evaluation.regime,
        "backend": evaluation.backend,
        "dimensions": {d.name: _dimension(d) for d in evaluation.dimensions},
        "evidence": proof,
    }
    if evaluation.children:
        data["children"] = [record(child) for child in evaluation.children]
    return data


class Catalogue:
    """A results stream's catalogue, read back: it decodes records into evaluations."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        framework = data["framework"]
        self.framework = FrameworkRef(framework["name"], framework["version"], framework["content_hash"])
        self.library_version: str = data["library_version"]
        self.rules: dict[Kind, tuple[str, ...]] = {
            Kind(kind): tuple(rule["id"] for rule in entry["rules"]) for kind, entry in data["kinds"].items()
        }

    def evaluation(self, data: Mapping[str, Any]) -> Evaluation:
        """The evaluation a record was written from."""
        kind = Kind(data["kind"])
        proof = data["evidence"]
        base = proof["base"]
        met = int(proof["met"], 16)
        evidence = Evidence(
            Facts.adopt(dict(proof["facts"])),
            self.rules[kind],
            met,
            int(proof.get("unknown", "0"), 16),
            int(proof.get("not_applicable", "0"), 16),
            int(proof["counted"], 16) if "counted" in proof else met,
            Base(
                Grade(base["grade"]),
                base["score"],
                tuple(reason_from(r) for r in base.get("needs", ())),
                tuple(base.get("missing", ())),
                {name: Rating(value) for name, value in base.get("criteria", {}).items()},
            ),
            tuple(proof.get("sanctions", ())),
            tuple(reason_from(r) for r in proof.get("grade_blockers", ())),
            tuple(reason_from(r) for r in proof.get("four_good_blockers", ())),
            reason_from(proof["quota"]) if "quota" in proof else None,
        )
        dimensions = tuple(
            DimensionResult(
                name,
                value["score"],
                value["max"],
                Rating(value["grade"]),
                value["good"],
                value.get("points"),
                tuple(value.get("required_failed", ())),
                tuple(value.get("vetoed", ())),
                tuple(value.get("unknown", ())),
            )
            for name, value in data["dimensions"].items()
        )
        return Evaluation(
            data["id"],
            kind,
            data["period"],
            None if data["grade"] is None else Grade(data["grade"]),
            data["four_good"],
            data["score"],
            dimensions,
            data["regime"],
            data["backend"],
            self.framework,
            evidence,
            data["complete"],
            data["graded"],
            data["name"],
            tuple(self.evaluation(child) for child in data.get("children", ())),
            self.library_version,
        )
