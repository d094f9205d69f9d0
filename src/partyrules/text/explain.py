"""Evaluations and their traces in words, in Vietnamese (``vi``) or English (``en``).

The default text is compact (the grade, the verdict, and what kept the subject from the next
level); ``full=True`` adds every dimension and every rule with the values it read.  Titles come
from the framework (through the trace): a local framework's own dimensions and rules print with
their own titles, and a rule's title shows the parameter values in force.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..conditions import Compare, Condition, Leaf, Param, fold
from ..frameworks import Framework
from ..model import Grade, Kind, Outcome, Rating, Reason
from ..results import Evaluation
from ..rules import PLACEHOLDER
from ..trace import ChildSummary, RuleStep, Trace
from ..tracing import build_trace
from .catalogue import render, safe

__all__ = [
    "condition_text",
    "explain",
    "grade_text",
    "period_text",
    "rating_text",
    "reason_text",
    "reasons_text",
    "results_text",
    "rule_title",
    "summary_line",
]

SYMBOL = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "=", "!=": "≠"}
#: Outcome → (symbol, catalogue key); a veto, cap or block names what it checks, so "met"
#: there would read as the requirement being met: it reads "applies".
OUTCOME = {
    Outcome.MET: ("✓", "outcome.met"),
    Outcome.NOT_MET: ("✗", "outcome.not_met"),
    Outcome.UNKNOWN: ("?", "outcome.unknown"),
    Outcome.NOT_APPLICABLE: ("–", "outcome.not_applicable"),
}
SANCTION_OUTCOME = {Outcome.MET: ("!", "outcome.applies"), Outcome.NOT_MET: ("✓", "outcome.does_not_apply")}
SANCTIONS = ("veto", "cap", "blocks_four_good", "excludes")


def _w(key: str, lang: str, **args: Any) -> str:
    return render(f"word.{key}", lang, args)


def _num(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def grade_text(grade: Grade | str | None, lang: str) -> str:
    """HTXSNV / HTTNV / HTNV / KHTNV in Vietnamese, the grade's name in English."""
    if grade is None:
        return _w("not_graded", lang)
    value = grade if isinstance(grade, Grade) else Grade(grade)
    return render(f"grade.short.{value.value}", lang)


def rating_text(rating: Rating | str, lang: str) -> str:
    """Xuất sắc / Tốt / Trung bình / Kém, or excellent / good / average / poor."""
    value = rating if isinstance(rating, Rating) else Rating(rating)
    return render(f"rating.{value.value}", lang)


def period_text(in_force: tuple[int | None, int | None]) -> str:
    """An effective period: ``2023–…``."""
    start, end = in_force
    return f"{start or '…'}–{end or '…'}"


def _fmt(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else repr(value)
    if value is None:
        return "?"
    if isinstance(value, str):
        return repr(value)
    return str(value)


def condition_text(condition: Condition, facts: Mapping[str, Any], params: Mapping[str, Any]) -> str:
    """A condition with the values it read: ``regular_meetings_held (11) ≥ regular_meetings_required (12)``."""

    def operand(value: object) -> str:
        if isinstance(value, Param):
            return f"{value.name} ({_fmt(params.get(value.name))})"
        return _fmt(value)

    def leaf(node: Leaf) -> str:
        got = f"{node.fact} ({_fmt(facts.get(node.fact))})"
        if isinstance(node, Compare):
            return f"{got} {SYMBOL[node.op]} {operand(node.value)}"
        return f"{got} ∈ {{{', '.join(operand(v) for v in node.values)}}}"

    return fold(
        condition,
        leaf=leaf,
        all_=lambda items: "(" + " and ".join(items) + ")",
        any_=lambda items: "(" + " or ".join(items) + ")",
        not_=lambda inner: f"not ({inner})",
    )


def _param_value(value: object, name: str, units: Mapping[str, str]) -> str:
    if units.get(name) == "share" and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:.0%}" if abs(value * 100 - round(value * 100)) < 1e-9 else f"{value:.1%}"
    return _num(value)


def rule_title(step: RuleStep, lang: str, units: Mapping[str, str] | None = None) -> str:
    """The rule's title in ``lang``, with the parameter values in force in place of ``{name}``
    (a share as a percentage)."""
    title = step.title_vi if lang == "vi" else step.title_en
    units = units or {}

    def value(match: Any) -> str:
        name = match.group(1)
        return _param_value(step.params.get(name), name, units) if name in step.params else match.group(0)

    return PLACEHOLDER.sub(value, title)


class _Words:
    """Words for one trace: reasons with the titles and conditions of its rules and dimensions."""

    def __init__(
        self, trace: Trace, lang: str, units: Mapping[str, str], titles: Mapping[str, str] | None = None
    ) -> None:
        self.trace = trace
        self.lang = lang
        self.units = units
        #: fact name → its title in ``lang`` (a member's criteria are facts)
        self.titles = titles or {}
        self.steps = {step.rule_id: step for step in trace.rules}
        self.dimensions = {d.name: d for d in trace.dimensions}

    def dimension(self, name: str) -> str:
        step = self.dimensions.get(name)
        if step is None:
            return name
        if self.lang == "vi":
            return step.short_vi or step.title_vi or name
        return step.short_en or step.title_en or name

    def criterion(self, name: str) -> str:
        """A criterion in words: a dimension's short title, or a fact's title (never its id)."""
        if name in self.dimensions:
            return self.dimension(name)
        return self.titles.get(name, name)

    def dimension_title(self, name: str) -> str:
        step = self.dimensions.get(name)
        if step is None:
            return name
        return (step.title_vi if self.lang == "vi" else step.title_en) or name

    def reason(self, reason: Reason) -> str:
        args: dict[str, Any] = {
            k: _num(v) if not isinstance(v, tuple) else ", ".join(v) for k, v in reason.args.items()
        }
        rule_id = reason.args.get("rule")
        step = self.steps.get(str(rule_id)) if rule_id is not None else None
        if step is not None:
            args["title"] = rule_title(step, self.lang, self.units)
            args["condition"] = condition_text(step.when, step.facts, step.params)
        if isinstance(reason.args.get("grade"), str):
            args["grade"] = grade_text(str(reason.args["grade"]), self.lang)
        needed = reason.args.get("needed")
        if reason.code == "grade_below" and isinstance(needed, str):
            args["needed"] = grade_text(needed, self.lang)
        elif reason.code == "task_rating_below" and isinstance(needed, str):
            args["needed"] = rating_text(needed, self.lang)
        if isinstance(reason.args.get("rating"), str):
            args["rating"] = rating_text(str(reason.args["rating"]), self.lang)
        if isinstance(reason.args.get("criteria"), tuple):
            args["criteria"] = ", ".join(self.criterion(str(n)) for n in reason.args["criteria"])  # type: ignore[union-attr]
        if isinstance(reason.args.get("task"), str):
            args["task"] = self.criterion(str(reason.args["task"]))
        if "dimension" in reason.args:
            args["dimension"] = self.dimension(str(reason.args["dimension"]))
        if "dimensions" in reason.args:
            args["dimensions"] = ", ".join(self.dimension(n) for n in reason.args["dimensions"])  # type: ignore[union-attr]
        if reason.code in ("quota_moved", "quota_kept"):
            args["base"] = render(f"review.base.{reason.args['base']}", self.lang)
            args["rounding"] = render(f"review.rounding.{reason.args['rounding']}", self.lang)
        if reason.code == "share_below":
            args["needed_pct"] = f"{float(reason.args['needed'] or 0):.0%}"  # type: ignore[arg-type]
        return render(f"reason.{reason.code}", self.lang, args)


def reason_text(reason: Reason, trace: Trace, lang: str = "vi") -> str:
    """One reason in words, with the titles and conditions of ``trace``."""
    return _Words(trace, lang, {}).reason(reason)


def _units(framework: Framework) -> dict[str, str]:
    return {name: spec.unit for name, spec in framework.parameter_specs.items()}


_TITLES: dict[tuple[str, str], dict[str, str]] = {}


def _titles(framework: Framework, lang: str) -> dict[str, str]:
    """Each fact's title in ``lang`` (made once per framework and language)."""
    key = (framework.content_hash, lang)
    found = _TITLES.get(key)
    if found is None:
        found = {}
        for kind in framework.kinds:
            for spec in framework.view(kind).schema.facts:
                title = spec.title_vi if lang == "vi" else spec.title_en
                if title:
                    found.setdefault(spec.name, title)
        if len(_TITLES) > 16:
            _TITLES.clear()
        _TITLES[key] = found
    return found


def _label(evaluation: Evaluation) -> str:
    return evaluation.subject_id + (f" ({evaluation.name})" if evaluation.name else "")


def _summary(evaluation: Evaluation, words: _Words | None, lang: str) -> str:
    grade = grade_text(evaluation.grade, lang)
    if evaluation.kind is Kind.MEMBER:
        text = f"{_label(evaluation)}: {grade}"
        if not evaluation.graded:
            rules = [", ".join(r.args.get("rules") or ()) for r in evaluation.evidence.four_good_blockers]  # type: ignore[arg-type]
            text += f" ({', '.join(rules)})"
        return text
    four = _w("yes", lang) if evaluation.four_good else _w("no", lang)
    text = f"{_label(evaluation)}: {grade} · {_w('four_good', lang)}: {four}"
    blockers = evaluation.evidence.four_good_blockers
    if not evaluation.four_good and blockers and words is not None:
        text += f" — {_w('why_not', lang)} " + "; ".join(words.reason(r) for r in blockers[:3])
    if not evaluation.complete:
        text += " " + _w("incomplete", lang)
    return text


def summary_line(evaluation: Evaluation, framework: Framework, lang: str = "vi") -> str:
    """``cell-01 (Chi bộ 1): HTTNV · Bốn tốt: không — vì …``"""
    words = (
        None
        if evaluation.kind is Kind.MEMBER
        else _Words(build_trace(evaluation, framework), lang, _units(framework), _titles(framework, lang))
    )
    return _summary(evaluation, words, lang)


def _decision_lines(words: _Words) -> Iterable[str]:
    trace, lang = words.trace, words.lang
    decision = trace.decision
    if decision.score is not None:
        yield f"{_w('score', lang)}: {_num(decision.score)}/100"
    if decision.quota is not None:
        yield words.reason(decision.quota)
    if decision.next_grade is not None and decision.grade_blockers:
        head = _w("next", lang, grade=grade_text(decision.next_grade, lang))
        yield head + ": " + "; ".join(words.reason(r) for r in decision.grade_blockers)
    if trace.kind is not Kind.MEMBER and not decision.four_good and decision.four_good_blockers:
        yield _w("why_not_four_good", lang) + ": " + "; ".join(words.reason(r) for r in decision.four_good_blockers)


def _rule_line(step: RuleStep, words: _Words) -> str:
    lang = words.lang
    sanction = step.effect in SANCTIONS
    symbol, key = (SANCTION_OUTCOME.get(step.outcome) if sanction else None) or OUTCOME[step.outcome]
    effect = render(f"effect.{step.effect}", lang)
    if step.effect_grade is not None:
        effect += f" {grade_text(step.effect_grade, lang)}"
    if step.points:
        effect += f" +{_num(step.points)}"
    condition = condition_text(step.when, step.facts, step.params)
    if step.applies is not None:
        condition += f" [{render('word.if', lang)} {condition_text(step.applies, step.facts, step.params)}]"
    return (
        f"{symbol} [{step.rule_id}] {rule_title(step, lang, words.units)}: {condition} → {render(key, lang)} "
        f"({effect}; {step.source}; {render(f'status.{step.status.value}', lang)})"
    )


def _children_line(children: Sequence[ChildSummary], kind: Kind, lang: str) -> str:
    four = [c.subject_id for c in children if c.four_good]
    not_four = [c.subject_id for c in children if not c.four_good]
    counts: dict[str, int] = {}
    for child in children:
        if child.graded:
            key = grade_text(child.grade, lang)
            counts[key] = counts.get(key, 0) + 1
    parts = ", ".join(f"{k} {v}" for k, v in counts.items())
    if kind is Kind.CELL:  # a cell's members: grades only, members have no Four-Good verdict
        return f"{len(children)} ({parts})"
    text = _w("children_four_good", lang, count=len(children), parts=parts, share=f"{len(four)}/{len(children)}")
    if not_four and kind is Kind.COMMITTEE:
        text += _w("not_four_good_list", lang, ids=", ".join(not_four))
    return text


def explain(
    evaluation: Evaluation, framework: Framework, lang: str = "vi", *, full: bool = False, depth: int = 0
) -> str:
    """The explanation of one evaluation; ``full`` lists every dimension and rule with the
    values it read, and then the listed children."""
    trace = build_trace(evaluation, framework)
    words = _Words(trace, lang, _units(framework), _titles(framework, lang))
    pad = "  " * depth
    lines = [pad + _summary(evaluation, words, lang)]
    lines.extend(pad + "  " + line for line in _decision_lines(words))
    if full:
        lines.append(
            pad
            + "  "
            + _w(
                "framework_line",
                lang,
                name=trace.framework,
                version=trace.framework_version,
                period=period_text(trace.framework_in_force),
                hash=trace.framework_hash[:12],
                regime=trace.regime,
                backend=trace.backend,
                policy=render(f"policy.unknown.{trace.unknown_policy.value}", lang),
            )
        )
        lines.append(pad + f"  {_w('dimensions', lang)}:")
        for dim in trace.dimensions:
            mark = "✓" if dim.good else "✗"
            lines.append(
                pad + f"    {mark} {words.dimension_title(dim.name)}: {_num(dim.score)}/{_num(dim.max)} "
                f"→ {rating_text(dim.rating, lang)}"
            )
            lines.extend(pad + f"        {words.reason(reason)}" for reason in dim.reasons)
        lines.append(pad + f"  {_w('rules', lang)}:")
        lines.extend(pad + "    " + _rule_line(step, words) for step in trace.rules)
    if trace.children:
        lines.append(pad + f"  {_w('children', lang)}: " + _children_line(trace.children, evaluation.kind, lang))
    lines = [safe(line) for line in lines]  # ids, names and a framework file's titles: no control characters
    if full:  # every subject asked for: the cells, and the members listed under them
        lines.extend(explain(child, framework, lang, full=True, depth=depth + 2) for child in evaluation.children)
    return "\n".join(lines)


def reasons_text(evaluation: Evaluation, framework: Framework, lang: str = "vi") -> str:
    """The reasons of one subject's decision, on one line: its score, the quota, what kept it
    from the next grade and from Four-Good (the "Lý do" column of a workbook)."""
    words = _Words(build_trace(evaluation, framework), lang, _units(framework), _titles(framework, lang))
    return safe("; ".join(_decision_lines(words)))


def results_text(results: Sequence[Evaluation], framework: Framework, lang: str = "vi", *, full: bool = False) -> str:
    """Text output of ``partyrules evaluate``: per top-level subject its summary and decision,
    then one summary line per listed child and grandchild; ``full`` explains each fully."""
    if full:
        return "\n\n".join(explain(r, framework, lang, full=True) for r in results) + "\n"
    lines = []
    units = _units(framework)
    titles = _titles(framework, lang)
    for result in results:
        words = _Words(build_trace(result, framework), lang, units, titles)
        lines.append(_summary(result, words, lang))
        lines.extend("  " + line for line in _decision_lines(words))
        if result.children:
            lines.append(f"  {_w('children', lang)}: " + _children_line(words.trace.children, result.kind, lang))
        for child in result.children:
            lines.append("  " + summary_line(child, framework, lang))
            lines.extend("    " + summary_line(grandchild, framework, lang) for grandchild in child.children)
    return "\n".join(safe(line) for line in lines) + "\n"
