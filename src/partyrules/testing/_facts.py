"""Strategies for fact values, schemas, condition trees and facts maps (engine level).

Import them from :mod:`partyrules.testing.strategies`.

Numbers are chosen so that every comparison these strategies set up has one exact answer: an
integer is either within ±2**53 or one of the large powers ``2**62`` and ``10**20``, so every
integer generated is exactly a binary double.  (Engines that compare in doubles, as durable_rules
does, agree with Python on exact doubles; beyond 2**53 no engine that converts can.)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from hypothesis import strategies as st

from ..conditions import OPERATORS, AllOf, AnyOf, Compare, Condition, In, Not
from ..facts import FactSpec, FactType, FactValue, Schema

__all__ = [
    "EXACT_INT",
    "NUMBERS",
    "TEXTS",
    "conditions",
    "fact_maps",
    "fact_names",
    "fact_specs",
    "fact_values",
    "numbers",
    "raw_values",
    "schemas",
    "texts",
]

#: Integers with a magnitude up to this are exactly doubles.
EXACT_INT = 2**53

#: Awkward numbers: zero and its sign, exponents that naive JSON writers emit (``1e-05``,
#: ``1e+16``), an inexact decimal, integers at and beyond the 64-bit range, tiny and huge doubles.
NUMBERS: tuple[int | float, ...] = (
    0,
    1,
    -1,
    12,
    13,
    2**53,
    2**62,
    -(2**62),
    10**20,
    -(10**20),
    0.0,
    -0.0,
    0.1,
    0.5,
    1e-05,
    1.5e-05,
    -1e-05,
    1e16,
    1e20,
    12.0,
    5e-324,
    1e-300,
    1.7976931348623157e308,
)

#: Awkward texts: empty, digit strings (durable_rules compares them with numbers), two fact ids
#: whose 32-bit FNV-1a hashes collide, non-ASCII letters, JSON escapes.
TEXTS: tuple[str, ...] = ("", "1", "12", "13", "a", "school", "f6059", "f264602", "é", "Tốt", 'a"b', "a\\b", "\x00")

#: Fact names no generated schema uses: durable_rules gives them a meaning of its own.
RESERVED_NAMES = frozenset({"id", "sid"})


def numbers() -> st.SearchStrategy[int | float]:
    """Numbers for rule constants and facts: the awkward :data:`NUMBERS`, small integers, exact
    integers within ±2**53 and any finite double."""
    return st.one_of(
        st.sampled_from(NUMBERS),
        st.integers(-1000, 1000),
        st.integers(-EXACT_INT, EXACT_INT),
        st.floats(allow_nan=False, allow_infinity=False),
    )


def texts(max_size: int = 6) -> st.SearchStrategy[str]:
    """Short texts: the awkward :data:`TEXTS` or any text of at most ``max_size`` characters."""
    return st.one_of(st.sampled_from(TEXTS), st.text(max_size=max_size))


def raw_values(*, allow_non_finite: bool = False) -> st.SearchStrategy[FactValue]:
    """Adversarial scalars of every kind, for testing engines rather than rulesets.

    Integers (0, negatives, 2**62, 10**20...), floats (1e-05, 1.5e-05, 1e16, 1e20, -0.0, 0.1...),
    booleans, and short texts including digit strings such as ``"13"`` and ``"1"``.  With
    ``allow_non_finite``, NaN and the infinities too (no schema accepts them).
    """
    options: list[st.SearchStrategy[FactValue]] = [numbers(), st.booleans(), texts()]
    if allow_non_finite:
        options.append(st.sampled_from((math.nan, math.inf, -math.inf)))
    return st.one_of(*options)


def _valid(spec: FactSpec, candidates: Iterable[object]) -> list[FactValue]:
    """The valid candidates, once each (``-0.0`` and ``0.0`` are distinct, so are ``1`` and
    ``1.0``), leaving out integers that are not exactly doubles."""
    found: dict[tuple[type, str], FactValue] = {}
    for value in candidates:
        if type(value) is int and abs(value) > EXACT_INT and float(value) != value:
            continue
        if spec.check(value) is None:
            found.setdefault((type(value), repr(value)), value)  # type: ignore[arg-type]
    return list(found.values())


def _neighbours(spec: FactSpec, points: Iterable[object]) -> list[object]:
    """Each numeric point, and the values just below and just above it, for this fact's type."""
    found: list[object] = []
    for point in points:
        if isinstance(point, bool) or not isinstance(point, int | float) or not math.isfinite(point):
            found.append(point)
            continue
        if spec.type is FactType.INT:
            low, high = math.floor(point), math.ceil(point)
            found.extend((low - 1, low, high, high + 1))
        else:
            found.extend((math.nextafter(point, -math.inf), point, math.nextafter(point, math.inf)))
    return found


def fact_values(spec: FactSpec, boundaries: Sequence[FactValue] = ()) -> st.SearchStrategy[FactValue]:
    """Valid values of one fact (``spec.check(value)`` is ``None`` for each), half of them at an edge.

    The edges are the fact's minimum and maximum, zero, each of ``boundaries`` (the constants the
    rules compare the fact with) with its neighbours (one integer, or one double, either side),
    and the awkward :data:`NUMBERS` or :data:`TEXTS` that are valid.  Other integers are drawn
    within ±2**53 (exact doubles); a ``float`` fact also takes integers, which are valid for it.
    Raises :class:`ValueError` when no value is valid (an ``int`` fact bounded by 0.2 and 0.8).
    """
    if spec.type is FactType.BOOL:
        return st.booleans()
    if spec.type is FactType.STR:
        if spec.choices:
            return st.sampled_from(spec.choices)
        edges = _valid(spec, (*boundaries, *TEXTS))
        return st.one_of(st.sampled_from(edges), st.text(max_size=6))
    points: list[object] = [spec.minimum, spec.maximum, 0, *boundaries]
    edges = _valid(spec, (*_neighbours(spec, [p for p in points if p is not None]), *NUMBERS))
    low = -EXACT_INT if spec.minimum is None else max(-EXACT_INT, math.ceil(spec.minimum))
    high = EXACT_INT if spec.maximum is None else min(EXACT_INT, math.floor(spec.maximum))
    general: list[st.SearchStrategy[FactValue]] = []
    if low <= high:
        general.append(st.integers(low, high))
    if spec.type is FactType.FLOAT:
        general.append(st.floats(spec.minimum, spec.maximum, allow_nan=False, allow_infinity=False))
    if edges:
        return st.one_of(st.sampled_from(edges), *general)
    if not general:
        raise ValueError(f"no valid value for fact {spec.name!r}: expected {spec.expected()}")
    return st.one_of(*general)


def fact_names() -> st.SearchStrategy[str]:
    """Fact names as schemas declare them: ``[a-z][a-z0-9_]*``, never ``id`` or ``sid``."""
    return st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True).filter(lambda name: name not in RESERVED_NAMES)


_BOUNDS: st.SearchStrategy[int | float] = st.one_of(
    st.sampled_from((0, 1, -1, 10, 12, 100, 0.5, 0.85, 1e-05, 1e16)), st.integers(-100, 100)
)


@st.composite
def fact_specs(draw: st.DrawFn, name: str | None = None) -> FactSpec:
    """One fact declaration of any type, with random bounds (numbers) or choices (texts)."""
    name = draw(fact_names()) if name is None else name
    kind = draw(st.sampled_from(FactType))
    direction = draw(st.sampled_from(("higher", "lower", "neutral")))
    if kind is FactType.STR:
        choices = draw(st.one_of(st.just(()), st.lists(texts(), min_size=1, max_size=4, unique=True).map(tuple)))
        return FactSpec(name, kind, choices=choices, direction=direction)
    if kind is FactType.BOOL:
        return FactSpec(name, kind, direction=direction)
    minimum = draw(st.none() | _BOUNDS)
    maximum = draw(st.none() | _BOUNDS)
    if minimum is not None and maximum is not None and minimum > maximum:
        minimum, maximum = maximum, minimum
    if kind is FactType.INT and minimum is not None and maximum is not None:
        if math.ceil(minimum) > math.floor(maximum):
            maximum = None  # no integer in between
    return FactSpec(name, kind, minimum=minimum, maximum=maximum, direction=direction)


@st.composite
def schemas(draw: st.DrawFn, max_facts: int = 6) -> Schema:
    """Schemas of 1 to ``max_facts`` facts of the four types (``int``, ``float``, ``bool``, ``str``)."""
    names = draw(st.lists(fact_names(), min_size=1, max_size=max_facts, unique=True))
    return Schema([draw(fact_specs(name)) for name in names])


def _constants(spec: FactSpec) -> st.SearchStrategy[FactValue]:
    """Constants a type-correct rule compares ``spec`` with: often a value the fact can take."""
    if spec.type is FactType.BOOL:
        return st.booleans()
    if spec.type is FactType.STR:
        return st.one_of(fact_values(spec), texts())
    return st.one_of(fact_values(spec), numbers())


def _leaves(spec: FactSpec) -> st.SearchStrategy[Condition]:
    """Comparisons of one fact that are type-correct for it."""
    values = _constants(spec)
    if spec.type is FactType.BOOL:
        return st.builds(Compare, st.sampled_from(("==", "!=")), st.just(spec.name), values)
    members = st.lists(values, min_size=1, max_size=3).map(tuple)
    ops = st.sampled_from(("==", "!=")) if spec.type is FactType.STR else st.sampled_from(OPERATORS)
    return st.one_of(
        st.builds(Compare, ops, st.just(spec.name), values),
        st.builds(In, st.just(spec.name), members),
    )


def conditions(schema: Schema, max_depth: int = 4, *, max_items: int = 3) -> st.SearchStrategy[Condition]:
    """Resolved condition trees over ``schema``'s facts, type-correct for it.

    Leaves compare a fact with constants (no parameters): numeric facts with any of the six
    operators or ``is_in`` against numbers (``1e-05``, ``1e16``, ``-0.0``...), boolean facts with
    ``==``/``!=`` against booleans, text facts with ``==``/``!=``/``is_in`` against its choices or
    other texts.  Inner nodes are ``all_of``/``any_of`` of 1 to ``max_items`` items and ``not_``;
    no tree is deeper than ``max_depth`` (:func:`partyrules.rules.depth`).
    """
    if max_depth < 1:
        raise ValueError(f"max_depth must be at least 1, got {max_depth}")
    specs = [spec for name in sorted(schema.names) if (spec := schema.spec(name)) is not None]
    if not specs:
        raise ValueError("a schema without facts has no conditions")
    leaves: st.SearchStrategy[Condition] = st.one_of(*(_leaves(spec) for spec in specs))
    tree = leaves
    for _ in range(max_depth - 1):
        items = st.lists(tree, min_size=1, max_size=max_items).map(tuple)
        tree = st.one_of(
            leaves,
            st.builds(AllOf, items),
            st.builds(AnyOf, items),
            st.builds(Not, tree),
        )
    return tree


def fact_maps(
    schema: Schema,
    missing: bool = True,
    *,
    boundaries: Mapping[str, Sequence[FactValue]] | None = None,
) -> st.SearchStrategy[dict[str, FactValue]]:
    """Facts of one subject for ``schema``: a valid value for each declared fact (derived facts
    are left to :meth:`~partyrules.facts.Schema.derive`), consistent with the schema's
    constraints.

    With ``missing``, any fact may be absent (not known).  ``boundaries`` maps fact names to the
    constants rules compare them with, passed on to :func:`fact_values`.
    """
    boundaries = boundaries or {}
    values = {spec.name: fact_values(spec, boundaries.get(spec.name, ())) for spec in schema.facts}
    maps = st.fixed_dictionaries({}, optional=values) if missing else st.fixed_dictionaries(values)
    if schema.constraints:
        constraints = schema.constraints
        maps = maps.filter(lambda facts: all(c.check(facts) is None for c in constraints))
    return maps
