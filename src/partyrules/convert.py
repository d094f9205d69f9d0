"""The cattrs converter for input documents, evaluations and traces.

Evaluations unstructure to the documented JSON shape (``id``, ``kind``, ``period``, ``grade``,
``four_good``, ``dimensions`` as ``name → {score, max, grade, good, ...}``, ``trace``) and
structure back from it exactly: ``dumps(loads(text)) == text``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs
import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError

from .errors import InputError, Problem, describe
from .facts import Facts
from .model import Grade, Kind, Rating
from .results import DimensionResult, Evaluation, FrameworkRef
from .subjects import Subject
from .trace import Reason, Trace, Value

__all__ = ["Document", "SubjectDoc", "dumps", "loads", "make_converter", "read_document"]


@attrs.define
class SubjectDoc:
    """A subject as written in an input file (see docs/reference/input.md)."""

    id: str
    name: str = ""
    period: int | None = None
    facts: dict[str, Any] = attrs.field(factory=dict)
    members: list[SubjectDoc] = attrs.field(factory=list)
    cells: list[SubjectDoc] = attrs.field(factory=list)


@attrs.define
class Document:
    """An input file: a period and the committees, cells and members to evaluate."""

    period: int
    framework: str | None = None
    framework_version: str | None = None
    regime: str | None = None
    committees: list[SubjectDoc] = attrs.field(factory=list)
    cells: list[SubjectDoc] = attrs.field(factory=list)
    members: list[SubjectDoc] = attrs.field(factory=list)


class _SubjectItem:
    """Marker type: one subject of a list, which must be a mapping."""


def _subject_item(converter: cattrs.Converter, value: Any) -> SubjectDoc:
    if not isinstance(value, Mapping):
        raise ValueError(f"expected a subject (a mapping with an id), got {describe(value)}")
    return converter.structure(value, SubjectDoc)


def _structure_value(value: Any, _: Any) -> Value:
    if value is None or isinstance(value, bool | int | float | str):
        return value  # type: ignore[no-any-return]
    raise ValueError(f"expected a number, true/false or a text, got {describe(value)}")


def _strict_int(value: Any, _: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected an integer, got {describe(value)}")
    return value


def _strict_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a text, got {describe(value)}")
    return value


def _strict_bool(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {describe(value)}")
    return value


def _strict_float(value: Any, _: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {describe(value)}")
    return float(value)


def make_converter() -> cattrs.Converter:
    """A new converter for partyrules' documents and results (create your own; no global state)."""
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(int, _strict_int)
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(float, _strict_float)
    converter.register_structure_hook(bool, _strict_bool)
    converter.register_structure_hook(Value, _structure_value)  # type: ignore[arg-type]

    def structure_facts_map(value: Any, _: Any) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise ValueError(f"expected a mapping of facts, got {describe(value)}")
        return {str(k): v for k, v in value.items()}

    def structure_subjects(value: Any, _: Any) -> list[SubjectDoc]:
        if not isinstance(value, list):
            raise ValueError(f"expected a list of subjects, got {describe(value)}")
        items: list[SubjectDoc] = converter.structure(value, list[_SubjectItem])  # type: ignore[arg-type]
        return items

    converter.register_structure_hook_func(lambda t: t == dict[str, Any], structure_facts_map)
    converter.register_structure_hook_func(lambda t: t == list[SubjectDoc], structure_subjects)
    converter.register_structure_hook(_SubjectItem, lambda value, _: _subject_item(converter, value))
    converter.register_unstructure_hook(Facts, lambda facts: facts.as_dict())
    converter.register_structure_hook(Facts, lambda value, _: Facts(value))

    def unstructure_dimension(result: DimensionResult) -> dict[str, Any]:
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
            "dimensions": {d.name: unstructure_dimension(d) for d in ev.dimensions},
            "children": [unstructure_evaluation(c) for c in ev.children],
            "trace": converter.unstructure(ev.trace, Trace),
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
            complete=data["complete"],
            graded=data["graded"],
            name=data["name"],
            children=tuple(structure_evaluation(c, None) for c in data["children"]),
            trace=converter.structure(data["trace"], Trace),
        )

    converter.register_unstructure_hook(Evaluation, unstructure_evaluation)
    converter.register_structure_hook(Evaluation, structure_evaluation)
    converter.register_structure_hook(
        Reason, lambda d, _: Reason(d["code"], {k: _structure_value(v, None) for k, v in d["args"].items()})
    )
    return converter


def dumps(
    evaluations: list[Evaluation] | Evaluation, *, converter: cattrs.Converter | None = None, indent: int | None = 2
) -> str:
    """Evaluations (or one) as JSON text."""
    converter = converter or make_converter()
    data = converter.unstructure(evaluations, list[Evaluation] if isinstance(evaluations, list) else Evaluation)
    return json.dumps(data, ensure_ascii=False, indent=indent)


def loads(text: str, *, converter: cattrs.Converter | None = None) -> list[Evaluation] | Evaluation:
    """Evaluations back from :func:`dumps` output."""
    converter = converter or make_converter()
    data = json.loads(text)
    if isinstance(data, list):
        return converter.structure(data, list[Evaluation])
    return converter.structure(data, Evaluation)


def _problems(error: Exception, path: str = "$") -> list[Problem]:
    problems = []
    for line in cattrs.transform_error(error, path=path, format_exception=_format_exception):
        message, _, where = line.rpartition(" @ ")
        problems.append(Problem(where or path, message or line))
    return problems


def _format_exception(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ValueError) and str(exc).startswith("expected"):
        return str(exc)
    if type(exc).__name__ == "ForbiddenExtraKeysError":
        extra = ", ".join(sorted(getattr(exc, "extra_fields", ())))
        return f"unknown field(s): {extra}"
    if isinstance(exc, TypeError) and type_ is not None:
        name = getattr(type_, "__name__", str(type_))
        return f"expected {name}"
    return f"invalid value ({exc})"


def read_document(
    data: object, *, converter: cattrs.Converter | None = None, later: list[Problem] | None = None
) -> tuple[Document, list[Subject]]:
    """Structure a parsed input file into a :class:`Document` and its top-level subjects.

    Raises :class:`~partyrules.errors.InputError` listing every structural problem with its path;
    facts are checked against the framework's schema when the subjects are evaluated.  With
    ``later``, problems that still let the subjects be built (a duplicate id, a list in the
    wrong place) are appended to it instead, so that a caller reports them together with the
    problems evaluation finds.
    """
    converter = converter or make_converter()
    if not isinstance(data, Mapping):
        raise InputError([Problem("$", f"expected a mapping with 'period' and subjects, got {describe(data)}")])
    try:
        document = converter.structure(data, Document)
    except (ClassValidationError, IterableValidationError) as error:
        raise InputError(_problems(error)) from None
    problems: list[Problem] = []
    subjects = []
    for label, kind in (("committees", Kind.COMMITTEE), ("cells", Kind.CELL), ("members", Kind.MEMBER)):
        for index, item in enumerate(getattr(document, label)):
            subjects.append(_subject(item, kind, document.period, f"$.{label}[{index}]", problems))
    if not subjects:
        problems.append(Problem("$", "no subjects: give committees, cells or members"))
    seen: dict[str, str] = {}
    labels = {Kind.COMMITTEE: "committees", Kind.CELL: "cells", Kind.MEMBER: "members"}
    for index, subject in enumerate(subjects):
        for path, item in _walk(subject, f"$.{labels[subject.kind]}[{index}]"):
            if item.id in seen:
                problems.append(Problem(f"{path}.id", f"subject id {item.id!r} is already used at {seen[item.id]}"))
            else:
                seen[item.id] = path
    if problems and later is None:
        raise InputError(problems)
    if later is not None:
        later.extend(problems)
    return document, subjects


def _walk(subject: Subject, path: str) -> list[tuple[str, Subject]]:
    """The subject and its children, depth first, with their paths in the file."""
    label = {Kind.COMMITTEE: "cells", Kind.CELL: "members"}.get(subject.kind, "children")
    found = [(path, subject)]
    for index, child in enumerate(subject.children):
        found.extend(_walk(child, f"{path}.{label}[{index}]"))
    return found


def _subject(doc: SubjectDoc, kind: Kind, period: int, path: str, problems: list[Problem]) -> Subject:
    children: list[Subject] = []
    allowed = {Kind.COMMITTEE: "cells", Kind.CELL: "members"}.get(kind)
    for label, child_kind in (("cells", Kind.CELL), ("members", Kind.MEMBER)):
        items = getattr(doc, label)
        if items and label != allowed:
            problems.append(Problem(f"{path}.{label}", f"a {kind.value} does not list {label}"))
            continue
        for index, item in enumerate(items):
            children.append(_subject(item, child_kind, doc.period or period, f"{path}.{label}[{index}]", problems))
    if not doc.id.strip():
        problems.append(Problem(f"{path}.id", "an id is required"))
    return Subject(doc.id, kind, doc.period or period, doc.facts, doc.name, tuple(children))
