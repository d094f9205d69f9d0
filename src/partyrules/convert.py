"""The cattrs converter for input documents: a document's fields and its subjects, each with
its location in it.  Problems are located as data (``("cells", 3, "facts")``) and reported all
at once.  Evaluations as JSON are in :mod:`partyrules.serialize`.
"""

from __future__ import annotations

import copy as copy_module
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from .errors import InputError
from .limits import Limits, current_limits
from .model import Kind
from .problems import Loc, Problem, describe, render_loc
from .subjects import Subject
from .text.catalogue import Message, msg
from .trace import Value

__all__ = ["Document", "Input", "SubjectDoc", "make_converter", "read_document"]


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
    #: The bodies above and around the subjects, for the review (``partyrules review``): by id,
    #: each with its level, parent and standing board; checked by
    #: :meth:`partyrules.review.Organisation.build`, ignored by ``evaluate``.
    organisation: Any = None


@attrs.frozen
class Input:
    """A document read: its fields, its top-level subjects with their locations in it, and the
    problems that still let the subjects be built (a duplicate id, a list in the wrong place)."""

    document: Document
    subjects: tuple[Subject, ...]
    locations: tuple[Loc, ...]
    problems: tuple[Problem, ...] = ()

    def located(self) -> Iterator[tuple[Loc, Subject]]:
        """Each top-level subject with its location."""
        return zip(self.locations, self.subjects, strict=True)


class _Invalid(ValueError):
    """A value a structure hook refuses, with the message that says why."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


class _SubjectItem:
    """Marker type: one subject of a list, which must be a mapping."""


def _strict(check: Any, expected: str) -> Any:
    def hook(value: Any, _: Any) -> Any:
        if not check(value):
            raise _Invalid(msg("value.expected", expected=msg(expected), given=describe(value)))
        return value

    return hook


def _structure_value(value: Any, _: Any) -> Value:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise _Invalid(msg("value.expected", expected=msg("expect.scalar"), given=describe(value)))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def make_converter() -> cattrs.Converter:
    """A new converter for partyrules' documents and results (create your own; no global state)."""
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(int, _strict(_is_int, "expect.int"))
    converter.register_structure_hook(str, _strict(lambda v: isinstance(v, str), "expect.text"))
    converter.register_structure_hook(bool, _strict(lambda v: isinstance(v, bool), "expect.bool"))
    number = _strict(lambda v: isinstance(v, int | float) and not isinstance(v, bool), "expect.number")
    converter.register_structure_hook(float, lambda v, t: float(number(v, t)))
    converter.register_structure_hook(Value, _structure_value)

    def structure_facts_map(value: Any, _: Any) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise _Invalid(msg("value.expected", expected=msg("expect.facts_mapping"), given=describe(value)))
        if set(map(type, value)) <= {str}:  # the usual case, checked without a Python loop
            return dict(value)
        return {str(k): v for k, v in value.items()}

    def structure_subjects(value: Any, _: Any) -> list[SubjectDoc]:
        if not isinstance(value, list):
            raise _Invalid(msg("value.expected", expected=msg("expect.subject_list"), given=describe(value)))
        items: list[SubjectDoc] = converter.structure(value, list[_SubjectItem])  # type: ignore[arg-type]
        return items

    def subject_item(value: Any, _: Any) -> SubjectDoc:
        if not isinstance(value, Mapping):
            raise _Invalid(msg("value.expected", expected=msg("expect.subject"), given=describe(value)))
        return converter.structure(value, SubjectDoc)

    converter.register_structure_hook_func(lambda t: t == dict[str, Any], structure_facts_map)
    converter.register_structure_hook_func(lambda t: t == list[SubjectDoc], structure_subjects)
    converter.register_structure_hook(_SubjectItem, subject_item)
    return converter


# -- input documents ---------------------------------------------------------------------------


def _problems(error: BaseException, loc: Loc = ()) -> list[Problem]:
    """Every problem of a cattrs structuring error, each at its location."""
    if isinstance(error, ClassValidationError | IterableValidationError):
        with_notes, without = error.group_exceptions()
        found = []
        for inner, note in with_notes:
            key = note.name if hasattr(note, "name") else note.index
            found.extend(_problems(inner, (*loc, key)))
        for inner in without:
            found.extend(_problems(inner, loc))
        return found
    if isinstance(error, ForbiddenExtraKeysError):
        return [Problem(msg("doc.unknown_fields", fields=", ".join(sorted(error.extra_fields))), loc)]
    if isinstance(error, KeyError):
        return [Problem(msg("doc.required"), loc)]
    if isinstance(error, _Invalid):
        return [Problem(error.message, loc)]
    return [Problem(msg("doc.invalid", error=type(error).__name__), loc)]


_CHILDREN = {Kind.COMMITTEE: "cells", Kind.CELL: "members"}
_DEFAULT: list[cattrs.Converter] = []


def _default_converter() -> cattrs.Converter:
    """The converter documents are read with when none is given: made once per process (cattrs
    generates its structuring code on first use; a batch reads thousands of documents)."""
    if not _DEFAULT:
        _DEFAULT.append(make_converter())
    return _DEFAULT[0]


def _repairs(error: BaseException, loc: Loc = ()) -> list[tuple[Loc, str | None]] | None:
    """How to take out what a structuring error is about, so the rest can still be read: the
    (mapping's location, key) to remove, or ``(location, None)`` for an id to blank; ``None``
    when it cannot be (the period, a subject that is not a mapping)."""
    if isinstance(error, ClassValidationError | IterableValidationError):
        with_notes, without = error.group_exceptions()
        found: list[tuple[Loc, str | None]] = []
        for inner, note in with_notes:
            key = note.name if hasattr(note, "name") else note.index
            more = _repairs(inner, (*loc, key))
            if more is None:
                return None
            found.extend(more)
        for inner in without:
            more = _repairs(inner, loc)
            if more is None:
                return None
            found.extend(more)
        return found
    if isinstance(error, ForbiddenExtraKeysError):
        return [(loc, key) for key in sorted(error.extra_fields)]
    if not loc or loc == ("period",) or not isinstance(loc[-1], str):
        return None
    if loc[-1] == "id":
        return [(loc[:-1], None)]
    return [(loc[:-1], str(loc[-1]))]


def _repaired(data: Mapping[str, Any], repairs: list[tuple[Loc, str | None]]) -> dict[str, Any]:
    """A copy of ``data`` with the keys of ``repairs`` taken out (an id blanked)."""
    copy: dict[str, Any] = copy_module.deepcopy(dict(data))
    for loc, key in repairs:
        node: Any = copy
        for part in loc:
            node = node[part]
        if key is None:
            node["id"] = ""
        else:
            node.pop(key, None)
    return copy


def read_document(data: object, *, converter: cattrs.Converter | None = None, strict: bool = True) -> Input:
    """Structure a parsed input file into an :class:`Input`: the document, its top-level
    subjects and their locations.

    Raises :class:`~partyrules.errors.InputError` listing every structural problem with its
    location; facts are checked against the framework's schema when the subjects are evaluated.
    With ``strict=False``, problems that still let the subjects be built (an unknown field, a
    name of the wrong type, a duplicate id, a list in the wrong place) are returned in
    :attr:`Input.problems` instead, with what they are about left out, so that a caller reports
    them together with the problems evaluation finds (the facts).
    """
    converter = converter or _default_converter()
    if not isinstance(data, Mapping):
        raise InputError([Problem(msg("doc.not_a_mapping", given=describe(data)))])
    problems: list[Problem] = []
    try:
        document = converter.structure(data, Document)
    except (ClassValidationError, IterableValidationError) as error:
        problems = _problems(error)
        repairs = _repairs(error)
        if strict or repairs is None:
            raise InputError(problems) from None
        try:
            document = converter.structure(_repaired(data, repairs), Document)
        except (ClassValidationError, IterableValidationError):
            raise InputError(problems) from None
    limits = current_limits()
    if not limits.period_min <= document.period <= limits.period_max:
        problems.append(_period(document.period, ("period",), limits))
    reported = {p.loc for p in problems}
    subjects: list[Subject] = []
    locations: list[Loc] = []
    for kind in (Kind.COMMITTEE, Kind.CELL, Kind.MEMBER):
        for index, item in enumerate(getattr(document, kind.plural)):
            where: Loc = (kind.plural, index)
            subjects.append(_subject(item, kind, document.period, where, problems, reported))
            locations.append(where)
    if not subjects:
        problems.append(Problem(msg("doc.no_subjects")))
    seen: dict[str, Loc] = {}
    for loc, subject in zip(locations, subjects, strict=True):
        for where, item in _walk(subject, loc):
            if not item.id:
                continue
            if item.id in seen:
                message = msg("doc.duplicate_id", id=item.id, first=render_loc(seen[item.id]))
                problems.append(Problem(message, (*where, "id")))
            else:
                seen[item.id] = where
    if problems and strict:
        raise InputError(problems)
    return Input(document, tuple(subjects), tuple(locations), tuple(problems))


def _period(period: int, loc: Loc, limits: Limits) -> Problem:
    return Problem(msg("limit.period", given=period, low=limits.period_min, high=limits.period_max), loc)


def _walk(subject: Subject, loc: Loc) -> list[tuple[Loc, Subject]]:
    """The subject and its children, depth first, with their locations in the document."""
    label = _CHILDREN.get(subject.kind, "children")
    found = [(loc, subject)]
    for index, child in enumerate(subject.children):
        found.extend(_walk(child, (*loc, label, index)))
    return found


def _subject(
    doc: SubjectDoc, kind: Kind, period: int, loc: Loc, problems: list[Problem], reported: set[Loc]
) -> Subject:
    children: list[Subject] = []
    if doc.period is not None:
        limits = current_limits()
        if not limits.period_min <= doc.period <= limits.period_max:
            problems.append(_period(doc.period, (*loc, "period"), limits))
    allowed = _CHILDREN.get(kind)
    for child_kind in (Kind.CELL, Kind.MEMBER):
        label = child_kind.plural
        items = getattr(doc, label)
        if items and label != allowed:
            problems.append(Problem(msg("doc.does_not_list", kind=kind.word, label=label), (*loc, label)))
            continue
        for index, item in enumerate(items):
            children.append(_subject(item, child_kind, doc.period or period, (*loc, label, index), problems, reported))
    if not doc.id.strip() and (*loc, "id") not in reported:
        problems.append(Problem(msg("doc.id_required"), (*loc, "id")))
    return Subject(doc.id, kind, doc.period or period, doc.facts, doc.name, tuple(children))
