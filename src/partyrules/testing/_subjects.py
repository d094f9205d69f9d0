"""Hypothesis strategies for valid subjects of any framework, from its fact schemas.

Values lean towards the boundaries the framework's own rules define (exactly 85% attendance,
exactly 90 points, one meeting short), and counts respect the schema's constraints (held ≤
required, graded ≤ members), so every generated subject is valid input.

>>> from partyrules import Registry
>>> from partyrules.testing.strategies import subjects
>>> strategy = subjects(Registry().framework("fourgood"), "cell")
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from hypothesis import strategies as st

from ..conditions import leaves, operands
from ..facts import FactSpec, FactType, FactValue, Schema
from ..frameworks import Framework
from ..model import Kind
from ..regimes import REGIME_FACT
from ..subjects import Subject

__all__ = [
    "boundaries",
    "fact_maps_for",
    "generated_facts",
    "grid",
    "inputs_of",
    "repair",
    "subjects",
    "value_for",
    "years_for",
]

#: Years that exercise both regimes (124: 2023–2024, 366: from 2025).
YEARS = (2023, 2024, 2025, 2026)


def generated_facts(schema: Schema) -> tuple[FactSpec, ...]:
    """The facts a subject gives (not derived, not set by the evaluator)."""
    derived = {d.name for d in schema.derived}
    return tuple(s for s in schema.facts if s.name not in derived and s.name != REGIME_FACT)


def boundaries(framework: Framework, kind: Kind | str) -> dict[str, set[FactValue]]:
    """For each fact, the constants and parameter values its rules compare it with."""
    view = framework.view(kind)
    found: dict[str, set[FactValue]] = {}
    for rule in view.rules:
        for condition in (rule.when, rule.applies):
            if condition is None:
                continue
            for node in leaves(condition):
                for value in operands(node):
                    resolved = view.params.get(value.name) if hasattr(value, "name") else value
                    if resolved is not None:
                        found.setdefault(node.fact, set()).add(resolved)
    return found


def _low(spec: FactSpec) -> FactValue | None:
    """The fact's minimum as a value of its type (the smallest integer in range for ``int``)."""
    if spec.minimum is None:
        return None
    return math.ceil(spec.minimum) if spec.type is FactType.INT else float(spec.minimum)


def _high(spec: FactSpec) -> FactValue | None:
    """The fact's maximum as a value of its type (the largest integer in range for ``int``)."""
    if spec.maximum is None:
        return None
    return math.floor(spec.maximum) if spec.type is FactType.INT else float(spec.maximum)


def _span(spec: FactSpec) -> tuple[float, float]:
    """A finite range of plain values of a numeric fact: its own bounds, a missing end 100 away
    from the other (0 to 100 when neither is given)."""
    low, high = _low(spec), _high(spec)
    if low is None:
        low = 0 if high is None else min(0, high - 100)  # type: ignore[operator]
    if high is None:
        high = low + 100  # type: ignore[operator]
    return low, high  # type: ignore[return-value]


def _near(spec: FactSpec, points: Iterable[FactValue]) -> list[float]:
    """Values at and just around each boundary (for an ``int`` fact, the integers either side
    of it), and the range's edges, all within the fact's range."""
    candidates: list[float] = []
    for point in points:
        if isinstance(point, bool) or not isinstance(point, int | float) or not math.isfinite(point):
            continue
        if spec.type is FactType.INT:
            below, above = math.floor(point), math.ceil(point)
            candidates.extend((below - 1, below, above, above + 1))
        else:
            candidates.extend((point - 1e-9, point, point + 1e-9))
    candidates.extend(edge for edge in (_low(spec), _high(spec)) if isinstance(edge, int | float))
    return sorted({c for c in candidates if spec.check(c) is None})


def value_for(spec: FactSpec, near: Iterable[FactValue] = ()) -> st.SearchStrategy[FactValue]:
    """Valid values of one fact, leaning towards ``near`` (boundaries) and the range's edges."""
    best = _best(spec)
    if spec.type is FactType.BOOL:
        return st.booleans() if best is None else st.one_of(st.just(best), st.booleans())
    if spec.type is FactType.STR:
        if spec.choices:
            choices = st.sampled_from(spec.choices)
            return choices if best is None else st.one_of(st.just(best), choices)
        return st.text(min_size=0, max_size=12)
    low = spec.minimum
    high = spec.maximum
    special = _near(spec, near)
    if spec.type is FactType.INT:
        top = _high(spec)
        low_i = _low(spec)
        if low_i is None:
            low_i = -1000 if top is None else min(-1000, int(top) - 40)
        high_i = top if top is not None else max(int(low_i) + 40, *(int(v) for v in special), 0)
        general: st.SearchStrategy[Any] = st.integers(int(low_i), int(high_i))
    else:
        low_f = float(low) if low is not None else min(-1e6, (high or 0) - 1e6)
        high_f = float(high) if high is not None else max(1e6, low_f + 1e6)
        general = st.floats(low_f, high_f, allow_nan=False, allow_infinity=False)
    options = [st.sampled_from(special)] if special else []
    if best is not None:
        options.insert(0, st.just(best))  # type: ignore[arg-type]
    return st.one_of(*options, general) if options else general


#: A large count for a "higher is better" count without a maximum: constraints bring it down to
#: its total (all tasks done, all members graded GOOD...).
_LARGE = 10**6


def _best(spec: FactSpec) -> FactValue | None:
    """The value at the better end of a fact's range, to reach the good grades often."""
    direction = spec.direction.value
    if direction == "neutral":
        return None
    if spec.type is FactType.BOOL:
        return direction == "higher"
    if spec.type is FactType.STR:
        if not spec.choices:
            return None
        return spec.choices[-1] if direction == "higher" else spec.choices[0]
    edge = _high(spec) if direction == "higher" else _low(spec)
    if edge is None:
        if direction == "lower":
            return None
        low = _low(spec)
        edge = _LARGE if low is None else max(_LARGE, low)
    return int(edge) if spec.type is FactType.INT else float(edge)


def _lower(facts: dict[str, FactValue], schema: Schema, name: str, excess: Any) -> Any:
    """Lower fact ``name`` by up to ``excess`` (not below its minimum); return what is left."""
    spec = schema.spec(name)
    floor = spec.minimum if spec is not None and spec.minimum is not None else 0
    value = facts[name]
    lowered = max(floor, value - excess)
    facts[name] = type(value)(lowered)
    return excess - (value - lowered)


def repair(facts: dict[str, FactValue], schema: Schema, keep: Iterable[str] = ()) -> dict[str, FactValue]:
    """Make generated facts satisfy the schema's constraints (``sum(parts) <= total``) by
    lowering the parts, from the last one (those in ``keep`` last of all), never below their
    minimum."""
    _repair(facts, schema, set(keep))
    if keep:  # a last pass that only lowers, so the facts are always valid
        _repair(facts, schema, set())
    return facts


def _repair(facts: dict[str, FactValue], schema: Schema, kept: set[str]) -> None:
    for _ in range(len(schema.constraints) + 2):
        changed = False
        for constraint in schema.constraints:
            total = facts.get(constraint.total)
            parts = [facts.get(p) for p in constraint.parts]
            if total is None or any(v is None for v in parts):
                continue
            excess = sum(parts) - total  # type: ignore[arg-type, operator]
            # lower the parts that are not kept, then raise the total (within its range), and
            # lower the kept parts only as a last resort
            for name in [p for p in reversed(constraint.parts) if p not in kept]:
                if excess <= 0:
                    break
                excess, changed = _lower(facts, schema, name, excess), True
            if excess > 0:
                spec = schema.spec(constraint.total)
                room = excess if spec is None or spec.maximum is None else max(0, min(excess, spec.maximum - total))  # type: ignore[operator]
                if room:
                    facts[constraint.total] = type(total)(total + room)  # type: ignore[operator]
                    excess -= room
                    changed = True
            for name in [p for p in reversed(constraint.parts) if p in kept]:
                if excess <= 0:
                    break
                excess, changed = _lower(facts, schema, name, excess), True
        if not changed:
            break


def inputs_of(schema: Schema, names: Iterable[str]) -> set[str]:
    """``names`` and, for derived facts among them, the given facts they are computed from."""
    derived = {d.name: d for d in schema.derived}
    found: set[str] = set()
    pending = list(names)
    while pending:
        name = pending.pop()
        if name in found:
            continue
        found.add(name)
        if name in derived:
            pending.extend(derived[name].inputs)
    return found


def fact_maps_for(
    framework: Framework,
    kind: Kind | str,
    *,
    missing: bool = False,
    near: Mapping[str, set[FactValue]] | None = None,
    focus: Iterable[str] = (),
) -> st.SearchStrategy[dict[str, FactValue]]:
    """Valid fact mappings for ``kind`` in ``framework`` (some facts left out when ``missing``).

    Facts in ``focus`` (and the facts derived ones are computed from) range over values near the
    rules' boundaries; the others lean to their better end, so a search about one rule or one
    fact is not drowned by the rest.
    """
    view = framework.view(kind)
    schema = view.schema
    specs = generated_facts(schema)
    near = boundaries(framework, kind) if near is None else near
    focused = inputs_of(schema, focus)
    bests = {spec.name: _best(spec) for spec in specs if spec.name not in focused}

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, FactValue]:
        # How many facts sit at their better end: all (mode 0, what shrinking leads to), most,
        # half, or none; the others take values near the rules' boundaries or anywhere valid.
        keep_best = (10, 8, 5, 0)[draw(st.integers(0, 3))]
        facts: dict[str, FactValue] = {}
        for spec in specs:
            if missing and draw(st.integers(0, 9)) == 9:
                continue
            best = bests.get(spec.name)
            if best is not None and draw(st.integers(0, 9)) < keep_best:
                facts[spec.name] = best
            else:
                facts[spec.name] = draw(value_for(spec, near.get(spec.name, ())))
        return repair(facts, schema, focused)

    return build()


def years_for(framework: Framework) -> tuple[int, ...]:
    """The review years of :data:`YEARS` in which the framework is in force."""
    years = tuple(y for y in YEARS if framework.applies_to(y))
    return years or ((framework.effective_from,) if framework.effective_from else YEARS)


def subjects(
    framework: Framework,
    kind: Kind | str,
    *,
    missing: bool = False,
    years: tuple[int, ...] | None = None,
    focus: Iterable[str] = (),
) -> st.SearchStrategy[Subject]:
    """Valid subjects of ``kind`` for ``framework``, over the years it is in force (``focus``:
    see :func:`fact_maps_for`)."""
    kind = Kind(kind) if not isinstance(kind, Kind) else kind
    years = years or years_for(framework)
    return st.builds(
        lambda period, facts: Subject(f"generated-{kind.value}", kind, period, facts),
        st.sampled_from(years),
        fact_maps_for(framework, kind, missing=missing, focus=focus),
    )


def _usual(spec: FactSpec) -> FactValue:
    """A plain value for a fact with no better end: 10 for counts (so shares are fine-grained),
    the middle of a range, ``False``, the first choice."""
    if spec.type is FactType.BOOL:
        return False
    if spec.type is FactType.STR:
        return spec.choices[0] if spec.choices else ""
    low, high = _span(spec)
    if spec.type is FactType.INT:
        return min(int(low) + 10, int(high))
    return float((low + high) / 2)


def _candidates(spec: FactSpec, near: Iterable[FactValue]) -> list[FactValue]:
    if spec.type is FactType.BOOL:
        return [False, True]
    if spec.type is FactType.STR:
        return list(spec.choices) if spec.choices else [""]
    values: set[float] = set(_near(spec, near))
    low, high = _span(spec)
    if spec.type is FactType.INT:
        start = int(low)
        values.update(start + step for step in (0, 1, 2, 3, 5, 7, 10) if start + step <= high)
    else:
        values.update((low, (low + high) / 2, high))
    return sorted(values)


def grid(
    framework: Framework,
    kind: Kind | str,
    focus: Iterable[str],
    *,
    limit: int = 256,
    seed: int = 0,
    base: Mapping[str, FactValue] | None = None,
) -> list[Subject]:
    """Deterministic subjects for a search about ``focus``: every other fact at its better end
    (or a plain value, or its value in ``base``), the focused facts (and the inputs of focused
    derived facts) crossed over their boundary and edge values, under each regime's years; at
    most ``limit``, sampled."""
    import itertools
    import random as _random

    kind = Kind(kind) if not isinstance(kind, Kind) else kind
    schema = framework.view(kind).schema
    specs = generated_facts(schema)
    near = boundaries(framework, kind)
    focused = inputs_of(schema, focus)
    plain: dict[str, FactValue] = {}
    for spec in specs:
        best = _best(spec)
        plain[spec.name] = best if best is not None else _usual(spec)
    plain.update((name, value) for name, value in (base or {}).items() if name in plain)
    axes = [(spec.name, _candidates(spec, near.get(spec.name, ()))) for spec in specs if spec.name in focused]
    years = sorted({y for y in years_for(framework)}, key=lambda y: (y < 2025, y))
    per_regime = {2024 if y < 2025 else 2025: y for y in years}
    rng = _random.Random(seed)
    per_year = max(1, limit // max(1, len(per_regime)))
    size = math.prod(len(values) for _, values in axes)
    combos: list[tuple[Any, ...]]
    if size <= per_year:
        combos = list(itertools.product(*(values for _, values in axes))) if axes else [()]
    else:  # too many to cross: sample, without ever listing the product
        seen: set[tuple[Any, ...]] = set()
        combos = []
        for _ in range(per_year * 4):
            combo = tuple(rng.choice(values) for _, values in axes)
            if combo not in seen:
                seen.add(combo)
                combos.append(combo)
            if len(combos) >= per_year:
                break
    result = []
    for year in per_regime.values():
        for combo in combos:
            facts = dict(plain)
            facts.update({name: value for (name, _), value in zip(axes, combo, strict=True)})
            result.append(Subject(f"generated-{kind.value}", kind, year, repair(facts, schema, focused)))
    return result
