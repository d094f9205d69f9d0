"""A report people would rather look at: one self-contained HTML page (``partyrules report``).

Per committee in the file (the body that decides its cells, HD 43 §3): its own grade and
Four-Good verdict, the summary table of docs/forms.md §6, the distribution of grades per level
and the share of Four-Good cells against the framework's target as inline SVG charts, each
cell's decision with its reasons and, folded beneath it, its members; with a review database,
the comparison with the decisions stored for the year before.  No script, no network, no font
or image to fetch; printable on A4.  Every value from the input is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from .._version import library_version
from ..frameworks import Framework
from ..io.summary import GRADES, empty_counts, quota_percent, summary_cells, summary_header, summary_row, yes_no
from ..model import Kind
from ..results import Evaluation
from .catalogue import render
from .explain import grade_text, reasons_text

__all__ = ["CELLS_SHARE", "report_html"]

#: The framework parameter holding the target share of Four-Good cells.
CELLS_SHARE = "min_four_good_cells_share"
_COLOURS = {
    "EXCELLENT": "#1b7a3a",
    "GOOD": "#4a9d5b",
    "COMPLETED": "#d9a21b",
    "NOT_COMPLETED": "#b3261e",
    "none": "#9e9e9e",
}

_STYLE = """
@page { size: A4; margin: 14mm; }
body { font-family: "Noto Sans", "Segoe UI", Arial, sans-serif; color: #1d1d1d; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 20pt; color: #9c1c1c; margin-bottom: 2mm; }
h2 { font-size: 15pt; border-bottom: 2px solid #9c1c1c; padding-bottom: 1mm; margin-top: 8mm; }
h3 { font-size: 12pt; margin: 5mm 0 2mm; }
p.meta { color: #555; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 2mm 0 4mm; }
th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #9c1c1c; color: #fff; }
td.n { text-align: right; }
details { margin: 0 0 1mm 3mm; font-size: 9pt; }
summary { cursor: pointer; color: #333; }
svg { display: block; margin: 2mm 0; }
section { page-break-inside: auto; }
.charts { display: flex; flex-wrap: wrap; gap: 6mm; }
@media print { summary { color: #000; } }
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _t(key: str, lang: str, **args: Any) -> str:
    return render(key, lang, args or None)


def _bars(title: str, counts: Mapping[str, int], lang: str) -> str:
    """A horizontal bar chart of the grades' counts, as inline SVG."""
    keys = [*GRADES, "none"]
    total = max(1, max(counts.get(k, 0) for k in keys))
    width, row = 330, 22
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + 160}" height="{row * len(keys) + 28}" '
        f'role="img" aria-label="{_e(title)}">',
        f'<text x="0" y="14" font-size="12" font-weight="bold">{_e(title)}</text>',
    ]
    for index, key in enumerate(keys):
        y = 22 + index * row
        value = counts.get(key, 0)
        label = grade_text_or_none(key, lang)
        bar = int(width * value / total)
        parts.append(f'<text x="0" y="{y + 14}" font-size="11">{_e(label)}</text>')
        parts.append(f'<rect x="110" y="{y + 2}" width="{bar}" height="{row - 6}" fill="{_COLOURS[key]}"/>')
        parts.append(f'<text x="{116 + bar}" y="{y + 14}" font-size="11">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def grade_text_or_none(key: str, lang: str) -> str:
    return _t("export.not_graded", lang) if key == "none" else render(f"grade.short.{key}", lang)


def _share(four_good: int, total: int, target: float | None, lang: str) -> str:
    """The share of Four-Good cells as a bar, with the framework's target as a line."""
    width = 400
    share = four_good / total if total else 0.0
    title = _t("report.four_good_share", lang, count=four_good, total=total, share=f"{share:.0%}")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + 20}" height="64" role="img" aria-label="{_e(title)}">',
        f'<text x="0" y="14" font-size="12" font-weight="bold">{_e(title)}</text>',
        f'<rect x="0" y="24" width="{width}" height="18" fill="#e6e6e6"/>',
        f'<rect x="0" y="24" width="{int(width * share)}" height="18" fill="#1b7a3a"/>',
    ]
    if target is not None:
        x = int(width * target)
        parts.append(f'<line x1="{x}" y1="20" x2="{x}" y2="46" stroke="#b3261e" stroke-width="2"/>')
        label = _t("report.target", lang, share=f"{target:.0%}")
        parts.append(f'<text x="{min(x + 4, width - 90)}" y="58" font-size="10" fill="#b3261e">{_e(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _counts(items: Sequence[Evaluation]) -> dict[str, int]:
    counts = empty_counts()
    for item in items:
        counts[item.grade.value if item.grade is not None and item.graded else "none"] += 1
    return counts


def _table(head: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    out = ["<table><thead><tr>", *(f"<th>{_e(h)}</th>" for h in head), "</tr></thead><tbody>"]
    for row in rows:
        out.append("<tr>")
        for value in row:
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            out.append(
                f'<td class="n">{_e(value)}</td>' if numeric else f"<td>{_e('' if value is None else value)}</td>"
            )
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _subject_rows(items: Sequence[Evaluation], framework: Framework, lang: str) -> str:
    out = []
    for cell in items:
        grade = grade_text(cell.grade, lang) if cell.graded else _t("export.not_graded", lang)
        head = f"{cell.subject_id} {cell.name}".strip()
        line = f"<b>{_e(head)}</b>: {_e(grade)}"
        if cell.kind is not Kind.MEMBER:
            line += f" · {_e(_t('export.four_good', lang))}: {_e(yes_no(cell.four_good, lang))}"
        reasons = reasons_text(cell, framework, lang)
        out.append(f"<p>{line}<br>{_e(reasons)}</p>")
        if cell.children:  # the drill-down: folded on screen (and in print)
            rows = [
                (m.subject_id, m.name, grade_text(m.grade, lang) if m.graded else "", reasons_text(m, framework, lang))
                for m in cell.children
            ]
            head_row = [
                _t("export.subject", lang),
                _t("export.name", lang),
                _t("sheet.grade", lang),
                _t("export.reasons", lang),
            ]
            summary = _t("report.members", lang, count=len(cell.children))
            out.append(f"<details><summary>{_e(summary)}</summary>{_table(head_row, rows)}</details>")
    return "".join(out)


def _comparison(
    now: Mapping[str, Mapping[str, int]], before: Mapping[str, Mapping[str, int]], year: int, lang: str
) -> str:
    head = [_t("export.kind", lang), *(f"{render(f'grade.short.{g}', lang)} {year - 1} → {year}" for g in GRADES)]
    rows = []
    for kind in ("cell", "member"):
        if kind in now or kind in before:
            rows.append(
                [
                    render(f"kind.{kind}", lang),
                    *(f"{before.get(kind, {}).get(g, 0)} → {now.get(kind, {}).get(g, 0)}" for g in GRADES),
                ]
            )
    return f"<h3>{_e(_t('report.compare', lang, year=year - 1))}</h3>" + _table(head, rows)


def report_html(
    evaluations: Sequence[Evaluation],
    framework: Framework,
    *,
    lang: str = "vi",
    previous: Mapping[str, Mapping[str, Mapping[str, int]]] | None = None,
) -> str:
    """The report of a file's top-level evaluations; ``previous`` gives, per committee id, the
    counts of each grade per kind decided the year before (from a review database)."""
    period = evaluations[0].period if evaluations else 0
    target = framework.parameter_values.get(CELLS_SHARE)
    share_target = float(target) if isinstance(target, int | float) else None
    percent = quota_percent(framework.policy.quota_share)
    body = [
        f"<h1>{_e(_t('report.title', lang, year=period))}</h1>",
        f'<p class="meta">{_e(_t("report.meta", lang, framework=framework.name, version=framework.version, hash=framework.content_hash[:12], library=library_version()))}</p>',
    ]

    def _section(
        head: str, cells: list[Evaluation], members: list[Evaluation], body_id: str | None, share: bool
    ) -> str:
        out = ["<section>", head]
        counts: dict[str, dict[str, int]] = {}
        if cells:
            counts["cell"] = _counts(cells)
        if members:
            counts["member"] = _counts(members)
        rows = [summary_cells(summary_row(kind, c, "good", percent), lang) for kind, c in counts.items()]
        out.append(f"<h3>{_e(_t('report.summary', lang))}</h3>")
        out.append(_table(summary_header(lang, "good"), rows))
        out.append(f"<p>{_e(_t('sheet.quota_line', lang, percent=f'{percent:g}'))}</p>")
        out.append('<div class="charts">')
        for kind, c in counts.items():
            out.append(_bars(_t("report.grades_of", lang, level=render(f"kind.{kind}", lang)), c, lang))
        if share and cells:
            out.append(_share(sum(1 for c in cells if c.four_good), len(cells), share_target, lang))
        out.append("</div>")
        if previous and body_id is not None and body_id in previous:
            out.append(_comparison(counts, previous[body_id], period, lang))
        if cells:
            out.append(f"<h3>{_e(_t('report.cells', lang))}</h3>")
            out.append(_subject_rows(cells, framework, lang))
        listed = {id(m) for c in cells for m in c.children}
        standalone = [m for m in members if id(m) not in listed]
        if standalone:
            out.append(_subject_rows(standalone, framework, lang))
        out.append("</section>")
        return "".join(out)

    committees = [top for top in evaluations if top.kind is Kind.COMMITTEE]
    loose = [top for top in evaluations if top.kind is not Kind.COMMITTEE]
    for top in committees:
        cells = [c for c in top.children if c.kind is Kind.CELL]
        title = f"{top.name or top.subject_id} ({top.subject_id})"
        verdict = grade_text(top.grade, lang) if top.graded else _t("export.not_graded", lang)
        head = f"<h2>{_e(title)}: {_e(verdict)}</h2>"
        head += f"<p>{_e(_t('export.four_good', lang))}: {_e(yes_no(top.four_good, lang))}. {_e(reasons_text(top, framework, lang))}</p>"
        body.append(_section(head, cells, [m for c in cells for m in c.children], top.subject_id, True))
    if loose:  # cells and members listed without their committee: one section, as the workbook has
        cells = [t for t in loose if t.kind is Kind.CELL]
        members = [t for t in loose if t.kind is Kind.MEMBER] + [m for c in cells for m in c.children]
        body.append(_section(f"<h2>{_e(_t('sheet.summary_loose', lang))}</h2>", cells, members, None, False))
    return (
        f'<!doctype html>\n<html lang="{_e(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(_t('report.title', lang, year=period))}</title><style>{_STYLE}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )
