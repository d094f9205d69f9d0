"""What the stages share: the review's error, subjects as stored, the order of decisions,
and the appraisal files."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from ..errors import PartyrulesError
from ..model import Grade, Kind
from ..problems import Loc, Problem, Scope, describe
from ..results import Evaluation
from ..subjects import Subject
from ..text.catalogue import Message, msg
from .organisation import Body, Level, Organisation
from .store import Record

_BEFORE_DECISION = ("self_assessment", "appraisal", "reverification")
_DECIDED = ("decision", "correction")
GROUNDS = ("complaint", "violation", "disunity")


class ReviewError(PartyrulesError):
    """A step of the review that may not be taken: every reason, each naming its subject."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(msg("review.refused", count=len(self.problems)))

    def __str__(self) -> str:  # each message names its subject
        return "\n".join([str(self.message), *(f"  - {p.message}" for p in self.problems)])


def _refusal(subject: str, message: Message) -> Problem:
    return Problem(message, (), Scope("subject", subject))


# -- inputs: subjects as stored -----------------------------------------------------------------


def unit_data(subject: Subject) -> dict[str, Any]:
    """A subject with its listed children as plain data (what a record's ``input`` holds)."""
    data: dict[str, Any] = {
        "id": subject.id,
        "kind": subject.kind.value,
        "period": subject.period,
        "name": subject.name,
        "facts": subject.facts.as_dict(),
    }
    if subject.children:
        data["children"] = [unit_data(child) for child in subject.children]
    return data


def subject_of(data: Mapping[str, Any]) -> Subject:
    """The subject a record's ``input`` holds."""
    children = tuple(subject_of(child) for child in data.get("children", ()))
    return Subject(data["id"], data["kind"], data["period"], data["facts"], data.get("name", ""), children)


def _pairs(
    subject: Subject, evaluation: Evaluation, parent: str | None
) -> Iterator[tuple[Subject, Evaluation, str | None]]:
    yield subject, evaluation, parent
    for child, result in zip(subject.children, evaluation.children, strict=True):
        yield from _pairs(child, result, subject.id)


def _body_data(body: Body) -> dict[str, Any]:
    data = attrs.asdict(body, recurse=False)
    data["level"] = body.level.value
    data["kind"] = None if body.kind is None else body.kind.value
    data["standing_board"] = list(body.standing_board)
    return data


def _body_from(data: Mapping[str, Any]) -> Body:
    values = dict(data)
    values["level"] = Level(values["level"])
    values["kind"] = None if values.get("kind") is None else Kind(values["kind"])
    values["standing_board"] = tuple(values.get("standing_board", ()))
    return Body(**values)


def subject_tree(subject: Subject) -> Iterator[Subject]:
    yield subject
    for child in subject.children:
        yield from subject_tree(child)


def _check_order(
    tree: Organisation, subject: str, assessed: set[str], decided: set[str], problems: list[Problem]
) -> None:
    """Lower levels before higher, a collective before its members (366 Art. 7; HD 43 §2)."""
    body = tree[subject]
    if body.level is Level.MEMBER:
        cell = tree.parent(subject)
        if cell is not None and cell.id in assessed and cell.id not in decided:
            problems.append(_refusal(subject, msg("review.collective_first", subject=subject, cell=cell.id)))
        return
    waiting = sorted(
        below.id for below in _organisations_below(tree, subject) if below.id in assessed and below.id not in decided
    )
    if waiting:
        problems.append(_refusal(subject, msg("review.lower_first", subject=subject, waiting=", ".join(waiting))))


def _task_score(stage: Record) -> float | None:
    value = stage.input.get("facts", {}).get("score_tasks")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _organisations_below(tree: Organisation, body_id: str) -> Iterator[Body]:
    """The organisations under ``body_id`` (not members), through intermediate committees."""
    for child in tree.children(body_id):
        if child.level is Level.MEMBER:
            continue
        yield child
        if child.level is Level.INTERMEDIATE_COMMITTEE:
            yield from _organisations_below(tree, child.id)


def _depth(tree: Organisation, body_id: str) -> int:
    return sum(1 for _ in tree.ancestors(body_id))


def _lower_first(tree: Organisation, subjects: Iterable[str]) -> list[str]:
    """Organisations deepest first, then members after every organisation, each by id."""

    def key(subject: str) -> tuple[int, int, str]:
        member = tree[subject].level is Level.MEMBER
        return (1 if member else 0, -_depth(tree, subject), subject)

    return sorted(subjects, key=key)


def _changes_document(data: Any, stage: str, problems: list[Problem]) -> list[tuple[int, Mapping[str, Any]]]:
    """The items of an appraisal or re-verification file, each checked for its fields."""
    label = "appraisals" if stage == "appraisal" else "reverifications"
    if not isinstance(data, Mapping):
        problems.append(Problem(msg("doc.not_a_mapping", given=describe(data))))
        return []
    extra = sorted(map(str, set(data) - {"period", label}))
    if extra:
        problems.append(Problem(msg("doc.unknown_fields", fields=", ".join(extra))))
    period = data.get("period")
    if isinstance(period, bool) or not isinstance(period, int):
        problems.append(
            Problem(msg("value.expected", expected=msg("expect.year"), given=describe(period)), ("period",))
        )
    items = data.get(label)
    if not isinstance(items, list) or not items:
        problems.append(Problem(msg("review.expect_changes", label=label), (label,)))
        return []
    fields = {"subject", "facts", "grade", "reason"} | ({"grounds"} if stage == "reverification" else set())
    found = []
    for index, item in enumerate(items):
        loc: Loc = (label, index)
        if not isinstance(item, Mapping):
            problems.append(Problem(msg("value.expected", expected=msg("expect.mapping"), given=describe(item)), loc))
            continue
        count = len(problems)
        extra = sorted(map(str, set(item) - fields))
        if extra:
            problems.append(Problem(msg("doc.unknown_fields", fields=", ".join(extra)), loc))
        if not isinstance(item.get("subject"), str) or not item["subject"]:
            problems.append(
                Problem(
                    msg("value.expected", expected=msg("expect.text"), given=describe(item.get("subject"))),
                    (*loc, "subject"),
                )
            )
        if item.get("facts") is not None and not isinstance(item["facts"], Mapping):
            problems.append(
                Problem(
                    msg("value.expected", expected=msg("expect.facts_mapping"), given=describe(item["facts"])),
                    (*loc, "facts"),
                )
            )
        grade = item.get("grade")
        if grade is not None and grade not in {g.value for g in Grade}:
            known = ", ".join(g.value for g in Grade)
            problems.append(
                Problem(msg("review.unknown_grade_known", given=describe(grade), known=known), (*loc, "grade"))
            )
        reason = item.get("reason")
        if reason is not None and not isinstance(reason, str):
            problems.append(
                Problem(msg("value.expected", expected=msg("expect.text"), given=describe(reason)), (*loc, "reason"))
            )
        if stage == "reverification" and item.get("grounds") not in GROUNDS:
            problems.append(
                Problem(
                    msg("review.grounds", given=describe(item.get("grounds")), known=", ".join(GROUNDS)),
                    (*loc, "grounds"),
                )
            )
        if item.get("facts") is None and grade is None:
            problems.append(Problem(msg("review.nothing_changed"), loc))
        if len(problems) == count:
            found.append((index, item))
    return found
