"""The review of one year, stage by stage, recorded in a :class:`~partyrules.review.store.Store`.

1. **Self-assessment** (366 Art. 7; Mẫu 01, 2A–2C): each subject's facts and the grade they give,
   its proposed grade.
2. **Appraisal** (HD 43 §2): the deciding committee's organisation advisory body may change facts
   or the grade; any difference from the proposal needs its reason.
3. **Re-verification** (optional; 366 Art. 13, 15) by a committee above the subject, where there are
   complaints, signs of violation or disunity: as an appraisal, with its grounds.
4. **Decision** by the competent body (HD 43 §3), in the year's window (HD 43 §4), lower levels
   before higher and a collective before its members (366 Art. 7), the quota applied (366 Art. 11).
5. **Four-Good recognition** by the same body, after the grading, in the same window.
6. **Correction** (366 Art. 13, 15; Mẫu 03): a new record pointing to the one it corrects.

Every stage records who, when, the result, the framework (name, version, content hash) and the
library version; a batch of stages is written in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from .._version import library_version
from ..batch import framework_of
from ..convert import read_document
from ..errors import InputError
from ..io.read import read_data, read_units
from ..model import Grade
from ..problems import Loc, Problem, describe
from ..results import Evaluation
from ..subjects import Subject
from ..text.catalogue import Message, msg
from .authority import Authority, AuthorityError, authority, check_decider, check_superior
from .common import (
    _BEFORE_DECISION,
    _DECIDED,
    ReviewError,
    _body_data,
    _changes_document,
    _pairs,
    _refusal,
    subject_tree,
    unit_data,
)
from .deciding import Deciding
from .history import Reproduction, Streaks, YearResult, streaks
from .organisation import Organisation, check_tree
from .store import Record

__all__ = ["Reproduction", "Review", "ReviewError", "Streaks", "YearResult", "streaks"]


class Review(Deciding):
    """The review recorded in ``store``, with frameworks from ``registry`` (a ``framework``
    given here is used wherever its name and version match a record's)."""

    # -- 1. self-assessment -------------------------------------------------------------------

    def self_assess(self, path: str | Path, *, on: dt.date, framework: str | None = None) -> list[Record]:
        """Record the self-assessment of every subject in the input file ``path``."""
        path = Path(path)
        chosen = (
            self.framework
            if self.framework is not None and framework is None
            else framework_of(path, registry=self.registry, framework=framework)
        )
        self.framework = chosen
        problems: list[Problem] = []
        units: list[tuple[Subject, Evaluation, Loc]] = []
        declared: dict[str, Any] = {}
        located: list[tuple[Loc, Subject]] = []
        year: int | None = None
        for unit in read_units(path):
            try:
                found = read_document(unit.load())
            except InputError as error:
                problems.extend(unit.locate(p) for p in error.problems)
                continue
            organisation = found.document.organisation
            if organisation is not None and not isinstance(organisation, Mapping):
                problems.append(
                    unit.locate(
                        Problem(
                            msg("value.expected", expected=msg("expect.mapping"), given=describe(organisation)),
                            ("organisation",),
                        )
                    )
                )
            elif organisation:
                declared.update(organisation)
            if year is None:
                year = found.document.period
            elif found.document.period != year:
                problems.append(
                    unit.locate(Problem(msg("review.one_year", year=year, given=found.document.period), ("period",)))
                )
            for loc, subject in found.located():
                located.append((loc, subject))
                try:
                    units.append((subject, self._evaluator(chosen).evaluate(subject, loc=loc), loc))
                except InputError as error:
                    problems.extend(unit.locate(p) for p in error.problems)
        try:
            tree = Organisation.build(declared, located)
        except InputError as error:
            problems.extend(error.problems)
            tree = None
        assert year is not None or problems
        if problems:
            raise InputError(problems)
        assert tree is not None and year is not None
        written: list[int] = []
        with self.store.transaction(f"self-assess {path.name}") as batch:
            # checked inside the transaction: another process cannot decide in between
            self._check_resubmission(tree, year, [(s, loc) for s, _, loc in units])
            batch.add_bodies(year, {body_id: _body_data(body) for body_id, body in tree.bodies.items()})
            for subject, evaluation, _ in units:
                for item, result, parent in _pairs(subject, evaluation, None):
                    written.append(
                        batch.add(
                            **self._stage_values(item.id, year, "self_assessment", item.id, on, result, chosen),
                            input=unit_data(item),
                            listed_under=parent,
                        )
                    )
        return [r for r in (self.store.record(i) for i in written) if r is not None]

    def _check_resubmission(self, tree: Organisation, year: int, units: Sequence[tuple[Subject, Loc]]) -> None:
        """A self-assessment may not replace a decided or appraised one, come after its parent's
        decision, or give an organisation that, merged with the one stored, is not a tree."""
        problems: list[Problem] = []
        decided = self.store.subjects(year=year, stages=_DECIDED)
        changed = self.store.subjects(year=year, stages=("appraisal", "reverification"))
        for subject, loc in units:
            for item in subject_tree(subject):
                parent = tree.parent(item.id)
                if item.id in decided:
                    problems.append(Problem(msg("review.already_decided", subject=item.id, year=year), loc))
                elif item.id in changed:
                    problems.append(Problem(msg("review.already_appraised", subject=item.id, year=year), loc))
                elif parent is not None and parent.id in decided:
                    message = msg("review.parent_decided", subject=item.id, parent=parent.id, year=year)
                    problems.append(Problem(message, loc))
        merged = self.organisation(year).merged(tree)
        problems.extend(check_tree(merged))
        if problems:
            raise InputError(problems)

    # -- 2, 3. appraisal and re-verification --------------------------------------------------

    def appraise(self, path: str | Path, *, by: str, on: dt.date) -> list[Record]:
        """Record the appraisal in file ``path`` (``appraisals:``) by ``by``, the deciding body."""
        return self._change(path, by=by, on=on, stage="appraisal")

    def reverify(self, path: str | Path, *, by: str, on: dt.date) -> list[Record]:
        """Record a re-verification by ``by``, a committee above each subject (``grounds`` given)."""
        return self._change(path, by=by, on=on, stage="reverification")

    def _change(self, path: str | Path, *, by: str, on: dt.date, stage: str) -> list[Record]:
        path = Path(path)
        data = read_data(path)
        problems: list[Problem] = []
        items = _changes_document(data, stage, problems)
        year = data.get("period") if isinstance(data, Mapping) else None
        written: list[int] = []
        # planned and written in one transaction: what the plan checked cannot change meanwhile
        with self.store.transaction(f"{stage} {path.name}") as batch:
            planned: list[tuple[dict[str, Any], Mapping[str, Any]]] = []
            if isinstance(year, int):
                tree = self.organisation(year)
                for index, item in items:
                    loc: Loc = ("appraisals" if stage == "appraisal" else "reverifications", index)
                    plan = self._plan_change(tree, year, by, on, stage, item, loc, problems)
                    if plan is not None:
                        planned.append(plan)
            if problems:
                raise InputError(
                    [attrs.evolve(p, file=str(path), unit=True, line=None) if p.file is None else p for p in problems]
                )
            for values, extra in planned:
                written.append(batch.add(**values, **extra))
        return [r for r in (self.store.record(i) for i in written) if r is not None]

    def _plan_change(
        self,
        tree: Organisation,
        year: int,
        by: str,
        on: dt.date,
        stage: str,
        item: Mapping[str, Any],
        loc: Loc,
        problems: list[Problem],
    ) -> tuple[dict[str, Any], dict[str, Any]] | None:
        subject = item["subject"]
        latest = self._latest(subject, year, _BEFORE_DECISION)
        if latest is None:
            problems.append(Problem(msg("review.not_self_assessed", subject=subject, year=year), (*loc, "subject")))
            return None
        if any(r.stage in _DECIDED for r in self.store.records(subject=subject, year=year)):
            problems.append(Problem(msg("review.already_decided", subject=subject, year=year), (*loc, "subject")))
            return None
        try:
            if stage == "appraisal":
                check_decider(tree, subject, by)
            else:
                check_superior(tree, subject, by)
        except AuthorityError as error:
            problems.append(
                Problem(error.message if isinstance(error.message, Message) else msg("review.refused", count=1), loc)
            )
            return None
        framework = self._framework(latest.framework_name, latest.framework_version, latest.framework_hash)
        current = self._current_input(latest.input, year)
        changed = dict(item.get("facts") or {})
        old_facts = current["facts"]
        current["facts"] = {k: v for k, v in {**old_facts, **changed}.items() if v is not None}
        try:
            result = self._evaluate(framework, current, (*loc,))
        except InputError as error:
            problems.extend(error.problems)
            return None
        evaluated = None if result.grade is None else result.grade.value
        grade = item.get("grade") or evaluated
        changes: dict[str, Any] = {}
        fact_changes = {k: [old_facts.get(k), v] for k, v in changed.items() if old_facts.get(k) != v}
        if fact_changes:
            changes["facts"] = fact_changes
        if grade != latest.grade:
            changes["grade"] = [latest.grade, grade]
        if grade != evaluated:
            changes["grade_over_facts"] = [evaluated, grade]
        reason = item.get("reason")
        if changes and not (isinstance(reason, str) and reason.strip()):
            problems.append(Problem(msg("review.reason_required", subject=subject), (*loc, "reason")))
            return None
        values = self._stage_values(subject, year, stage, by, on, result, framework)
        values.update(grade=grade, input=current, listed_under=latest.listed_under, changes=changes, reason=reason)
        extra: dict[str, Any] = {}
        if stage == "reverification":
            extra["exception"] = None
            values["changes"] = {**changes, "grounds": item.get("grounds")}
        return values, extra

    # -- 6. correction ------------------------------------------------------------------------

    def correct(
        self,
        subject: str,
        *,
        year: int,
        by: str,
        on: dt.date,
        reason: str,
        grade: str | None = None,
        facts: Mapping[str, Any] | None = None,
    ) -> Record:
        """Record a correction of ``subject``'s decision for ``year``: a new grade, or changed
        facts graded again, with its reason, by the deciding body or a committee above it."""
        tree = self.organisation(year)
        with self.store.transaction(f"correct {subject} --year {year}") as batch:
            previous = self._latest(subject, year, _DECIDED)
            problems: list[Problem] = []
            if previous is None:
                raise ReviewError([_refusal(subject, msg("review.not_decided", subject=subject, year=year))])
            if not reason or not reason.strip():
                problems.append(_refusal(subject, msg("review.reason_required", subject=subject)))
            if grade is not None and grade not in {g.value for g in Grade}:
                problems.append(_refusal(subject, msg("review.unknown_grade", given=describe(grade))))
            try:
                decider = authority(tree, subject).decider
                if by != decider and by not in {b.id for b in tree.ancestors(decider)}:
                    raise AuthorityError(msg("review.not_superior", body=by, subject=subject, decider=decider))
            except AuthorityError as error:
                problems.append(_refusal(subject, error.message))  # type: ignore[arg-type]
            if problems:
                raise ReviewError(problems)
            framework = self._framework(previous.framework_name, previous.framework_version, previous.framework_hash)
            current = {**previous.input, "facts": dict(previous.input["facts"])}
            changes: dict[str, Any] = {}
            result: Evaluation | None = None
            if facts:
                changed = {k: [current["facts"].get(k), v] for k, v in facts.items() if current["facts"].get(k) != v}
                current["facts"] = {k: v for k, v in {**current["facts"], **facts}.items() if v is not None}
                if changed:
                    changes["facts"] = changed
                try:
                    result = self._evaluate(framework, current)
                except InputError as error:
                    raise ReviewError([p.within(subject) for p in error.problems]) from None
            new_grade = (
                grade or (None if result is None or result.grade is None else result.grade.value) or previous.grade
            )
            if new_grade != previous.grade:
                changes["grade"] = [previous.grade, new_grade]
            if not changes:
                raise ReviewError([_refusal(subject, msg("review.correction_empty", subject=subject))])
            if on < previous.on_date:
                before = msg("review.date_before", on=on.isoformat(), before=previous.on_date.isoformat())
                raise ReviewError([_refusal(subject, before)])
            values = (
                self._stage_values(subject, year, "correction", by, on, result, framework)
                if result is not None
                else {
                    name: getattr(previous, name)
                    for name in (
                        "subject",
                        "kind",
                        "year",
                        "evaluated",
                        "four_good",
                        "score",
                        "framework_name",
                        "framework_version",
                        "framework_hash",
                        "evidence",
                    )
                }
                | {"stage": "correction", "body": by, "on_date": on, "library_version": library_version()}
            )
            values.update(
                grade=new_grade,
                input=current,
                listed_under=previous.listed_under,
                changes=changes,
                reason=reason.strip(),
                corrects=previous.id,
            )
            written = batch.add(**values)
        found = self.store.record(written)
        assert found is not None
        return found

    # -- queries ------------------------------------------------------------------------------

    def stages(self, subject: str, year: int | None = None) -> list[Record]:
        """Every stage of ``subject`` (in ``year``), oldest first."""
        return self.store.records(subject=subject, year=year)

    def history(self, subject: str) -> tuple[list[YearResult], Streaks]:
        """The subject's outcome in each year it was reviewed, and its streaks."""
        years = []
        for year in self.store.years(subject):
            decided = self._latest(subject, year, _DECIDED)
            if decided is None:
                continue  # a year still under review: not part of the history yet
            recognition = self._latest(subject, year, ("recognition",))
            recognised = None if recognition is None else recognition.four_good
            if (
                recognition is not None
                and recognised
                and decided.id > recognition.id
                and decided.grade not in ("GOOD", "EXCELLENT")
            ):
                recognised = False  # corrected below GOOD after it was recognised
            years.append(YearResult(year, decided.grade, recognised, decided.body, decided.id))
        return years, streaks(years)

    def reproduce(self, record_id: int) -> Reproduction:
        """Evaluate a stored stage again with its recorded framework version."""
        found = self.store.record(record_id)
        if found is None:
            raise ReviewError([_refusal(str(record_id), msg("review.unknown_record", id=record_id))])
        framework = self._framework(found.framework_name, found.framework_version, found.framework_hash)
        return Reproduction(found, self._evaluate(framework, found.input), framework)

    def authority(self, subject: str, year: int) -> Authority:
        return authority(self.organisation(year), subject)
