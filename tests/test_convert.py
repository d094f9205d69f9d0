"""Tests of the converter: exact JSON round-trips, the documented JSON shape, and input documents."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partyrules import (
    Evaluation,
    Evaluator,
    FactSpec,
    Framework,
    Grading,
    InputError,
    Kind,
    Ruleset,
    Schema,
    Subject,
    build_trace,
    fact,
    rule,
)
from partyrules.convert import Document, read_document
from partyrules.serialize import TRACES, dumps, loads
from support import MEETINGS, SCHEMA, UNITY, good_cell_facts

MEMBER_SCHEMA = Schema(
    [
        FactSpec("tasks_done", "float", minimum=0, maximum=1, direction="higher", unit="share"),
        FactSpec("suspended", "bool", direction="lower"),
    ]
)

MEMBERS = Ruleset(
    "test.members",
    "member",
    "cadres_members",
    [
        rule(
            id="test.member_tasks",
            dimension="cadres_members",
            title_vi="Hoàn thành nhiệm vụ được giao",
            title_en="Assigned tasks completed",
            when=fact("tasks_done") >= 0.7,
            points=10,
            source="test only",
            status="default",
        ),
        rule(
            id="test.member_suspended",
            dimension="cadres_members",
            title_vi="Đang bị đình chỉ sinh hoạt",
            title_en="Suspended from party activity",
            when=fact("suspended").is_true(),
            excludes=True,
            source="Quy định 366-QĐ/TW",
            status="confirmed",
        ),
    ],
    MEMBER_SCHEMA,
)

FRAMEWORK = Framework(
    "demo-members",
    [MEETINGS, UNITY, MEMBERS],
    version="1",
    grading={"cell": Grading(score_facts=("score_general", "score_tasks"))},
)

EVALUATOR = Evaluator(FRAMEWORK, backend="python")


def cell_with_members(**changes: object) -> Subject:
    """A cell listing three members, one of them suspended (not graded)."""
    facts = good_cell_facts(members_total=None, members_good=None, **changes)
    members = (
        Subject("m-1", "member", 2025, {"tasks_done": 0.9, "suspended": False}, "Nguyễn Văn A"),
        Subject("m-2", "member", 2025, {"tasks_done": 0.5, "suspended": False}),
        Subject("m-3", "member", 2025, {"tasks_done": 0.8, "suspended": True}),
    )
    return Subject("cell-1", "cell", 2025, facts, "Chi bộ 1", members)


def round_trips(evaluation: Evaluation | list[Evaluation], *, indent: int | None = 2) -> None:
    """loads(dumps(x)) == x, and the text again is the same text; the traces rebuilt from the
    compact records are the traces of the evaluations."""
    items = [evaluation] if isinstance(evaluation, Evaluation) else evaluation
    for trace in TRACES:
        text = dumps(items, framework=FRAMEWORK, indent=indent, trace=trace)
        again = loads(text)
        assert text == dumps(again, framework=FRAMEWORK, indent=indent, trace=trace)
        assert items == again
        for before, after in zip(items, again, strict=True):
            for one, other in zip(before.walk(), after.walk(), strict=True):
                assert build_trace(one, FRAMEWORK) == build_trace(other, FRAMEWORK)


def record_of(evaluation: Evaluation, *, trace: str = "full") -> dict[str, Any]:
    """The one record of ``evaluation`` in its results document."""
    document = json.loads(dumps(evaluation, framework=FRAMEWORK, trace=trace))
    assert FRAMEWORK.content_hash == document["catalogue"]["framework"]["content_hash"]
    (record,) = document["results"]
    return record  # type: ignore[no-any-return]


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


# Valid demo cell facts; None means "not known" (the fact is missing).
cell_facts = st.fixed_dictionaries(
    {
        "regular_meetings_held": _optional(st.integers(0, 12)),
        "thematic_meetings_held": _optional(st.integers(0, 12)),
        "attendance": _optional(st.floats(0, 1)),
        "disunity": _optional(st.booleans()),
        "cell_kind": _optional(st.sampled_from(["residential", "school", "enterprise"])),
        "score_general": _optional(st.floats(0, 30) | st.integers(0, 30)),
        "score_tasks": _optional(st.floats(0, 70) | st.integers(0, 70)),
        "members_total": st.just(10),
        "members_good": _optional(st.integers(0, 10)),
    }
)


class TestRoundTrip:
    @given(cell_facts, st.sampled_from([2024, 2025, 2026]))
    def test_any_cell(self, facts: dict[str, Any], period: int) -> None:
        """dumps(loads(text)) == text for any valid cell, known or unknown facts, any regime."""
        round_trips(EVALUATOR.evaluate(Subject("cell-1", "cell", period, facts)))

    def test_with_children(self) -> None:
        """A cell with its listed members (one not graded) round-trips, children and their traces included."""
        evaluation = EVALUATOR.evaluate(cell_with_members())
        assert 3 == len(evaluation.children)
        round_trips(evaluation)
        (again,) = loads(dumps(evaluation, framework=FRAMEWORK))
        assert [build_trace(c, FRAMEWORK) for c in evaluation.children] == [
            build_trace(c, FRAMEWORK) for c in again.children
        ]

    def test_unknown_facts(self) -> None:
        """Missing facts (null in the trace) round-trip exactly."""
        evaluation = EVALUATOR.evaluate(Subject("cell-2", "cell", 2025, {"disunity": False}))
        assert not evaluation.complete
        round_trips(evaluation)

    def test_not_graded(self) -> None:
        """A subject that is not graded (grade null) round-trips."""
        evaluation = EVALUATOR.evaluate(Subject("m-9", "member", 2025, {"tasks_done": 1.0, "suspended": True}))
        assert evaluation.grade is None
        round_trips(evaluation)

    def test_a_list(self) -> None:
        """A list of evaluations round-trips as a JSON array, with or without indentation."""
        evaluations = [
            EVALUATOR.evaluate(cell_with_members()),
            EVALUATOR.evaluate(Subject("cell-2", "cell", 2025, good_cell_facts(attendance=None))),
        ]
        round_trips(evaluations)
        round_trips(evaluations, indent=None)
        assert isinstance(json.loads(dumps(evaluations, framework=FRAMEWORK))["results"], list)


GRADES = {"EXCELLENT", "GOOD", "COMPLETED", "NOT_COMPLETED"}


def check_shape(data: dict[str, Any]) -> None:
    """The documented shape of one subject in the JSON output, recursively."""
    assert {"id", "kind", "period", "grade", "four_good", "dimensions", "evidence", "trace"} <= set(data)
    assert isinstance(data["id"], str)
    assert data["kind"] in {"member", "cell", "committee"}
    assert isinstance(data["period"], int)
    assert data["grade"] in GRADES or (data["grade"] is None and data["graded"] is False)
    assert isinstance(data["four_good"], bool)
    for value in data["dimensions"].values():
        assert {"score", "max", "grade", "good"} <= set(value)
        assert value["grade"] in {"EXCELLENT", "GOOD", "AVERAGE", "POOR"}
        assert isinstance(value["good"], bool)
    assert isinstance(data["trace"], dict)
    for child in data.get("children", ()):
        check_shape(child)


class TestShape:
    def test_a_good_cell(self) -> None:
        """A cell meeting every rule: 20/20 and 10/10, score 28 + 64 = 92 ≥ 90, so EXCELLENT and Four-Good."""
        data = record_of(EVALUATOR.evaluate(Subject("cell-1", "cell", 2025, good_cell_facts(), "Chi bộ 1")))
        check_shape(data)
        assert ("cell-1", "Chi bộ 1", "cell", 2025) == (data["id"], data["name"], data["kind"], data["period"])
        assert "EXCELLENT" == data["grade"]
        assert data["four_good"] is True
        assert 92 == data["score"]
        assert {
            "meetings": {"score": 20, "max": 20, "grade": "EXCELLENT", "good": True},
            "unity_discipline": {"score": 10, "max": 10, "grade": "EXCELLENT", "good": True},
        } == {name: {k: d[k] for k in ("score", "max", "grade", "good")} for name, d in data["dimensions"].items()}
        assert ("python", "366") == (data["backend"], data["regime"])
        assert "demo-members" == data["trace"]["framework"]

    def test_trace_lists_every_rule(self) -> None:
        """The trace has every rule of the kind with its outcome; a not-applicable rule says so."""
        data = record_of(EVALUATOR.evaluate(Subject("cell-1", "cell", 2025, good_cell_facts())))
        outcomes = {step["rule_id"]: step["outcome"] for step in data["trace"]["rules"]}
        assert {
            "demo.monthly": "met",
            "demo.attendance": "met",
            "demo.thematic_school": "not_applicable",
            "demo.united": "met",
            "demo.disunity": "not_met",
            "demo.members_low": "not_met",
        } == outcomes

    def test_children_and_not_graded(self) -> None:
        """Children are nested in the same shape; a suspended member has grade null and graded false."""
        data = record_of(EVALUATOR.evaluate(cell_with_members()))
        check_shape(data)
        children = {c["id"]: c for c in data["children"]}
        assert ["m-1", "m-2", "m-3"] == [c["id"] for c in data["children"]]
        assert (None, False, False) == (
            children["m-3"]["grade"],
            children["m-3"]["graded"],
            children["m-3"]["four_good"],
        )
        assert "EXCELLENT" == children["m-1"]["grade"]  # 10/10 points scale to 100
        assert "NOT_COMPLETED" == children["m-2"]["grade"]  # 0/10 points scale to 0

    def test_unknown_fact_is_null_in_the_trace(self) -> None:
        """A missing fact is recorded as null where a rule read it, and the subject is incomplete."""
        data = record_of(EVALUATOR.evaluate(Subject("c", "cell", 2025, good_cell_facts(attendance=None))))
        (step,) = [s for s in data["trace"]["rules"] if s["rule_id"] == "demo.attendance"]
        assert ({"attendance": None}, "unknown") == (step["facts"], step["outcome"])
        assert data["complete"] is False


# One table of bad input documents: the parsed data and every problem it must produce.
BAD_DOCUMENTS: list[tuple[str, object, list[tuple[str, str]]]] = [
    ("not a mapping", [1], [("$", "expected a mapping with 'period' and subjects, got [1] (list)")]),
    ("empty file", None, [("$", "expected a mapping with 'period' and subjects, got None (NoneType)")]),
    ("no period", {"cells": [{"id": "a"}]}, [("$.period", "required field missing")]),
    (
        "period as text",
        {"period": "2025", "cells": [{"id": "a"}]},
        [("$.period", "expected an integer, got '2025' (str)")],
    ),
    (
        "period as bool",
        {"period": True, "cells": [{"id": "a"}]},
        [("$.period", "expected an integer, got True (bool)")],
    ),
    ("no subjects", {"period": 2025}, [("$", "no subjects: give committees, cells or members")]),
    ("unknown top-level field", {"period": 2025, "cels": [{"id": "a"}]}, [("$", "unknown field(s): cels")]),
    ("missing id", {"period": 2025, "cells": [{"name": "x"}]}, [("$.cells[0].id", "required field missing")]),
    ("blank id", {"period": 2025, "cells": [{"id": " "}]}, [("$.cells[0].id", "an id is required")]),
    ("id as number", {"period": 2025, "cells": [{"id": 3}]}, [("$.cells[0].id", "expected a text, got 3 (int)")]),
    (
        "unknown subject field",
        {"period": 2025, "cells": [{"id": "a", "fact": {}}]},
        [("$.cells[0]", "unknown field(s): fact")],
    ),
    (
        "members under a committee",
        {"period": 2025, "committees": [{"id": "k", "members": [{"id": "m"}]}]},
        [("$.committees[0].members", "a committee does not list members")],
    ),
    (
        "cells under a member",
        {"period": 2025, "members": [{"id": "m", "cells": [{"id": "c"}]}]},
        [("$.members[0].cells", "a member does not list cells")],
    ),
    (
        "cells under a cell",
        {"period": 2025, "cells": [{"id": "c", "cells": [{"id": "d"}]}]},
        [("$.cells[0].cells", "a cell does not list cells")],
    ),
    (
        "duplicate ids across levels",
        {"period": 2025, "cells": [{"id": "a", "members": [{"id": "a"}]}]},
        [("$.cells[0].members[0].id", "subject id 'a' is already used at $.cells[0]")],
    ),
    (
        "many problems at once",
        {"period": 2025, "extra": 1, "cells": [{"name": "x"}, {"id": 3}, {"id": "ok", "nme": "y"}]},
        [
            ("$.cells[0].id", "required field missing"),
            ("$.cells[1].id", "expected a text, got 3 (int)"),
            ("$.cells[2]", "unknown field(s): nme"),
            ("$", "unknown field(s): extra"),
        ],
    ),
]


class TestReadDocument:
    @pytest.mark.parametrize(
        ("data", "expected"), [row[1:] for row in BAD_DOCUMENTS], ids=[r[0] for r in BAD_DOCUMENTS]
    )
    def test_bad_document(self, data: object, expected: list[tuple[str, str]]) -> None:
        """Every structural problem of a document is listed, each with its path."""
        with pytest.raises(InputError) as info:
            read_document(data)
        assert sorted(expected) == sorted(p.parts()[:2] for p in info.value.problems)

    @pytest.mark.parametrize(
        ("data", "path", "wanted"),
        [
            ({"period": 2025, "cells": [{"id": "a", "facts": [1]}]}, "$.cells[0].facts", "expected a mapping"),
            ({"period": 2025, "cells": {"id": "a"}}, "$.cells", "expected a list"),
        ],
        ids=["facts as a list", "cells as a mapping"],
    )
    def test_container_of_the_wrong_kind(self, data: object, path: str, wanted: str) -> None:
        """A list where a mapping belongs (or the reverse) is said so, at the container's path."""
        with pytest.raises(InputError) as info:
            read_document(data)
        assert [(path, True)] == [(p.path, str(p.message).startswith(wanted)) for p in info.value.problems]

    def test_a_tree(self) -> None:
        """A committee's cells and their members become nested subjects; periods are inherited unless given."""
        read = read_document(
            {
                "period": 2025,
                "framework": "demo",
                "committees": [
                    {"id": "k", "facts": {"a": 1}, "cells": [{"id": "c", "period": 2024, "members": [{"id": "m"}]}]}
                ],
                "members": [{"id": "x", "name": "Trần Thị B"}],
            }
        )
        document = read.document
        assert isinstance(document, Document)
        assert ("demo", 2025) == (document.framework, document.period)
        committee, member = read.subjects
        assert (("committees", 0), ("members", 0)) == read.locations
        assert (Kind.COMMITTEE, 2025, {"a": 1}) == (committee.kind, committee.period, dict(committee.facts))
        (cell,) = committee.children
        assert (Kind.CELL, 2024) == (cell.kind, cell.period)
        (grandchild,) = cell.children
        assert (Kind.MEMBER, 2024, "m") == (grandchild.kind, grandchild.period, grandchild.id)
        assert (Kind.MEMBER, "Trần Thị B") == (member.kind, member.name)

    def test_schema_of_facts_is_not_checked_here(self) -> None:
        """Fact names and values are checked against the framework at evaluation, not by read_document."""
        (subject,) = read_document({"period": 2025, "cells": [{"id": "a", "facts": {"anything": "goes"}}]}).subjects
        assert {"anything": "goes"} == dict(subject.facts)
        assert SCHEMA.spec("anything") is None
