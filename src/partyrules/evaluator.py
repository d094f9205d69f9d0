"""The evaluator: rule outcomes → dimension results → annual grade → Four-Good verdict.

Evaluation is bottom-up: a subject's listed children (members of a cell, cells of a committee)
are evaluated first and their grades become facts of the subject.  The evaluator orchestrates;
the parts are in :mod:`partyrules.compiled` (a kind compiled for a backend),
:mod:`partyrules.scoring` (dimensions and the one decision function) and
:mod:`partyrules.aggregate` (children's results as the parent's facts).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future
from typing import Any

from ._version import library_version
from .aggregate import aggregate
from .compiled import APPLIES, CompiledKind
from .engine import resolve_backend
from .errors import InputError, MissingFactError
from .evidence import Evidence
from .facts import Facts, FactValue
from .fastpath import FastPath
from .frameworks import Framework
from .model import Kind, UnknownPolicy
from .problems import Loc, Problem
from .quota import QuotaRule, place_children
from .regimes import REGIME_FACT, Regime, get_regime
from .results import Evaluation, FrameworkRef
from .scoring import decide
from .subjects import Subject
from .text.catalogue import msg
from .trace import Trace
from .tracing import build_trace

__all__ = ["Evaluator", "evaluate", "evaluate_many", "worker_evaluator"]

EMPTY: frozenset[str] = frozenset()


class Evaluator:
    """Evaluates subjects against one framework with one backend.

    Compiles the framework once per thread (durable_rules handles are never shared across
    threads).  ``regime`` forces a grading regime (``"366"``, ``"124"``); by default the period
    of each subject chooses it.
    """

    def __init__(
        self,
        framework: Framework,
        *,
        backend: str = "auto",
        regime: str | None = None,
        fast: bool = True,
        quota: QuotaRule | bool = True,
    ) -> None:
        self.framework = framework
        self.backend = resolve_backend(backend)
        self.regime = regime
        self.fast = fast
        #: The quota applied among a committee's listed cells (the committee decides them):
        #: ``True``, the framework's share of GOOD (``Policy.quota_share``), rounded down;
        #: a :class:`~partyrules.quota.QuotaRule`; or ``False``, none (each cell's own grade,
        #: as a self-assessment proposes it).
        self.quota: QuotaRule | None = (
            QuotaRule(share=framework.policy.quota_share) if quota is True else quota if quota else None
        )
        self._local = threading.local()
        self._ref = FrameworkRef(framework.name, framework.version, framework.content_hash)
        self._version = library_version()

    def _compiled(self, kind: Kind) -> CompiledKind:
        cache: dict[Kind, CompiledKind] | None = getattr(self._local, "kinds", None)
        if cache is None:
            cache = self._local.kinds = {}
        compiled = cache.get(kind)
        if compiled is None:
            view = self.framework.view(kind)
            compiled = cache[kind] = CompiledKind(view, self.backend, self.framework.dimension_points)
        return compiled

    def compile(self, kind: Kind | str) -> None:
        """Compile ``kind``'s rules now (in this thread), so that an engine limit is reported
        before any subject is evaluated."""
        self._compiled(Kind(kind) if not isinstance(kind, Kind) else kind)

    def close(self) -> None:
        """Free the engine handles compiled in this thread."""
        cache: dict[Kind, CompiledKind] = getattr(self._local, "kinds", {})
        for compiled in cache.values():
            compiled.close()
        cache.clear()

    def __enter__(self) -> Evaluator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def trace(self, evaluation: Evaluation) -> Trace:
        """The full trace of an evaluation of this evaluator's framework."""
        return build_trace(evaluation, self.framework)

    # -- one subject ------------------------------------------------------------------------------

    def evaluate(self, subject: Subject, *, loc: Loc = ()) -> Evaluation:
        """Evaluate one subject (and, first, its listed children); input problems are located
        under ``loc`` (the subject's place in its document)."""
        return self._evaluate(subject, loc)[0]

    def _evaluate(self, subject: Subject, loc: Loc) -> tuple[Evaluation, dict[str, FactValue]]:
        if not isinstance(subject, Subject):
            raise InputError([Problem(msg("input.not_a_subject", given=type(subject).__name__), loc)])
        if subject.kind not in self.framework.kinds:
            covered = ", ".join(k.value for k in self.framework.kinds)
            name = self.framework.name
            message = msg("input.kind_not_covered", framework=name, kind=subject.kind.word, covered=covered)
            raise InputError([Problem(message, loc)])
        compiled = self._compiled(subject.kind)
        if not subject.children and self.fast:
            path = self._fast_path(compiled, subject.period)
            if path is not None:
                result = path.run(subject)
                if result is not None:
                    return result, subject.facts._data
        schema = compiled.view.schema
        children, children_facts, problems = self._children(subject, loc)
        facts, more = schema.validate(subject.facts, (*loc, "facts"))
        problems.extend(more)
        if not more and schema.derived:
            problems.extend(schema.disagreements(facts, (*loc, "facts")))
        problems.extend(aggregate(subject.kind, children, children_facts, facts, schema, loc))
        try:
            regime = get_regime(self.regime, subject.period)
        except InputError as error:
            problems.extend(p.within(*loc) for p in error.problems)
        if problems:
            raise InputError(problems, what=msg("what.subject", id=subject.id))
        if REGIME_FACT in schema:
            facts[REGIME_FACT] = regime.name
        schema.derive(facts)
        if children and self.quota is not None and subject.kind is Kind.COMMITTEE:
            # the committee decides its cells: their grades with the quota applied (its own
            # facts count the cells' own grades, as the cells proposed them)
            children = place_children(children, children_facts, self.quota)
        return self._decide(subject, compiled, facts, children, regime), facts

    def _fast_path(self, compiled: CompiledKind, period: int) -> FastPath | None:
        """The generated function of ``compiled``'s kind for the regime of ``period`` (``None``
        when no regime is encoded for it: the general path reports that)."""
        path = compiled.fast.get(period)
        if path is None and period not in compiled.fast:
            try:
                regime = get_regime(self.regime, period)
            except InputError:
                compiled.fast[period] = None
                return None
            path = next((p for p in compiled.fast.values() if p is not None and p.regime is regime), None)
            if path is None:
                path = FastPath(compiled, regime, self.framework.policy, self._ref, self.backend, self._version)
            compiled.fast[period] = path
        return path

    def source(self, kind: Kind | str, period: int) -> str:
        """The source of the function generated for ``kind`` under the regime of ``period``, for
        inspection (see :mod:`partyrules.fastpath`)."""
        path = self._fast_path(self._compiled(Kind(kind) if not isinstance(kind, Kind) else kind), period)
        return "" if path is None else path.source

    def _children(
        self, subject: Subject, loc: Loc
    ) -> tuple[tuple[Evaluation, ...], list[dict[str, FactValue]], list[Problem]]:
        if not subject.children:
            return (), [], []
        expected = subject.kind.child
        label = expected.plural if expected else "children"
        problems: list[Problem] = []
        results = []
        facts = []
        for index, child in enumerate(subject.children):
            where = (*loc, label, index)
            if child.kind is not expected:
                message = msg("input.wrong_child", parent=subject.kind.word, label=label, kind=child.kind.word)
                problems.append(Problem(message, where))
                continue
            if child.period != subject.period:
                problems.append(
                    Problem(msg("input.child_period", expected=subject.period, given=child.period), (*where, "period"))
                )
                continue
            try:
                result, child_facts = self._evaluate(child, where)
            except InputError as error:
                problems.extend(error.problems)
                continue
            results.append(result)
            facts.append(child_facts)
        return tuple(results), facts, problems

    def _decide(
        self,
        subject: Subject,
        compiled: CompiledKind,
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
                raise MissingFactError(subject.id, compiled.missing_by_rule(unknown, missing))
        if compiled.with_applies:
            not_applicable = not_applicable | frozenset(
                i.rule.id
                for i in compiled.with_applies
                if i.rule.id not in partial and i.rule.id + APPLIES not in fired
            )
        if compiled.gated:
            not_applicable = not_applicable | (compiled.not_applicable_under(regime.name) - partial)
        met = compiled.ids.intersection(fired)
        if partial or not_applicable:
            met = (met - partial - not_applicable) | decided
        counted = met
        if unknown:
            if policy.unknown is UnknownPolicy.WORST:
                counted = met | (unknown & compiled.sanction_ids)
            else:
                counted = met | (unknown & compiled.better_if_unknown)
        dimensions = compiled.score(counted, unknown, not_applicable, policy.bands)
        base = regime.base(view.grading, facts, dimensions, policy.unknown)
        if base.missing and policy.unknown is UnknownPolicy.ERROR:
            raise MissingFactError(subject.id, {"grading": base.missing})
        verdict = decide(base, dimensions, counted, compiled.sanctions, policy)
        evidence = Evidence.of(
            facts=Facts({name: facts[name] for name in compiled.recorded if name in facts}),
            rules=compiled.rule_ids,
            met=met,
            unknown=unknown,
            not_applicable=not_applicable,
            counted=counted,
            base=base,
            sanctions=verdict.sanctions,
            grade_blockers=verdict.grade_blockers,
            four_good_blockers=verdict.four_good_blockers,
        )
        return Evaluation(
            subject_id=subject.id,
            kind=subject.kind,
            period=subject.period,
            grade=verdict.grade,
            four_good=verdict.four_good,
            score=base.score,
            dimensions=dimensions,
            regime=regime.name,
            backend=self.backend,
            framework=self._ref,
            evidence=evidence,
            complete=not unknown and base.known and all(child.complete for child in children),
            graded=verdict.graded,
            name=subject.name,
            children=children,
            library_version=self._version,
        )

    # -- many subjects ----------------------------------------------------------------------------

    def evaluate_all(
        self, located: Sequence[tuple[Loc, Subject]], problems: Sequence[Problem] = ()
    ) -> list[Evaluation]:
        """Evaluate every subject of a document (each with its location in it); report the input
        problems of all of them, and ``problems`` found before, together."""
        results = []
        found = list(problems)
        for loc, subject in located:
            try:
                results.append(self.evaluate(subject, loc=loc))
            except InputError as error:
                found.extend(error.problems)
        if found:
            raise InputError(found)
        return results

    def evaluate_many(
        self,
        subjects: Iterable[Subject],
        *,
        executor: Executor | None = None,
        chunksize: int = 256,
        window: int | None = None,
        share: Callable[[Framework], Any] | None = None,
    ) -> Iterator[Evaluation]:
        """Evaluate subjects one after another, streaming results in input order.

        With an ``executor`` (any :class:`concurrent.futures.Executor`: a process pool, or a
        Dask ``Client.get_executor()``), chunks of ``chunksize`` subjects are evaluated by
        workers, each compiling its own rulesets; at most ``window`` chunks are in flight
        (default: 2 per worker), so memory stays flat however many subjects stream through.
        Each worker process keeps the evaluator it compiled (:func:`worker_evaluator`); ``share``
        turns the framework into what is sent with every chunk (Dask: a scattered future, so the
        framework travels once).  Evaluations hold their evidence, not their traces, so they
        travel back cheaply.
        """
        if executor is None:
            for subject in subjects:
                yield self.evaluate(subject)
            return
        limit = window or 2 * (getattr(executor, "_max_workers", None) or 2)
        sent = share(self.framework) if share is not None else self.framework
        pending: deque[Future[list[Evaluation]]] = deque()
        chunk: list[Subject] = []
        for subject in subjects:
            chunk.append(subject)
            if len(chunk) >= chunksize:
                pending.append(executor.submit(_work, sent, self.backend, self.regime, chunk))
                chunk = []
                while len(pending) >= limit:
                    yield from pending.popleft().result()
        if chunk:
            pending.append(executor.submit(_work, sent, self.backend, self.regime, chunk))
        for future in pending:
            yield from future.result()


class _Held:
    """The evaluators of a worker process, one per framework (by content), backend and regime:
    each chunk a worker is sent reuses the one it compiled (an evaluator compiles per thread)."""

    LIMIT = 8

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: dict[tuple[str, str, str | None], Evaluator] = {}

    def get(self, framework: Framework, backend: str, regime: str | None) -> Evaluator:
        key = (framework.content_hash, backend, regime)
        with self._lock:
            evaluator = self._held.pop(key, None)
            if evaluator is not None:
                self._held[key] = evaluator  # now the most recently used
            else:
                if len(self._held) >= self.LIMIT:  # the one used least recently goes
                    self._held.pop(next(iter(self._held))).close()
                evaluator = self._held[key] = Evaluator(framework, backend=backend, regime=regime)
            return evaluator


_HELD = _Held()


def worker_evaluator(framework: Framework, backend: str = "auto", regime: str | None = None) -> Evaluator:
    """This process's evaluator of ``framework`` (compiled on first use, then kept): what a
    worker evaluates its chunks with."""
    return _HELD.get(framework, backend, regime)


def _work(framework: Framework, backend: str, regime: str | None, subjects: Sequence[Subject]) -> list[Evaluation]:
    """A worker's chunk."""
    evaluator = worker_evaluator(framework, backend, regime)
    return [evaluator.evaluate(s) for s in subjects]


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
