"""The consistency property: no two caps or vetoes with the same condition contradict, no
rule is both rewarded and sanctioned, and no veto or cap is always shadowed by a stronger one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ...conditions import negation_normal_form, resolve
from ...evaluator import Evaluator
from ...frameworks import Framework
from ...model import Kind
from ...subjects import Subject
from ...text.catalogue import Message, msg
from .._subjects import grid, subjects
from ._search import Budget, can_apply, describe, evaluate, exemption_of, kinds_of, meets
from .report import Violation

__all__ = ["check_consistency"]


def _all_apply(
    framework: Framework, kind: Kind, evaluator: Evaluator, budget: Budget, rule_ids: Sequence[str]
) -> tuple[Subject | None, tuple[Message, ...]]:
    """A subject that meets every rule of ``rule_ids`` at once, and what it was given, in words."""
    rules = {r.id: r for r in framework.view(kind).rules}
    focus = {name for rule_id in rule_ids for name in rules[rule_id].facts()}
    witness = budget.find(
        subjects(framework, kind, focus=focus),
        lambda subject: meets(evaluator, subject, rule_ids) is not None,
        grid(framework, kind, focus, seed=budget.seed),
    )
    result = meets(evaluator, witness, rule_ids) if witness is not None else None
    if result is None:
        return None, ()
    return witness, (msg("audit.all_apply", rules=", ".join(rule_ids)), msg("audit.evaluated", result=describe(result)))


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
    budget = Budget(examples, seed)
    violations = []
    with Evaluator(framework, backend=backend) as evaluator:
        for kind in kinds_of(framework, kinds):
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
                    shown = [
                        msg("audit.veto" if r.veto else "audit.cap", rule=r.id, grade=msg(f"grade.short.{limit.value}"))
                        for r in sanctions
                        if (limit := r.veto or r.cap) is not None
                    ]
                    exempted = exemption_of(framework, "consistency", ids)
                    witness, outcomes = (None, ()) if exempted else _all_apply(framework, kind, evaluator, budget, ids)
                    violations.append(
                        Violation(
                            "consistency",
                            kind,
                            msg("audit.contradict", shown=shown),
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
                            msg(
                                "audit.rewarded_and_sanctioned",
                                rewards=", ".join(r.id for r in rewards),
                                sanctions=", ".join(r.id for r in sanctions),
                            ),
                            rule_id=ids[0],
                            exempted_by=exemption_of(framework, "consistency", ids),
                        )
                    )
            in_force = [rule for rule in view.rules if can_apply(framework, kind, rule)]
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
                    result = evaluate(evaluator, subject)
                    if result is None or rule_id not in result.evidence.counted:
                        return False
                    return not any(o.id in result.evidence.counted for o in stronger)

                focused = subjects(framework, kind, focus=rule.facts())
                seeds = grid(framework, kind, rule.facts(), seed=seed)
                applies_alone = budget.find(focused, unshadowed, seeds)
                if applies_alone is None:

                    def applies(subject: Subject, rule_id: str = rule.id) -> bool:
                        result = evaluate(evaluator, subject)
                        return result is not None and rule_id in result.evidence.counted

                    applied = budget.find(focused, applies, seeds)
                    if applied is not None:  # it applies, but never alone
                        result = evaluate(evaluator, applied)
                        assert result is not None
                        also = [o.id for o in stronger if o.id in result.evidence.counted]
                        violations.append(
                            Violation(
                                "consistency",
                                kind,
                                msg("audit.shadowed", rule=rule.id, also=", ".join(also)),
                                rule_id=rule.id,
                                examples=(applied,),
                                outcomes=(msg("audit.evaluated", result=describe(result)),),
                                exempted_by=exemption_of(framework, "consistency", [rule.id]),
                            )
                        )
    return violations
