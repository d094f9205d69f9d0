"""The organisation: the tree of party bodies above and around the subjects reviewed.

Since 1 July 2025 (Quy định 294-QĐ/TW) there is no district level: province → commune, ward or
special-zone committee (above grassroots, piloted) → grassroots committees and grassroots cells
→ intermediate committees → subordinate cells → members.  A body's level is data: whether a
ward's village cells are grassroots or subordinate is not found in the regulations, so the input
says it (see docs/explanation/review.md).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from ..errors import InputError
from ..model import Kind
from ..problems import Loc, Problem, describe, suggest
from ..subjects import Subject
from ..text.catalogue import msg

__all__ = ["Body", "Level", "Organisation", "check_tree"]


class Level(enum.Enum):
    """Where a body stands in the tree (HD 43 §3, QĐ 294)."""

    PROVINCE = "province"
    ABOVE_GRASSROOTS = "above_grassroots"
    GRASSROOTS_COMMITTEE = "grassroots_committee"
    GRASSROOTS_CELL = "grassroots_cell"
    INTERMEDIATE_COMMITTEE = "intermediate_committee"
    SUBORDINATE_CELL = "subordinate_cell"
    MEMBER = "member"

    @property
    def grassroots(self) -> bool:
        """A grassroots organisation: a grassroots committee or a grassroots cell."""
        return self in (Level.GRASSROOTS_COMMITTEE, Level.GRASSROOTS_CELL)


#: The levels a body of each level may sit under.
_PARENTS: dict[Level, tuple[Level, ...]] = {
    Level.PROVINCE: (),
    Level.ABOVE_GRASSROOTS: (Level.PROVINCE,),
    Level.GRASSROOTS_COMMITTEE: (Level.ABOVE_GRASSROOTS, Level.PROVINCE),
    Level.GRASSROOTS_CELL: (Level.ABOVE_GRASSROOTS, Level.PROVINCE),
    Level.INTERMEDIATE_COMMITTEE: (Level.GRASSROOTS_COMMITTEE,),
    Level.SUBORDINATE_CELL: (Level.GRASSROOTS_COMMITTEE, Level.INTERMEDIATE_COMMITTEE),
    Level.MEMBER: (Level.GRASSROOTS_CELL, Level.SUBORDINATE_CELL),
}

#: The levels a listed subject of each kind may have.
_KIND_LEVELS: dict[Kind, tuple[Level, ...]] = {
    Kind.COMMITTEE: (Level.ABOVE_GRASSROOTS, Level.GRASSROOTS_COMMITTEE, Level.INTERMEDIATE_COMMITTEE),
    Kind.CELL: (Level.GRASSROOTS_CELL, Level.SUBORDINATE_CELL),
    Kind.MEMBER: (Level.MEMBER,),
}


@attrs.frozen
class Body:
    """A party body: a province, a committee, a cell or a member.

    ``standing_board`` names the people of its standing board (or its secretary's); ``special_cycle``
    marks a body whose review may end on 15 January of the next year (HD 43 §4);
    ``late_decisions`` that its rules allow a late decision as a recorded exception;
    ``quota_share`` the share of EXCELLENT it grants its outstanding units (at most 25%, QĐ 366
    Art. 11); ``above_grassroots_powers`` a grassroots committee granted them.
    """

    id: str
    level: Level
    name: str = ""
    parent: str | None = None
    kind: Kind | None = None
    standing_board: tuple[str, ...] = ()
    special_cycle: bool = False
    late_decisions: bool = False
    quota_share: float | None = None
    above_grassroots_powers: bool = False

    def label(self) -> str:
        return f"{self.id} ({self.name})" if self.name else self.id


@attrs.frozen
class Organisation:
    """The bodies of a review by id, each with its parent; built by :meth:`build` (validated)."""

    bodies: Mapping[str, Body]

    def __contains__(self, body_id: object) -> bool:
        return body_id in self.bodies

    def __getitem__(self, body_id: str) -> Body:
        return self.bodies[body_id]

    def parent(self, body_id: str) -> Body | None:
        parent = self.bodies[body_id].parent
        return None if parent is None else self.bodies.get(parent)

    def ancestors(self, body_id: str) -> Iterator[Body]:
        """The body's parent, its parent's parent... up to the root (a cycle, which
        :meth:`build` refuses, stops the walk rather than looping)."""
        seen = {body_id}
        body = self.parent(body_id)
        while body is not None and body.id not in seen:
            seen.add(body.id)
            yield body
            body = self.parent(body.id)

    def children(self, body_id: str) -> tuple[Body, ...]:
        return tuple(body for body in self.bodies.values() if body.parent == body_id)

    def merged(self, other: Organisation) -> Organisation:
        """This organisation with ``other``'s bodies added or replacing its own (a newer file)."""
        return Organisation({**self.bodies, **other.bodies})

    @classmethod
    def build(
        cls, declared: Mapping[str, Mapping[str, object]], subjects: Sequence[tuple[Loc, Subject]] = ()
    ) -> Organisation:
        """The organisation of an input: the bodies ``declared`` under ``organisation:`` and the
        subjects listed with their locations.  Raises :class:`~partyrules.errors.InputError`
        with every problem: an unknown level or parent, a level that cannot sit under its
        parent, a cycle, a subject under two parents."""
        problems: list[Problem] = []
        bodies: dict[str, Body] = {}
        where: dict[str, Loc] = {}
        listed: dict[str, tuple[Kind, str | None]] = {}
        for loc, subject in subjects:
            _list(subject, None, loc, listed, where)
        for body_id, spec in declared.items():
            loc = ("organisation", body_id)
            body = _body(body_id, spec, listed.get(body_id), loc, problems)
            if body is not None:
                bodies[body_id] = body
                where.setdefault(body_id, loc)
        for body_id, (kind, parent) in listed.items():
            if body_id not in bodies and body_id not in declared:
                bodies[body_id] = Body(body_id, None, kind=kind, parent=parent)  # type: ignore[arg-type]
        # a listed subject's default level follows its parent's: fill them in from the top
        for body_id in _top_down(bodies):
            body = bodies[body_id]
            if body.level is None and body.kind is not None:
                level = _default_level(body.kind, body.parent, bodies)
                bodies[body_id] = attrs.evolve(body, level=level)
        for body_id, body in bodies.items():
            given = declared.get(body_id)
            named = isinstance(given, Mapping) and "parent" in given
            loc = ("organisation", body_id, "parent") if named else where.get(body_id, ("organisation", body_id))
            _check_parent(body, bodies, listed, loc, problems)
        problems.extend(_cycles(bodies, where))
        if problems:
            raise InputError(problems)
        return cls(bodies)


def _list(
    subject: Subject, parent: str | None, loc: Loc, listed: dict[str, tuple[Kind, str | None]], where: dict[str, Loc]
) -> None:
    listed[subject.id] = (subject.kind, parent)
    where[subject.id] = loc
    label = subject.kind.child.plural if subject.kind.child is not None else "children"
    for index, child in enumerate(subject.children):
        _list(child, subject.id, (*loc, label, index), listed, where)


def _top_down(bodies: Mapping[str, Body]) -> list[str]:
    """Body ids, each after its parent (bodies in a cycle last; the cycle is reported)."""
    order: list[str] = []
    placed: set[str] = set()
    for start in bodies:
        chain: list[str] = []
        current: str | None = start
        while current is not None and current in bodies and current not in placed and current not in chain:
            chain.append(current)
            current = bodies[current].parent
        for body_id in reversed(chain):
            placed.add(body_id)
            order.append(body_id)
    return order


def _default_level(kind: Kind, parent: str | None, bodies: Mapping[str, Body]) -> Level:
    """A listed subject's level when the organisation does not say it: a committee is a grassroots
    committee, a member a member; a cell under a grassroots or intermediate committee is a
    subordinate cell, any other cell a grassroots cell."""
    if kind is Kind.COMMITTEE:
        return Level.GRASSROOTS_COMMITTEE
    if kind is Kind.MEMBER:
        return Level.MEMBER
    above = bodies.get(parent) if parent is not None else None
    if above is not None and above.level in (Level.GRASSROOTS_COMMITTEE, Level.INTERMEDIATE_COMMITTEE):
        return Level.SUBORDINATE_CELL
    return Level.GRASSROOTS_CELL


_FIELDS = {
    "name",
    "level",
    "parent",
    "standing_board",
    "special_cycle",
    "late_decisions",
    "quota_share",
    "above_grassroots_powers",
}


def _body(
    body_id: str,
    spec: Mapping[str, object],
    listed: tuple[Kind, str | None] | None,
    loc: Loc,
    problems: list[Problem],
) -> Body | None:
    """The body declared under ``organisation:``, or ``None`` with its problems added.  A listed
    subject may leave out its level: it gets its default one once every declared level is known
    (its level is then ``None`` here, filled in by :meth:`Organisation.build`)."""
    if not isinstance(spec, Mapping):
        problems.append(Problem(msg("value.expected", expected=msg("expect.mapping"), given=describe(spec)), loc))
        return None
    count = len(problems)
    extra = sorted(map(str, set(spec) - _FIELDS))
    if extra:
        problems.append(Problem(msg("doc.unknown_fields", fields=", ".join(extra)), loc))
    kind = listed[0] if listed is not None else None
    level: Level | None = None
    given = spec.get("level")
    if given is None:
        if listed is None:
            problems.append(Problem(msg("review.level_required"), (*loc, "level")))
    elif not isinstance(given, str) or given not in {x.value for x in Level}:
        known = ", ".join(x.value for x in Level)
        hint = suggest(given, (x.value for x in Level)) if isinstance(given, str) else None
        problems.append(
            Problem(msg("review.unknown_level", given=describe(given), known=known), (*loc, "level"), hint=hint)
        )
    else:
        level = Level(given)
        if kind is not None and level not in _KIND_LEVELS[kind]:
            allowed = ", ".join(x.value for x in _KIND_LEVELS[kind])
            message = msg("review.level_of_kind", level=level.value, kind=kind.value, allowed=allowed)
            problems.append(Problem(message, (*loc, "level")))
    for name in ("name", "parent"):
        value = spec.get(name)
        if value is not None and not isinstance(value, str):
            problems.append(
                Problem(msg("value.expected", expected=msg("expect.text"), given=describe(value)), (*loc, name))
            )
    board = spec.get("standing_board", [])
    if not isinstance(board, list) or not all(isinstance(x, str) for x in board):
        problems.append(
            Problem(
                msg("value.expected", expected=msg("review.expect_names"), given=describe(board)),
                (*loc, "standing_board"),
            )
        )
    flags = {}
    for name in ("special_cycle", "late_decisions", "above_grassroots_powers"):
        value = spec.get(name, False)
        if not isinstance(value, bool):
            problems.append(
                Problem(msg("value.expected", expected=msg("expect.bool"), given=describe(value)), (*loc, name))
            )
        flags[name] = value is True
    share = spec.get("quota_share")
    if share is not None and (isinstance(share, bool) or not isinstance(share, int | float) or not 0 < share <= 0.25):
        problems.append(Problem(msg("review.quota_share", given=describe(share)), (*loc, "quota_share")))
    if len(problems) > count:
        return None
    parent = spec.get("parent")
    return Body(
        body_id,
        level,  # type: ignore[arg-type]  # None: the listed default, filled in by build()
        name=str(spec.get("name") or ""),
        parent=parent if isinstance(parent, str) else (listed[1] if listed is not None else None),
        kind=kind,
        standing_board=tuple(board),  # type: ignore[arg-type]
        special_cycle=flags["special_cycle"],
        late_decisions=flags["late_decisions"],
        quota_share=None if share is None else float(share),  # type: ignore[arg-type]
        above_grassroots_powers=flags["above_grassroots_powers"],
    )


def _check_parent(
    body: Body,
    bodies: Mapping[str, Body],
    listed: Mapping[str, tuple[Kind, str | None]],
    loc: Loc,
    problems: list[Problem],
) -> None:
    if body.parent is None:
        return  # a root: the bodies above it are not given, so its decider is unknown
    parent = bodies.get(body.parent)
    if parent is None:
        problems.append(
            Problem(
                msg("review.unknown_parent", id=body.id, parent=body.parent),
                loc,
                hint=suggest(body.parent, bodies),
            )
        )
        return
    if body.id in listed and listed[body.id][1] is not None and body.parent != listed[body.id][1]:
        # a cell listed under a committee may name an intermediate committee of it as its parent
        lister = listed[body.id][1]
        if not (parent.level is Level.INTERMEDIATE_COMMITTEE and parent.parent == lister):
            problems.append(
                Problem(
                    msg("review.two_parents", id=body.id, listed=lister, given=body.parent),
                    ("organisation", body.id, "parent"),
                )
            )
    if parent.level not in _PARENTS[body.level]:
        allowed = ", ".join(x.value for x in _PARENTS[body.level]) or "-"
        problems.append(
            Problem(
                msg(
                    "review.parent_level",
                    id=body.id,
                    level=body.level.value,
                    parent=parent.id,
                    parent_level=parent.level.value,
                    allowed=allowed,
                ),
                loc,
            )
        )


def _cycles(bodies: Mapping[str, Body], where: Mapping[str, Loc]) -> Iterable[Problem]:
    """A problem for each cycle of parents, naming the bodies in it, found without recursion."""
    done: set[str] = set()
    for start in bodies:
        path: list[str] = []
        seen: set[str] = set()
        current: str | None = start
        while current is not None and current in bodies and current not in done:
            if current in seen:
                cycle = path[path.index(current) :]
                yield Problem(
                    msg("review.cycle", bodies=" → ".join([*cycle, current])),
                    where.get(current, ("organisation", current)),
                )
                break
            seen.add(current)
            path.append(current)
            current = bodies[current].parent
        done.update(path)


def check_tree(organisation: Organisation) -> list[Problem]:
    """The problems of an organisation put together from several files: parents that are not
    in it, or that cannot hold the body, and cycles."""
    problems: list[Problem] = []
    listed: dict[str, tuple[Kind, str | None]] = {}
    for body_id, body in organisation.bodies.items():
        _check_parent(body, organisation.bodies, listed, ("organisation", body_id), problems)
    problems.extend(_cycles(organisation.bodies, {}))
    return problems
