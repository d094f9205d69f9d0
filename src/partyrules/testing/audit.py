"""Audit properties: each takes a framework and returns its violations, with minimal
counterexamples found and shrunk by hypothesis.

- :func:`check_totality`: every valid subject gets exactly one grade and one verdict, no exception;
- :func:`check_determinism`: the same subject gives byte-identical JSON whatever was evaluated
  before it, the order of subjects, or the order of the rules;
- :func:`check_monotonicity`: improving one fact in its better direction never lowers the grade
  and never revokes Four-Good;
- :func:`check_agreement`: the durable_rules backend and the interpreter agree on every rule;
- :func:`check_coverage`: every rule is met by some subject and not met by another, every grade
  and both verdicts are reachable, every veto, cap and block changes some outcome;
- :func:`check_consistency`: no two caps or vetoes contradict, no rule is shadowed by another;
- :func:`check_trace`: the decision recomputed from the trace alone equals the decision.

A violation that only involves rules the framework exempts (``Exemption(rule, property,
reason)``) is reported with ``exempted_by`` set and does not fail the audit.
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
from hypothesis import HealthCheck, find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample, Unsatisfiable

from ..convert import make_converter
from ..engine import durable_available
from ..engine.interpret import evaluate as evaluate_condition
from ..errors import PartyrulesError, UnknownNameError
from ..evaluate import REGIME_FACT, Evaluator, Source
from ..facts import FactSpec, FactType, FactValue
from ..frameworks import Framework
from ..model import Grade, Kind, Outcome
from ..regimes import regime_for_year
from ..results import Evaluation
from ..rules import Rule, facts_read, negation_normal_form, resolve
from ..subjects import Subject
from ..trace import recompute_decision
from .subjects import generated_facts, grid, inputs_of, subjects, years_for

__all__ = [
    "PROPERTIES",
    "AuditReport",
    "Violation",
    "audit",
    "check_agreement",
    "check_consistency",
    "check_coverage",
    "check_determinism",
    "check_monotonicity",
    "check_totality",
    "check_trace",
    "counterexample_document",
]


@attrs.frozen
class Violation:
    """One violated property, with the smallest counterexample found.

    ``examples`` are the subjects that show it (two for monotonicity: before and after the
    improvement); ``outcomes`` are the outcomes that disagree, in words.
    """

    property: str
    kind: Kind
    message: str
    rule_id: str | None = None
    fact: str | None = None
    examples: tuple[Subject, ...] = ()
    outcomes: tuple[str, ...] = ()
    exempted_by: str | None = None


@attrs.frozen
class AuditReport:
    """What :func:`audit` checked (framework, seed, examples per search, properties) and every
    violation it found; :attr:`ok` when all of them are accepted by exemptions.  Render it
    with :func:`partyrules.auditreport.render_report`."""

    framework: str
    version: str
    content_hash: str
    seed: int
    examples: int
    checked: tuple[str, ...]
    violations: tuple[Violation, ...]

    @property
    def ok(self) -> bool:
        """No violation but exempted ones."""
        return all(v.exempted_by is not None for v in self.violations)


class _Budget:
    """Settings for one search: ``examples`` tries, derandomised by ``seed``."""

    def __init__(self, examples: int, seed: int) -> None:
        self.examples = examples
        self.seed = seed
        self.calls = 0

    def find(
        self, strategy: st.SearchStrategy[Any], condition: Callable[[Any], bool], seeds: Iterable[Any] = ()
    ) -> Any | None:
        """An example satisfying ``condition``: first among ``seeds`` (a deterministic grid of
        near-minimal subjects), then the smallest hypothesis finds; ``None`` if none was found."""
        self.calls += 1
        for example in seeds:
            if condition(example):
                return example
        config = settings(
            max_examples=self.examples,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        try:
            return find(strategy, condition, settings=config, random=random.Random(self.seed + self.calls))
        except (NoSuchExample, Unsatisfiable):
            return None


def _grading_facts(framework: Framework, kind: Kind) -> set[str]:
    grading = framework.view(kind).grading
    return {*grading.score_facts, *grading.criteria_facts}


def _all_read(framework: Framework, kind: Kind) -> set[str]:
    """Every fact a rule reads, and those the grade is computed from."""
    return {name for rule in framework.view(kind).rules for name in rule.facts()} | _grading_facts(framework, kind)


def _kinds(framework: Framework, kinds: Iterable[Kind | str] | None) -> list[Kind]:
    wanted = [Kind(k) for k in kinds] if kinds is not None else list(framework.kinds)
    return [k for k in wanted if k in framework.kinds]


def _in_force(framework: Framework, kind: Kind, rule: Rule) -> bool:
    """Whether ``rule`` can apply in a year the framework is in force: a rule that applies only
    under a grading regime of other years (a regime-124 rule in a framework in force from 2025)
    cannot, and coverage does not ask it to be met."""
    if rule.applies is None or REGIME_FACT not in facts_read(rule.applies):
        return True
    try:
        regimes = {regime_for_year(year).name for year in years_for(framework)}
    except PartyrulesError:  # years no regime is encoded for: let the evaluations say so
        return True
    params = framework.view(kind).params
    return any(evaluate_condition(rule.applies, {REGIME_FACT: name}, params) is not False for name in regimes)


def _evaluate(evaluator: Evaluator, subject: Subject) -> Evaluation | None:
    try:
        return evaluator.evaluate(subject)
    except Exception:  # reported by the totality property
        return None


def _exempted(framework: Framework, prop: str, rules: Iterable[str]) -> str | None:
    rules = list(rules)
    if not rules:
        return None
    reasons = {e.rule_id: e.reason for e in framework.exemptions if e.property == prop}
    if all(r in reasons for r in rules):
        return "; ".join(f"{r}: {reasons[r]}" for r in dict.fromkeys(rules))
    return None


def _attempt(evaluator: Evaluator, subject: Subject) -> Evaluation | str:
    """The evaluation of ``subject``, or the error it raised, in words."""
    try:
        return evaluator.evaluate(subject)
    except Exception as error:
        return f"{type(error).__name__}: {error}"


def _met(evaluator: Evaluator, subject: Subject, rule_ids: Iterable[str]) -> Evaluation | None:
    """The evaluation of ``subject`` if it meets every rule of ``rule_ids``, else ``None``."""
    result = _evaluate(evaluator, subject)
    if result is None or result._source is None:
        return None
    outcomes = result._source.outcomes
    return result if all(outcomes[r] is Outcome.MET for r in rule_ids) else None


def _describe(evaluation: Evaluation) -> str:
    grade = evaluation.grade.value if evaluation.grade is not None else "not graded"
    return f"{grade}, Four-Good {'yes' if evaluation.four_good else 'no'}"


# -- totality -------------------------------------------------------------------------------------


def check_totality(
    framework: Framework,
    *,
    examples: int = 100,
    seed: int = 0,
    backend: str = "python",
    kinds: Iterable[Kind | str] | None = None,
) -> list[Violation]:
    """Every valid subject (facts may be missing) gets exactly one grade and one verdict."""
    budget = _Budget(examples, seed)
    violations = []
    missing_allowed = framework.policy.unknown.value != "error"
    with Evaluator(framework, backend=backend) as evaluator:
        for kind in _kinds(framework, kinds):
            problems: dict[int, str] = {}

            def fails(subject: Subject, problems: dict[int, str] = problems) -> bool:
                try:
                    result = evaluator.evaluate(subject)
                except Exception as error:
                    problems[0] = f"{type(error).__name__}: {error}"
                    return True
                if result.graded != (result.grade is not None) or not isinstance(result.four_good, bool):
                    problems[0] = f"graded={result.graded} but grade={result.grade}"
                    return True
                return False

            seeds = grid(framework, kind, _all_read(framework, kind), seed=seed)
            found = budget.find(subjects(framework, kind, missing=missing_allowed), fails, seeds)
            if found is not None:
                fails(found)
                violations.append(Violation("totality", kind, problems.get(0, "failed"), examples=(found,)))
    return violations


# -- determinism ----------------------------------------------------------------------------------


def _canonical(evaluation: Evaluation) -> str:
    """JSON of an evaluation, independent of the order the framework lists its rules in."""
    data = make_converter().unstructure(evaluation.materialized(), Evaluation)

    def clean(item: dict[str, Any]) -> None:
        item["framework"].pop("content_hash", None)
        item["trace"].pop("framework_hash", None)
        item["trace"]["rules"] = sorted(item["trace"]["rules"], key=lambda step: step["rule_id"])
        for child in item["children"]:
            clean(child)

    clean(data)
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def _reversed(framework: Framework) -> Framework:
    """The same framework with the rules of each ruleset in reverse order."""
    rulesets = tuple(attrs.evolve(r, rules=tuple(reversed(r.rules))) for r in framework.rulesets)
    return attrs.evolve(framework, rulesets=rulesets)


def check_determinism(
    framework: Framework,
    *,
    examples: int = 100,
    seed: int = 0,
    backend: str = "python",
    kinds: Iterable[Kind | str] | None = None,
) -> list[Violation]:
    """The same subject gives byte-identical JSON whatever ran before it, whatever the order of
    the subjects and of the rules."""
    budget = _Budget(examples, seed)
    violations = []
    flipped = _reversed(framework)
    for kind in _kinds(framework, kinds):
        strategy = st.tuples(subjects(framework, kind), st.lists(subjects(framework, kind), max_size=4))
        details: dict[int, tuple[str, str, str]] = {}

        def differs(pair: tuple[Subject, list[Subject]], details: dict[int, tuple[str, str, str]] = details) -> bool:
            subject, before = pair
            with Evaluator(framework, backend=backend) as fresh:
                alone = _evaluate(fresh, subject)
            with Evaluator(framework, backend=backend) as used:
                for other in before:
                    _evaluate(used, other)
                after = _evaluate(used, subject)
                rest = [_evaluate(used, s) for s in reversed(before)]
                del rest
            with Evaluator(flipped, backend=backend) as other_order:
                reordered = _evaluate(other_order, subject)
            if alone is None or after is None or reordered is None:
                return False
            texts = (_canonical(alone), _canonical(after), _canonical(reordered))
            if len(set(texts)) > 1:
                which = "after other subjects" if texts[0] != texts[1] else "with the rules in another order"
                details[0] = (which, _describe(alone), _describe(after if texts[0] != texts[1] else reordered))
                return True
            return False

        seeds: list[tuple[Subject, list[Subject]]] = [
            (subject, []) for subject in grid(framework, kind, _all_read(framework, kind), seed=seed, limit=32)
        ]
        found = budget.find(strategy, differs, seeds)
        if found is not None:
            differs(found)
            which, first, second = details[0]
            violations.append(
                Violation(
                    "determinism",
                    kind,
                    f"the result changes {which}",
                    examples=(found[0], *found[1]),
                    outcomes=(first, second),
                )
            )
    return violations


# -- monotonicity ---------------------------------------------------------------------------------


def _improved(spec: FactSpec, value: FactValue) -> FactValue | None:
    """One step better than ``value`` in the fact's direction, or ``None`` at the end."""
    higher = spec.direction.value == "higher"
    if spec.type is FactType.BOOL:
        better = higher
        return better if value != better else None
    if spec.type is FactType.STR:
        if not spec.choices or value not in spec.choices:
            return None
        index = spec.choices.index(value) + (1 if higher else -1)  # type: ignore[arg-type]
        return spec.choices[index] if 0 <= index < len(spec.choices) else None
    step: float = 1
    if spec.type is FactType.FLOAT:
        span = (spec.maximum - spec.minimum) if spec.maximum is not None and spec.minimum is not None else 100.0
        step = span / 100
    candidate = value + step if higher else value - step  # type: ignore[operator]
    if spec.maximum is not None and candidate > spec.maximum:
        candidate = spec.maximum
    if spec.minimum is not None and candidate < spec.minimum:
        candidate = spec.minimum
    if candidate == value:
        return None
    return int(candidate) if spec.type is FactType.INT else float(candidate)


def _worse_rules(before: Source, after: Source) -> list[str]:
    """Rules whose effect turned against the subject between two evaluations."""
    culprits = []
    for rule in before.view.rules:
        was, now = rule.id in before.counted, rule.id in after.counted
        if rule.sanction and not was and now:
            culprits.append(rule.id)
        elif rule.scoring and was and not now:
            culprits.append(rule.id)
    return culprits


def check_monotonicity(
    framework: Framework,
    *,
    examples: int = 100,
    seed: int = 0,
    backend: str = "python",
    kinds: Iterable[Kind | str] | None = None,
) -> list[Violation]:
    """For each fact with a direction: improving it one step never lowers the grade and never
    revokes Four-Good (one search, one counterexample, per fact)."""
    budget = _Budget(examples, seed)
    violations = []
    with Evaluator(framework, backend=backend) as evaluator:
        for kind in _kinds(framework, kinds):
            schema = framework.view(kind).schema
            for spec in generated_facts(schema):
                if spec.direction.value == "neutral":
                    continue
                pairs: dict[int, tuple[Subject, Evaluation, Evaluation]] = {}

                def worse(
                    subject: Subject,
                    spec: FactSpec = spec,
                    pairs: dict[int, tuple[Subject, Evaluation, Evaluation]] = pairs,
                ) -> bool:
                    value = subject.facts.get(spec.name)
                    if value is None:
                        return False
                    better = _improved(spec, value)
                    if better is None:
                        return False
                    improved = attrs.evolve(subject, facts={**subject.facts, spec.name: better})
                    before = _evaluate(evaluator, subject)
                    after = _evaluate(evaluator, improved)
                    if before is None or after is None or not (before.graded and after.graded):
                        return False
                    assert before.grade is not None and after.grade is not None
                    if after.grade < before.grade or (before.four_good and not after.four_good):
                        pairs[0] = (improved, before, after)
                        return True
                    return False

                readers = [r for r in framework.view(kind).rules if spec.name in inputs_of(schema, r.facts())]
                focus = {spec.name, *(f for r in readers for f in r.facts())}
                found = budget.find(
                    subjects(framework, kind, focus=focus), worse, grid(framework, kind, focus, seed=seed)
                )
                if found is None:
                    continue
                worse(found)
                improved, before, after = pairs[0]
                culprits = _worse_rules(before._source, after._source) if before._source and after._source else []
                direction = "raising" if spec.direction.value == "higher" else "lowering"
                violations.append(
                    Violation(
                        "monotonicity",
                        kind,
                        f"{direction} {spec.name} ({found.facts[spec.name]!r} → {improved.facts[spec.name]!r}) makes the "
                        f"result worse" + (f" through {', '.join(culprits)}" if culprits else ""),
                        rule_id=culprits[0] if culprits else None,
                        fact=spec.name,
                        examples=(found, improved),
                        outcomes=(_describe(before), _describe(after)),
                        exempted_by=_exempted(framework, "monotonicity", culprits),
                    )
                )
    return violations


# -- agreement ------------------------------------------------------------------------------------


def check_agreement(
    framework: Framework,
    *,
    examples: int = 100,
    seed: int = 0,
    backend: str = "durable",
    kinds: Iterable[Kind | str] | None = None,
) -> list[Violation]:
    """The durable_rules backend and the interpreter give the same outcome for every rule (and
    so the same result) on every generated subject; a subject one backend refuses with an error
    and the other evaluates is a disagreement too."""
    if not durable_available():
        return []
    budget = _Budget(examples, seed)
    violations = []
    with Evaluator(framework, backend="durable") as engine, Evaluator(framework, backend="python") as oracle:
        for kind in _kinds(framework, kinds):
            found_rules: dict[int, tuple[list[str], str, str]] = {}

            def disagree(subject: Subject, found_rules: dict[int, tuple[list[str], str, str]] = found_rules) -> bool:
                left, right = _attempt(engine, subject), _attempt(oracle, subject)
                if isinstance(left, str) or isinstance(right, str):
                    if isinstance(left, str) and isinstance(right, str):
                        return False  # both refuse the subject: the totality property's business
                    first = left if isinstance(left, str) else _describe(left)
                    second = right if isinstance(right, str) else _describe(right)
                    found_rules[0] = ([], f"durable: {first}", f"python: {second}")
                    return True
                if left._source is None or right._source is None:
                    return False
                a, b = left._source.outcomes, right._source.outcomes
                rules = [rule for rule in a if a[rule] != b[rule]]
                if rules or (left.grade, left.four_good) != (right.grade, right.four_good):
                    shown = [f"{r}: durable {a[r].value}, python {b[r].value}" for r in rules]
                    found_rules[0] = (
                        rules,
                        f"durable: {_describe(left)}",
                        f"python: {_describe(right)}" + (f" ({'; '.join(shown)})" if shown else ""),
                    )
                    return True
                return False

            seeds = grid(framework, kind, _all_read(framework, kind), seed=seed)
            found = budget.find(subjects(framework, kind, missing=True), disagree, seeds)
            if found is not None:
                disagree(found)
                rules, first, second = found_rules[0]
                violations.append(
                    Violation(
                        "agreement",
                        kind,
                        "the backends disagree" + (f" on {', '.join(rules)}" if rules else ""),
                        rule_id=rules[0] if rules else None,
                        examples=(found,),
                        outcomes=(first, second),
                    )
                )
    return violations


# -- coverage -------------------------------------------------------------------------------------


def _binding(rule_id: str, evaluation: Evaluation) -> bool:
    """Whether the sanction ``rule_id`` decided something for this subject: without it the
    grade would be higher (a veto or a cap) or Four-Good granted (a block)."""
    source = evaluation._source
    if source is None or rule_id not in source.counted or not evaluation.graded:
        return False
    rules = {r.id: r for r in source.view.rules}
    rule = rules[rule_id]
    others = [rules[r] for r in source.sanctions if r != rule_id]
    limit = rule.veto or rule.cap
    if limit is not None:
        without = source.base.grade
        for other in others:
            other_limit = other.veto or other.cap
            if other_limit is not None and other_limit < without:
                without = other_limit
        if without is Grade.EXCELLENT and source.framework.policy.excellent_requires_good_dimensions:
            if not all(d.good for d in evaluation.dimensions):
                without = Grade.GOOD
        return bool(limit < without)
    if rule.blocks_four_good:
        others_block = any(o.blocks_four_good for o in others)
        grade = evaluation.grade
        return (
            not others_block
            and bool(evaluation.dimensions)
            and all(d.good for d in evaluation.dimensions)
            and grade is not None
            and grade >= source.framework.policy.four_good_min_grade
        )
    return True


def _has_grade(grade: Grade) -> Callable[[Evaluation], bool]:
    return lambda result: result.grade is grade


def check_coverage(
    framework: Framework,
    *,
    examples: int = 100,
    seed: int = 0,
    backend: str = "python",
    kinds: Iterable[Kind | str] | None = None,
) -> list[Violation]:
    """Every rule is met by some subject and not met by another; every grade, and both
    verdicts for organisations, are reachable; every veto, cap and block decides something.

    Rules that apply only under a grading regime not in force in the framework's period (the
    reference's regime-124 rules, in a framework in force from 2025) are left out."""
    budget = _Budget(examples, seed)
    violations = []
    with Evaluator(framework, backend=backend) as evaluator:
        for kind in _kinds(framework, kinds):
            view = framework.view(kind)
            strategy = subjects(framework, kind)

            def outcome_of(rule_id: str, wanted: Outcome) -> Callable[[Subject], bool]:
                def test(subject: Subject) -> bool:
                    result = _evaluate(evaluator, subject)
                    return (
                        result is not None and result._source is not None and result._source.outcomes[rule_id] is wanted
                    )

                return test

            best = grid(framework, kind, ())  # every fact at its better end: the plainest example
            in_force = [rule for rule in view.rules if _in_force(framework, kind, rule)]
            witnesses: list[Subject] = []  # subjects that met, or missed, a rule: seeds for the rest
            for rule in in_force:
                focused = subjects(framework, kind, focus=rule.facts())
                seeds = grid(framework, kind, rule.facts(), seed=seed)
                for wanted, words in ((Outcome.MET, "met"), (Outcome.NOT_MET, "not met")):
                    witness = budget.find(focused, outcome_of(rule.id, wanted), seeds)
                    if witness is not None:
                        witnesses.append(witness)
                    else:
                        other, other_words = (
                            (Outcome.NOT_MET, "not met") if wanted is Outcome.MET else (Outcome.MET, "met")
                        )
                        example = next((s for s in (*best, *seeds) if outcome_of(rule.id, other)(s)), None)
                        violations.append(
                            Violation(
                                "coverage",
                                kind,
                                f"rule {rule.id} is never {words} in {examples} generated {kind.value}s"
                                + (
                                    " (a dead rule: it can never apply)"
                                    if wanted is Outcome.MET
                                    else " (it always applies)"
                                ),
                                rule_id=rule.id,
                                examples=(example,) if example is not None else (),
                                outcomes=(f"{rule.id}: {other_words} here, as everywhere it was tried",)
                                if example is not None
                                else (),
                                exempted_by=_exempted(framework, "coverage", [rule.id]),
                            )
                        )
            everything = [
                *best,
                *grid(framework, kind, _grading_facts(framework, kind)),
                *grid(framework, kind, _all_read(framework, kind), seed=seed),
            ]
            targets: list[tuple[str, Callable[[Evaluation], bool], list[Rule]]] = [
                (f"grade {grade.value}", _has_grade(grade), [r for r in in_force if (r.veto or r.cap) is grade])
                for grade in Grade
            ]
            if view.dimensions:
                targets += [
                    ("Four-Good", lambda r: r.four_good, []),
                    ("not Four-Good", lambda r: r.graded and not r.four_good, []),
                ]
            tops: list[Subject] = []  # the best results reached: where a sanction can make a difference
            for label, wanted_result, limiting in targets:

                def reaches(subject: Subject, wanted_result: Callable[[Evaluation], bool] = wanted_result) -> bool:
                    result = _evaluate(evaluator, subject)
                    return result is not None and wanted_result(result)

                # Also tried: the subjects that met or missed each rule, and, for a grade a veto
                # or a cap gives, the subjects where that rule applies.
                limited = itertools.chain(
                    everything,
                    witnesses,
                    (s for rule in limiting for s in grid(framework, kind, rule.facts(), seed=seed, limit=64)),
                )
                reached = budget.find(strategy, reaches, limited)
                if reached is None:
                    violations.append(
                        Violation("coverage", kind, f"{label} is never reached in {examples} generated {kind.value}s")
                    )
                elif label in ("grade EXCELLENT", "Four-Good"):
                    tops.append(reached)
            for rule in in_force:
                if not rule.sanction:
                    continue

                def binds(subject: Subject, rule_id: str = rule.id) -> bool:
                    result = _evaluate(evaluator, subject)
                    return result is not None and _binding(rule_id, result)

                focus = rule.facts()
                near_top = itertools.chain(
                    grid(framework, kind, focus, seed=seed),
                    (s for top in tops for s in grid(framework, kind, focus, seed=seed, limit=64, base=top.facts)),
                )
                if budget.find(subjects(framework, kind, focus=focus), binds, near_top) is None:
                    violations.append(
                        Violation(
                            "coverage",
                            kind,
                            f"rule {rule.id} never changes any outcome in {examples} generated {kind.value}s "
                            "(whenever it applies, another rule already decides as much)",
                            rule_id=rule.id,
                            exempted_by=_exempted(framework, "coverage", [rule.id]),
                        )
                    )
    return violations


# -- consistency ----------------------------------------------------------------------------------


def _all_apply(
    framework: Framework, kind: Kind, evaluator: Evaluator, budget: _Budget, rule_ids: Sequence[str]
) -> tuple[Subject | None, tuple[str, ...]]:
    """A subject that meets every rule of ``rule_ids`` at once, and what it was given, in words."""
    rules = {r.id: r for r in framework.view(kind).rules}
    focus = {name for rule_id in rule_ids for name in rules[rule_id].facts()}
    witness = budget.find(
        subjects(framework, kind, focus=focus),
        lambda subject: _met(evaluator, subject, rule_ids) is not None,
        grid(framework, kind, focus, seed=budget.seed),
    )
    result = _met(evaluator, witness, rule_ids) if witness is not None else None
    if result is None:
        return None, ()
    return witness, (f"{', '.join(rule_ids)} all apply here", f"evaluated: {_describe(result)}")


def check_consistency(
    framework: Framework,
    *,
    examples: int = 100,
    seed: int = 0,
    backend: str = "python",
    kinds: Iterable[Kind | str] | None = None,
) -> list[Violation]:
    """No two rules with the same condition contradict each other (two different caps or
    vetoes, or a reward and a sanction), and no veto or cap is always shadowed by a stronger
    one that applies whenever it does."""
    budget = _Budget(examples, seed)
    violations = []
    with Evaluator(framework, backend=backend) as evaluator:
        for kind in _kinds(framework, kinds):
            view = framework.view(kind)
            by_condition: dict[str, list[Any]] = {}
            for rule in view.rules:
                key = repr(negation_normal_form(resolve(rule.when, view.params))) + "|" + repr(rule.applies)
                by_condition.setdefault(key, []).append(rule)
            for rules in by_condition.values():
                sanctions = [r for r in rules if r.sanction and (r.veto or r.cap)]
                limits = {(r.veto or r.cap) for r in sanctions}
                if len(limits) > 1:
                    ids = [r.id for r in sanctions]
                    shown = ", ".join(
                        f"{r.id} ({'veto' if r.veto else 'cap'} {(r.veto or r.cap).value})" for r in sanctions
                    )
                    exempted = _exempted(framework, "consistency", ids)
                    witness, outcomes = (None, ()) if exempted else _all_apply(framework, kind, evaluator, budget, ids)
                    violations.append(
                        Violation(
                            "consistency",
                            kind,
                            f"rules with the same condition contradict each other: {shown}; only the lowest can ever apply",
                            rule_id=ids[0],
                            examples=(witness,) if witness is not None else (),
                            outcomes=outcomes,
                            exempted_by=exempted,
                        )
                    )
                rewards = [r for r in rules if r.scoring]
                if rewards and sanctions:
                    ids = [r.id for r in (*rewards, *sanctions)]
                    violations.append(
                        Violation(
                            "consistency",
                            kind,
                            f"the same condition is rewarded by {', '.join(r.id for r in rewards)} and sanctioned by "
                            f"{', '.join(r.id for r in sanctions)}",
                            rule_id=ids[0],
                            exempted_by=_exempted(framework, "consistency", ids),
                        )
                    )
            in_force = [rule for rule in view.rules if _in_force(framework, kind, rule)]
            for rule in in_force:
                limit = rule.veto or rule.cap
                if limit is None:
                    continue
                stronger = [
                    other
                    for other in in_force
                    if other.id != rule.id
                    and (other.veto or other.cap) is not None
                    and (other.veto or other.cap) <= limit
                ]
                if not stronger:
                    continue

                def unshadowed(subject: Subject, rule_id: str = rule.id, stronger: Sequence[Any] = stronger) -> bool:
                    result = _evaluate(evaluator, subject)
                    if result is None or result._source is None or rule_id not in result._source.counted:
                        return False
                    return not any(o.id in result._source.counted for o in stronger)

                focused = subjects(framework, kind, focus=rule.facts())
                seeds = grid(framework, kind, rule.facts(), seed=seed)
                applies_alone = budget.find(focused, unshadowed, seeds)
                if applies_alone is None:

                    def applies(subject: Subject, rule_id: str = rule.id) -> bool:
                        result = _evaluate(evaluator, subject)
                        return result is not None and result._source is not None and rule_id in result._source.counted

                    applied = budget.find(focused, applies, seeds)
                    if applied is not None:  # it applies, but never alone
                        result = _evaluate(evaluator, applied)
                        assert result is not None and result._source is not None
                        also = [o.id for o in stronger if o.id in result._source.counted]
                        violations.append(
                            Violation(
                                "consistency",
                                kind,
                                f"rule {rule.id} is shadowed: whenever it applies, a veto or cap at least as strong "
                                f"applies too (in the example: {', '.join(also)})",
                                rule_id=rule.id,
                                examples=(applied,),
                                outcomes=(f"evaluated: {_describe(result)}",),
                                exempted_by=_exempted(framework, "consistency", [rule.id]),
                            )
                        )
    return violations


# -- trace completeness ---------------------------------------------------------------------------


def check_trace(
    framework: Framework,
    *,
    examples: int = 100,
    seed: int = 0,
    backend: str = "python",
    kinds: Iterable[Kind | str] | None = None,
) -> list[Violation]:
    """The grade, verdict and dimensions recomputed from the trace alone equal the evaluation's."""
    budget = _Budget(examples, seed)
    violations = []
    with Evaluator(framework, backend=backend) as evaluator:
        for kind in _kinds(framework, kinds):
            seen: dict[int, tuple[str, str]] = {}

            def incomplete(subject: Subject, seen: dict[int, tuple[str, str]] = seen) -> bool:
                result = _evaluate(evaluator, subject)
                if result is None:
                    return False
                grade, four_good, dimensions = recompute_decision(result.trace)
                actual = {d.name: (d.score, d.max, d.rating, d.good) for d in result.dimensions}
                if (grade, four_good, dimensions) != (result.grade, result.four_good, actual):
                    recomputed = f"{grade.value if grade else 'not graded'}, Four-Good {'yes' if four_good else 'no'}"
                    seen[0] = (f"evaluated: {_describe(result)}", f"from the trace: {recomputed}")
                    return True
                return False

            seeds = grid(framework, kind, _all_read(framework, kind), seed=seed)
            found = budget.find(subjects(framework, kind, missing=True), incomplete, seeds)
            if found is not None:
                incomplete(found)
                violations.append(
                    Violation(
                        "trace",
                        kind,
                        "the decision cannot be recomputed from the trace",
                        examples=(found,),
                        outcomes=seen[0],
                    )
                )
    return violations


PROPERTIES: dict[str, Callable[..., list[Violation]]] = {
    "totality": check_totality,
    "determinism": check_determinism,
    "monotonicity": check_monotonicity,
    "agreement": check_agreement,
    "coverage": check_coverage,
    "consistency": check_consistency,
    "trace": check_trace,
}


def audit(
    framework: Framework,
    *,
    examples: int = 100,
    seed: int = 0,
    properties: Iterable[str] | None = None,
    kinds: Iterable[Kind | str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> AuditReport:
    """Run the audit properties (all by default) and collect their violations.

    ``examples`` is the number of examples tried per search, ``seed`` makes the run
    reproducible; ``properties`` and ``kinds`` restrict it.  Raises
    :class:`~partyrules.errors.UnknownNameError` for a property or kind that does not exist.
    """
    names = list(properties) if properties is not None else list(PROPERTIES)
    for name in names:
        if name not in PROPERTIES:
            raise UnknownNameError("audit property", name, PROPERTIES)
    kinds = list(kinds) if kinds is not None else None
    for kind in kinds or ():
        if str(getattr(kind, "value", kind)) not in {k.value for k in Kind}:
            raise UnknownNameError("kind", str(kind), [k.value for k in Kind])
    violations: list[Violation] = []
    for name in names:
        if progress is not None:
            progress(name)
        violations.extend(PROPERTIES[name](framework, examples=examples, seed=seed, kinds=kinds))
    return AuditReport(
        framework.name, framework.version, framework.content_hash, seed, examples, tuple(names), tuple(violations)
    )


def counterexample_document(violation: Violation) -> dict[str, Any]:
    """The counterexample as an input file (``partyrules evaluate`` reads it)."""
    key = {Kind.MEMBER: "members", Kind.CELL: "cells", Kind.COMMITTEE: "committees"}[violation.kind]
    period = violation.examples[0].period if violation.examples else 2025
    items = []
    for index, subject in enumerate(violation.examples):
        label = (
            ("before", "after")[index]
            if violation.property == "monotonicity" and len(violation.examples) == 2
            else str(index + 1)
        )
        items.append({"id": f"counterexample-{label}", "facts": dict(sorted(subject.facts.items()))})
    return {"period": period, key: items}
