"""Tests of the exception tree and of Problem: every exception pickles equal, every user
mistake in the declaration API is a PartyrulesError, and a problem's location is data,
rendered late."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from partyrules import (
    DeclarationError,
    DuplicatePluginError,
    EngineError,
    EngineLimitError,
    EngineUnavailableError,
    ExpressionError,
    FrameworkError,
    FrameworkMismatchError,
    InputError,
    MissingFactError,
    ParamSpec,
    PartyrulesError,
    PluginErrors,
    PluginImportError,
    PluginTypeError,
    Policy,
    Problem,
    Rule,
    Ruleset,
    RulesetError,
    Subject,
    ThreadAffinityError,
    UnknownNameError,
    fact,
)
from partyrules.errors import Origin
from partyrules.problems import Scope, describe, did_you_mean
from partyrules.text.catalogue import msg, use_language
from support import SCHEMA

ORIGIN = Origin("meetings", "demo:MEETINGS", "demo-dist", "1.0")
PROBLEM = Problem(msg("problem.unknown_fact"), ("cells", 3, "facts", "x"), hint=msg("hint.did_you_mean", name="y"))

#: One of each exception partyrules raises, built with fields.
EXCEPTIONS: list[PartyrulesError] = [
    PartyrulesError(msg("io.no_such_file")),
    DeclarationError(msg("condition.empty", name="all_of")),
    InputError([PROBLEM]),
    RulesetError([PROBLEM], what=msg("what.rule", id="r")),
    FrameworkError([PROBLEM, PROBLEM], what=msg("what.framework", name="f")),
    ExpressionError(msg("expr.empty"), 3, msg("expr.combine_hint")),
    UnknownNameError("framework", "fourgod", ["fourgood", "demo"]),
    UnknownNameError("framework_version", "9", ["1", "2"], framework="demo"),
    MissingFactError("cell-1", {"demo.attendance": ("attendance",)}),
    FrameworkMismatchError("cell-1", "a" * 64, "b" * 64),
    PluginImportError(msg("plugin.failed_to_load", error="ImportError: x"), origin=ORIGIN),
    PluginTypeError(msg("plugin.not_a_plugin", type="int"), origin=ORIGIN),
    DuplicatePluginError(msg("plugin.not_a_plugin", type="int"), origin=ORIGIN),
    PluginErrors([PluginTypeError(msg("plugin.not_a_plugin", type="int"), origin=ORIGIN)]),
    EngineError(msg("durable.thread"), backend="durable", code=303, rule_id="r"),
    EngineUnavailableError(msg("engine.durable_unavailable"), backend="durable"),
    EngineLimitError(msg("durable.thread"), backend="durable", code=113),
    ThreadAffinityError(msg("durable.thread"), backend="durable"),
]


class TestPickling:
    @pytest.mark.parametrize("error", EXCEPTIONS, ids=lambda e: type(e).__name__)
    def test_unpickles_equal(self, error: PartyrulesError) -> None:
        """Every exception crosses a process boundary unchanged: same type, fields and text."""
        again = pickle.loads(pickle.dumps(error))
        assert type(error) is type(again)
        assert error == again
        assert str(error) == str(again)
        assert {k: v for k, v in vars(error).items()} == {k: v for k, v in vars(again).items()}

    def test_different_fields_are_not_equal(self) -> None:
        """Equality compares the fields: another subject id is another error."""
        assert MissingFactError("a", {}) != MissingFactError("b", {})


class TestBuiltins:
    @pytest.mark.parametrize(
        ("error", "builtin"),
        [
            (InputError([PROBLEM]), ValueError),
            (DeclarationError(msg("expr.empty")), TypeError),
            (UnknownNameError("ruleset", "x", []), LookupError),
            (PluginTypeError(msg("expr.empty"), origin=ORIGIN), ImportError),
            (EngineError(msg("expr.empty"), backend="python"), RuntimeError),
        ],
    )
    def test_each_is_also_the_builtin_a_caller_expects(self, error: PartyrulesError, builtin: type) -> None:
        """Each exception also derives from the builtin a caller would catch."""
        assert isinstance(error, builtin)
        assert isinstance(error, PartyrulesError)


def _rule(**changes: Any) -> Rule:
    fields: dict[str, Any] = {
        "id": "r",
        "dimension": "meetings",
        "title_vi": "T",
        "title_en": "T",
        "when": fact("attendance") > 0.5,
        "source": "test",
        "status": "default",
        "points": 1,
    }
    fields.update(changes)
    return Rule(**fields)


#: Mistakes in the declaration API, and the PartyrulesError each raises.
DECLARATION_MISTAKES: list[tuple[str, Any, type[PartyrulesError]]] = [
    ("a fact named by a number", lambda: fact(3), DeclarationError),  # type: ignore[arg-type]
    ("a fact compared with a list", lambda: fact("x") >= [1], DeclarationError),
    ("a condition used as a truth value", lambda: bool(fact("x") > 1), DeclarationError),
    ("a rule with an unknown status", lambda: _rule(status="maybe"), RulesetError),
    ("a rule with an unknown veto grade", lambda: _rule(veto="BAD", points=0), RulesetError),
    ("a subject with an unknown kind", lambda: Subject("a", "branch", 2025), InputError),
    ("a subject whose id is a number", lambda: Subject(5, "cell", 2025), DeclarationError),  # type: ignore[arg-type]
    ("a subject whose period is a text", lambda: Subject("a", "cell", "2025"), DeclarationError),  # type: ignore[arg-type]
    ("a subject whose children are not subjects", lambda: Subject("a", "cell", 2025, children=[1]), DeclarationError),  # type: ignore[list-item]
    ("a ruleset of an unknown kind", lambda: Ruleset("r", "branch", "meetings", [], SCHEMA), RulesetError),
    (
        "a parameter with an unknown status",
        lambda: ParamSpec("p", 1, "P", "P", "test", "maybe"),
        RulesetError,
    ),
    ("a policy with an unknown grade", lambda: Policy(four_good_min_grade="BEST"), FrameworkError),
    ("a policy with an unknown unknown-policy", lambda: Policy(unknown="ignore"), FrameworkError),
]


class TestDeclarationMistakes:
    @pytest.mark.parametrize(
        ("build", "error"), [row[1:] for row in DECLARATION_MISTAKES], ids=[row[0] for row in DECLARATION_MISTAKES]
    )
    def test_a_partyrules_error(self, build: Any, error: type[PartyrulesError]) -> None:
        """Building a declaration the wrong way raises a PartyrulesError subclass, never a bare builtin."""
        with pytest.raises(error):
            build()

    def test_an_unknown_kind_says_what_the_kinds_are(self) -> None:
        """The problem names the field and lists the values."""
        with pytest.raises(InputError) as info:
            Subject("a", "branch", 2025)
        assert [("$.kind", "expected one of member, cell, committee, got 'branch' (str)", None)] == [
            p.parts() for p in info.value.problems
        ]


class TestProblem:
    def test_a_data_location_renders_as_a_path(self) -> None:
        """``loc`` is data; :attr:`path` renders it: keys after dots, indexes in brackets."""
        assert ("cells", 3, "facts", "x") == PROBLEM.loc
        assert "$.cells[3].facts.x: unknown fact (did you mean 'y'?)" == str(PROBLEM)

    def test_an_odd_key_is_quoted(self) -> None:
        """A key that is not a plain name is shown quoted, its control characters escaped."""
        problem = Problem(msg("problem.unknown_fact"), ("facts", "a b\x1b[2J"))
        assert "$.facts['a b\\x1b[2J']" == problem.path

    def test_a_declaration_scope(self) -> None:
        """In a declaration the scope comes first, then the keys."""
        problem = Problem(msg("framework.unknown_rule"), ("points", "demo.monthy"), Scope("framework", "demo"))
        assert "framework 'demo', points.demo.monthy" == problem.path

    def test_a_file_position_wins(self) -> None:
        """Where the file position is known, it is the location shown."""
        problem = Problem(msg("expr.empty"), ("rules", 0, "when"), file="ward.toml", line=12, column=5)
        assert "ward.toml:12:5" == problem.path

    def test_rendered_in_the_language_in_use(self) -> None:
        """The same problem reads in Vietnamese inside ``use_language("vi")`` and with ``lang``."""
        with use_language("vi"):
            vietnamese = str(PROBLEM)
        assert "$.cells[3].facts.x: không có dữ kiện này (có phải là 'y'?)" == vietnamese == PROBLEM.render("vi")
        assert PROBLEM.render("en") == str(PROBLEM)

    def test_within(self) -> None:
        """A problem found in a part is moved under the part's location."""
        assert ("committees", 0, "cells", 3, "facts", "x") == PROBLEM.within("committees", 0).loc


class TestDescribe:
    def test_a_huge_integer_is_not_written_out(self) -> None:
        """An integer of thousands of digits is described by its size (no 4,300-digit limit error)."""
        assert "<4001-digit integer> (int)" == str(describe(10**4000))

    def test_a_deep_value_is_cut(self) -> None:
        """A nested value is excerpted, never expanded."""
        value: list[Any] = []
        for _ in range(1000):
            value = [value, value]
        text = str(describe(value))
        assert len(text) < 80
        assert text.endswith("(list)")

    def test_the_type_in_words(self) -> None:
        """In Vietnamese the type is a word, in English Python's name; another type its name."""
        from partyrules.text.catalogue import use_language

        with use_language("vi"):
            assert ["'ba' (chuỗi)", "[1] (danh sách)", "None (trống)", "1.5 (số thực)"] == [
                str(describe(v)) for v in ("ba", [1], None, 1.5)
            ]
        assert ["'ba' (str)", "[1] (list)", "None (NoneType)"] == [str(describe(v)) for v in ("ba", [1], None)]
        assert str(describe(range(2))).endswith("(range)")

    def test_did_you_mean_is_bounded(self) -> None:
        """No suggestion is searched for a very long name or among too many candidates."""
        assert "regular_meetings_held" == did_you_mean("regular_meeting_held", ["regular_meetings_held"])
        assert did_you_mean("x" * 200, ["x" * 199]) is None
        assert did_you_mean("a0", (f"a{i}" for i in range(5000))) is None
