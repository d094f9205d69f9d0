"""Text rendering of evaluations and traces, in Vietnamese (``vi``) or English (``en``).

The default text is compact (the grade, the verdict, and what kept the subject from the next
level); ``explain=True`` adds every dimension and every rule with the values it read.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Grade, Kind, Outcome, Rating
from .results import Evaluation
from .trace import ChildSummary, Reason, RuleStep, Trace

__all__ = ["DIMENSION_TITLES", "explain", "reason_text", "summary_line"]

LANGS = ("vi", "en")

SHORT_TITLES = {
    "political_tasks": ("Nhiệm vụ chính trị", "political tasks"),
    "meetings": ("Chất lượng sinh hoạt", "meeting quality"),
    "unity_discipline": ("Đoàn kết, kỷ luật", "unity and discipline"),
    "cadres_members": ("Cán bộ, đảng viên", "cadres and members"),
}

DIMENSION_TITLES = {
    "political_tasks": (
        "Lãnh đạo hoàn thành tốt nhiệm vụ chính trị, xây dựng Đảng, xây dựng hệ thống chính trị",
        "Leads the completion of political tasks, party building and political-system building well",
    ),
    "meetings": ("Chất lượng sinh hoạt tốt", "Good quality of cell meetings"),
    "unity_discipline": ("Đoàn kết, kỷ luật tốt", "Good unity and discipline"),
    "cadres_members": ("Cán bộ, đảng viên tốt", "Good cadres and members"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    "score_below": ("điểm {score} < {needed} cần cho {grade}", "score {score} < {needed} needed for {grade}"),
    "score_unknown": ("thiếu điểm ({facts})", "score unknown (missing {facts})"),
    "criteria_poor": ("tiêu chí xếp loại Kém: {criteria}", "criteria rated poor: {criteria}"),
    "task_rating_below": (
        "kết quả nhiệm vụ ({task}) là {rating}, cần {needed}",
        "task results ({task}) rated {rating}, {needed} needed",
    ),
    "criteria_below_good": ("tiêu chí dưới mức Tốt: {criteria}", "criteria below good: {criteria}"),
    "capped": (
        "{title} [{rule}: {condition}] giới hạn ở mức {grade}",
        "{title} [{rule}: {condition}] caps the grade at {grade}",
    ),
    "vetoed_grade": (
        "{title} [{rule}: {condition}] buộc xếp loại {grade}",
        "{title} [{rule}: {condition}] forces {grade}",
    ),
    "share_below": (
        "{dimension}: {score}/{max} điểm, dưới ngưỡng {needed_pct}",
        "{dimension}: {score}/{max} points, below the {needed_pct} threshold",
    ),
    "required_failed": (
        "không đạt tiêu chí bắt buộc: {title} [{rule}: {condition}]",
        "required criterion not met: {title} [{rule}: {condition}]",
    ),
    "vetoed": ("{title} [{rule}]", "veto applies: {title} [{rule}]"),
    "unknown": ("{rule}: thiếu dữ liệu", "{rule}: unknown (a fact is missing)"),
    "dimension_not_good": (
        "{dimension} chưa tốt ({rating}, {score}/{max})",
        "{dimension} not good ({rating}, {score}/{max})",
    ),
    "blocked": ("không đạt: {title} [{rule}: {condition}]", "not met: {title} [{rule}: {condition}]"),
    "grade_below": ("xếp loại {grade} thấp hơn mức tối thiểu {needed}", "grade {grade} below the minimum {needed}"),
    "not_graded": ("không xếp loại ({rules})", "not graded ({rules})"),
    "excellent_needs_good_dimensions": (
        "HTXSNV cần cả bốn tiêu chí tốt; chưa tốt: {dimensions}",
        "EXCELLENT needs every dimension good; not good: {dimensions}",
    ),
    "quota": (
        "vượt tỉ lệ {share_pct} HTXSNV trên HTTNV ({allowed} được phép), chuyển xuống HTTNV",
        "over the {share_pct} quota of EXCELLENT per GOOD ({allowed} allowed): moved to GOOD",
    ),
}

WORDS = {
    "four_good": ("Bốn tốt", "Four-Good"),
    "yes": ("có", "yes"),
    "no": ("không", "no"),
    "why_not": ("vì", "because"),
    "not_graded": ("không xếp loại", "not graded"),
    "next": ("Chưa đạt mức {grade} vì", "Not {grade} because"),
    "why_not_four_good": ("Chưa đạt bốn tốt vì", "Not Four-Good because"),
    "incomplete": ("(thiếu dữ liệu: một số tiêu chí không xác định)", "(incomplete: some criteria unknown)"),
    "framework": ("Khung tiêu chí", "Framework"),
    "in_force": ("hiệu lực", "in force"),
    "regime": ("Quy định", "Regime"),
    "backend": ("bộ máy", "backend"),
    "dimensions": ("Tiêu chí", "Dimensions"),
    "rules": ("Chi tiết tiêu chí", "Criteria"),
    "score": ("điểm", "score"),
    "children": ("Đơn vị trực thuộc", "Listed"),
    "policy": ("chính sách khi thiếu dữ liệu", "unknown policy"),
}

OUTCOME = {
    Outcome.MET: ("✓", "đạt", "met"),
    Outcome.NOT_MET: ("✗", "không đạt", "not met"),
    Outcome.UNKNOWN: ("?", "không xác định", "unknown"),
    Outcome.NOT_APPLICABLE: ("–", "không áp dụng", "not applicable"),
}


def _w(key: str, lang: str) -> str:
    vi, en = WORDS[key]
    return vi if lang == "vi" else en


def _num(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _dimension_title(name: str, lang: str) -> str:
    titles = DIMENSION_TITLES.get(name)
    if titles is None:
        return name
    return titles[0] if lang == "vi" else titles[1]


def _grade_text(grade: str | Grade | None, lang: str) -> str:
    if grade is None:
        return _w("not_graded", lang)
    value = grade if isinstance(grade, Grade) else Grade(grade)
    return value.short_vi if lang == "vi" else value.value


def reason_text(reason: Reason, lang: str = "vi") -> str:
    """One reason in words."""
    vi, en = MESSAGES.get(reason.code, (reason.code, reason.code))
    args = {k: _num(v) for k, v in reason.args.items()}
    if "title_vi" in reason.args:
        args["title"] = str(reason.args["title_vi"] if lang == "vi" else reason.args["title_en"])
    if "grade" in reason.args and isinstance(reason.args["grade"], str):
        args["grade"] = _grade_text(reason.args["grade"], lang)
    if "needed" in reason.args and reason.code == "grade_below":
        args["needed"] = _grade_text(str(reason.args["needed"]), lang)
    if "rating" in reason.args and isinstance(reason.args["rating"], str):
        args["rating"] = Rating(reason.args["rating"]).label(lang)
    if "dimension" in reason.args:
        name = str(reason.args["dimension"])
        short = SHORT_TITLES.get(name)
        args["dimension"] = (short[0] if lang == "vi" else short[1]) if short else name
    if "dimensions" in reason.args:
        names = str(reason.args["dimensions"]).split(", ")
        args["dimensions"] = ", ".join(
            (SHORT_TITLES[n][0] if lang == "vi" else SHORT_TITLES[n][1]) if n in SHORT_TITLES else n for n in names
        )
    if "needed" in reason.args and reason.code == "share_below":
        args["needed_pct"] = f"{float(reason.args['needed'] or 0):.0%}"
    if "share" in reason.args:
        args["share_pct"] = f"{float(reason.args['share'] or 0):.0%}"
    try:
        return (vi if lang == "vi" else en).format(**args)
    except KeyError:
        return f"{reason.code} {reason.args}"


def summary_line(evaluation: Evaluation, lang: str = "vi") -> str:
    """``cell-01 (Chi bộ 1): HTTNV · Bốn tốt: không — vì …``"""
    label = evaluation.subject_id + (f" ({evaluation.name})" if evaluation.name else "")
    grade = _grade_text(evaluation.grade, lang)
    if evaluation.kind is Kind.MEMBER:
        text = f"{label}: {grade}"
        if not evaluation.graded:
            rules = [str(r.args.get("rules", "")) for r in evaluation.trace.decision.four_good_blockers]
            text += f" ({', '.join(rules)})"
        return text
    four = _w("yes", lang) if evaluation.four_good else _w("no", lang)
    text = f"{label}: {grade} · {_w('four_good', lang)}: {four}"
    blockers = evaluation.trace.decision.four_good_blockers
    if not evaluation.four_good and blockers:
        text += f" — {_w('why_not', lang)} " + "; ".join(reason_text(r, lang) for r in blockers[:3])
    if not evaluation.complete:
        text += " " + _w("incomplete", lang)
    return text


def explain(evaluation: Evaluation, lang: str = "vi", *, full: bool = False, depth: int = 0) -> str:
    """The explanation of one evaluation; ``full`` lists every rule with the values it read."""
    trace = evaluation.trace
    pad = "  " * depth
    lines = [pad + summary_line(evaluation, lang)]
    lines.extend(pad + "  " + line for line in _decision_lines(trace, lang))
    if full:
        lines.append(
            pad + f"  {_w('framework', lang)}: {trace.framework} {trace.framework_version} "
            f"({_w('in_force', lang)} {trace.framework_in_force}; sha256 {trace.framework_hash[:12]}) · "
            f"{_w('regime', lang)} {trace.regime} · "
            f"{_w('backend', lang)} {trace.backend} · {_w('policy', lang)}: {trace.unknown_policy.value}"
        )
        lines.append(pad + f"  {_w('dimensions', lang)}:")
        for dim in trace.dimensions:
            mark = "✓" if dim.good else "✗"
            lines.append(
                pad + f"    {mark} {_dimension_title(dim.name, lang)}: {_num(dim.score)}/{_num(dim.max)} "
                f"→ {dim.rating.label(lang)}"
            )
            for reason in dim.reasons:
                lines.append(pad + f"        {reason_text(reason, lang)}")
        lines.append(pad + f"  {_w('rules', lang)}:")
        lines.extend(pad + "    " + _rule_line(step, lang) for step in trace.rules)
    if trace.children:
        lines.append(pad + f"  {_w('children', lang)}: " + _children_line(trace.children, evaluation.kind, lang))
    if full:
        for child in evaluation.children:
            lines.append(explain(child, lang, full=False, depth=depth + 2))
    return "\n".join(lines)


def _decision_lines(trace: Trace, lang: str) -> Iterable[str]:
    decision = trace.decision
    if decision.score is not None:
        yield f"{_w('score', lang)}: {_num(decision.score)}/100"
    if decision.next_grade is not None and decision.grade_blockers:
        head = _w("next", lang).format(grade=_grade_text(decision.next_grade, lang))
        yield head + ": " + "; ".join(reason_text(r, lang) for r in decision.grade_blockers)
    if trace.kind is not Kind.MEMBER and not decision.four_good and decision.four_good_blockers:
        yield (
            _w("why_not_four_good", lang) + ": " + "; ".join(reason_text(r, lang) for r in decision.four_good_blockers)
        )


#: A veto, cap or block names what it checks; "met" there would read as the requirement being met.
SANCTION_OUTCOME = {
    Outcome.MET: ("!", "xảy ra", "applies"),
    Outcome.NOT_MET: ("✓", "không xảy ra", "does not apply"),
}


def _rule_line(step: RuleStep, lang: str) -> str:
    sanction = step.effect in ("veto", "cap", "blocks_four_good", "excludes")
    symbol, vi, en = (SANCTION_OUTCOME.get(step.outcome) if sanction else None) or OUTCOME[step.outcome]
    title = step.title_vi if lang == "vi" else step.title_en
    effect = step.effect
    if step.effect_grade is not None:
        effect += f" {step.effect_grade.value}"
    if step.points:
        effect += f" +{_num(step.points)}"
    status = step.status.value
    return (
        f"{symbol} [{step.rule_id}] {title}: {step.condition} → {vi if lang == 'vi' else en} "
        f"({effect}; {step.source}; {status})"
    )


def _children_line(children: tuple[ChildSummary, ...], kind: Kind, lang: str) -> str:
    four = [c.subject_id for c in children if c.four_good]
    not_four = [c.subject_id for c in children if not c.four_good]
    graded = [c for c in children if c.graded]
    counts: dict[str, int] = {}
    for child in graded:
        key = _grade_text(child.grade, lang)
        counts[key] = counts.get(key, 0) + 1
    parts = ", ".join(f"{k} {v}" for k, v in counts.items())
    share = f"{len(four)}/{len(children)}"
    if kind is Kind.CELL:  # a cell's members: grades only, members have no Four-Good verdict
        return f"{len(children)} ({parts})"
    if lang == "vi":
        text = f"{len(children)} ({parts}); bốn tốt {share}"
        if not_four and kind is Kind.COMMITTEE:
            text += f"; chưa bốn tốt: {', '.join(not_four)}"
    else:
        text = f"{len(children)} ({parts}); Four-Good {share}"
        if not_four and kind is Kind.COMMITTEE:
            text += f"; not Four-Good: {', '.join(not_four)}"
    return text
