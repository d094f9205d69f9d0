"""The quota on EXCELLENT (QĐ 366 Art. 11; QĐ 124; HD 21/2019), under both readings of its base."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partyrules import Grade
from partyrules.review import Candidate, QuotaRule, apply_quota


class TestAllowed:
    def test_the_domain_example_literal_reading(self) -> None:
        """With 50 GOOD in the end, at most 10 EXCELLENT on the literal reading (20% of GOOD)."""
        assert 10 == QuotaRule().allowed(excellent=12, good=48)  # 2 moved: 50 GOOD, 10 EXCELLENT

    def test_the_domain_example_good_or_better(self) -> None:
        """With 50 GOOD, 12 EXCELLENT on the "GOOD or better" reading: 12 ≤ 0.20 × 62."""
        assert 12 == QuotaRule(base="good_or_better").allowed(excellent=12, good=50)
        assert 12 == QuotaRule(base="good_or_better").allowed(excellent=13, good=50)  # 13 > 0.2 × 63 = 12.6

    def test_25_percent_for_outstanding_units(self) -> None:
        """5 proposed EXCELLENT and 16 GOOD: 3 allowed at 20% (3 ≤ 0.2 × 18), 4 at 25% (4 ≤ 0.25 × 17)."""
        assert 3 == QuotaRule(share=0.2).allowed(5, 16)
        assert 4 == QuotaRule(share=0.25).allowed(5, 16)

    def test_rounded_down_by_default(self) -> None:
        """4 GOOD and 1 EXCELLENT proposed: 20% of 4 is 0.8, rounded down to 0."""
        assert 0 == QuotaRule().allowed(1, 4)
        assert 1 == QuotaRule(rounding="nearest").allowed(1, 4)
        assert 1 == QuotaRule(rounding="up").allowed(1, 4)

    def test_the_base_is_a_named_parameter(self) -> None:
        with pytest.raises(ValueError):
            QuotaRule(base="everyone")
        with pytest.raises(ValueError):
            QuotaRule(share=0)

    @given(
        st.integers(0, 60),
        st.integers(0, 300),
        st.sampled_from([0.2, 0.25]),
        st.sampled_from(["good", "good_or_better"]),
    )
    def test_the_largest_count_within_the_limit(self, excellent: int, good: int, share: float, base: str) -> None:
        """The allowed count k keeps k ≤ floor(share × final base) and is the largest such k
        (the final base counts the proposals moved to GOOD)."""
        rule = QuotaRule(share=share, base=base)
        k = rule.allowed(excellent, good)

        def fits(k: int) -> bool:
            final_good = good + excellent - k
            denominator = final_good if base == "good" else final_good + k
            return k * 100 <= math.floor(share * 100) * denominator  # exact: shares of whole percents

        assert 0 <= k <= excellent
        assert fits(k)
        assert all(not fits(j) for j in range(k + 1, excellent + 1))

    @given(st.integers(0, 40), st.integers(0, 200))
    def test_good_or_better_never_allows_fewer(self, excellent: int, good: int) -> None:
        assert QuotaRule(base="good_or_better").allowed(excellent, good) >= QuotaRule().allowed(excellent, good)


class TestRanking:
    def test_ties_are_broken_by_task_score_then_id(self) -> None:
        """Equal scores: the higher task score first, then the id in code-point order."""
        candidates = [
            Candidate("c3", Grade.EXCELLENT, 95, 60),
            Candidate("c2", Grade.EXCELLENT, 95, 65),
            Candidate("c1", Grade.EXCELLENT, 95, 60),
            Candidate("c4", Grade.EXCELLENT, 97, 60),
            *(Candidate(f"g{i}", Grade.GOOD, 80, 55) for i in range(10)),
        ]
        placed = apply_quota(candidates, QuotaRule())  # 4 proposed, 10 GOOD: 2 allowed (2 ≤ 0.2 × 12)
        assert {"c4": 1, "c2": 2, "c1": 3, "c3": 4} == {k: v.rank for k, v in placed.items()}
        assert ["c1", "c3"] == sorted(k for k, v in placed.items() if v.moved)
        assert {2} == {v.allowed for v in placed.values()}

    def test_four_of_ten_proposed_excellent(self) -> None:
        """The issue's case: 4 of 10 cells proposed EXCELLENT, 6 GOOD: 1 may stay on the literal
        reading (1 ≤ 0.2 × 9; 2 > 0.2 × 8), 2 on "GOOD or better" (2 ≤ 0.2 × 10)."""
        cells = [Candidate(f"c{i}", Grade.EXCELLENT, 90 + i) for i in range(4)]
        cells += [Candidate(f"g{i}", Grade.GOOD, 80) for i in range(6)]
        literal = apply_quota(cells, QuotaRule())
        assert ["c3"] == [k for k, v in literal.items() if not v.moved]
        broad = apply_quota(cells, QuotaRule(base="good_or_better"))
        assert ["c2", "c3"] == sorted(k for k, v in broad.items() if not v.moved)

    @given(st.lists(st.tuples(st.integers(50, 100), st.integers(0, 70)), min_size=1, max_size=30), st.randoms())
    def test_the_order_of_the_input_does_not_matter(self, scores: list[tuple[int, int]], rng: random.Random) -> None:
        candidates = [
            Candidate(f"s{i}", Grade.EXCELLENT if i % 3 == 0 else Grade.GOOD, score, task)
            for i, (score, task) in enumerate(scores)
        ]
        shuffled = list(candidates)
        rng.shuffle(shuffled)
        assert apply_quota(candidates, QuotaRule()) == apply_quota(shuffled, QuotaRule())
