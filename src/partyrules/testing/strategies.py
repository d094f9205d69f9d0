"""Hypothesis strategies: the one place to get them.

To audit a framework, or test your own rulesets: valid members, cells and committees of any
framework, derived from its fact schemas and leaning towards the boundaries its rules define
(:func:`subjects`, :func:`fact_maps_for`, :func:`grid`, :func:`boundaries`).  They go right up
to a boundary and one step past it, whatever its size.

>>> from partyrules import Registry
>>> from partyrules.testing.strategies import subjects
>>> cells = subjects(Registry().framework("fourgood"), "cell")  # exactly 85% attendance...

To test rule engines and the evaluator: fact values, schemas, condition trees and facts maps
(:func:`fact_values`, :func:`raw_values`, :func:`schemas`, :func:`conditions`,
:func:`fact_maps`), and random valid rules, rulesets, policies and whole frameworks
(:func:`rules`, :func:`rulesets`, :func:`policies`, :func:`frameworks`).  Their integers are
exact doubles, so that every comparison they set up has one answer on every engine.

>>> from partyrules import FactSpec, Schema
>>> from partyrules.testing.strategies import conditions, fact_values, frameworks, rules
>>> schema = Schema([FactSpec("attendance", "float", minimum=0, maximum=1)])
>>> values = fact_values(schema.facts[0], boundaries=[0.85])  # 0, 1, 0.85 and its neighbours...
>>> trees = conditions(schema)  # fact('attendance') >= 1e-05, any_of(...), ...
>>> caps = rules(schema, "annual", effects=["cap"])  # Rule(..., cap=<Grade.GOOD: ...>, ...)
>>> small = frameworks()  # one schema, 1 to 4 dimensions, vetoes, caps, weights...

Importing this module imports hypothesis; importing :mod:`partyrules` does not.
"""

from __future__ import annotations

from ._facts import (
    EXACT_INT,
    NUMBERS,
    TEXTS,
    conditions,
    fact_maps,
    fact_names,
    fact_specs,
    fact_values,
    numbers,
    raw_values,
    schemas,
    texts,
)
from ._frameworks import DIMENSIONS, EFFECTS, frameworks, policies, rules, rulesets
from ._subjects import boundaries, fact_maps_for, grid, subjects

__all__ = [
    "DIMENSIONS",
    "EFFECTS",
    "EXACT_INT",
    "NUMBERS",
    "TEXTS",
    "boundaries",
    "conditions",
    "fact_maps",
    "fact_maps_for",
    "fact_names",
    "fact_specs",
    "fact_values",
    "frameworks",
    "grid",
    "numbers",
    "policies",
    "raw_values",
    "rules",
    "rulesets",
    "schemas",
    "subjects",
    "texts",
]
