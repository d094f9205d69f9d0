"""Strategies for random valid rules, rulesets, policies and frameworks, to test the engine.

Import them from :mod:`partyrules.testing.strategies`.  Every rule generated passes the checks
of :class:`~partyrules.Ruleset` (titles, a citation, one kind of effect, type-correct
comparisons, texts among a fact's choices) and fits one durable_rules rule, so a generated
framework can be evaluated on both backends.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

import attrs
from hypothesis import strategies as st

from ..conditions import Compare, Condition, In, Leaf, map_leaves
from ..facts import FactSpec, FactType, Schema
from ..frameworks import Framework
from ..model import Grade, Kind, UnknownPolicy
from ..policy import Bands, Policy
from ..regimes import REGIME_FACT, Grading
from ..rules import Rule
from ..rulesets import ANNUAL, Ruleset
from ._facts import conditions, fact_names, fact_specs

__all__ = ["DIMENSIONS", "EFFECTS", "frameworks", "policies", "rules", "rulesets"]

#: The effects a generated rule may have (see :class:`~partyrules.Rule`).
EFFECTS = ("points", "required", "veto", "cap", "blocks_four_good", "excludes")
#: The effects a rule of the ``annual`` pseudo-dimension may have (it carries no points).
ANNUAL_EFFECTS = ("veto", "cap", "blocks_four_good", "excludes")
#: Dimension names generated frameworks choose from.
DIMENSIONS = ("political_tasks", "meetings", "unity_discipline", "cadres_members")

#: Grades a veto or a cap can lower a subject to (a cap EXCELLENT restricts nothing).
_LIMITS = (Grade.NOT_COMPLETED, Grade.COMPLETED, Grade.GOOD)
_IDS = st.from_regex(r"[a-z][a-z0-9_]{0,7}(\.[a-z][a-z0-9_]{0,7}){1,2}", fullmatch=True)
_POINTS: st.SearchStrategy[float] = st.one_of(st.integers(1, 20), st.sampled_from((0.5, 2.5, 12.5)))


def _fit(condition: Condition, schema: Schema) -> Condition:
    """The condition with every text compared with a fact that has choices replaced by one of
    them (the first), as a ruleset requires."""

    def fix(spec: FactSpec | None, value: object) -> object:
        if spec is not None and spec.choices and isinstance(value, str) and value not in spec.choices:
            return spec.choices[0]
        return value

    def change(node: Leaf) -> Condition:
        spec = schema.spec(node.fact)
        if isinstance(node, Compare):
            return Compare(node.op, node.fact, fix(spec, node.value))  # type: ignore[arg-type]
        return In(node.fact, tuple(fix(spec, v) for v in node.values))  # type: ignore[misc]

    return map_leaves(condition, change)


def _valid_conditions(schema: Schema, max_depth: int) -> st.SearchStrategy[Condition]:
    return conditions(schema, max_depth=max_depth).map(lambda c: _fit(c, schema))


@st.composite
def _rules(
    draw: st.DrawFn,
    dimension: str,
    rule_id: str | None,
    effects: tuple[str, ...],
    when: st.SearchStrategy[Condition],
    scopes: st.SearchStrategy[Condition] | None,
) -> Rule:
    rule_id = rule_id or draw(_IDS)
    effect = draw(st.sampled_from(effects))
    if effect == "excludes" and len(effects) > 1 and draw(st.integers(0, 3)):
        effect = draw(st.sampled_from([e for e in effects if e != "excludes"]))  # rarely: it hides the rest
    changes: dict[str, object] = {}
    if effect == "points":
        changes["points"] = draw(_POINTS)
        changes["required"] = draw(st.booleans()) if "required" in effects else False
    elif effect == "required":
        changes["required"] = True
    elif effect in ("veto", "cap"):
        changes[effect] = draw(st.sampled_from(_LIMITS))
        changes["blocks_four_good"] = "blocks_four_good" in effects and draw(st.integers(0, 3)) == 0
    elif effect == "blocks_four_good":
        changes["blocks_four_good"] = True
    if effect == "excludes" or ("excludes" in effects and draw(st.integers(0, 19)) == 0):
        changes["excludes"] = True
    scope = draw(st.none() | scopes) if scopes is not None else None
    return Rule(
        id=rule_id,
        dimension=dimension,
        title_vi=f"Tiêu chí sinh ngẫu nhiên {rule_id}",
        title_en=f"Generated criterion {rule_id}",
        when=draw(when),
        source="partyrules.testing.strategies (generated)",
        status="default",
        applies=scope,
        **changes,  # type: ignore[arg-type]
    )


def rules(
    schema: Schema,
    dimension: str = ANNUAL,
    *,
    rule_id: str | None = None,
    effects: Collection[str] | None = None,
    max_depth: int = 3,
    applies: bool = True,
) -> st.SearchStrategy[Rule]:
    """Valid rules over ``schema``'s facts, with random conditions (:func:`conditions`, no
    deeper than ``max_depth``) and random effects.

    Effects are drawn from ``effects`` (default: all of :data:`EFFECTS`; for the ``annual``
    pseudo-dimension only vetoes, caps, blocks and exclusions): points (1 to 20, or 0.5, 2.5,
    12.5), a required rule, a veto or a cap at NOT_COMPLETED, COMPLETED or GOOD (sometimes also
    blocking Four-Good), a block of Four-Good, an exclusion.  With ``applies``, about half the
    rules apply only where a second, shallower condition holds.  A rule's id is ``rule_id`` or
    a random dotted id.  With the default depth every rule fits one durable_rules rule.
    """
    allowed = ANNUAL_EFFECTS if dimension == ANNUAL else EFFECTS
    chosen = tuple(e for e in (effects if effects is not None else allowed) if e in allowed)
    unknown = sorted(set(effects or ()) - set(EFFECTS))
    if unknown:
        raise ValueError(f"unknown effects {unknown}: expected some of {', '.join(EFFECTS)}")
    if not chosen:
        raise ValueError(f"no effect of {sorted(effects or ())} is allowed in dimension {dimension!r}")
    scopes = _valid_conditions(schema, 2) if applies else None
    return _rules(dimension, rule_id, chosen, _valid_conditions(schema, max_depth), scopes)


@st.composite
def rulesets(
    draw: st.DrawFn,
    schema: Schema,
    kind: Kind | str = Kind.CELL,
    dimension: str = ANNUAL,
    *,
    name: str | None = None,
    min_rules: int = 1,
    max_rules: int = 4,
    effects: Collection[str] | None = None,
) -> Ruleset:
    """A valid ruleset of ``min_rules`` to ``max_rules`` random :func:`rules` for one kind and
    dimension, named ``name`` (default ``generated.<dimension>``); rule ids are
    ``<name>.r0``, ``<name>.r1``..."""
    name = name or f"generated.{dimension}"
    count = draw(st.integers(min_rules, max_rules))
    strategy = rules(schema, dimension, effects=effects)
    items = [attrs.evolve(draw(strategy), id=f"{name}.r{i}") for i in range(count)]
    return Ruleset(name, kind, dimension, items, schema)


def policies() -> st.SearchStrategy[Policy]:
    """Valid policies: ordered bands, any lowest grade for Four-Good, any unknown policy."""
    share = st.one_of(st.sampled_from((0.0, 0.5, 0.8, 0.9, 1.0)), st.floats(0, 1))
    bands = st.lists(share, min_size=3, max_size=3).map(sorted).map(lambda b: Bands(b[2], b[1], b[0]))
    return st.builds(
        Policy,
        bands=bands,
        four_good_min_grade=st.sampled_from(Grade),
        unknown=st.sampled_from(UnknownPolicy),
        excellent_requires_good_dimensions=st.booleans(),
    )


def _weighted(by_dimension: dict[str, list[Rule]]) -> tuple[dict[str, list[Rule]], dict[str, float]] | None:
    """The rules rescaled so that the points of the rules that always apply add up to 100,
    with each dimension's share as its declared points; ``None`` when a dimension has no such
    points to scale."""
    always = {
        dim: math.fsum(r.points for r in items if r.scoring and r.applies is None)
        for dim, items in by_dimension.items()
        if dim != ANNUAL
    }
    total = math.fsum(always.values())
    if not total or not all(always.values()):
        return None
    factor = 100 / total
    scaled = {
        dim: [attrs.evolve(r, points=r.points * factor) if r.points else r for r in items]
        for dim, items in by_dimension.items()
    }
    declared = {dim: math.fsum(r.points for r in scaled[dim] if r.scoring and r.applies is None) for dim in always}
    return scaled, declared


@st.composite
def frameworks(
    draw: st.DrawFn,
    *,
    kind: Kind | str = Kind.CELL,
    max_facts: int = 5,
    max_dimensions: int = 4,
    max_rules: int = 4,
) -> Framework:
    """A random small valid framework for one kind of subject (default cells).

    One random schema (:func:`schemas`, at most ``max_facts`` facts; no fact named
    ``regime``), 1 to ``max_dimensions`` dimensions of 1 to ``max_rules`` random rules each
    (points, required rules, vetoes...), sometimes an ``annual`` ruleset of vetoes, caps, blocks
    and exclusions, a random :func:`policies`, a grade from score facts (some numeric facts)
    or from the dimensions, and, about half the time, dimension weights: the points are then
    rescaled so that each dimension's rules add up to its declared points, 100 in all.
    """
    kind = Kind(kind)
    names = st.lists(fact_names().filter(lambda n: n != REGIME_FACT), min_size=1, max_size=max_facts, unique=True)
    schema = Schema([draw(fact_specs(name)) for name in draw(names)])
    chosen = draw(st.lists(st.sampled_from(DIMENSIONS), min_size=1, max_size=max_dimensions, unique=True))
    if draw(st.booleans()):
        chosen.append(ANNUAL)
    by_dimension: dict[str, list[Rule]] = {}
    when, scopes = _valid_conditions(schema, 3), _valid_conditions(schema, 2)  # built once: costly
    for dim in chosen:
        count = draw(st.integers(1, max_rules))
        effects = ANNUAL_EFFECTS if dim == ANNUAL else EFFECTS
        by_dimension[dim] = [draw(_rules(dim, f"{dim}.r{i}", effects, when, scopes)) for i in range(count)]
    dimension_points: dict[str, float] = {}
    if draw(st.booleans()):
        weighted = _weighted(by_dimension)
        if weighted is not None:
            by_dimension, dimension_points = weighted
    numeric = [spec.name for spec in schema.facts if spec.type in (FactType.INT, FactType.FLOAT)]
    score_facts: Sequence[str] = ()
    use_scores: bool = draw(st.booleans())
    if numeric and use_scores:
        score_facts = draw(st.lists(st.sampled_from(numeric), min_size=1, max_size=2, unique=True))
    return Framework(
        "generated",
        [Ruleset(f"generated.{dim}", kind, dim, items, schema) for dim, items in by_dimension.items()],
        version="1",
        policy=draw(policies()),
        grading={kind: Grading(score_facts=tuple(score_facts))},
        dimension_points=dimension_points,
    )
