"""A parent's facts from its listed children: a cell's member counts, a committee's cell
counts and member sums.  A count the parent also gives must agree (else an input problem)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .facts import FactValue, Schema
from .model import Grade, Kind
from .problems import Loc, Problem
from .results import Evaluation
from .text.catalogue import msg

__all__ = ["MEMBER_COUNTS", "aggregate"]

#: The member counts a committee sums over its cells (when every cell has them).
MEMBER_COUNTS = (
    "members_total",
    "members_graded",
    "members_excellent",
    "members_good",
    "members_completed",
    "members_not_completed",
    "members_degraded",
    "members_disciplined",
)


def _counts(child_kind: Kind, children: Sequence[Evaluation]) -> dict[str, int]:
    plural = child_kind.plural
    graded = [c for c in children if c.graded]
    values: dict[str, int] = {
        f"{plural}_total": len(children),
        f"{plural}_graded": len(graded),
        f"{plural}_excellent": sum(1 for c in graded if c.grade is Grade.EXCELLENT),
        f"{plural}_good": sum(1 for c in graded if c.grade is Grade.GOOD),
        f"{plural}_completed": sum(1 for c in graded if c.grade is Grade.COMPLETED),
        f"{plural}_not_completed": sum(1 for c in graded if c.grade is Grade.NOT_COMPLETED),
        f"{plural}_four_good": sum(1 for c in graded if c.four_good),
    }
    for child in graded:
        for dimension in child.dimensions:
            key = f"{plural}_{dimension.name}_good"
            values[key] = values.get(key, 0) + (1 if dimension.good else 0)
    return values


def _member_sums(cells_facts: Sequence[Mapping[str, FactValue]]) -> dict[str, int]:
    """A committee's member counts: the sums of its cells' counts, where every cell has them."""
    sums: dict[str, int] = {}
    for name in MEMBER_COUNTS:
        total = 0
        for facts in cells_facts:
            value = facts.get(name)
            if not isinstance(value, int) or isinstance(value, bool):
                break
            total += value
        else:
            sums[name] = total
    return sums


def aggregate(
    kind: Kind,
    children: Sequence[Evaluation],
    children_facts: Sequence[Mapping[str, FactValue]],
    facts: dict[str, FactValue],
    schema: Schema,
    loc: Loc,
) -> list[Problem]:
    """Add the counts of listed ``children`` (and their facts) to ``facts``; every count the
    parent gives that disagrees is a problem at ``(*loc, "facts", name)``."""
    child_kind = kind.child
    if child_kind is None or not children:
        return []
    values = _counts(child_kind, children)
    if child_kind is Kind.CELL:
        values.update(_member_sums(children_facts))
    plural = child_kind.plural
    problems = []
    for name, value in values.items():
        if name not in schema:
            continue
        given = facts.get(name)
        if given is not None and given != value:
            problems.append(
                Problem(
                    msg(
                        "aggregate.disagrees",
                        given=given,
                        count=len(children),
                        plural=msg(f"noun.{plural}"),
                        value=value,
                    ),
                    (*loc, "facts", name),
                    hint=msg("aggregate.disagrees_hint", plural=msg(f"noun.{plural}")),
                )
            )
        facts[name] = value
    return problems
