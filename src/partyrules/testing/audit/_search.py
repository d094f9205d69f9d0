"""The driver the audit properties share: the search budget, and the helpers that evaluate a
subject and read its evidence (public names only)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from typing import Any

from hypothesis import HealthCheck, find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample, Unsatisfiable

from ...conditions import facts_read
from ...engine.interpret import evaluate as evaluate_condition
from ...errors import PartyrulesError
from ...evaluator import Evaluator
from ...frameworks import Framework
from ...model import Grade, Kind, Outcome
from ...regimes import REGIME_FACT, regime_for_year
from ...results import Evaluation
from ...rules import Rule
from ...subjects import Subject
from ...text.catalogue import Message, Words, msg
from .._subjects import years_for

__all__ = [
    "Budget",
    "all_read",
    "attempt",
    "can_apply",
    "describe",
    "evaluate",
    "exemption_of",
    "grading_facts",
    "kinds_of",
    "meets",
]


class Budget:
    """Settings for one property's searches: ``examples`` tries each, derandomised by ``seed``."""

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


def grading_facts(framework: Framework, kind: Kind) -> set[str]:
    """The facts a kind's grade is computed from."""
    return set(framework.view(kind).grading.facts)


def all_read(framework: Framework, kind: Kind) -> set[str]:
    """Every fact a rule reads, and those the grade is computed from."""
    return {name for rule in framework.view(kind).rules for name in rule.facts()} | grading_facts(framework, kind)


def kinds_of(framework: Framework, kinds: Iterable[Kind | str] | None) -> list[Kind]:
    """The kinds asked for (default: all) that the framework has rules for."""
    wanted = [Kind(k) for k in kinds] if kinds is not None else list(framework.kinds)
    return [k for k in wanted if k in framework.kinds]


def can_apply(framework: Framework, kind: Kind, rule: Rule) -> bool:
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


def evaluate(evaluator: Evaluator, subject: Subject) -> Evaluation | None:
    """The evaluation of ``subject``, or ``None`` when it raises (the totality property reports that)."""
    try:
        return evaluator.evaluate(subject)
    except Exception:
        return None


def exemption_of(framework: Framework, prop: str, rules: Iterable[str]) -> Words | None:
    """The reasons the framework exempts every rule of ``rules`` from ``prop`` (in both
    languages), or ``None``."""
    rules = list(dict.fromkeys(rules))
    if not rules:
        return None
    found = {e.rule_id: e for e in framework.exemptions if e.property == prop}
    if not all(r in found for r in rules):
        return None
    vi = "; ".join(f"{r}: {found[r].reason_vi or found[r].reason}" for r in rules)
    return Words(vi, "; ".join(f"{r}: {found[r].reason}" for r in rules))


def attempt(evaluator: Evaluator, subject: Subject) -> Evaluation | str:
    """The evaluation of ``subject``, or the error it raised, in words."""
    try:
        return evaluator.evaluate(subject)
    except Exception as error:
        return f"{type(error).__name__}: {error}"


def meets(evaluator: Evaluator, subject: Subject, rule_ids: Iterable[str]) -> Evaluation | None:
    """The evaluation of ``subject`` if it meets every rule of ``rule_ids``, else ``None``."""
    result = evaluate(evaluator, subject)
    if result is None:
        return None
    evidence = result.evidence
    return result if all(evidence.outcome(r) is Outcome.MET for r in rule_ids) else None


def describe(evaluation: Evaluation) -> Message:
    """An evaluation's grade and verdict, in words."""
    return result_words(evaluation.grade, evaluation.four_good)


def result_words(grade: Grade | None, four_good: bool) -> Message:
    """A grade (or "not graded") and the Four-Good verdict, in words."""
    grade_words = msg(f"grade.short.{grade.value}") if grade is not None else msg("word.not_graded")
    return msg("audit.result", grade=grade_words, four_good=msg("word.yes" if four_good else "word.no"))
