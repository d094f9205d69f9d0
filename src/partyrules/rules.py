"""Rules as data: conditions are expression trees over facts and parameters.

>>> cond = fact("regular_meetings_held") >= param("regular_meetings_required")
>>> cond
fact('regular_meetings_held') >= param('regular_meetings_required')
>>> all_of(cond, fact("thematic_meetings_held") >= 4)
all_of(fact('regular_meetings_held') >= param('regular_meetings_required'), fact('thematic_meetings_held') >= 4)

Nothing here evaluates anything: :mod:`partyrules.engine` compiles the trees.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import attrs

from .model import Grade, Status

__all__ = [
    "AllOf",
    "AnyOf",
    "Compare",
    "Condition",
    "Fact",
    "In",
    "Not",
    "Param",
    "Rule",
    "Scalar",
    "all_of",
    "any_of",
    "fact",
    "not_",
    "param",
    "rule",
]

Scalar = int | float | bool | str
OPERATORS = ("<", "<=", ">", ">=", "==", "!=")
NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
DISPLAY = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "=", "!=": "≠"}


@attrs.frozen(repr=False)
class Param:
    """A named number (or text) a rule reads, set by the framework: ``param('min_attendance')``."""

    name: str

    def __repr__(self) -> str:
        return f"param({self.name!r})"


Operand = Param | Scalar


def _operand_repr(value: Operand) -> str:
    return repr(value)


class _Combinable:
    """Conditions combine with ``&``, ``|`` and ``~`` (flat: ``a & b & c`` is one ``all_of``)."""

    def __and__(self, other: Condition) -> AllOf:
        left = self.items if isinstance(self, AllOf) else (self,)
        return AllOf((*left, _check_condition(other)))  # type: ignore[arg-type]

    def __or__(self, other: Condition) -> AnyOf:
        left = self.items if isinstance(self, AnyOf) else (self,)
        return AnyOf((*left, _check_condition(other)))  # type: ignore[arg-type]

    def __bool__(self) -> bool:
        raise TypeError(
            f"{self!r} has no truth value: combine conditions with &, | or all_of(...), "
            "and write fact('x').between(1, 3) rather than 1 <= fact('x') <= 3"
        )

    def __invert__(self) -> Not:
        return not_(self)  # type: ignore[arg-type]


@attrs.frozen(repr=False)
class Compare(_Combinable):
    """``fact <op> value`` where value is a constant or a parameter."""

    op: str
    fact: str
    value: Operand

    def __repr__(self) -> str:
        return f"fact({self.fact!r}) {self.op} {_operand_repr(self.value)}"


@attrs.frozen(repr=False)
class In(_Combinable):
    """``fact`` is one of ``values``."""

    fact: str
    values: tuple[Operand, ...]

    def __repr__(self) -> str:
        inner = ", ".join(_operand_repr(v) for v in self.values)
        return f"fact({self.fact!r}).is_in({inner})"


@attrs.frozen(repr=False)
class AllOf(_Combinable):
    items: tuple[Condition, ...]

    def __repr__(self) -> str:
        return f"all_of({', '.join(repr(i) for i in self.items)})"


@attrs.frozen(repr=False)
class AnyOf(_Combinable):
    items: tuple[Condition, ...]

    def __repr__(self) -> str:
        return f"any_of({', '.join(repr(i) for i in self.items)})"


@attrs.frozen(repr=False)
class Not(_Combinable):
    item: Condition

    def __repr__(self) -> str:
        return f"not_({self.item!r})"


Condition = Compare | In | AllOf | AnyOf | Not


class Fact:
    """A reference to a fact; comparing it builds a condition.

    >>> fact("attendance") > param("min_attendance")
    fact('attendance') > param('min_attendance')
    >>> fact("cell_kind").is_in("school", "hospital")
    fact('cell_kind').is_in('school', 'hospital')
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        if not isinstance(name, str) or not name:
            raise TypeError(f"a fact name must be a non-empty text, got {name!r}")
        self.name = name

    def __repr__(self) -> str:
        return f"fact({self.name!r})"

    def __hash__(self) -> int:
        return hash(("fact", self.name))

    def _cmp(self, op: str, other: object) -> Compare:
        if isinstance(other, Fact):
            raise TypeError(
                f"{self!r} {op} {other!r}: a rule compares a fact with a constant or a parameter; "
                "declare a derived fact to compare two facts"
            )
        _check_operand(f"{self!r} {op} {other!r}", other)
        return Compare(op, self.name, other)  # type: ignore[arg-type]

    def __lt__(self, other: object) -> Compare:
        return self._cmp("<", other)

    def __le__(self, other: object) -> Compare:
        return self._cmp("<=", other)

    def __gt__(self, other: object) -> Compare:
        return self._cmp(">", other)

    def __ge__(self, other: object) -> Compare:
        return self._cmp(">=", other)

    def __eq__(self, other: object) -> Compare:  # type: ignore[override]
        return self._cmp("==", other)

    def __ne__(self, other: object) -> Compare:  # type: ignore[override]
        return self._cmp("!=", other)

    def is_in(self, *values: Operand) -> In:
        if not values:
            raise TypeError(f"{self!r}.is_in() needs at least one value")
        for value in values:
            _check_operand(f"{self!r}.is_in(...)", value)
        return In(self.name, tuple(values))

    def between(self, low: Operand, high: Operand) -> AllOf:
        """``low <= fact <= high``."""
        return AllOf((self._cmp(">=", low), self._cmp("<=", high)))

    def is_true(self) -> Compare:
        return Compare("==", self.name, True)

    def is_false(self) -> Compare:
        return Compare("==", self.name, False)


def _check_operand(where: str, value: object) -> None:
    if not isinstance(value, Param | int | float | bool | str):
        raise TypeError(
            f"{where}: values are constants (numbers, true/false, texts) or parameters, got {type(value).__name__}"
        )


def fact(name: str) -> Fact:
    """Refer to the fact ``name`` of the subject being evaluated."""
    return Fact(name)


def param(name: str) -> Param:
    """Refer to the parameter ``name``, whose value the framework sets."""
    return Param(name)


def _check_condition(item: object) -> Condition:
    if isinstance(item, Compare | In | AllOf | AnyOf | Not):
        return item
    raise TypeError(f"expected a condition (such as fact('x') >= 1), got {item!r}")


def all_of(*items: Condition) -> AllOf:
    """Every condition holds."""
    if not items:
        raise TypeError("all_of() needs at least one condition")
    return AllOf(tuple(_check_condition(i) for i in items))


def any_of(*items: Condition) -> AnyOf:
    """At least one condition holds."""
    if not items:
        raise TypeError("any_of() needs at least one condition")
    return AnyOf(tuple(_check_condition(i) for i in items))


def not_(item: Condition) -> Not:
    """The condition does not hold."""
    return Not(_check_condition(item))


def walk(condition: Condition) -> Iterator[Condition]:
    """Every node of a condition tree, depth first."""
    yield condition
    if isinstance(condition, AllOf | AnyOf):
        for item in condition.items:
            yield from walk(item)
    elif isinstance(condition, Not):
        yield from walk(condition.item)


def facts_read(condition: Condition) -> tuple[str, ...]:
    """The facts a condition reads, in order of first appearance."""
    names: dict[str, None] = {}
    for node in walk(condition):
        if isinstance(node, Compare | In):
            names[node.fact] = None
    return tuple(names)


def params_read(condition: Condition) -> tuple[str, ...]:
    """The parameters a condition reads, in order of first appearance."""
    names: dict[str, None] = {}
    for node in walk(condition):
        if isinstance(node, Compare) and isinstance(node.value, Param):
            names[node.value.name] = None
        elif isinstance(node, In):
            for value in node.values:
                if isinstance(value, Param):
                    names[value.name] = None
    return tuple(names)


def depth(condition: Condition) -> int:
    if isinstance(condition, AllOf | AnyOf):
        return 1 + max(depth(i) for i in condition.items)
    if isinstance(condition, Not):
        return 1 + depth(condition.item)
    return 1


def resolve(condition: Condition, params: Mapping[str, Scalar]) -> Condition:
    """Replace every parameter by its value (the parameters must all be given)."""

    def value(v: Operand) -> Scalar:
        return params[v.name] if isinstance(v, Param) else v

    if isinstance(condition, Compare):
        return Compare(condition.op, condition.fact, value(condition.value))
    if isinstance(condition, In):
        return In(condition.fact, tuple(value(v) for v in condition.values))
    if isinstance(condition, AllOf):
        return AllOf(tuple(resolve(i, params) for i in condition.items))
    if isinstance(condition, AnyOf):
        return AnyOf(tuple(resolve(i, params) for i in condition.items))
    return Not(resolve(condition.item, params))


def negation_normal_form(condition: Condition, negate: bool = False) -> Condition:
    """Push every ``not_`` down to the comparisons (valid because no fact is missing or NaN
    when a condition is evaluated: unknowns are decided before)."""
    if isinstance(condition, Compare):
        return Compare(NEGATED[condition.op], condition.fact, condition.value) if negate else condition
    if isinstance(condition, In):
        if not negate:
            return condition
        return AllOf(tuple(Compare("!=", condition.fact, v) for v in condition.values))
    if isinstance(condition, Not):
        return negation_normal_form(condition.item, not negate)
    items = tuple(negation_normal_form(i, negate) for i in condition.items)
    if isinstance(condition, AllOf):
        return AnyOf(items) if negate else AllOf(items)
    return AllOf(items) if negate else AnyOf(items)


def _grade_or_none(value: Grade | str | None) -> Grade | None:
    if value is None or isinstance(value, Grade):
        return value
    return Grade(value)


@attrs.frozen
class Rule:
    """One criterion: a condition (``when``), its effects, titles, citation and status.

    Effects: ``points`` are awarded to the rule's dimension when the condition is met;
    ``required`` makes the dimension not good when it is not met; ``veto`` forces the annual grade
    to that grade when met; ``cap`` limits the annual grade to at most that grade when met;
    ``blocks_four_good`` denies Four-Good recognition when met; ``excludes`` marks the subject
    as not graded when met.  ``applies`` restricts the rule to subjects for which that condition
    holds (a cell kind...); elsewhere its outcome is ``not_applicable``.
    """

    id: str
    dimension: str
    title_vi: str
    title_en: str
    when: Condition
    source: str
    status: Status = attrs.field(converter=Status)
    points: float = 0
    required: bool = False
    veto: Grade | None = attrs.field(default=None, converter=_grade_or_none)
    cap: Grade | None = attrs.field(default=None, converter=_grade_or_none)
    blocks_four_good: bool = False
    excludes: bool = False
    applies: Condition | None = None
    note: str = ""

    @property
    def scoring(self) -> bool:
        """True when the rule rewards its condition (points or required)."""
        return bool(self.points) or self.required

    @property
    def sanction(self) -> bool:
        """True when meeting the condition is bad for the subject."""
        return self.veto is not None or self.cap is not None or self.blocks_four_good

    def title(self, lang: str) -> str:
        return self.title_vi if lang == "vi" else self.title_en

    def facts(self) -> tuple[str, ...]:
        """Every fact the rule reads (its condition and its applicability)."""
        names = dict.fromkeys(facts_read(self.when))
        if self.applies is not None:
            names.update(dict.fromkeys(facts_read(self.applies)))
        return tuple(names)

    def params(self) -> tuple[str, ...]:
        names = dict.fromkeys(params_read(self.when))
        if self.applies is not None:
            names.update(dict.fromkeys(params_read(self.applies)))
        return tuple(names)


def rule(
    *,
    id: str,
    dimension: str,
    title_vi: str,
    title_en: str,
    when: Condition,
    source: str,
    status: Status | str,
    points: float = 0,
    required: bool = False,
    veto: Grade | str | None = None,
    cap: Grade | str | None = None,
    blocks_four_good: bool = False,
    excludes: bool = False,
    applies: Condition | None = None,
    note: str = "",
) -> Rule:
    """Declare a rule.  Its facts and parameters are checked when it joins a ruleset."""
    from .errors import Problem, RulesetError, describe
    from .validate import check_rule

    early: list[Problem] = []
    where = f"rule {id!r}"
    try:
        status = Status(status)
    except ValueError:
        early.append(Problem(where, f"status: expected 'confirmed' or 'default', got {describe(status)}"))
        status = Status.DEFAULT
    for label, value in (("veto", veto), ("cap", cap)):
        if value is not None and not isinstance(value, Grade):
            try:
                Grade(value)
            except ValueError:
                grades = ", ".join(g.value for g in Grade)
                early.append(Problem(where, f"{label}: expected one of {grades}, got {describe(value)}"))
    if early:
        veto = veto if isinstance(veto, Grade) or veto in {g.value for g in Grade} else None
        cap = cap if isinstance(cap, Grade) or cap in {g.value for g in Grade} else None
    built = Rule(
        id=id,
        dimension=dimension,
        title_vi=title_vi,
        title_en=title_en,
        when=when,
        source=source,
        status=status,  # type: ignore[arg-type]
        points=points,
        required=required,
        veto=veto,  # type: ignore[arg-type]
        cap=cap,  # type: ignore[arg-type]
        blocks_four_good=blocks_four_good,
        excludes=excludes,
        applies=applies,
        note=note,
    )
    later = check_rule(built)
    if early:  # a veto or cap that was invalid is reported as such, not as "no effect"
        later = [p for p in later if p.message != "has no effect"]
    problems = early + later
    if problems:
        raise RulesetError(problems, what=f"rule {id!r}")
    return built
