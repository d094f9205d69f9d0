"""The review in words: each stage of a subject's year, what changed between them, who decided
and why; a subject's history and streaks; the table of what a command wrote."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..review.history import Streaks, YearResult
from ..review.store import Record
from .catalogue import render, safe
from .explain import grade_text


def _m(key: str, lang: str, **args: Any) -> str:
    return render(key, lang, args)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "-"
    return safe(f"{value:g}" if isinstance(value, float) else value)


def stage_lines(record: Record, lang: str = "vi") -> list[str]:
    """One stage: a headline (date, stage, body, result), then what changed and why."""
    stage = _m(f"stage.{record.stage}", lang)
    on = record.on_date.isoformat()
    if record.stage == "recognition":
        verdict = _m("review.recognised" if record.four_good else "review.not_recognised", lang)
        head = _m("review.step_four_good", lang, on=on, stage=stage, body=safe(record.body), verdict=verdict)
    else:
        grade = grade_text(record.grade, lang)
        if record.score is not None:
            grade += f" ({_value(record.score)})"
        head = _m("review.step", lang, on=on, stage=stage, body=safe(record.body), grade=grade)
    lines = [f"#{record.id} {head}"]
    changes = record.changes or {}
    for fact, (old, new) in sorted((changes.get("facts") or {}).items()):
        lines.append("  " + _m("review.changed_fact", lang, fact=safe(fact), old=_value(old), new=_value(new)))
    if "grade" in changes:
        old, new = changes["grade"]
        lines.append("  " + _m("review.changed_grade", lang, old=grade_text(old, lang), new=grade_text(new, lang)))
    if "grade_over_facts" in changes:
        lines.append("  " + _m("review.over_facts", lang, evaluated=grade_text(changes["grade_over_facts"][0], lang)))
    if changes.get("grounds"):
        lines.append("  " + _m("review.grounds_were", lang, grounds=safe(changes["grounds"])))
    if record.quota is not None:
        quota = record.quota
        args = {
            "rank": quota["rank"],
            "allowed": quota["allowed"],
            "proposed": quota["proposed"],
            "percent": f"{quota['percent']:g}",
            "base": _m(f"review.base.{quota['base']}", lang),
            "rounding": _m(f"review.rounding.{quota['rounding']}", lang),
        }
        lines.append("  " + _m("reason.quota_moved" if quota["moved"] else "reason.quota_kept", lang, **args))
    if changes.get("re_evaluated"):
        lines.append("  " + _m("review.re_evaluated", lang))
    if changes.get("proposer"):
        lines.append("  " + _m("review.proposed_by", lang, body=safe(changes["proposer"])))
    if record.votes:
        votes = {name: record.votes.get(name, 0) for name in ("yes", "no", "abstain")}
        lines.append("  " + _m("review.votes", lang, **votes))
    if record.reason:
        lines.append("  " + _m("review.reason", lang, reason=safe(record.reason)))
    if record.exception:
        lines.append("  " + _m("review.exception", lang, reason=safe(record.exception)))
    if record.corrects is not None:
        lines.append("  " + _m("review.corrects", lang, id=record.corrects))
    lines.append(
        "  "
        + _m(
            "review.recorded_with",
            lang,
            framework=safe(record.framework_name),
            version=safe(record.framework_version),
            hash=record.framework_hash[:12],
            library=safe(record.library_version),
        )
    )
    return lines


def stages_text(records: Iterable[Record], lang: str = "vi") -> str:
    """Every stage of a subject's years, oldest first."""
    lines: list[str] = []
    year = None
    for record in records:
        if record.year != year:
            year = record.year
            lines.append(f"{safe(record.subject)} · {year}")
        lines.extend("  " + line for line in stage_lines(record, lang))
    return "\n".join(lines) + "\n"


def history_text(subject: str, years: Sequence[YearResult], found: Streaks, lang: str = "vi") -> str:
    """A subject's grade in force and Four-Good recognition per year, then its streaks."""
    if not years:
        return _m("review.no_history", lang, subject=safe(subject)) + "\n"
    lines = [_m("review.history_head", lang, subject=safe(subject))]
    for item in years:
        recognised = {True: "✓", False: "✗", None: "-"}[item.four_good_recognised]
        decided = safe(item.decided_by) if item.decided_by else "-"
        lines.append(
            f"  {item.year}  {grade_text(item.grade, lang) if item.grade else '-':<14} {recognised}  {decided}"
        )
    lines.append(
        "  " + _m("review.streaks", lang, through=found.through, excellent=found.excellent, four_good=found.four_good)
    )
    if found.excellent_five_years:
        lines.append("  " + _m("review.five_years", lang))
    return "\n".join(lines) + "\n"


def records_table(records: Sequence[Record], lang: str = "vi") -> str:
    """What a command wrote: one line per record, with the quota's and the window's notes."""
    rows = []
    for record in records:
        if record.stage == "recognition":
            result = _m("review.recognised" if record.four_good else "review.not_recognised", lang)
        else:
            result = grade_text(record.grade, lang) if record.grade else "-"
        note = ""
        if record.quota is not None and record.quota["moved"]:
            note = f"← {grade_text('EXCELLENT', lang)} ({record.quota['rank']}/{record.quota['allowed']})"
        elif record.changes.get("grade"):
            note = f"← {grade_text(record.changes['grade'][0], lang)}"
        if record.exception:
            note += " !"
        rows.append(
            [
                str(record.id),
                safe(record.subject),
                _m(f"stage.{record.stage}", lang),
                safe(record.body),
                record.on_date.isoformat(),
                result,
                note,
            ]
        )
    widths = [max([len(row[i]) for row in rows] or [0]) for i in range(7)]
    return "".join("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() + "\n" for row in rows)
