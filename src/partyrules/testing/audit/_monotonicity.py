"""The monotonicity property: improving one fact in its better direction never lowers the
grade and never revokes Four-Good."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ...evaluator import Evaluator
from ...facts import FactSpec, FactType, FactValue
from ...frameworks import Framework
from ...model import Kind
from ...results import Evaluation
from ...rules import Rule
from ...subjects import Subject
from ...text.catalogue import msg
from .._subjects import generated_facts, grid, inputs_of, subjects
from ._search import Budget, describe, evaluate, exemption_of, kinds_of
from .report import Violation

__all__ = ["check_monotonicity"]


def _improved(spec: FactSpec, value: FactValue) -> FactValue | None:
    """One step better than ``value`` in the fact's direction, or ``None`` at the end."""
    higher = spec.direction.value == "higher"
    if spec.type is FactType.BOOL:
        better = higher
        return better if value != better else None
    if spec.type is FactType.STR:
        if not spec.choices or value not in spec.choices:
            return None
        index = spec.choices.index(value) + (1 if higher else -1)
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


def _worse_rules(before: Evaluation, after: Evaluation, rules: Iterable[Rule]) -> list[str]:
    """Rules whose effect turned against the subject between two evaluations."""
    culprits = []
    for rule in rules:
        was, now = rule.id in before.evidence.counted, rule.id in after.evidence.counted
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
    budget = Budget(examples, seed)
    violations = []
    with Evaluator(framework, backend=backend) as evaluator:
        for kind in kinds_of(framework, kinds):
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
                    before = evaluate(evaluator, subject)
                    after = evaluate(evaluator, improved)
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
                culprits = _worse_rules(before, after, framework.view(kind).rules)
                direction = msg("audit.raising" if spec.direction.value == "higher" else "audit.lowering")
                violations.append(
                    Violation(
                        "monotonicity",
                        kind,
                        msg(
                            "audit.worse",
                            direction=direction,
                            fact=spec.name,
                            before=repr(found.facts[spec.name]),
                            after=repr(improved.facts[spec.name]),
                            through=msg("audit.through", rules=", ".join(culprits)) if culprits else "",
                        ),
                        rule_id=culprits[0] if culprits else None,
                        fact=spec.name,
                        examples=(found, improved),
                        outcomes=(describe(before), describe(after)),
                        exempted_by=exemption_of(framework, "monotonicity", culprits),
                    )
                )
    return violations
