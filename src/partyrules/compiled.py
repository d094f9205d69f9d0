"""One kind of a framework compiled for one backend in one thread: the rules' conditions with
their parameters in place, what each reads, the dimensions ready to score and the sanctions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from .conditions import Condition, facts_read, negation_normal_form, resolve
from .engine import CompiledRules, compile_rules
from .engine.interpret import evaluate as three_valued
from .facts import FactValue
from .frameworks import KindView
from .model import DimensionResult
from .policy import Bands
from .regimes import REGIME_FACT
from .rules import Rule
from .scoring import DimensionSpec, Sanctions, score_dimension

__all__ = ["APPLIES", "CompiledKind", "RuleInfo"]

#: The suffix of the engine condition that decides where a rule applies.
APPLIES = "#applies"
#: How many distinct dimension results a compiled kind keeps for reuse (they are immutable).
CACHE_SIZE = 4096


@attrs.frozen
class RuleInfo:
    rule: Rule
    when: Condition
    applies: Condition | None
    reads: frozenset[str]
    applies_reads: frozenset[str]
    #: its applicability reads only the grading regime (``regime == "366"``): decided once per
    #: regime in Python, not by the engine for every subject
    gated: bool = False


class CompiledKind:
    """The rules of one kind, compiled for ``backend`` (in the thread that builds it)."""

    def __init__(self, view: KindView, backend: str, dimension_points: Mapping[str, float]) -> None:
        self.view = view
        conditions = []
        infos = []
        for item in view.rules:
            # each rule's conditions with the parameters' values in place: compiled for the
            # engine, and evaluated with three-valued logic when a fact is missing
            when = resolve(item.when, view.params)
            applies = None if item.applies is None else resolve(item.applies, view.params)
            conditions.append((item.id, negation_normal_form(when)))
            applies_reads: frozenset[str] = frozenset()
            gated = False
            if applies is not None:
                applies_reads = frozenset(facts_read(applies))
                gated = applies_reads <= {REGIME_FACT}
                if not gated:
                    conditions.append((item.id + APPLIES, negation_normal_form(applies)))
            infos.append(RuleInfo(item, when, applies, frozenset(facts_read(when)), applies_reads, gated))
        self.infos = tuple(infos)
        self.rule_ids = tuple(i.rule.id for i in infos)
        self.ids = frozenset(self.rule_ids)
        self.reads = frozenset().union(*(i.reads | i.applies_reads for i in infos)) if infos else frozenset()
        #: the facts an evaluation's evidence keeps: those the rules and the grading read
        self.recorded = tuple(sorted(self.reads | set(view.grading.facts)))
        types = {}
        for name in self.reads:
            spec = view.schema.spec(name)
            assert spec is not None
            types[name] = spec.type.value
        self.engine: CompiledRules = compile_rules(conditions, backend=backend, types=types)
        self.dimensions = tuple(DimensionSpec.of(d, view.rules, dimension_points.get(d)) for d in view.dimensions)
        self.sanctions = Sanctions.of(view.rules)
        self.sanction_ids = self.sanctions.ids
        #: what the BEST policy counts as met when unknown
        self.better_if_unknown = frozenset(i.rule.id for i in infos if not i.rule.sanction and not i.rule.excludes)
        #: the rules whose applicability the engine decides, and those the regime decides
        self.with_applies = tuple(i for i in infos if i.applies is not None and not i.gated)
        self.gated = tuple(i for i in infos if i.gated)
        self._gated_out: dict[str, frozenset[str]] = {}
        self.cache: dict[tuple[Any, ...], DimensionResult] = {}
        #: the generated function of each period's regime (set by the evaluator)
        self.fast: dict[int, Any] = {}

    def not_applicable_under(self, regime: str) -> frozenset[str]:
        """The regime-gated rules that do not apply under ``regime`` (a 124 rule under 366)."""
        found = self._gated_out.get(regime)
        if found is None:
            facts = {REGIME_FACT: regime}
            found = self._gated_out[regime] = frozenset(
                i.rule.id
                for i in self.gated
                if three_valued(i.applies, facts) is not True  # type: ignore[arg-type]
            )
        return found

    def partial(
        self, facts: Mapping[str, FactValue], missing: frozenset[str]
    ) -> tuple[frozenset[str], frozenset[str], frozenset[str], set[str]]:
        """For the rules that read a missing fact: (those rules, the unknown ones, the ones not
        applicable, the ones met), by three-valued logic."""
        partial, unknown, not_applicable, met = [], [], [], set()
        for info in self.infos:
            if missing.isdisjoint(info.reads) and missing.isdisjoint(info.applies_reads):
                continue
            rule_id = info.rule.id
            partial.append(rule_id)
            if info.applies is not None:
                holds = three_valued(info.applies, facts)
                if holds is None:
                    unknown.append(rule_id)
                    continue
                if not holds:
                    not_applicable.append(rule_id)
                    continue
            value = three_valued(info.when, facts)
            if value is None:
                unknown.append(rule_id)
            elif value:
                met.add(rule_id)
        return frozenset(partial), frozenset(unknown), frozenset(not_applicable), met

    def score(
        self, counted: frozenset[str], unknown: frozenset[str], not_applicable: frozenset[str], bands: Bands
    ) -> tuple[DimensionResult, ...]:
        """Every dimension's result.  With every rule known and applicable, a dimension's result
        depends only on its rules that counted: such results are shared (they are immutable)."""
        if unknown or not_applicable:
            return tuple(score_dimension(d, counted, unknown, not_applicable, bands) for d in self.dimensions)
        results = []
        cache = self.cache
        for spec in self.dimensions:
            key = (spec.name, counted.intersection(spec.points), counted & spec.vetoes)
            cached = cache.get(key)
            if cached is None:
                if len(cache) >= CACHE_SIZE:
                    cache.clear()
                cached = cache[key] = score_dimension(spec, counted, unknown, not_applicable, bands)
            results.append(cached)
        return tuple(results)

    def missing_by_rule(self, unknown: frozenset[str], missing: frozenset[str]) -> dict[str, tuple[str, ...]]:
        """The missing facts each unknown rule reads."""
        return {
            i.rule.id: tuple(sorted((i.reads | i.applies_reads) & missing)) for i in self.infos if i.rule.id in unknown
        }

    def close(self) -> None:
        self.engine.close()
