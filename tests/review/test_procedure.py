"""The review of the example ward, stage by stage, in a real SQLite file."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from partyrules import FrameworkMismatchError, InputError, Registry
from partyrules.review import MIGRATIONS, QuotaRule, Review, ReviewError, Store, StoreError, YearResult, streaks
from partyrules.review import store as store_module

ROOT = Path(__file__).parents[2]
WARD = ROOT / "examples" / "ward-2025.yaml"
APPRAISAL = ROOT / "examples" / "review" / "appraisal-2025.yaml"
DEC = dt.date(2025, 12, 20)
CELLS = [f"c{i:02}" for i in range(1, 13)]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "review.sqlite"


@pytest.fixture
def review(db: Path) -> Iterator[Review]:
    with Store(db) as store:
        work = Review(store, backend="python")
        work.self_assess(WARD, on=dt.date(2025, 12, 5))
        yield work
        work.close()


def count(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute("SELECT count(*) FROM records").fetchone()[0])


class TestSelfAssessment:
    def test_every_subject_with_its_proposal_and_framework(self, review: Review) -> None:
        """The example's header comment gives each cell's grade (checked against the regulation
        in tests/rulesets/test_example_ward.py): the proposals are those grades."""
        found = {r.subject: r for r in review.store.records(stage="self_assessment")}
        assert {"hoa-binh", *CELLS} <= set(found)
        assert "EXCELLENT" == found["c01"].grade == found["c05"].grade
        assert "NOT_COMPLETED" == found["c04"].grade == found["c11"].grade
        assert "COMPLETED" == found["c07"].grade
        assert "GOOD" == found["c06"].grade  # 92 points but only 20% of tasks exceeded
        record = found["c01"]
        assert ("fourgood", 64) == (record.framework_name, len(record.framework_hash))
        assert record.library_version and record.body == "c01"

    def test_the_organisation_is_stored_with_the_year(self, review: Review) -> None:
        tree = review.organisation(2025)
        assert "tinh-uy" == tree["hoa-binh"].parent
        assert "grassroots_cell" == tree["c01"].level.value


class TestAppraisal:
    def test_a_changed_fact_changes_the_grade_with_its_reason(self, review: Review) -> None:
        (record,) = review.appraise(APPRAISAL, by="hoa-binh", on=dt.date(2025, 12, 10))
        assert "EXCELLENT" == record.grade  # 3 of 10 tasks exceeded: 30% (QĐ 366 EXCELLENT)
        assert {"facts": {"tasks_exceeded": [2, 3]}, "grade": ["GOOD", "EXCELLENT"]} == record.changes
        assert record.reason and "Biên bản" in record.reason

    def test_a_difference_without_its_reason_is_refused(self, review: Review, tmp_path: Path, db: Path) -> None:
        file = tmp_path / "a.yaml"
        file.write_text("period: 2025\nappraisals:\n  - subject: c02\n    grade: EXCELLENT\n", encoding="utf-8")
        before = count(db)
        with pytest.raises(InputError, match=r"a\.yaml: \$\.appraisals\[0\]\.reason: 'c02': a change"):
            review.appraise(file, by="hoa-binh", on=dt.date(2025, 12, 10))
        assert before == count(db)

    def test_only_the_deciding_body_appraises(self, review: Review) -> None:
        with pytest.raises(InputError, match="the competent body is 'hoa-binh'"):
            review.appraise(APPRAISAL, by="tinh-uy", on=dt.date(2025, 12, 10))


class TestDecision:
    def test_the_quota_moves_the_excess_to_good(self, review: Review) -> None:
        """After the appraisal, 3 cells are proposed EXCELLENT (c01 with 93 points; c05 and c06
        with 92, 64 of them for tasks, so c05 before c06 by id) and 6 GOOD: on the literal
        reading 1 may stay (1 ≤ 0.2 × 8; 2 > 0.2 × 7)."""
        review.appraise(APPRAISAL, by="hoa-binh", on=dt.date(2025, 12, 10))
        found = {r.subject: r for r in review.decide(by="hoa-binh", year=2025, on=DEC)}
        assert set(CELLS) == set(found)
        assert "EXCELLENT" == found["c01"].grade
        assert "GOOD" == found["c05"].grade == found["c06"].grade
        assert {"rank": 3, "allowed": 1, "proposed": 3, "moved": True} == {
            k: found["c06"].quota[k] for k in ("rank", "allowed", "proposed", "moved")
        }
        assert found["c01"].quota is not None and not found["c01"].quota["moved"]
        assert "GOOD" == found["c02"].grade and found["c02"].quota is None

    def test_good_or_better_with_the_body_s_25_percent(self, db: Path, tmp_path: Path) -> None:
        """At 25% of GOOD or better (3 + 6 = 9): 2 may stay EXCELLENT.  c05 and c06 tie at 92
        points with 64 for tasks: the id breaks the tie."""
        with Store(db) as store:
            work = Review(store, backend="python", quota=QuotaRule(base="good_or_better"), quota_share=0.25)
            work.self_assess(WARD, on=dt.date(2025, 12, 5))
            work.appraise(APPRAISAL, by="hoa-binh", on=dt.date(2025, 12, 10))
            found = {r.subject: r.grade for r in work.decide(by="hoa-binh", year=2025, on=DEC)}
            assert ["c01", "c05"] == sorted(s for s, g in found.items() if g == "EXCELLENT")
            work.close()

    def test_a_body_without_authority_is_refused_and_nothing_is_written(self, review: Review, db: Path) -> None:
        before = count(db)
        with pytest.raises(ReviewError) as caught:
            review.decide(by="tinh-uy", year=2025, on=DEC, subjects=["c01"])
        assert "the competent body is 'hoa-binh'" in str(caught.value)
        assert before == count(db)

    def test_a_committee_before_its_cells_is_refused(self, review: Review) -> None:
        with pytest.raises(ReviewError, match="lower levels before higher: still undecided: c01, c02"):
            review.decide(by="tinh-uy", year=2025, on=DEC)
        review.decide(by="hoa-binh", year=2025, on=DEC)
        (ward,) = review.decide(by="tinh-uy", year=2025, on=dt.date(2025, 12, 28), votes={"hoa-binh": {"yes": 15}})
        assert "hoa-binh" == ward.subject and {"yes": 15} == ward.votes

    def test_members_after_their_cell(self, review: Review) -> None:
        with pytest.raises(ReviewError, match="decide the cell 'c05' first"):
            review.decide(by="c05", year=2025, on=DEC)

    def test_outside_the_window(self, review: Review, db: Path) -> None:
        before = count(db)
        with pytest.raises(ReviewError, match="after the deadline, 2025-12-30"):
            review.decide(by="hoa-binh", year=2025, on=dt.date(2026, 1, 5))
        assert before == count(db)

    def test_a_late_decision_where_the_body_s_rules_allow_it(self, db: Path, tmp_path: Path) -> None:
        text = WARD.read_text(encoding="utf-8").replace(
            "    parent: tinh-uy\n", "    parent: tinh-uy\n    late_decisions: true\n"
        )
        ward = tmp_path / "ward.yaml"
        ward.write_text(text, encoding="utf-8")
        with Store(db) as store:
            work = Review(store, backend="python")
            work.self_assess(ward, on=dt.date(2025, 12, 5))
            found = work.decide(by="hoa-binh", year=2025, on=dt.date(2026, 1, 5), late_reason="bão số 3")
            assert {"bão số 3"} == {r.exception for r in found}
            work.close()

    def test_once_per_subject_and_year(self, review: Review) -> None:
        review.decide(by="hoa-binh", year=2025, on=DEC, subjects=["c01"])
        with pytest.raises(ReviewError, match="already decided"):
            review.decide(by="hoa-binh", year=2025, on=DEC, subjects=["c01"])

    def test_deciding_in_two_batches_gives_the_grades_of_one(self, review: Review, tmp_path: Path) -> None:
        """The quota counts every cell the body decides in the year, decided or still to come:
        c05 decided first does not take the one place c01 ranks for; c01 keeps it later."""
        first = {r.subject: r.grade for r in review.decide(by="hoa-binh", year=2025, on=DEC, subjects=["c05", "c02"])}
        rest = {r.subject: r.grade for r in review.decide(by="hoa-binh", year=2025, on=DEC)}
        with Store(tmp_path / "once.sqlite") as store:
            once = Review(store, backend="python")
            once.self_assess(WARD, on=dt.date(2025, 12, 5))
            together = {r.subject: r.grade for r in once.decide(by="hoa-binh", year=2025, on=DEC)}
            once.close()
        assert together == {**first, **rest}
        assert ("GOOD", "EXCELLENT") == (first["c05"], rest["c01"])


class TestRecognitionAndCorrection:
    def test_four_good_recognition_after_the_grading(self, review: Review) -> None:
        with pytest.raises(ReviewError, match="decided no cell or committee"):
            review.recognise(by="hoa-binh", year=2025, on=DEC)
        review.decide(by="hoa-binh", year=2025, on=DEC)
        found = {r.subject: r.four_good for r in review.recognise(by="hoa-binh", year=2025, on=DEC)}
        # the example's expected outcomes: c01, c02, c05, c09, c10, c12 are Four-Good, c06 too
        # (every dimension good), c03 and c08 are not, nor the cells below GOOD
        assert {"c01", "c02", "c05", "c06", "c09", "c10", "c12"} == {s for s, ok in found.items() if ok}
        review.decide(by="c05", year=2025, on=DEC)  # its members: Four-Good is for organisations
        with pytest.raises(ReviewError, match="decided no cell or committee"):
            review.recognise(by="c05", year=2025, on=DEC)

    def test_a_correction_points_to_the_decision_it_corrects(self, review: Review) -> None:
        decisions = {r.subject: r for r in review.decide(by="hoa-binh", year=2025, on=DEC)}
        corrected = review.correct(
            "c07", year=2025, by="hoa-binh", on=dt.date(2026, 3, 10), reason="miscounted", facts={"score_general": 4}
        )
        assert decisions["c07"].id == corrected.corrects
        assert "NOT_COMPLETED" == corrected.grade  # 4 + 45 task points = 49 < 50 (QĐ 366)
        assert {"facts": {"score_general": [20, 4]}, "grade": ["COMPLETED", "NOT_COMPLETED"]} == corrected.changes
        years, _ = review.history("c07")
        assert [YearResult(2025, "NOT_COMPLETED", None, "hoa-binh", corrected.id)] == years
        # the decision itself is untouched: append-only
        assert "COMPLETED" == review.store.record(decisions["c07"].id).grade  # type: ignore[union-attr]

    def test_a_correction_by_a_body_that_is_not_above(self, review: Review) -> None:
        review.decide(by="hoa-binh", year=2025, on=DEC)
        with pytest.raises(ReviewError, match="not a committee above"):
            review.correct("c07", year=2025, by="c01", on=DEC, reason="x", grade="GOOD")


class TestHistory:
    def test_streaks_end_at_the_latest_year(self) -> None:
        grades = ["EXCELLENT", "GOOD", "EXCELLENT", "EXCELLENT", "EXCELLENT", "EXCELLENT", "EXCELLENT"]
        years = [YearResult(2019 + i, g, i >= 3, "w", i) for i, g in enumerate(grades)]
        found = streaks(years)
        assert (5, 4, 2025, True) == (found.excellent, found.four_good, found.through, found.excellent_five_years)

    def test_a_missing_year_breaks_a_streak(self) -> None:
        years = [YearResult(y, "EXCELLENT", True, "w", y) for y in (2020, 2021, 2023, 2024, 2025)]
        assert 3 == streaks(years).excellent

    def test_a_stored_decision_reproduced_later(self, review: Review, db: Path) -> None:
        decided = review.decide(by="hoa-binh", year=2025, on=DEC)
        review.close()
        with Store(db) as store:  # years later: a new process, the same file
            again = Review(store, backend="durable").reproduce(decided[0].id)
            assert again.same

    def test_a_different_framework_is_refused(self, review: Review) -> None:
        (record,) = review.decide(by="hoa-binh", year=2025, on=DEC, subjects=["c01"])
        framework = Registry().framework("fourgood", version=record.framework_version)
        changed = attrs.evolve(framework, policy=attrs.evolve(framework.policy, quota_share=0.25))
        other = Review(review.store, framework=changed)
        with pytest.raises(FrameworkMismatchError):
            other.reproduce(record.id)


class TestStore:
    def test_append_only(self, review: Review, db: Path) -> None:
        with sqlite3.connect(db) as connection:
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                connection.execute("UPDATE records SET grade = 'EXCELLENT'")
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                connection.execute("DELETE FROM records")

    def test_wal_mode(self, review: Review, db: Path) -> None:
        with sqlite3.connect(db) as connection:
            assert "wal" == connection.execute("PRAGMA journal_mode").fetchone()[0]

    def test_migrated_forward_keeping_the_rows(self, db: Path) -> None:
        with sqlite3.connect(db) as connection:
            for statement in MIGRATIONS[0].split(";\n"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute("PRAGMA user_version = 1")
            connection.execute("INSERT INTO batches (command, at, library_version) VALUES ('old', 'then', '0.0')")
        with Store(db) as store:
            assert len(MIGRATIONS) == store.schema_version == 2
        with sqlite3.connect(db) as connection:
            assert [("old",)] == connection.execute("SELECT command FROM batches").fetchall()
            indexes = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
            assert "records_one_decision" in indexes

    def test_a_newer_schema_is_refused(self, db: Path) -> None:
        with sqlite3.connect(db) as connection:
            connection.execute("PRAGMA user_version = 99")
        with pytest.raises(StoreError, match="schema version 99, newer"):
            Store(db)

    def test_a_crash_in_the_middle_of_a_batch_stores_nothing(
        self, review: Review, db: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        before = count(db)
        calls = []
        original = store_module.Batch.add

        def crash(self: store_module.Batch, **values: object) -> int:
            calls.append(values)
            if len(calls) == 5:
                raise KeyboardInterrupt  # as a kill in the middle of the batch would
            return original(self, **values)

        monkeypatch.setattr(store_module.Batch, "add", crash)
        with pytest.raises(KeyboardInterrupt):
            review.decide(by="hoa-binh", year=2025, on=DEC)
        assert 5 == len(calls)
        assert before == count(db)
        assert [] == review.store.records(stage="decision")


def _decide(db: str, start: multiprocessing.synchronize.Event, results: multiprocessing.Queue[str]) -> None:
    with Store(db, timeout=60) as store:
        start.wait()
        try:
            found = Review(store, backend="python").decide(by="hoa-binh", year=2025, on=DEC)
            results.put(f"decided {len(found)}")
        except ReviewError as error:
            results.put(f"refused {error}")


class TestTwoProcesses:
    def test_two_processes_deciding_at_once(self, review: Review, db: Path) -> None:
        """Both wait for the other; one decides the 12 cells, the other finds nothing left."""
        context = multiprocessing.get_context("spawn")
        start, results = context.Event(), context.Queue()
        workers = [context.Process(target=_decide, args=(str(db), start, results)) for _ in range(2)]
        for worker in workers:
            worker.start()
        start.set()
        outcomes = sorted(results.get(timeout=120) for _ in workers)
        for worker in workers:
            worker.join(60)
        assert outcomes[0] == "decided 12"
        assert outcomes[1].startswith("refused")
        decisions = review.store.records(stage="decision")
        assert sorted(CELLS) == sorted(r.subject for r in decisions)


class TestWhatTheReviewChecks:
    def test_a_collective_is_decided_on_its_cells_latest_facts(self, review: Review) -> None:
        """c06's appraisal changes a fact below the ward: the ward is evaluated again on it."""
        review.appraise(APPRAISAL, by="hoa-binh", on=dt.date(2025, 12, 10))
        review.decide(by="hoa-binh", year=2025, on=DEC)
        (ward,) = review.decide(by="tinh-uy", year=2025, on=DEC)
        assert ward.changes.get("re_evaluated") is True
        c06 = next(c for c in ward.input["children"] if c["id"] == "c06")
        assert 3 == c06["facts"]["tasks_exceeded"]

    @pytest.mark.parametrize(("base", "kept"), [("good", ["c01"]), ("good_or_better", ["c01", "c05"])])
    def test_the_body_s_own_25_percent(self, db: Path, tmp_path: Path, base: str, kept: list[str]) -> None:
        """The ward grants 25% (QĐ 366 Art. 11). After the appraisal 3 cells are proposed
        EXCELLENT and 6 GOOD: on GOOD only, 1 fits (1 ≤ 0.25 × 8; 2 > 0.25 × 7); on GOOD or
        better, 2 (2 ≤ 0.25 × 9). c05 and c06 tie at 92 points, 64 for tasks: the id decides."""
        text = WARD.read_text(encoding="utf-8").replace(
            "    parent: tinh-uy\n", "    parent: tinh-uy\n    quota_share: 0.25\n"
        )
        ward = tmp_path / "ward.yaml"
        ward.write_text(text, encoding="utf-8")
        with Store(db) as store:
            work = Review(store, backend="python", quota=QuotaRule(base=base))
            work.self_assess(ward, on=dt.date(2025, 12, 5))
            work.appraise(APPRAISAL, by="hoa-binh", on=dt.date(2025, 12, 10))
            found = {r.subject: r for r in work.decide(by="hoa-binh", year=2025, on=DEC)}
            assert kept == sorted(s for s, r in found.items() if r.grade == "EXCELLENT")
            assert 25 == found["c06"].quota["percent"]
            work.close()

    def test_the_review_s_share_overrides_the_body_s(self, db: Path, tmp_path: Path) -> None:
        text = WARD.read_text(encoding="utf-8").replace(
            "    parent: tinh-uy\n", "    parent: tinh-uy\n    quota_share: 0.25\n"
        )
        ward = tmp_path / "ward.yaml"
        ward.write_text(text, encoding="utf-8")
        with Store(db) as store:
            work = Review(store, backend="python", quota=QuotaRule(base="good_or_better"), quota_share=0.2)
            work.self_assess(ward, on=dt.date(2025, 12, 5))
            work.appraise(APPRAISAL, by="hoa-binh", on=dt.date(2025, 12, 10))
            found = {r.subject: r for r in work.decide(by="hoa-binh", year=2025, on=DEC)}
            # 20% of GOOD or better (9): 1
            assert ["c01"] == sorted(s for s, r in found.items() if r.grade == "EXCELLENT")
            work.close()

    def test_dates_follow_the_stages(self, review: Review) -> None:
        review.appraise(APPRAISAL, by="hoa-binh", on=dt.date(2025, 12, 10))
        with pytest.raises(ReviewError, match="2025-12-09 is before the stage it follows, of 2025-12-10"):
            review.decide(by="hoa-binh", year=2025, on=dt.date(2025, 12, 9))
        review.decide(by="hoa-binh", year=2025, on=DEC)
        with pytest.raises(ReviewError, match="is before the stage it follows"):
            review.recognise(by="hoa-binh", year=2025, on=dt.date(2025, 12, 19))
        with pytest.raises(ReviewError, match="is before the stage it follows"):
            review.correct("c07", year=2025, by="hoa-binh", on=dt.date(2025, 12, 19), reason="x", grade="GOOD")

    def test_an_empty_correction_is_refused(self, review: Review) -> None:
        review.decide(by="hoa-binh", year=2025, on=DEC)
        with pytest.raises(ReviewError, match="must change the grade or a fact"):
            review.correct("c07", year=2025, by="hoa-binh", on=DEC, reason="x", grade="COMPLETED")

    def test_a_new_self_assessment_may_not_drop_an_appraisal_or_follow_a_decision(self, review: Review) -> None:
        review.appraise(APPRAISAL, by="hoa-binh", on=dt.date(2025, 12, 10))
        with pytest.raises(InputError, match="'c06' is already appraised"):
            review.self_assess(WARD, on=dt.date(2025, 12, 11))
        review.decide(by="hoa-binh", year=2025, on=DEC)
        with pytest.raises(InputError, match="'c01' is already decided"):
            review.self_assess(WARD, on=dt.date(2025, 12, 21))

    def test_a_recognition_does_not_survive_a_correction_below_good(self, review: Review) -> None:
        review.decide(by="hoa-binh", year=2025, on=DEC)
        review.recognise(by="hoa-binh", year=2025, on=DEC)
        review.correct("c02", year=2025, by="tinh-uy", on=dt.date(2026, 2, 3), reason="inspection", grade="COMPLETED")
        (year,), found = review.history("c02")
        assert ("COMPLETED", False, 0) == (year.grade, year.four_good_recognised, found.four_good)

    def test_a_year_still_under_review_is_not_in_the_history(self, review: Review) -> None:
        assert ([], 0) == (review.history("c01")[0], review.history("c01")[1].excellent)

    def test_a_locked_database_is_a_clear_error(self, review: Review, db: Path) -> None:
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreError, match=r"cannot use the database .*: database is locked"):
                with Store(db, timeout=0.2) as store:  # opening migrates in a transaction too
                    Review(store, backend="python").decide(by="hoa-binh", year=2025, on=DEC)
        finally:
            holder.execute("ROLLBACK")
            holder.close()

    def test_a_crash_in_the_middle_of_a_self_assessment(self, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        calls = []
        original = store_module.Batch.add

        def crash(self: store_module.Batch, **values: object) -> int:
            calls.append(values)
            if len(calls) == 7:
                raise MemoryError
            return original(self, **values)

        monkeypatch.setattr(store_module.Batch, "add", crash)
        with Store(db) as store:
            with pytest.raises(MemoryError):
                Review(store, backend="python").self_assess(WARD, on=dt.date(2025, 12, 5))
            assert [] == store.records() and {} == store.bodies(2025)


def _self_assess(
    db: str, file: str, start: multiprocessing.synchronize.Event, results: multiprocessing.Queue[str]
) -> None:
    with Store(db, timeout=60) as store:
        start.wait()
        found = Review(store, backend="python").self_assess(file, on=dt.date(2025, 12, 5))
        results.put(f"wrote {len(found)}")


def test_two_processes_writing_different_subjects_at_once(tmp_path: Path) -> None:
    """Two wards self-assessed by two processes at once: nothing lost, nothing twice."""
    files = []
    for name in ("a", "b"):
        text = WARD.read_text(encoding="utf-8")
        for old in ["hoa-binh", "tinh-uy", *CELLS]:
            text = text.replace(f"{old}", f"{name}-{old}")
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    db = tmp_path / "both.sqlite"
    Store(db).close()
    context = multiprocessing.get_context("spawn")
    start, results = context.Event(), context.Queue()
    workers = [context.Process(target=_self_assess, args=(str(db), f, start, results)) for f in files]
    for worker in workers:
        worker.start()
    start.set()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(60)
    with Store(db) as store:
        records = store.records(stage="self_assessment")
    subjects = [r.subject for r in records]
    assert len(subjects) == len(set(subjects)) == 2 * int(outcomes[0].split()[1])
