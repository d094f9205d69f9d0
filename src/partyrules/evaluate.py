"""The evaluator: rule outcomes → dimension results → annual grade → Four-Good verdict.

Evaluation is bottom-up: a subject's listed children (members of a cell, cells of a committee)
are evaluated first and their grades become facts of the subject.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future
from typing import Any

import attrs

from .engine import CompiledRules, compile_rules, resolve_backend
from .engine.interpret import evaluate as three_valued
from .errors import InputError, MissingFactError, Problem
from .facts import FactValue
from .frameworks import Framework, KindView
from .model import Grade, Kind, Outcome, Rating, UnknownPolicy
from .regimes import Base, Regime, Regime124, Regime366, get_regime, score_from_facts
from .results import DimensionResult, Evaluation, FrameworkRef
from .rules import Condition, Rule, facts_read, negation_normal_form, resolve
from .subjects import Subject

__all__ = ["Evaluator", "evaluate", "evaluate_many"]

APPLIES = "#applies"
EMPTY: frozenset[str] = frozenset()
#: A fact that rules may read to apply under one regime only; the evaluator sets it.
REGIME_FACT = "regime"
PLURAL = {Kind.MEMBER: "members", Kind.CELL: "cells"}


@attrs.frozen
class RuleInfo:
    rule: Rule
    reads: frozenset[str]
    applies_reads: frozenset[str]


class Source:
    """What the trace is built from (kept until the trace is first asked for)."""

    __slots__ = (
        "base",
        "counted",
        "facts",
        "framework",
        "met",
        "not_applicable",
        "regime",
        "sanctions",
        "unknown",
        "view",
    )

    def __init__(
        self,
        view: KindView,
        framework: Framework,
        regime: Regime,
        facts: dict[str, FactValue],
        met: frozenset[str],
        unknown: frozenset[str],
        not_applicable: frozenset[str],
        counted: frozenset[str],
        base: Base,
        sanctions: tuple[str, ...],
    ) -> None:
        self.view = view
        self.framework = framework
        self.regime = regime
        self.facts = facts
        self.met = met
        self.unknown = unknown
        self.not_applicable = not_applicable
        self.counted = counted
        self.base = base
        self.sanctions = sanctions

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the framework (workers send results back cheaply); the receiving
        :class:`Evaluator` binds its own framework again (:meth:`Source.bind`)."""
        state = {name: getattr(self, name) for name in self.__slots__ if name not in ("framework", "view")}
        state["kind"] = self.view.kind
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        kind = state.pop("kind")
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self.framework = None  # type: ignore[assignment]
        self.view = kind  # type: ignore[assignment]  # a Kind until bound

    def bind(self, framework: Framework) -> None:
        """Attach the framework after unpickling (a no-op when already bound)."""
        if self.framework is None:
            self.framework = framework
            self.view = framework.view(self.view)  # type: ignore[arg-type]

    @property
    def outcomes(self) -> dict[str, Outcome]:
        """Every rule's outcome, by id."""
        result = {}
        for item in self.view.rules:
            if item.id in self.unknown:
                result[item.id] = Outcome.UNKNOWN
            elif item.id in self.not_applicable:
                result[item.id] = Outcome.NOT_APPLICABLE
            else:
                result[item.id] = Outcome.MET if item.id in self.met else Outcome.NOT_MET
        return result


class _Kind:
    """One kind of a framework compiled for one backend in one thread."""

    def __init__(self, view: KindView, backend: str, dimension_points: Mapping[str, float]) -> None:
        self.view = view
        conditions = []
        infos = []
        #: each rule's conditions with the parameters' values in place: compiled for the engine,
        #: and evaluated with three-valued logic when a fact is missing
        self.resolved: dict[str, tuple[Condition, Condition | None]] = {}
        for item in view.rules:
            when = resolve(item.when, view.params)
            applies = None if item.applies is None else resolve(item.applies, view.params)
            self.resolved[item.id] = (when, applies)
            conditions.append((item.id, negation_normal_form(when)))
            applies_reads: frozenset[str] = frozenset()
            if applies is not None:
                conditions.append((item.id + APPLIES, negation_normal_form(applies)))
                applies_reads = frozenset(facts_read(applies))
            infos.append(RuleInfo(item, frozenset(facts_read(when)), applies_reads))
        self.infos = tuple(infos)
        self.reads = frozenset().union(*(i.reads | i.applies_reads for i in infos)) if infos else frozenset()
        self.any_applies = any(i.rule.applies is not None for i in infos)
        types = {}
        for name in self.reads:
            spec = view.schema.spec(name)
            assert spec is not None
            types[name] = spec.type.value
        self.engine: CompiledRules = compile_rules(conditions, backend=backend, types=types)
        self.scoring = {
            dim: tuple(i.rule for i in infos if i.rule.dimension == dim and i.rule.scoring) for dim in view.dimensions
        }
        self.dim_vetoes = {
            dim: tuple(i.rule for i in infos if i.rule.dimension == dim and i.rule.veto is not None)
            for dim in view.dimensions
        }
        self.sanctions = tuple(i.rule for i in infos if i.rule.sanction)
        self.excluders = tuple(i.rule for i in infos if i.rule.excludes)
        self.ids = frozenset(i.rule.id for i in infos)
        self.sanction_ids = frozenset(r.id for r in self.sanctions)
        self.better_if_unknown = frozenset(
            i.rule.id for i in infos if not i.rule.sanction and not i.rule.excludes
        )  # what the BEST policy counts as met when unknown
        self.excluder_ids = frozenset(r.id for r in self.excluders)
        self.blocker_ids = frozenset(r.id for r in self.sanctions if r.blocks_four_good)
        self.limits = {r.id: (r.veto or r.cap) for r in self.sanctions if (r.veto or r.cap) is not None}
        self.with_applies = tuple(i for i in infos if i.rule.applies is not None)
        self.dims = {}
        self.cache: dict[tuple[Any, ...], DimensionResult] = {}
        for dim in view.dimensions:
            weight = dimension_points.get(dim)
            scoring = self.scoring[dim]
            self.dims[dim] = (
                {r.id: float(r.points) for r in scoring},
                frozenset(r.id for r in scoring if r.required),
                math.fsum(float(r.points) for r in scoring),
                frozenset(r.id for r in self.dim_vetoes[dim]),
                None if weight is None else float(weight),
            )

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
            when, applies = self.resolved[rule_id]
            if applies is not None:
                holds = three_valued(applies, facts)
                if holds is None:
                    unknown.append(rule_id)
                    continue
                if not holds:
                    not_applicable.append(rule_id)
                    continue
            value = three_valued(when, facts)
            if value is None:
                unknown.append(rule_id)
            elif value:
                met.add(rule_id)
        return frozenset(partial), frozenset(unknown), frozenset(not_applicable), met


class Evaluator:
    """Evaluates subjects against one framework with one backend.

    Compiles the framework once per thread (durable_rules handles are never shared across
    threads).  ``regime`` forces a grading regime (``"366"``, ``"124"``); by default the period
    of each subject chooses it.
    """

    def __init__(self, framework: Framework, *, backend: str = "auto", regime: str | None = None) -> None:
        self.framework = framework
        self.backend = resolve_backend(backend)
        self.regime = regime
        self._local = threading.local()
        self._ref = FrameworkRef(framework.name, framework.version, framework.content_hash)

    def _compiled(self, kind: Kind) -> _Kind:
        cache: dict[Kind, _Kind] | None = getattr(self._local, "kinds", None)
        if cache is None:
            cache = self._local.kinds = {}
        compiled = cache.get(kind)
        if compiled is None:
            compiled = cache[kind] = _Kind(self.framework.view(kind), self.backend, self.framework.dimension_points)
        return compiled

    def compile(self, kind: Kind | str) -> None:
        """Compile ``kind``'s rules now (in this thread), so that an engine limit is reported
        before any subject is evaluated."""
        self._compiled(Kind(kind) if not isinstance(kind, Kind) else kind)

    def close(self) -> None:
        """Free the engine handles compiled in this thread."""
        cache: dict[Kind, _Kind] = getattr(self._local, "kinds", {})
        for compiled in cache.values():
            compiled.engine.close()
        cache.clear()

    def __enter__(self) -> Evaluator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one subject ------------------------------------------------------------------------------

    def evaluate(self, subject: Subject, *, path: str = "$") -> Evaluation:
        """Evaluate one subject (and, first, its listed children)."""
        if not isinstance(subject, Subject):
            raise InputError([Problem(path, f"expected a Subject, got {type(subject).__name__}")])
        if subject.kind not in self.framework.kinds:
            covered = ", ".join(k.value for k in self.framework.kinds)
            raise InputError(
                [
                    Problem(
                        path,
                        f"the framework {self.framework.name!r} has no rules for {subject.kind.value}s (only {covered})",
                    )
                ]
            )
        compiled = self._compiled(subject.kind)
        children, problems = self._children(subject, path)
        facts, more = compiled.view.schema.validate(subject.facts, f"{path}.facts")
        problems.extend(more)
        if not more and compiled.view.schema.derived:
            problems.extend(compiled.view.schema.disagreements(facts, f"{path}.facts"))
        problems.extend(_aggregate(subject, children, facts, compiled.view, path))
        if problems:
            raise InputError(problems, what=f"subject {subject.id!r}")
        regime = get_regime(self.regime, subject.period)
        if REGIME_FACT in compiled.view.schema:
            facts[REGIME_FACT] = regime.name
        compiled.view.schema.derive(facts)
        return self._decide(subject, compiled, facts, children, regime)

    def _children(self, subject: Subject, path: str) -> tuple[tuple[Evaluation, ...], list[Problem]]:
        if not subject.children:
            return (), []
        expected = subject.kind.child
        problems: list[Problem] = []
        results = []
        label = PLURAL.get(expected, "children") if expected else "children"
        for index, child in enumerate(subject.children):
            where = f"{path}.{label}[{index}]"
            if child.kind is not expected:
                problems.append(Problem(where, f"a {subject.kind.value} lists {label}, got a {child.kind.value}"))
                continue
            if child.period != subject.period:
                problems.append(Problem(f"{where}.period", f"expected {subject.period}, got {child.period}"))
                continue
            try:
                results.append(self.evaluate(child, path=where))
            except InputError as error:
                problems.extend(error.problems)
        return tuple(results), problems

    def _decide(
        self,
        subject: Subject,
        compiled: _Kind,
        facts: dict[str, FactValue],
        children: tuple[Evaluation, ...],
        regime: Regime,
    ) -> Evaluation:
        view = compiled.view
        policy = self.framework.policy
        fired = compiled.engine.fired(facts)
        missing = compiled.reads.difference(facts)
        unknown: frozenset[str] = EMPTY
        not_applicable: frozenset[str] = EMPTY
        partial: frozenset[str] = EMPTY
        decided: set[str] = set()
        if missing:
            # The engines answer only for rules whose facts are all given; a rule reading a
            # missing fact is decided here by three-valued logic, the same for both backends:
            # "0 >= 1 and ?" is not met, "1 >= 1 or ?" is met, "? >= 1" is unknown.
            partial, unknown, not_applicable, decided = compiled.partial(facts, missing)
            if unknown and policy.unknown is UnknownPolicy.ERROR:
                by_rule = {
                    i.rule.id: tuple(sorted((i.reads | i.applies_reads) & missing))
                    for i in compiled.infos
                    if i.rule.id in unknown
                }
                raise MissingFactError(subject.id, by_rule)
        if compiled.any_applies:
            not_applicable = not_applicable | frozenset(
                i.rule.id
                for i in compiled.with_applies
                if i.rule.id not in partial and i.rule.id + APPLIES not in fired
            )
        met = compiled.ids.intersection(fired)
        if partial or not_applicable:
            met = (met - partial - not_applicable) | decided
        counted = met
        if unknown:
            if policy.unknown is UnknownPolicy.WORST:
                counted = met | (unknown & compiled.sanction_ids)
            else:
                counted = met | (unknown & compiled.better_if_unknown)
        bands = policy.bands
        dimensions = tuple(
            _dimension(dim, compiled.dims[dim], counted, unknown, not_applicable, bands, compiled.cache)
            for dim in view.dimensions
        )
        excluded = not compiled.excluder_ids.isdisjoint(counted)
        base = _base(regime, view, facts, dimensions, policy.unknown)
        applied = counted & compiled.sanction_ids
        sanctions = tuple(sorted(applied)) if applied else ()  # by id: independent of rule order
        grade: Grade | None = None
        four_good = False
        if not excluded:
            grade = base.grade
            for rule_id in sanctions:
                limit = compiled.limits.get(rule_id)
                if limit is not None and limit < grade:
                    grade = limit
            all_good = all(d.good for d in dimensions)
            if grade is Grade.EXCELLENT and policy.excellent_requires_good_dimensions and not all_good:
                grade = Grade.GOOD
            blocked = not compiled.blocker_ids.isdisjoint(applied)
            # Four-Good recognises organisations: a kind without dimensions (members) never is.
            four_good = bool(dimensions) and not blocked and all_good and grade >= policy.four_good_min_grade
        source = Source(view, self.framework, regime, facts, met, unknown, not_applicable, counted, base, sanctions)
        return Evaluation(
            subject_id=subject.id,
            kind=subject.kind,
            period=subject.period,
            grade=grade,
            four_good=four_good,
            score=base.score,
            dimensions=dimensions,
            regime=regime.name,
            backend=self.backend,
            framework=self._ref,
            complete=not unknown and base.known and all(child.complete for child in children),
            graded=not excluded,
            name=subject.name,
            children=children,
            source=source,
        )

    # -- many subjects ----------------------------------------------------------------------------

    def evaluate_many(
        self,
        subjects: Iterable[Subject],
        *,
        executor: Executor | None = None,
        chunksize: int = 256,
        window: int | None = None,
    ) -> Iterator[Evaluation]:
        """Evaluate subjects one after another, streaming results in input order.

        With an ``executor`` (any :class:`concurrent.futures.Executor`: a process pool, or a
        Dask ``Client.get_executor()``), chunks of ``chunksize`` subjects are evaluated by
        workers, each compiling its own rulesets; at most ``window`` chunks are in flight
        (default: 2 per worker), so memory stays flat however many subjects stream through.
        Results from workers travel without the framework and are bound to this evaluator's
        framework on arrival, so their traces are still built on demand.
        """
        if executor is None:
            for subject in subjects:
                yield self.evaluate(subject)
            return
        limit = window or 2 * (getattr(executor, "_max_workers", None) or 2)
        pending: list[Future[list[Evaluation]]] = []
        chunk: list[Subject] = []
        for subject in subjects:
            chunk.append(subject)
            if len(chunk) >= chunksize:
                pending.append(executor.submit(_work, self.framework, self.backend, self.regime, chunk))
                chunk = []
                while len(pending) >= limit:
                    yield from _bind(pending.pop(0).result(), self.framework)
        if chunk:
            pending.append(executor.submit(_work, self.framework, self.backend, self.regime, chunk))
        for future in pending:
            yield from _bind(future.result(), self.framework)


def _work(framework: Framework, backend: str, regime: str | None, subjects: Sequence[Subject]) -> list[Evaluation]:
    """A worker's chunk: evaluations travel back without the framework (see Source)."""
    with Evaluator(framework, backend=backend, regime=regime) as evaluator:
        return [evaluator.evaluate(s) for s in subjects]


def _bind(evaluations: list[Evaluation], framework: Framework) -> list[Evaluation]:
    for evaluation in evaluations:
        evaluation.bind(framework)
    return evaluations


#: How many distinct dimension results a compiled kind keeps for reuse (they are immutable).
CACHE_SIZE = 4096


def _dimension(
    name: str,
    spec: tuple[Any, ...],
    counted: frozenset[str],
    unknown: frozenset[str],
    not_applicable: frozenset[str],
    bands: Any,
    cache: dict[tuple[Any, ...], DimensionResult],
) -> DimensionResult:
    points, required, total, veto_ids, weight = spec
    hit = counted.intersection(points)
    args = (name, points, required, total, veto_ids, weight, hit, counted, unknown, not_applicable, bands)
    if unknown or not_applicable:
        return _compute_dimension(*args)
    # With every rule known and applicable, the result depends only on these: share it.
    key = (name, hit, counted & veto_ids)
    cached = cache.get(key)
    if cached is None:
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        cached = cache[key] = _compute_dimension(*args)
    return cached


def _compute_dimension(
    name: str,
    points: dict[str, float],
    required: frozenset[str],
    total: float,
    veto_ids: frozenset[str],
    weight: float | None,
    hit: frozenset[str],
    counted: frozenset[str],
    unknown: frozenset[str],
    not_applicable: frozenset[str],
    bands: Any,
) -> DimensionResult:
    score = math.fsum(map(points.__getitem__, hit))  # exact, whatever the set's order
    maximum = total
    if not_applicable:
        maximum = math.fsum(p for rid, p in points.items() if rid not in not_applicable)
    failed: tuple[str, ...] = ()
    # lists of rule ids are sorted by id, so that results do not depend on the rules' order
    if not required <= hit:
        failed = tuple(sorted(r for r in required if r not in hit and r not in not_applicable))
    vetoed: tuple[str, ...] = ()
    if not veto_ids.isdisjoint(counted):
        vetoed = tuple(sorted(veto_ids & counted))
    dim_unknown: tuple[str, ...] = ()
    if unknown:
        dim_unknown = tuple(sorted(rid for rid in points if rid in unknown))
    rating = bands.rating(score / maximum) if maximum > 0 else Rating.EXCELLENT
    if (failed or vetoed) and rating > Rating.AVERAGE:
        rating = Rating.AVERAGE
    weighted = None
    if weight is not None:
        weighted = round(weight * score / maximum, 6) if maximum > 0 else float(weight)
    return DimensionResult(name, score, maximum, rating, rating >= Rating.GOOD, weighted, failed, vetoed, dim_unknown)


def _base(
    regime: Regime,
    view: KindView,
    facts: dict[str, FactValue],
    dimensions: tuple[DimensionResult, ...],
    policy: UnknownPolicy,
) -> Base:
    grading = view.grading
    if isinstance(regime, Regime366):
        if grading.score_facts:
            score = score_from_facts(facts, grading.score_facts)
        else:
            total = sum(d.max for d in dimensions)
            weighted = [d.points for d in dimensions if d.points is not None]
            if len(weighted) == len(dimensions) and dimensions:
                score = round(sum(weighted), 6)
            else:
                score = round(100 * sum(d.score for d in dimensions) / total, 6) if total else 0.0
        if score is None:
            if policy is UnknownPolicy.ERROR:
                raise MissingFactError("?", {"grading.score_facts": grading.score_facts})
            grade = Grade.NOT_COMPLETED if policy is UnknownPolicy.WORST else Grade.EXCELLENT
            return Base(grade, None, (("score_unknown", {"facts": ", ".join(grading.score_facts)}),), known=False)
        return regime.base_from_score(score)
    assert isinstance(regime, Regime124)
    ratings: dict[str, Rating] = {}
    known = True
    if grading.criteria_facts:
        for name in grading.criteria_facts:
            value = facts.get(name)
            if isinstance(value, str):
                ratings[name] = Rating(value)
            else:
                known = False
                ratings[name] = Rating.POOR if policy is not UnknownPolicy.BEST else Rating.EXCELLENT
        if not known and policy is UnknownPolicy.ERROR:
            raise MissingFactError("?", {"grading.criteria_facts": grading.criteria_facts})
    else:
        ratings = {d.name: d.rating for d in dimensions}
    base = regime.base_from_ratings(ratings, grading.task_criterion)
    return attrs.evolve(base, known=known)


def _aggregate(
    subject: Subject,
    children: tuple[Evaluation, ...],
    facts: dict[str, FactValue],
    view: KindView,
    path: str,
) -> list[Problem]:
    """Turn listed children's results into the subject's facts; disagreement is an input error."""
    if not subject.children:
        return []
    child_kind = subject.kind.child
    if child_kind is None:
        return []
    plural = PLURAL[child_kind]
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
    if child_kind is Kind.CELL:
        sums = _member_sums(children)
        values.update(sums)
    problems = []
    for name, value in values.items():
        if name not in view.schema:
            continue
        given = facts.get(name)
        if given is not None and given != value:
            problems.append(
                Problem(
                    f"{path}.facts.{name}",
                    f"given {given}, but the {len(children)} listed {plural} give {value}",
                    f"give either the {plural} or the counts, or make them agree",
                )
            )
        facts[name] = value
    return problems


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


def _member_sums(cells: tuple[Evaluation, ...]) -> dict[str, int]:
    """A committee's member counts: the sums of its cells' counts, where every cell has them."""
    sums: dict[str, int] = {}
    for name in MEMBER_COUNTS:
        total = 0
        for cell in cells:
            source = cell._source
            value = source.facts.get(name) if source is not None else None
            if not isinstance(value, int) or isinstance(value, bool):
                break
            total += value
        else:
            sums[name] = total
    return sums


def evaluate(
    subject: Subject,
    *,
    framework: Framework,
    backend: str = "auto",
    regime: str | None = None,
) -> Evaluation:
    """Evaluate one subject against ``framework`` (compiling it for this call)."""
    with Evaluator(framework, backend=backend, regime=regime) as evaluator:
        return evaluator.evaluate(subject)


def evaluate_many(
    subjects: Iterable[Subject],
    *,
    framework: Framework,
    backend: str = "auto",
    regime: str | None = None,
    executor: Executor | None = None,
) -> Iterator[Evaluation]:
    """Evaluate many subjects, streaming results in input order (see :meth:`Evaluator.evaluate_many`)."""
    with Evaluator(framework, backend=backend, regime=regime) as evaluator:
        yield from evaluator.evaluate_many(subjects, executor=executor)
