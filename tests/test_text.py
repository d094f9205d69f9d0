"""Tests of the text package: the catalogue is complete in both languages, explanations read
titles from the framework, and rule titles show the parameter values in force."""

from __future__ import annotations

import ast
import errno
import re
import string
from pathlib import Path

import attrs
import pytest

from partyrules import Dimension, Evaluator, Subject, build_trace
from partyrules.model import Grade, Kind, Outcome, Rating
from partyrules.quota import BASES, ROUNDINGS
from partyrules.review import STAGES, Level
from partyrules.testing.audit import PROPERTIES
from partyrules.text.catalogue import CATALOGUE, LANGS, language_from_environment, msg, render, use_language
from partyrules.text.explain import explain, rule_title, summary_line
from support import FRAMEWORK, good_cell_facts, help_keys

SRC = Path(__file__).parents[1] / "src" / "partyrules"
KEY = re.compile(r"^[a-z_]+(?:\.[A-Za-z_0-9]+)+$")
PREFIXES = {key.split(".")[0] for key in CATALOGUE}
#: Literals that look like keys but name something else (a framework file's TOML section).
NOT_KEYS = {"policy.bands"}


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def literals() -> set[str]:
    """Every string constant of the source that looks like a catalogue key."""
    found = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY.match(node.value):
                if node.value.split(".")[0] in PREFIXES and node.value not in NOT_KEYS:
                    found.add(node.value)
    return found


#: Keys built from a prefix and a value at run time, with the values they take.
FAMILIES = {
    "grade.short": [g.value for g in Grade],
    "grade.long": [g.value for g in Grade],
    "rating": [r.value for r in Rating],
    "kind": [k.value for k in Kind],
    "outcome": [o.value for o in Outcome] + ["applies", "does_not_apply"],
    "noun": ["framework", "framework_version", "ruleset", "backend", "subject", "regime", "audit_property", "kind"]
    + [k.plural for k in (Kind.CELL, Kind.MEMBER)],
    "scope": ["rule", "ruleset", "framework", "framework_version", "option", "subject", "body"],
    "level": [level.value for level in Level],
    "organ": ["standing_board", "executive_committee", "cell"],
    "stage": list(STAGES),
    "review.base": list(BASES),
    "review.rounding": list(ROUNDINGS),
    "export.share": list(BASES),
    "audit.property": list(PROPERTIES),
    "os": [
        name for key in CATALOGUE if key.startswith("os.") for name in [key[3:]] if name in errno.errorcode.values()
    ],
}


def reason_codes() -> set[str]:
    """Every Reason code the source creates."""
    found = set()
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Reason" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant):
                    found.add(first.value)
    return found


#: English words that are no Vietnamese syllable: one of them in a Vietnamese text is an
#: untranslated phrase.
ENGLISH = {
    "the", "and", "of", "is", "not", "expected", "got", "with", "for", "from", "must", "should", "cannot",
    "unknown", "found", "missing", "invalid", "value", "values", "needs", "none", "least", "most", "this",
    "that", "has", "have", "was", "were", "are", "rule", "rules", "file", "subject", "subjects", "framework",
    "error", "use", "grade", "member", "members", "cell", "cells", "committee", "passed", "failed", "valid",
    "then", "when", "done", "exit", "only", "any", "every", "each", "after", "before", "without", "between",
    "such", "into", "also", "here", "now", "there", "which", "where", "will", "would", "could",
    "please", "does", "did", "their", "its", "it", "at", "by", "on", "or", "if", "what", "who", "give",
    "given", "write", "written", "read", "run", "try", "see", "more", "less", "other", "another", "same",
    "first", "last", "next", "new", "old", "all", "handle", "deleted", "too", "many", "much", "time",
    "out", "over", "under", "off",
}  # fmt: skip
#: Left out on purpose: English words that are also Vietnamese syllables (an, to, in, no, do,
#: can, may, than, so, hay, me, con), and the values a file or an option takes (true, false,
#: up, down).
#: Messages about what a framework or input file writes: they name its keys and values on purpose.
SYNTAX = ("rule.", "file.", "framework.", "condition.", "doc.", "review.nothing_changed", "param.")
#: The words of those files (``kind: cell``, ``cells:``, ``[[rules]]``).
FILE_WORDS = {"member", "members", "cell", "cells", "committee", "committees", "grade", "rules", "framework"}


def english_ids() -> set[str]:
    """What names a dimension, grade, rating, effect, status or policy value in the code."""
    dimensions = {name for kind in FRAMEWORK.kinds for name in FRAMEWORK.view(kind).dimensions}
    effects = {"points", "points_required", "required", "veto", "cap", "blocks_four_good", "excludes"}
    enums = {g.value for g in Grade} | {r.value for r in Rating} | {"worst", "best", "confirmed", "default"}
    return dimensions | {"political_tasks", "meetings", "unity_discipline", "cadres_members"} | effects | enums


def english_in(vietnamese: str, key: str) -> list[str]:
    """The English words and ids of a Vietnamese template: outside its placeholders, quoted or
    back-quoted names, options, commands and file names."""
    text = re.sub(r"\{[^{}]*\}", " ", vietnamese)
    text = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", " ", text)
    text = re.sub(r"(?<![\w-])--?[a-z][a-z0-9_-]*(=\S*)?|\bno:NAME\b", " ", text)
    text = re.sub(r"(?m)^\s*partyrules .*$", " ", text)  # the example command lines
    text = re.sub(r"[\w.']+\([^()]*\)(\.\w+\([^()]*\))*", " ", text)  # Python: fact('x').between(1, 3)
    text = re.sub(r"\bpartyrules(\s+[a-z-]+)*|\S+\.(toml|yaml|json|jsonl|csv|xlsx|html|md|sqlite)\b", " ", text)
    words = set(re.findall(r"\b[A-Za-z_]+\b", text))
    found = {w for w in words if w in ENGLISH}  # a capitalised word is a name (Subject, FILE)
    if key.startswith(SYNTAX):
        found -= FILE_WORDS
    else:
        found |= words & english_ids()
    return sorted(found)


class TestCatalogue:
    @pytest.mark.parametrize("key", sorted(CATALOGUE))
    def test_no_english_in_a_vietnamese_text(self, key: str) -> None:
        """A Vietnamese text has no untranslated English phrase, and (but where it describes a
        file's syntax) no id of a dimension, grade, rating, effect or status in its words."""
        assert [] == english_in(CATALOGUE[key][0], key)

    def test_the_english_check_can_fail(self) -> None:
        assert ["EXCELLENT", "political_tasks"] == english_in("(political_tasks) là Tốt, cần EXCELLENT", "word.x")
        assert ["expected", "got"] == english_in("expected {x}, got {y}", "file.x")
        assert [] == english_in("dùng `--lang vi` hoặc 'EXCELLENT' trong ward.yaml", "word.x")

    @pytest.mark.parametrize("key", sorted(CATALOGUE))
    def test_both_languages_with_the_same_placeholders(self, key: str) -> None:
        """Every message has a Vietnamese and an English text, with the same placeholders."""
        vi, en = CATALOGUE[key]
        assert vi.strip() and en.strip()
        assert fields(vi) == fields(en)

    def test_every_key_the_code_uses_is_there(self) -> None:
        """Every key written in the source, every key of a family and every reason code has an entry."""
        used = literals() | {f"{prefix}.{value}" for prefix, values in FAMILIES.items() for value in values}
        used |= {f"reason.{code}" for code in reason_codes()} | help_keys()
        assert [] == sorted(used - set(CATALOGUE))

    def test_no_entry_is_unused(self) -> None:
        """Every entry is used: written in the source, or part of a family built at run time."""
        used = literals() | {f"{prefix}.{value}" for prefix, values in FAMILIES.items() for value in values}
        used |= {f"reason.{code}" for code in reason_codes()} | help_keys()
        used |= {f"durable.code.{code}" for code in (1, 2, 3, 101, 102, 105, 106, 107, 108, 109, 111, 112, 113)}
        used |= {f"durable.code.{code}" for code in (201, 202, 203, 204, 205, 302, 303, 304, 309, 314)}
        words = {
            f"word.{name}" for name in re.findall(r'_w\(\s*"([a-z_]+)"', (SRC / "text" / "explain.py").read_text())
        }
        words |= {f"word.{name}" for name in re.findall(r"_w\('([a-z_]+)'", (SRC / "text" / "explain.py").read_text())}
        assert [] == sorted(set(CATALOGUE) - used - words)

    def test_a_message_renders_in_each_language(self) -> None:
        """msg() renders late: in the language in use, or the one asked for."""
        message = msg("value.expected", expected=msg("expect.int"), given="'a' (str)")
        assert "expected an integer, got 'a' (str)" == str(message)
        with use_language("vi"):
            assert "cần một số nguyên, nhận được 'a' (str)" == str(message)
        assert [render("grade.short.GOOD", lang) for lang in LANGS] == ["HTTNV", "GOOD"]

    @pytest.mark.parametrize(
        ("environ", "expected"),
        [
            ({"LANG": "vi_VN.UTF-8"}, "vi"),
            ({"LANG": "en_US.UTF-8"}, "en"),
            ({"LC_ALL": "vi_VN.UTF-8", "LANG": "en_US.UTF-8"}, "vi"),
            ({}, "en"),
        ],
    )
    def test_language_from_the_locale(self, environ: dict[str, str], expected: str) -> None:
        """The locale chooses Vietnamese when it is Vietnamese (LC_ALL, then LC_MESSAGES, then LANG)."""
        assert expected == language_from_environment(environ)

    @pytest.mark.parametrize(
        ("system", "expected"),
        [(("Vietnamese_Vietnam", "1258"), "vi"), (("vi_VN", "UTF-8"), "vi"), (("English_United States", "1252"), "en")],
    )
    def test_the_system_locale_where_no_variable_is_set(
        self, system: tuple[str, str], expected: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Windows sets no LANG: a PC set up in Vietnamese gets Vietnamese all the same; elsewhere
        only the variables count, as for gettext."""
        import locale
        import sys

        for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setattr(locale, "getlocale", lambda category=None: system)
        monkeypatch.setattr(sys, "platform", "win32")
        assert expected == language_from_environment()
        monkeypatch.setattr(sys, "platform", "linux")
        assert "en" == language_from_environment()


def cell(**changes: object) -> Subject:
    return Subject("cell-1", "cell", 2025, good_cell_facts(**changes), "Chi bộ 1")


class TestTitlesFromTheFramework:
    def test_a_framework_s_own_dimension_titles(self) -> None:
        """A dimension prints with the titles its framework declares: the core knows no framework."""
        titled = attrs.evolve(
            FRAMEWORK,
            dimensions=(
                Dimension("meetings", "Sinh hoạt của tổ", "The group's meetings", "sinh hoạt tổ", "group meetings"),
            ),
        )
        with Evaluator(titled, backend="python") as evaluator:
            result = evaluator.evaluate(cell(regular_meetings_held=11))
        text = explain(result, titled, "en", full=True)
        assert "✗ The group's meetings: 10/20 → average" in text
        assert "group meetings not good (average, 10/20)" in summary_line(result, titled, "en")
        assert "sinh hoạt tổ chưa tốt" in summary_line(result, titled, "vi")

    def test_without_titles_a_dimension_prints_as_its_id(self) -> None:
        """A framework that declares no titles prints its dimensions' ids."""
        with Evaluator(FRAMEWORK, backend="python") as evaluator:
            result = evaluator.evaluate(cell(regular_meetings_held=11))
        assert "meetings not good (average, 10/20)" in summary_line(result, FRAMEWORK, "en")

    def test_a_title_shows_the_parameter_value_in_force(self) -> None:
        """``{min_attendance}`` in a title shows the framework's value, as a percentage for a share."""
        framework = attrs.evolve(
            FRAMEWORK,
            rulesets=tuple(
                attrs.evolve(
                    r,
                    rules=tuple(
                        attrs.evolve(rule, title_en="Attendance above {min_attendance}")
                        if rule.id == "demo.attendance"
                        else rule
                        for rule in r.rules
                    ),
                    parameters=tuple(
                        attrs.evolve(p, unit="share") if p.name == "min_attendance" else p for p in r.parameters
                    ),
                )
                for r in FRAMEWORK.rulesets
            ),
            parameters={"min_attendance": 0.9},
        )
        with Evaluator(framework, backend="python") as evaluator:
            result = evaluator.evaluate(cell())
        step = build_trace(result, framework).rule("demo.attendance")
        units = {"min_attendance": "share"}
        assert "Attendance above 90%" == rule_title(step, "en", units)
        assert "Attendance above 90%" in explain(result, framework, "en", full=True)

    def test_a_placeholder_names_a_parameter_the_rule_reads(self) -> None:
        """A title's ``{name}`` that is not a parameter of the rule is refused at declaration."""
        from partyrules import RulesetError, fact, param, rule

        with pytest.raises(RulesetError) as info:
            rule(
                id="r",
                dimension="meetings",
                title_vi="Trên {min_attendence}",
                title_en="Above {min_attendance}",
                when=fact("attendance") > param("min_attendance"),
                points=1,
                source="test",
                status="default",
            )
        assert [
            ("rule 'r'", "title_vi: {min_attendence} names no parameter the rule reads (it reads: min_attendance)")
        ] == [p.parts()[:2] for p in info.value.problems]
