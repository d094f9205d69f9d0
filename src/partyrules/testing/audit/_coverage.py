"""The coverage property: every rule is met by some subject and not met by another, every grade
and both verdicts are reachable, every veto, cap and block decides something."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable

from ...evaluator import Evaluator
from ...frameworks import Framework
from ...model import Grade, Kind, Outcome
from ...results import Evaluation
from ...rules import Rule
from ...scoring import Sanctions, decide
from ...subjects import Subject
from ...text.catalogue import Message, msg
from .._subjects import grid, subjects
from ._search import Budget, all_read, can_apply, evaluate, exemption_of, grading_facts, kinds_of
from .report import Violation

__all__ = ["check_coverage"]


def _binding(rule_id: str, evaluation: Evaluation, framework: Framework) -> bool:
    """Whether the sanction ``rule_id`` decided something for this subject: without it, the
    one decision function gives another grade or verdict."""
    evidence = evaluation.evidence
    if rule_id not in evidence.counted or not evaluation.graded:
        return False
    sanctions = Sanctions.of(framework.view(evaluation.kind).rules)
    without = decide(evidence.base, evaluation.dimensions, evidence.counted - {rule_id}, sanctions, framework.policy)
    return (without.grade, without.four_good) != (evaluation.grade, evaluation.four_good)


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
    budget = Budget(examples, seed)
    violations = []
    with Evaluator(framework, backend=backend) as evaluator:
        for kind in kinds_of(framework, kinds):
            view = framework.view(kind)
            strategy = subjects(framework, kind)

            def outcome_of(rule_id: str, wanted: Outcome) -> Callable[[Subject], bool]:
                def test(subject: Subject) -> bool:
                    result = evaluate(evaluator, subject)
                    return result is not None and result.evidence.outcome(rule_id) is wanted

                return test

            best = grid(framework, kind, ())  # every fact at its better end: the plainest example
            in_force = [rule for rule in view.rules if can_apply(framework, kind, rule)]
            witnesses: list[Subject] = []  # subjects that met, or missed, a rule: seeds for the rest
            for rule in in_force:
                focused = subjects(framework, kind, focus=rule.facts())
                seeds = grid(framework, kind, rule.facts(), seed=seed)
                for wanted in (Outcome.MET, Outcome.NOT_MET):
                    witness = budget.find(focused, outcome_of(rule.id, wanted), seeds)
                    if witness is not None:
                        witnesses.append(witness)
                    else:
                        other = Outcome.NOT_MET if wanted is Outcome.MET else Outcome.MET
                        example = next((s for s in (*best, *seeds) if outcome_of(rule.id, other)(s)), None)
                        violations.append(
                            Violation(
                                "coverage",
                                kind,
                                msg(
                                    "audit.never",
                                    rule=rule.id,
                                    outcome=msg(f"outcome.{wanted.value}"),
                                    examples=examples,
                                    kind=kind.word,
                                    why=msg("audit.dead" if wanted is Outcome.MET else "audit.always"),
                                ),
                                rule_id=rule.id,
                                examples=(example,) if example is not None else (),
                                outcomes=(msg("audit.here_too", rule=rule.id, outcome=msg(f"outcome.{other.value}")),)
                                if example is not None
                                else (),
                                exempted_by=exemption_of(framework, "coverage", [rule.id]),
                            )
                        )
            everything = [
                *best,
                *grid(framework, kind, grading_facts(framework, kind)),
                *grid(framework, kind, all_read(framework, kind), seed=seed),
            ]
            targets: list[tuple[Message, Callable[[Evaluation], bool], list[Rule], bool]] = [
                (
                    msg("audit.target_grade", grade=msg(f"grade.short.{grade.value}")),
                    _has_grade(grade),
                    [r for r in in_force if (r.veto or r.cap) is grade],
                    grade is Grade.EXCELLENT,
                )
                for grade in Grade
            ]
            if view.dimensions:
                targets += [
                    (msg("audit.target_four_good"), lambda r: r.four_good, [], True),
                    (msg("audit.target_not_four_good"), lambda r: r.graded and not r.four_good, [], False),
                ]
            tops: list[Subject] = []  # the best results reached: where a sanction can make a difference
            for label, wanted_result, limiting, top in targets:

                def reaches(subject: Subject, wanted_result: Callable[[Evaluation], bool] = wanted_result) -> bool:
                    result = evaluate(evaluator, subject)
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
                        Violation(
                            "coverage",
                            kind,
                            msg("audit.unreached", target=label, examples=examples, kind=kind.word),
                        )
                    )
                elif top:
                    tops.append(reached)
            for rule in in_force:
                if not rule.sanction:
                    continue

                def binds(subject: Subject, rule_id: str = rule.id) -> bool:
                    result = evaluate(evaluator, subject)
                    return result is not None and _binding(rule_id, result, framework)

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
                            msg("audit.no_effect", rule=rule.id, examples=examples, kind=kind.word),
                            rule_id=rule.id,
                            exempted_by=exemption_of(framework, "coverage", [rule.id]),
                        )
                    )
    return violations
