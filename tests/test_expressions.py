"""Tests of the condition language of framework files (``partyrules.expressions``).

Its grammar is in the module's docstring: tests joined by ``and`` / ``or`` / ``not`` and
parentheses; a test is ``fact OP value``, ``fact in (values)`` or a bare boolean fact; a value is a
number, a quoted text, ``true``/``false`` or a parameter.  Nothing else: no calls, no attributes,
no arithmetic.
"""

from __future__ import annotations

import doctest
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import partyrules.expressions
from partyrules import PartyrulesError, all_of, any_of, fact, not_, param
from partyrules.conditions import AllOf, AnyOf, Compare, Condition, In, Not, Param
from partyrules.expressions import MAX_DEPTH, MAX_LENGTH, ExpressionError, parse, render

FACTS = {"regular_meetings_held", "thematic_meetings_held", "average_attendance", "cell_kind", "disunity_concluded"}
PARAMS = {"min_attendance", "regular_meetings_required"}


class TestParse:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("regular_meetings_held >= 11", fact("regular_meetings_held") >= 11),
            ("average_attendance > 0.85", fact("average_attendance") > 0.85),
            ("average_attendance > .5", fact("average_attendance") > 0.5),
            ("average_attendance >= 1e-05", fact("average_attendance") >= 1e-05),
            ("regular_meetings_held != -1", fact("regular_meetings_held") != -1),
            ("regular_meetings_held<12", fact("regular_meetings_held") < 12),
            ("regular_meetings_held <= 12", fact("regular_meetings_held") <= 12),
            ("cell_kind == 'school'", fact("cell_kind") == "school"),
            ('cell_kind == "it\'s"', fact("cell_kind") == "it's"),
            ("disunity_concluded", fact("disunity_concluded").is_true()),
            ("disunity_concluded == false", fact("disunity_concluded").is_false()),
            ("not disunity_concluded", not_(fact("disunity_concluded").is_true())),
            ("average_attendance > min_attendance", fact("average_attendance") > param("min_attendance")),
            ("cell_kind in ('school', 'hospital')", fact("cell_kind").is_in("school", "hospital")),
            ("cell_kind in ('school')", fact("cell_kind").is_in("school")),
            (
                "regular_meetings_held >= 11 and thematic_meetings_held >= 4",
                all_of(fact("regular_meetings_held") >= 11, fact("thematic_meetings_held") >= 4),
            ),
            (
                "regular_meetings_held >= 11 and thematic_meetings_held >= 4 and not disunity_concluded",
                all_of(
                    fact("regular_meetings_held") >= 11,
                    fact("thematic_meetings_held") >= 4,
                    not_(fact("disunity_concluded").is_true()),
                ),
            ),
            (  # 'and' binds tighter than 'or'
                "disunity_concluded or regular_meetings_held < 6 and thematic_meetings_held < 2",
                any_of(
                    fact("disunity_concluded").is_true(),
                    all_of(fact("regular_meetings_held") < 6, fact("thematic_meetings_held") < 2),
                ),
            ),
            (
                "(disunity_concluded or regular_meetings_held < 6) and thematic_meetings_held < 2",
                all_of(
                    any_of(fact("disunity_concluded").is_true(), fact("regular_meetings_held") < 6),
                    fact("thematic_meetings_held") < 2,
                ),
            ),
            (
                "  (( regular_meetings_held\n>= regular_meetings_required ))  ",
                fact("regular_meetings_held") >= param("regular_meetings_required"),
            ),
        ],
    )
    def test_same_tree_as_the_python_api(self, text: str, expected: Condition) -> None:
        """A condition in a file gives the tree the Python API builds for the same test."""
        assert expected == parse(text, FACTS, PARAMS)

    def test_integers_stay_integers(self) -> None:
        """``11`` is an int and ``11.0`` a float, as in the Python API."""
        values = [parse(text, FACTS) for text in ("regular_meetings_held == 11", "regular_meetings_held == 11.0")]
        assert [int, float] == [type(v.value) for v in values if isinstance(v, Compare)]

    def test_without_a_schema_any_name_is_a_fact(self) -> None:
        """``facts=None`` accepts any name that is not a parameter or a keyword."""
        assert (fact("anything") > param("p")) == parse("anything > p", None, {"p"})

    def test_doctests(self) -> None:
        """The examples in the module's docstrings hold."""
        assert 0 == doctest.testmod(partyrules.expressions).failed


#: Broken conditions: (text, message, column, hint), with the names of FACTS and PARAMS.
BROKEN: list[tuple[str, str, int, str | None]] = [
    ("", "the condition is empty", 1, None),
    ("   ", "the condition is empty", 1, None),
    ("len(regular_meetings_held) > 1", "calls are not allowed", 4, "a condition compares facts with values"),
    ("__import__('os')", "calls are not allowed", 11, "a condition compares facts with values"),
    (
        "__import__('os').system('echo hacked')",
        "attribute access is not allowed",
        17,
        "a name is a fact or a parameter",
    ),
    ("regular_meetings_held.real > 1", "attribute access is not allowed", 22, "a name is a fact or a parameter"),
    ("a.b > 1", "attribute access is not allowed", 2, "a name is a fact or a parameter"),
    ("__class__ > 1", "'__class__' is not a fact name", 1, None),
    ("average_attendance > min_attendance()", "calls are not allowed", 36, None),
    (
        "regular_meeting_held >= 11",
        "unknown fact 'regular_meeting_held'",
        1,
        "did you mean 'regular_meetings_held'?",
    ),
    ("min_attendance < 1", "'min_attendance' is a parameter; a test starts with a fact", 1, None),
    (
        "regular_meetings_held >= thematic_meetings_held",
        "'thematic_meetings_held' is a fact: a test compares a fact with a value or a parameter",
        26,
        "declare a derived fact in a Python ruleset to compare two facts",
    ),
    ("average_attendance > min_attendence", "unknown parameter 'min_attendence'", 22, "did you mean 'min_attendance'?"),
    ("cell_kind == school", "unknown parameter 'school'", 14, "a text is written in quotes: 'school'"),
    ("regular_meetings_held = 12", "'=' is not a comparison", 23, "write '==' for equality"),
    ("regular_meetings_held >= 11 thematic_meetings_held >= 4", "unexpected 'thematic_meetings_held'", 29, None),
    ("regular_meetings_held >= 11 12", "unexpected '12'", 29, "combine tests with 'and' / 'or'"),
    ("regular_meetings_held >=", "the condition ends too early", 25, None),
    ("regular_meetings_held >= 11 and", "the condition ends too early", 32, None),
    ("(regular_meetings_held >= 11", "the condition ends too early", 29, None),
    ("regular_meetings_held >= 11)", "unexpected ')'", 28, None),
    (
        "cell_kind == 'school",
        'unexpected character "\'"',
        14,
        "a text starts and ends with the same quote, on one line",
    ),
    ("regular_meetings_held ~ 12", "unexpected character '~'", 23, None),
    ("regular_meetings_held >= 11 && thematic_meetings_held >= 4", "unexpected character '&'", 29, None),
    ("regular_meetings_held + 1 > 12", "unexpected character '+'", 23, None),
    ("cell_kind in ()", "expected a value, found ')'", 15, None),
    ("cell_kind in ('school'", "the condition ends too early", 23, None),
    ("cell_kind in 'school'", "expected '(', found \"'school'\"", 14, None),
    ("true == disunity_concluded", "expected a fact name, found 'true'", 1, None),
    ("regular_meetings_held > 1 or or", "expected a fact name, found 'or'", 30, None),
    ("regular_meetings_held > 1e400", "the number 1e400 is out of range", 25, "use a number between -1e15 and 1e15"),
    ("regular_meetings_held > 123456789012345678", "the number 123456789012345678 is out of range", 25, None),
    ("số_buổi > 1", "unexpected character 'ố'", 2, None),
    # a very long condition: refused before it is read
    (
        " and ".join(["regular_meetings_held > 1"] * 200),
        f"the condition is 5995 characters long; at most {MAX_LENGTH}",
        MAX_LENGTH,
        None,
    ),
    # deeply nested: refused at the first level too many
    (
        "(" * 50 + "regular_meetings_held > 1" + ")" * 50,
        f"the condition is nested deeper than {MAX_DEPTH} levels",
        17,
        None,
    ),
    ("not " * 50 + "disunity_concluded", f"the condition is nested deeper than {MAX_DEPTH} levels", 65, None),
]


class TestErrors:
    @pytest.mark.parametrize(("text", "message", "column", "hint"), BROKEN, ids=[row[0][:40] for row in BROKEN])
    def test_broken_condition(self, text: str, message: str, column: int, hint: str | None) -> None:
        """Each broken condition gives its message, the column of the problem and a hint where
        the likely mistake is known; nothing is evaluated."""
        with pytest.raises(ExpressionError) as info:
            parse(text, FACTS, PARAMS)
        error = info.value
        assert (message, column) == (str(error.message), error.column)
        if hint is not None:
            assert hint == (str(error.hint) if error.hint else None)

    def test_not_a_text(self) -> None:
        """A condition that is not a text (a number in TOML) is refused at column 1."""
        with pytest.raises(ExpressionError) as info:
            parse(12, FACTS)  # type: ignore[arg-type]
        assert ("a condition is a text, got int", 1) == (str(info.value.message), info.value.column)

    def test_in_the_exception_tree(self) -> None:
        """ExpressionError is a PartyrulesError and a ValueError, and reads with its column."""
        error = ExpressionError("unknown fact 'x'", 3, "did you mean 'y'?")
        assert isinstance(error, PartyrulesError)
        assert isinstance(error, ValueError)
        assert "column 3: unknown fact 'x' (did you mean 'y'?)" == str(error)

    def test_code_is_never_run(self, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        """Conditions that would run code in Python are refused, and run nothing."""
        monkeypatch.chdir(tmp_path)
        for text in (
            "__import__('os').system('touch hacked')",
            "open('hacked', 'w')",
            "exec('open(1)')",
            "regular_meetings_held > (lambda: open('hacked', 'w'))()",
            "[x for x in ()]",
            "regular_meetings_held > 1 if open('hacked', 'w') else 2",
        ):
            with pytest.raises(ExpressionError):
                parse(text, FACTS)
        assert [] == list(tmp_path.iterdir())


NAMES = st.sampled_from(["a", "b_2", "regular_meetings_held", "x"])
TEXTS = st.text(alphabet=st.characters(blacklist_characters="\\\n\r", blacklist_categories=["Cs"]), max_size=8).filter(
    lambda s: not ("'" in s and '"' in s)
)
VALUES = st.one_of(
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False),
    st.booleans(),
    TEXTS,
    st.sampled_from([Param("p"), Param("min_q")]),
)
LEAVES = st.one_of(
    st.builds(Compare, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), NAMES, VALUES),
    st.builds(In, NAMES, st.lists(VALUES, min_size=1, max_size=4).map(tuple)),
)


def _trees(children: st.SearchStrategy[Condition]) -> st.SearchStrategy[Condition]:
    items = st.lists(children, min_size=2, max_size=4).map(tuple)
    return st.one_of(st.builds(AllOf, items), st.builds(AnyOf, items), st.builds(Not, children))


#: Trees the grammar can write: and/or of two tests or more, nested at most a few levels.
TREES = st.recursive(LEAVES, _trees, max_leaves=12)


class TestProperties:
    @given(TREES)
    def test_render_then_parse_round_trips(self, tree: Condition) -> None:
        """Writing a tree in the file language and reading it back gives the same tree."""
        assert tree == parse(render(tree), None, {"p", "min_q"})

    @given(st.text(max_size=300))
    def test_any_text_is_a_condition_or_an_expression_error(self, text: str) -> None:
        """Whatever the text, parse returns a condition or raises ExpressionError, nothing else."""
        try:
            result = parse(text, FACTS, PARAMS)
        except ExpressionError as error:
            assert 1 <= error.column <= max(len(text), MAX_LENGTH) + 1
        else:
            assert isinstance(result, Compare | In | AllOf | AnyOf | Not)

    @given(st.text(alphabet="()<>=!,.'\" _-+ab19eExyandortnuefls", max_size=120))
    def test_grammar_like_text_is_a_condition_or_an_expression_error(self, text: str) -> None:
        """Text made of the language's own characters (and a few others) never escapes as another
        exception, with or without a schema."""
        for facts in (None, {"a", "b", "x"}):
            try:
                parse(text, facts, {"y", "ab"})
            except ExpressionError:
                pass

    def test_render_refuses_a_text_no_quotes_can_hold(self) -> None:
        """A text with both quote marks cannot be written in a framework file."""
        with pytest.raises(ValueError, match="cannot be written in a framework file"):
            render(fact("cell_kind") == 'it\'s "x"')
