"""Rules: one criterion each, a condition with its effects, titles, citation and status.

A title may show the value of a parameter the rule reads: ``"Attendance above {min_attendance}"``
reads "Attendance above 90%" in a framework that sets ``min_attendance = 0.9``
(:mod:`partyrules.text` fills it in).  :func:`check_rule` holds the checks a rule passes on its
own; the checks against a schema and parameter values are in :mod:`partyrules.validate`.
"""

from __future__ import annotations

import math
import re

import attrs

from .conditions import (
    CONDITION_TYPES,
    OPERATORS,
    Compare,
    Condition,
    depth,
    facts_read,
    leaves,
    operands,
    params_read,
    walk,
)
from .errors import RulesetError
from .model import Grade, Status, coerce
from .problems import Problem, Scope, describe
from .text.catalogue import msg

__all__ = ["ID_PATTERN", "MAX_DEPTH", "MAX_NODES", "Rule", "check_rule", "placeholders", "rule"]

ID_PATTERN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")
MAX_DEPTH = 16
MAX_NODES = 200
#: ``{name}`` in a title: the value of the parameter ``name``.
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def placeholders(title: str) -> tuple[str, ...]:
    """The parameters a title shows the value of (``{min_attendance}``)."""
    return tuple(dict.fromkeys(PLACEHOLDER.findall(title)))


def _status(value: Status | str) -> Status:
    return coerce(Status, value, error=RulesetError, loc=("status",))


def _grade_or_none(value: Grade | str | None) -> Grade | None:
    return None if value is None else coerce(Grade, value, error=RulesetError, loc=("grade",))


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
    status: Status = attrs.field(converter=_status)
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

    @property
    def limit(self) -> Grade | None:
        """The grade a veto forces or a cap allows at most, or ``None``."""
        return self.veto or self.cap

    @property
    def effect(self) -> str:
        """The rule's effect in one word: ``veto``, ``cap``, ``blocks_four_good``, ``excludes``,
        ``points_required``, ``required`` or ``points``."""
        if self.veto is not None:
            return "veto"
        if self.cap is not None:
            return "cap"
        if self.blocks_four_good:
            return "blocks_four_good"
        if self.excludes:
            return "excludes"
        if self.required and self.points:
            return "points_required"
        return "required" if self.required else "points"

    def facts(self) -> tuple[str, ...]:
        """Every fact the rule reads (its condition and its applicability)."""
        names = dict.fromkeys(facts_read(self.when))
        if self.applies is not None:
            names.update(dict.fromkeys(facts_read(self.applies)))
        return tuple(names)

    def params(self) -> tuple[str, ...]:
        """Every parameter the rule reads (its conditions and its titles)."""
        names: dict[str, None] = {}
        for condition in (self.when, self.applies):
            if condition is not None:
                names.update(dict.fromkeys(params_read(condition)))
        names.update(dict.fromkeys((*placeholders(self.title_vi), *placeholders(self.title_en))))
        return tuple(names)


def check_rule(rule: Rule) -> list[Problem]:
    """The checks a rule passes on its own, without a schema; every problem, scoped to the rule."""
    scope = Scope("rule", str(rule.id))
    problems: list[Problem] = []

    def add(key: str, **args: object) -> None:
        problems.append(Problem(msg(key, **args), (), scope))

    if not isinstance(rule.id, str) or not ID_PATTERN.match(rule.id):
        add("rule.id")
    if not isinstance(rule.dimension, str) or not ID_PATTERN.match(rule.dimension):
        add("rule.dimension", dimension=repr(rule.dimension))
    for name in ("title_vi", "title_en", "source"):
        if not str(getattr(rule, name) or "").strip():
            add("rule.empty_text", name=name)
    if isinstance(rule.points, bool) or not isinstance(rule.points, int | float) or not math.isfinite(rule.points):
        add("rule.points", given=describe(rule.points))
    elif rule.points < 0:
        add("rule.points", given=describe(rule.points))
    if rule.veto is not None and rule.cap is not None:
        add("rule.veto_and_cap", veto=rule.veto.value, cap=rule.cap.value)
    if rule.cap is Grade.EXCELLENT:
        add("rule.cap_excellent")
    if rule.scoring and rule.sanction:
        add("rule.reward_and_sanction")
    if not (rule.scoring or rule.sanction or rule.excludes):
        problems.append(Problem(msg("rule.no_effect"), (), scope, msg("rule.no_effect_hint")))
    for label, condition in (("when", rule.when), ("applies", rule.applies)):
        if condition is None and label == "applies":
            continue
        if not isinstance(condition, CONDITION_TYPES):
            add("rule.condition", label=label, given=describe(condition))
            continue
        problems.extend(_check_tree(scope, label, condition))
    declared = {p for c in (rule.when, rule.applies) if isinstance(c, CONDITION_TYPES) for p in params_read(c)}
    for name in ("title_vi", "title_en"):
        for placeholder in placeholders(str(getattr(rule, name) or "")):
            if placeholder not in declared:
                add(
                    "rule.title_placeholder",
                    name=name,
                    placeholder=placeholder,
                    params=", ".join(sorted(declared)) or "-",
                )
    return problems


def _check_tree(scope: Scope, label: str, condition: Condition) -> list[Problem]:
    problems: list[Problem] = []
    nodes = sum(1 for _ in walk(condition))
    if nodes > MAX_NODES:
        problems.append(Problem(msg("rule.too_many_nodes", label=label, nodes=nodes, most=MAX_NODES), (), scope))
    if depth(condition) > MAX_DEPTH:
        problems.append(Problem(msg("rule.too_deep", label=label, most=MAX_DEPTH), (), scope))
    for node in leaves(condition):
        if isinstance(node, Compare) and node.op not in OPERATORS:
            problems.append(Problem(msg("rule.operator", op=repr(node.op)), (), scope))
        for value in operands(node):
            if isinstance(value, float) and not math.isfinite(value):
                problems.append(Problem(msg("rule.not_finite", label=label, value=repr(value)), (), scope))
    return problems


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
    """Declare a rule: every problem it has on its own is reported at once
    (:class:`~partyrules.errors.RulesetError`); its facts and parameters are checked when it
    joins a ruleset."""
    scope = Scope("rule", str(id))
    early: list[Problem] = []
    try:
        status = Status(status)
    except ValueError:
        early.append(Problem(msg("rule.status", given=describe(status)), (), scope))
        status = Status.DEFAULT
    grades = [g.value for g in Grade]
    limits: dict[str, Grade | None] = {}
    for label, value in (("veto", veto), ("cap", cap)):
        if value is None or isinstance(value, Grade):
            limits[label] = value
        elif value in grades:
            limits[label] = Grade(value)
        else:
            early.append(
                Problem(msg("rule.limit", label=label, grades=", ".join(grades), given=describe(value)), (), scope)
            )
            limits[label] = None
    built = Rule(
        id=id,
        dimension=dimension,
        title_vi=title_vi,
        title_en=title_en,
        when=when,
        source=source,
        status=status,
        points=points,
        required=required,
        veto=limits["veto"],
        cap=limits["cap"],
        blocks_four_good=blocks_four_good,
        excludes=excludes,
        applies=applies,
        note=note,
    )
    later = check_rule(built)
    if early:  # a veto or cap that was invalid is reported as such, not as "no effect"
        later = [p for p in later if p.message.key != "rule.no_effect"]
    problems = early + later
    if problems:
        raise RulesetError(problems, what=msg("what.rule", id=id))
    return built
