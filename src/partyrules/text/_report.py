"""Catalogue: the HTML report (key → (vi, en))."""

MESSAGES: dict[str, tuple[str, str]] = {
    "report.title": ("Báo cáo kết quả kiểm điểm, xếp loại chất lượng năm {year}", "Review and grading report, {year}"),
    "report.meta": (
        "Khung tiêu chí {framework} {version} (mã {hash}); lập bằng partyrules {library}",
        "Framework {framework} {version} (hash {hash}); made with partyrules {library}",
    ),
    "report.summary": ("Bảng tổng hợp", "Summary table"),
    "report.grades_of": ("Xếp loại {level}", "Grades of each {level}"),
    "report.four_good_share": (
        "Chi bộ bốn tốt: {count}/{total} ({share})",
        "Four-Good cells: {count} of {total} ({share})",
    ),
    "report.target": ("chỉ tiêu {share}", "target {share}"),
    "report.compare": ("So với năm {year}", "Compared with {year}"),
    "report.cells": ("Từng chi bộ", "Each cell"),
    "report.members": ("{count} đảng viên", "{count} members"),
    "cli.report_suffix": ("báo cáo là tệp .html, nhận được {given!r}", "a report is a .html file, got {given!r}"),
    "report.written": ("đã ghi báo cáo {path}", "wrote the report {path}"),
}
