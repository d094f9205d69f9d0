"""The organisation (QĐ 294: no district level), who decides (HD 43 §3), and the window (HD 43 §4)."""

from __future__ import annotations

import datetime as dt

import pytest

from partyrules import InputError, Subject
from partyrules.review import AuthorityError, Level, Organisation, ReviewWindow, WindowError, authority
from partyrules.review.authority import check_decider


def ward(**declared: dict[str, object]) -> Organisation:
    """A ward under a province, with two cells (one with a member), as an input file lists them."""
    member = Subject("m1", "member", 2025)
    cells = (Subject("c1", "cell", 2025, children=(member,)), Subject("c2", "cell", 2025))
    committee = Subject("w", "committee", 2025, children=cells)
    spec = {"p": {"level": "province"}, "w": {"level": "above_grassroots", "parent": "p"}, **declared}
    return Organisation.build(spec, [(("committees", 0), committee)])


class TestTree:
    def test_levels_follow_the_listing(self) -> None:
        """Cells under an above-grassroots committee are grassroots cells; a member is a member."""
        tree = ward()
        assert Level.GRASSROOTS_CELL == tree["c1"].level
        assert Level.MEMBER == tree["m1"].level
        assert "w" == tree["c1"].parent
        assert ["w", "p"] == [b.id for b in tree.ancestors("c1")]

    def test_cells_of_a_grassroots_committee_are_subordinate(self) -> None:
        committee = Subject("g", "committee", 2025, children=(Subject("c1", "cell", 2025),))
        tree = Organisation.build({}, [(("committees", 0), committee)])
        assert Level.GRASSROOTS_COMMITTEE == tree["g"].level
        assert Level.SUBORDINATE_CELL == tree["c1"].level

    def test_an_intermediate_committee_between(self) -> None:
        committee = Subject("g", "committee", 2025, children=(Subject("c1", "cell", 2025),))
        spec = {"bp": {"level": "intermediate_committee", "parent": "g"}, "c1": {"parent": "bp"}}
        tree = Organisation.build(spec, [(("committees", 0), committee)])
        assert Level.SUBORDINATE_CELL == tree["c1"].level
        assert ["bp", "g"] == [b.id for b in tree.ancestors("c1")]

    def test_every_problem_at_once_with_its_path(self) -> None:
        committee = Subject("w", "committee", 2025, children=(Subject("c1", "cell", 2025),))
        spec = {
            "p": {"level": "provnce"},
            "w": {"level": "above_grassroots", "parent": "nowhere"},
            "x": {"level": "grassroots_cell", "parent": "y"},
            "y": {"level": "grassroots_committee", "parent": "x"},
            "c1": {"parent": "x", "quota_share": 0.3},
        }
        with pytest.raises(InputError) as caught:
            Organisation.build(spec, [(("committees", 0), committee)])
        text = str(caught.value)
        assert "$.organisation.p.level: unknown level 'provnce'" in text and "did you mean 'province'" in text
        assert "$.organisation.w.parent: the parent 'nowhere' of 'w' is not in the organisation" in text
        assert "$.organisation.c1.quota_share" in text
        assert "a cycle of parents: x → y → x" in text or "a cycle of parents: y → x → y" in text

    def test_a_subject_under_exactly_one_parent(self) -> None:
        committee = Subject("w", "committee", 2025, children=(Subject("c1", "cell", 2025),))
        spec = {"other": {"level": "grassroots_committee"}, "c1": {"parent": "other"}}
        with pytest.raises(InputError, match="is listed under 'w' but names 'other'"):
            Organisation.build(spec, [(("committees", 0), committee)])

    def test_a_level_that_cannot_sit_under_its_parent(self) -> None:
        with pytest.raises(InputError, match="cannot sit under 'c'"):
            Organisation.build({"c": {"level": "grassroots_cell"}, "p": {"level": "province", "parent": "c"}})

    def test_a_level_that_does_not_fit_the_kind(self) -> None:
        committee = Subject("w", "committee", 2025)
        with pytest.raises(InputError, match="level grassroots_cell does not fit a subject of kind committee"):
            Organisation.build({"w": {"level": "grassroots_cell"}}, [(("committees", 0), committee)])


class TestAuthority:
    def test_the_ward_s_standing_board_decides_its_grassroots_cells(self) -> None:
        found = authority(ward(), "c1")
        assert ("w", "standing_board", None) == (found.decider, found.organ, found.proposer)

    def test_the_province_decides_the_ward(self) -> None:
        assert "p" == authority(ward(), "w").decider

    def test_a_grassroots_cell_decides_its_members(self) -> None:
        assert "c1" == authority(ward(), "m1").decider

    def test_the_grassroots_committee_decides_subordinate_cells_and_their_members(self) -> None:
        cell = Subject("c1", "cell", 2025, children=(Subject("m1", "member", 2025),))
        committee = Subject("g", "committee", 2025, children=(cell,))
        spec = {"bp": {"level": "intermediate_committee", "parent": "g"}, "c1": {"parent": "bp"}}
        tree = Organisation.build(spec, [(("committees", 0), committee)])
        cell_authority = authority(tree, "c1")
        assert ("g", "executive_committee", "bp") == (
            cell_authority.decider,
            cell_authority.organ,
            cell_authority.proposer,
        )
        member = authority(tree, "m1")
        assert ("g", "c1") == (member.decider, member.proposer)

    def test_a_province_is_decided_centrally(self) -> None:
        with pytest.raises(AuthorityError, match="Politburo"):
            authority(ward(), "p")

    def test_anyone_else_is_refused_naming_the_competent_body(self) -> None:
        with pytest.raises(AuthorityError, match="'p' is not competent to decide for 'c1': the competent body is 'w'"):
            check_decider(ward(), "c1", "p")


class TestWindow:
    def test_before_31_december(self) -> None:
        """HD 43 §4: reviews finish before 31 December."""
        window = ReviewWindow(2026)
        assert window.check(dt.date(2026, 12, 30), body="w") is None
        with pytest.raises(WindowError, match="after the deadline, 2026-12-30"):
            window.check(dt.date(2026, 12, 31), body="w")

    def test_15_january_on_a_special_cycle(self) -> None:
        window = ReviewWindow(2026)
        assert window.check(dt.date(2027, 1, 15), body="s", special_cycle=True) is None
        with pytest.raises(WindowError):
            window.check(dt.date(2027, 1, 16), body="s", special_cycle=True)

    def test_a_late_decision_as_an_exception_with_its_reason(self) -> None:
        window = ReviewWindow(2026)
        assert "flood" == window.check(dt.date(2027, 1, 20), body="w", late_allowed=True, late_reason=" flood ")
        with pytest.raises(WindowError, match="needs its reason"):
            window.check(dt.date(2027, 1, 20), body="w", late_allowed=True)

    def test_after_the_files_went_up_the_exception_says_so(self) -> None:
        found = ReviewWindow(2026).check(dt.date(2027, 2, 1), body="w", late_allowed=True, late_reason="late")
        assert found is not None and found.startswith("late (") and "before 1 February" in found

    def test_not_before_the_year(self) -> None:
        with pytest.raises(WindowError, match="before the year under review"):
            ReviewWindow(2026).check(dt.date(2025, 12, 31), body="w")
