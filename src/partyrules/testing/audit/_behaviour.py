"""The behaviour properties: totality, determinism and the agreement of the two backends.

- :func:`check_totality`: every valid subject gets exactly one grade and one verdict, no exception;
- :func:`check_determinism`: the same subject gives byte-identical JSON whatever was evaluated
  before it, the order of subjects, or the order of the rules;
- :func:`check_agreement`: the durable_rules backend and the interpreter agree on every rule.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import attrs
from hypothesis import strategies as st

from ...engine import durable_available
from ...evaluator import Evaluator
from ...frameworks import Framework
from ...model import Kind, Outcome
from ...results import Evaluation
from ...serialize import evaluation_data
from ...subjects import Subject
from ...text.catalogue import Message, msg
from .._subjects import grid, subjects
from ._search import Budget, all_read, attempt, describe, evaluate, kinds_of
from .report import Violation


def _on(backend: str, result: str | Message, details: str | Message = "") -> Message:
    return msg("audit.on_backend", backend=backend, result=result, details=details)


def _outcome(outcome: Outcome) -> Message:
    return msg(f"outcome.{outcome.value}")


__all__ = ["check_agreement", "check_determinism", "check_totality"]


def check_totality(
    framework: Framework,
    *,
    examples: int = 100,
    seed: int = 0,
    backend: str = "python",
    kinds: Iterable[Kind | str] | None = None,
) -> list[Violation]:
    """Every valid subject (facts may be missing) gets exactly one grade and one verdict."""
    budget = Budget(examples, seed)
    violations = []
    missing_allowed = framework.policy.unknown.value != "error"
    with Evaluator(framework, backend=backend) as evaluator:
        for kind in kinds_of(framework, kinds):
            problems: dict[int, str | Message] = {}

            def fails(subject: Subject, problems: dict[int, str | Message] = problems) -> bool:
                try:
                    result = evaluator.evaluate(subject)
                except Exception as error:
                    problems[0] = f"{type(error).__name__}: {error}"
                    return True
                if result.graded != (result.grade is not None) or not isinstance(result.four_good, bool):
                    problems[0] = msg("audit.graded_without_grade", graded=result.graded, grade=result.grade)
                    return True
                return False

            seeds = grid(framework, kind, all_read(framework, kind), seed=seed)
            found = budget.find(subjects(framework, kind, missing=missing_allowed), fails, seeds)
            if found is not None:
                fails(found)
                violations.append(
                    Violation("totality", kind, problems.get(0, msg("audit.failed_unknown")), examples=(found,))
                )
    return violations


def _canonical(evaluation: Evaluation, framework: Framework) -> str:
    """JSON of an evaluation with its trace, independent of the order the framework lists its
    rules in."""
    data = evaluation_data(evaluation, framework=framework)

    def clean(item: dict[str, Any], subject: Evaluation) -> None:
        item["trace"].pop("framework_hash", None)
        item["trace"]["rules"] = sorted(item["trace"]["rules"], key=lambda step: step["rule_id"])
        evidence = subject.evidence  # the masks follow the rule order: as sets of rule ids instead
        proof = item["evidence"]
        for key in ("met", "unknown", "not_applicable", "counted"):
            proof.pop(key, None)
        proof.update(
            met=sorted(evidence.met),
            unknown=sorted(evidence.unknown),
            not_applicable=sorted(evidence.not_applicable),
            counted=sorted(evidence.counted),
        )
        for child_data, child in zip(item.get("children", ()), subject.children, strict=True):
            clean(child_data, child)

    clean(data, evaluation)
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
    budget = Budget(examples, seed)
    violations = []
    flipped = _reversed(framework)
    for kind in kinds_of(framework, kinds):
        strategy = st.tuples(subjects(framework, kind), st.lists(subjects(framework, kind), max_size=4))
        details: dict[int, tuple[Message, Message, Message]] = {}

        def differs(
            pair: tuple[Subject, list[Subject]], details: dict[int, tuple[Message, Message, Message]] = details
        ) -> bool:
            subject, before = pair
            with Evaluator(framework, backend=backend) as fresh:
                alone = evaluate(fresh, subject)
            with Evaluator(framework, backend=backend) as used:
                for other in before:
                    evaluate(used, other)
                after = evaluate(used, subject)
                rest = [evaluate(used, s) for s in reversed(before)]
                del rest
            with Evaluator(flipped, backend=backend) as other_order:
                reordered = evaluate(other_order, subject)
            if alone is None or after is None or reordered is None:
                return False
            texts = (_canonical(alone, framework), _canonical(after, framework), _canonical(reordered, flipped))
            if len(set(texts)) > 1:
                which = msg("audit.changes_after_others" if texts[0] != texts[1] else "audit.changes_with_order")
                details[0] = (which, describe(alone), describe(after if texts[0] != texts[1] else reordered))
                return True
            return False

        seeds: list[tuple[Subject, list[Subject]]] = [
            (subject, []) for subject in grid(framework, kind, all_read(framework, kind), seed=seed, limit=32)
        ]
        found = budget.find(strategy, differs, seeds)
        if found is not None:
            differs(found)
            which, first, second = details[0]
            violations.append(
                Violation(
                    "determinism",
                    kind,
                    which,
                    examples=(found[0], *found[1]),
                    outcomes=(first, second),
                )
            )
    return violations


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
    budget = Budget(examples, seed)
    violations = []
    with Evaluator(framework, backend="durable") as engine, Evaluator(framework, backend="python") as oracle:
        for kind in kinds_of(framework, kinds):
            found_rules: dict[int, tuple[list[str], Message, Message]] = {}

            def disagree(
                subject: Subject, found_rules: dict[int, tuple[list[str], Message, Message]] = found_rules
            ) -> bool:
                left, right = attempt(engine, subject), attempt(oracle, subject)
                if isinstance(left, str) or isinstance(right, str):
                    if isinstance(left, str) and isinstance(right, str):
                        return False  # both refuse the subject: the totality property's business
                    first = left if isinstance(left, str) else describe(left)
                    second = right if isinstance(right, str) else describe(right)
                    found_rules[0] = ([], _on("durable", first), _on("python", second))
                    return True
                a, b = left.evidence.outcomes, right.evidence.outcomes
                rules = [rule for rule in a if a[rule] != b[rule]]
                if rules or (left.grade, left.four_good) != (right.grade, right.four_good):
                    shown = [
                        msg("audit.rule_outcomes", rule=r, durable=_outcome(a[r]), python=_outcome(b[r])) for r in rules
                    ]
                    details = msg("audit.details", details="; ".join(str(m) for m in shown)) if shown else ""
                    found_rules[0] = (rules, _on("durable", describe(left)), _on("python", describe(right), details))
                    return True
                return False

            seeds = grid(framework, kind, all_read(framework, kind), seed=seed)
            found = budget.find(subjects(framework, kind, missing=True), disagree, seeds)
            if found is not None:
                disagree(found)
                rules, first, second = found_rules[0]
                violations.append(
                    Violation(
                        "agreement",
                        kind,
                        msg("audit.disagree_on", rules=", ".join(rules)) if rules else msg("audit.disagree"),
                        rule_id=rules[0] if rules else None,
                        examples=(found,),
                        outcomes=(first, second),
                    )
                )
    return violations
