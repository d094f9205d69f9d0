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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from .._version import library_version
from ..batch import framework_of
from ..convert import read_document
from ..errors import FrameworkMismatchError, InputError, PartyrulesError
from ..evaluator import Evaluator
from ..frameworks import Framework
from ..io.read import read_data, read_units
from ..model import Grade, Kind
from ..plugins import Registry
from ..problems import Loc, Problem, Scope, describe
from ..quota import Candidate, QuotaRule, apply_quota
from ..records import record as evaluation_record
from ..results import Evaluation
from ..subjects import Subject
from ..text.catalogue import Message, msg
from .authority import Authority, AuthorityError, authority, check_decider, check_superior
from .organisation import Body, Level, Organisation, check_tree
from .store import Record, Store
from .window import ReviewWindow

__all__ = ["Review", "ReviewError", "Streaks", "YearResult"]

_BEFORE_DECISION = ("self_assessment", "appraisal", "reverification")
_DECIDED = ("decision", "correction")
GROUNDS = ("complaint", "violation", "disunity")


class ReviewError(PartyrulesError):
    """A step of the review that may not be taken: every reason, each naming its subject."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(msg("review.refused", count=len(self.problems)))

    def __str__(self) -> str:  # each message names its subject
        return "\n".join([str(self.message), *(f"  - {p.message}" for p in self.problems)])


def _refusal(subject: str, message: Message) -> Problem:
    return Problem(message, (), Scope("subject", subject))


# -- inputs: subjects as stored -----------------------------------------------------------------


def unit_data(subject: Subject) -> dict[str, Any]:
    """A subject with its listed children as plain data (what a record's ``input`` holds)."""
    data: dict[str, Any] = {
        "id": subject.id,
        "kind": subject.kind.value,
        "period": subject.period,
        "name": subject.name,
        "facts": subject.facts.as_dict(),
    }
    if subject.children:
        data["children"] = [unit_data(child) for child in subject.children]
    return data


def subject_of(data: Mapping[str, Any]) -> Subject:
    """The subject a record's ``input`` holds."""
    children = tuple(subject_of(child) for child in data.get("children", ()))
    return Subject(data["id"], data["kind"], data["period"], data["facts"], data.get("name", ""), children)


def _pairs(
    subject: Subject, evaluation: Evaluation, parent: str | None
) -> Iterator[tuple[Subject, Evaluation, str | None]]:
    yield subject, evaluation, parent
    for child, result in zip(subject.children, evaluation.children, strict=True):
        yield from _pairs(child, result, subject.id)


def _body_data(body: Body) -> dict[str, Any]:
    data = attrs.asdict(body, recurse=False)
    data["level"] = body.level.value
    data["kind"] = None if body.kind is None else body.kind.value
    data["standing_board"] = list(body.standing_board)
    return data


def _body_from(data: Mapping[str, Any]) -> Body:
    values = dict(data)
    values["level"] = Level(values["level"])
    values["kind"] = None if values.get("kind") is None else Kind(values["kind"])
    values["standing_board"] = tuple(values.get("standing_board", ()))
    return Body(**values)


# -- results --------------------------------------------------------------------------------------


@attrs.frozen
class YearResult:
    """A subject's outcome for one year: the grade in force (the last decision or correction),
    and whether it was recognised as Four-Good."""

    year: int
    grade: str | None
    four_good_recognised: bool | None
    decided_by: str | None
    record: int | None


@attrs.frozen
class Streaks:
    """Years running, up to the subject's latest year: EXCELLENT, Four-Good recognised.
    Hướng dẫn 06-HD/TW §19 rewards EXCELLENT ("tiêu biểu") 5 years in a row."""

    excellent: int
    four_good: int
    through: int | None

    @property
    def excellent_five_years(self) -> bool:
        return self.excellent >= 5


def streaks(years: Sequence[YearResult]) -> Streaks:
    """The streaks ending at the last of ``years`` (sorted by year; a gap breaks a streak)."""
    if not years:
        return Streaks(0, 0, None)
    ordered = sorted(years, key=lambda item: item.year)
    last = ordered[-1].year

    def run(test: Any) -> int:
        count, expected = 0, last
        for item in reversed(ordered):
            if item.year != expected or not test(item):
                break
            count += 1
            expected -= 1
        return count

    return Streaks(
        run(lambda item: item.grade == Grade.EXCELLENT.value), run(lambda item: item.four_good_recognised is True), last
    )


@attrs.frozen
class Reproduction:
    """A stored stage evaluated again with its recorded framework version."""

    record: Record
    evaluation: Evaluation
    framework: Framework

    @property
    def same(self) -> bool:
        stored = (self.record.evaluated, self.record.four_good, self.record.score)
        again = (
            None if self.evaluation.grade is None else self.evaluation.grade.value,
            self.evaluation.four_good,
            self.evaluation.score,
        )
        return stored == again


# -- the review -----------------------------------------------------------------------------------


class Review:
    """The review recorded in ``store``, with frameworks from ``registry`` (a ``framework``
    given here is used wherever its name and version match a record's)."""

    def __init__(
        self,
        store: Store,
        *,
        registry: Registry | None = None,
        framework: Framework | None = None,
        backend: str = "auto",
        quota: QuotaRule | None = None,
        quota_share: float | None = None,
    ) -> None:
        self.store = store
        self.registry = registry if registry is not None else Registry()
        self.framework = framework
        self.backend = backend
        #: the quota's base and rounding (its share is ``quota_share``, else the body's, else
        #: the framework's)
        self.quota = quota
        self.quota_share = quota_share
        self._evaluators: dict[str, Evaluator] = {}

    def close(self) -> None:
        for evaluator in self._evaluators.values():
            evaluator.close()
        self._evaluators.clear()

    # -- frameworks and evaluation ------------------------------------------------------------

    def _framework(self, name: str, version: str, content_hash: str) -> Framework:
        if self.framework is not None and (self.framework.name, self.framework.version) == (name, version):
            framework = self.framework
        else:
            framework = self.registry.framework(name, version=version)
        if framework.content_hash != content_hash:
            raise FrameworkMismatchError(name, content_hash, framework.content_hash)
        return framework

    def _evaluator(self, framework: Framework) -> Evaluator:
        found = self._evaluators.get(framework.content_hash)
        if found is None:
            # each subject's own grade: the quota is applied when the body decides
            found = self._evaluators[framework.content_hash] = Evaluator(framework, backend=self.backend, quota=False)
        return found

    def _evaluate(self, framework: Framework, data: Mapping[str, Any], loc: Loc = ()) -> Evaluation:
        return self._evaluator(framework).evaluate(subject_of(data), loc=loc)

    # -- the organisation ---------------------------------------------------------------------

    def organisation(self, year: int) -> Organisation:
        """The organisation of ``year`` as given by the self-assessments."""
        return Organisation({body_id: _body_from(data) for body_id, data in self.store.bodies(year).items()})

    # -- state --------------------------------------------------------------------------------

    def _latest(self, subject: str, year: int, stages: Iterable[str]) -> Record | None:
        wanted = set(stages)
        found = [r for r in self.store.records(subject=subject, year=year) if r.stage in wanted]
        return found[-1] if found else None

    def _current_input(self, data: Mapping[str, Any], year: int) -> dict[str, Any]:
        """``data`` with each subject's facts as its latest stage before the decision left them."""
        latest = self._latest(data["id"], year, _BEFORE_DECISION)
        facts = latest.input["facts"] if latest is not None else data["facts"]
        result = {**data, "facts": dict(facts)}
        if data.get("children"):
            result["children"] = [self._current_input(child, year) for child in data["children"]]
        return result

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

    def _stage_values(
        self, subject: str, year: int, stage: str, body: str, on: dt.date, result: Evaluation, framework: Framework
    ) -> dict[str, Any]:
        grade = None if result.grade is None else result.grade.value
        return {
            "subject": subject,
            "kind": result.kind.value,
            "year": year,
            "stage": stage,
            "body": body,
            "on_date": on,
            "grade": grade,
            "evaluated": grade,
            "four_good": result.four_good,
            "score": result.score,
            "framework_name": framework.name,
            "framework_version": framework.version,
            "framework_hash": framework.content_hash,
            "library_version": library_version(),
            "evidence": evaluation_record(attrs.evolve(result, children=())),
        }

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

    # -- 4. decision --------------------------------------------------------------------------

    def decide(
        self,
        *,
        by: str,
        year: int,
        on: dt.date,
        subjects: Sequence[str] = (),
        votes: Mapping[str, Mapping[str, int]] | None = None,
        late_reason: str | None = None,
    ) -> list[Record]:
        """Decide, as ``by``, for the self-assessed subjects of ``year`` it is competent for
        (all of them, or ``subjects``): checks authority, the window and the order, applies the
        quota, and records the decisions in one transaction."""
        votes = votes or {}
        tree = self.organisation(year)
        problems: list[Problem] = []
        if by not in tree:
            raise ReviewError([_refusal(by, msg("review.unknown_body", body=by))])
        body = tree[by]
        exception = self._window(year, on, body, late_reason, problems)
        with self.store.transaction(f"decide --by {by} --year {year}") as batch:
            assessed = self.store.subjects(year=year, stages=("self_assessment",))
            decided = self.store.subjects(year=year, stages=("decision",))
            chosen = self._competent(tree, year, by, subjects, assessed, decided, problems)
            order = _lower_first(tree, chosen)
            for subject in order:
                _check_order(tree, subject, assessed, decided, problems)
                decided.add(subject)
            for name in votes:
                if name not in chosen:
                    problems.append(_refusal(name, msg("review.votes_not_decided", subject=name)))
            if problems:
                raise ReviewError(problems)
            found = {s: self._latest(s, year, _BEFORE_DECISION) for s in order}
            latest = {s: self._refresh(r, year) for s, r in found.items() if r is not None}
            for subject, stage in latest.items():
                if on < stage.on_date:
                    before = msg("review.date_before", on=on.isoformat(), before=stage.on_date.isoformat())
                    problems.append(_refusal(subject, before))
            if problems:
                raise ReviewError(problems)
            placements = self._quota(tree, year, by, latest)
            written = []
            for subject in order:
                stage = latest[subject]
                grade, quota = stage.grade, None
                placement = placements.get(subject)
                if placement is not None:
                    quota = placement
                    if placement["moved"]:
                        grade = Grade.GOOD.value
                values = {
                    name: getattr(stage, name)
                    for name in ("subject", "kind", "year", "evaluated", "four_good", "score", "input", "listed_under")
                }
                values.update(
                    framework_name=stage.framework_name,
                    framework_version=stage.framework_version,
                    framework_hash=stage.framework_hash,
                    evidence=stage.evidence,
                )
                earlier = found[subject]
                assert earlier is not None
                changes: dict[str, Any] = {"grade": [earlier.grade, grade]} if grade != earlier.grade else {}
                if stage is not earlier:
                    changes["re_evaluated"] = True  # a collective, on its members' latest facts
                proposer = authority(tree, subject).proposer
                if proposer is not None:
                    changes["proposer"] = proposer
                written.append(
                    batch.add(
                        **values,
                        stage="decision",
                        body=by,
                        on_date=on,
                        grade=grade,
                        changes=changes,
                        quota=quota,
                        votes=dict(votes[subject]) if subject in votes else None,
                        exception=exception,
                        library_version=library_version(),
                    )
                )
        return [r for r in (self.store.record(i) for i in written) if r is not None]

    def _refresh(self, stage: Record, year: int) -> Record:
        """A collective's last stage before its decision, evaluated again when the facts of its
        cells or members have changed since (an appraisal below it): its grade follows, unless
        the stage gave a grade of its own judgement (which stands)."""
        if not stage.input.get("children"):
            return stage
        current = self._current_input(stage.input, year)
        if current == stage.input:
            return stage
        framework = self._framework(stage.framework_name, stage.framework_version, stage.framework_hash)
        result = self._evaluate(framework, current)
        evaluated = None if result.grade is None else result.grade.value
        grade = stage.grade if "grade_over_facts" in stage.changes else evaluated
        evidence = evaluation_record(attrs.evolve(result, children=()))
        return attrs.evolve(
            stage,
            grade=grade,
            evaluated=evaluated,
            four_good=result.four_good,
            score=result.score,
            input=current,
            evidence=evidence,
        )

    def _window(
        self, year: int, on: dt.date, body: Body, late_reason: str | None, problems: list[Problem]
    ) -> str | None:
        try:
            return ReviewWindow(year).check(
                on,
                body=body.id,
                special_cycle=body.special_cycle,
                late_allowed=body.late_decisions,
                late_reason=late_reason,
            )
        except PartyrulesError as error:
            problems.append(_refusal(body.id, error.message))  # type: ignore[arg-type]
            return None

    def _competent(
        self,
        tree: Organisation,
        year: int,
        by: str,
        named: Sequence[str],
        assessed: set[str],
        decided: set[str],
        problems: list[Problem],
    ) -> list[str]:
        if named:
            chosen = []
            for subject in named:
                if subject not in assessed:
                    problems.append(_refusal(subject, msg("review.not_self_assessed", subject=subject, year=year)))
                    continue
                try:
                    check_decider(tree, subject, by)
                except AuthorityError as error:
                    problems.append(_refusal(subject, error.message))  # type: ignore[arg-type]
                    continue
                if subject in decided:
                    problems.append(_refusal(subject, msg("review.already_decided", subject=subject, year=year)))
                    continue
                chosen.append(subject)
            return chosen
        chosen = []
        for subject in sorted(assessed - decided):
            try:
                found = authority(tree, subject)
            except AuthorityError:
                continue
            if found.decider == by:
                chosen.append(subject)
        if not chosen:
            problems.append(_refusal(by, msg("review.nothing_to_decide", body=by, year=year)))
        return chosen

    def _quota(self, tree: Organisation, year: int, by: str, latest: Mapping[str, Record]) -> dict[str, dict[str, Any]]:
        """Where the quota places each EXCELLENT proposal of this batch.

        The quota counts every comparable subject the body decides in the year, whether decided
        before, in this batch, or still to come (with its current proposal): EXCELLENT already
        decided keep their places, and the proposals still open are ranked for the places left.
        Deciding in several batches therefore gives the grades one batch would."""
        placements: dict[str, dict[str, Any]] = {}
        body = tree[by]
        records = self.store.records(year=year)
        decided: dict[str, Record] = {}
        pending: dict[str, Record] = {}
        for record in records:  # oldest first: the last of each wins
            if record.stage in _DECIDED:
                decided[record.subject] = record
            elif record.stage in _BEFORE_DECISION:
                pending[record.subject] = record
        group_of: dict[str, list[str]] = {}
        for subject, record in pending.items():
            try:
                competent = authority(tree, subject).decider == by
            except AuthorityError:
                competent = False
            if competent:
                group_of.setdefault(record.kind, []).append(subject)
        for kind in sorted({r.kind for r in latest.values()}):
            rule = self._rule(body, latest, kind)
            fixed = [decided[s] for s in group_of.get(kind, []) if s in decided]
            open_ = [pending[s] for s in group_of.get(kind, []) if s not in decided]
            excellent_fixed = sum(1 for r in fixed if r.grade == Grade.EXCELLENT.value)
            good_fixed = sum(1 for r in fixed if r.grade == Grade.GOOD.value)
            candidates = [
                Candidate(r.subject, Grade(r.grade), r.score, _task_score(r))
                for r in open_
                if r.grade in (Grade.EXCELLENT.value, Grade.GOOD.value)
            ]
            excellent_open = sum(1 for c in candidates if c.grade is Grade.EXCELLENT)
            allowed = rule.allowed(excellent_open + excellent_fixed, len(candidates) - excellent_open + good_fixed)
            slots = max(0, allowed - excellent_fixed)
            for subject, placement in apply_quota(candidates, rule).items():
                if subject not in latest:
                    continue
                placements[subject] = {
                    "rank": placement.rank + excellent_fixed,
                    "allowed": allowed,
                    "proposed": excellent_open + excellent_fixed,
                    "moved": placement.rank > slots,
                    "percent": round(rule.share * 100, 2),
                    "base": rule.base,
                    "rounding": rule.rounding,
                }
        return placements

    def _rule(self, body: Body, latest: Mapping[str, Record], kind: str) -> QuotaRule:
        """The quota at ``body``: the share given to the review, else the body's own (its 25%
        for outstanding units), else the framework's; the base and rounding given (defaults:
        GOOD only, down)."""
        base = self.quota if self.quota is not None else QuotaRule()
        share = self.quota_share if self.quota_share is not None else body.quota_share
        if share is None:
            record = next(r for r in latest.values() if r.kind == kind)
            framework = self._framework(record.framework_name, record.framework_version, record.framework_hash)
            share = framework.policy.quota_share
        return attrs.evolve(base, share=share)

    # -- 5. Four-Good recognition -------------------------------------------------------------

    def recognise(self, *, by: str, year: int, on: dt.date, late_reason: str | None = None) -> list[Record]:
        """Record, as ``by``, the Four-Good recognition of each organisation it decided in ``year``
        (recognised where its decided evaluation is Four-Good; members are not recognised)."""
        tree = self.organisation(year)
        if by not in tree:
            raise ReviewError([_refusal(by, msg("review.unknown_body", body=by))])
        problems: list[Problem] = []
        exception = self._window(year, on, tree[by], late_reason, problems)
        with self.store.transaction(f"recognise --by {by} --year {year}") as batch:
            recognised = {r.subject for r in self.store.records(year=year, stage="recognition")}
            decisions = [  # Four-Good is a model for organisations: cells and committees, not members
                r
                for r in self.store.records(year=year, stage="decision", body=by)
                if r.subject not in recognised and r.kind != Kind.MEMBER.value
            ]
            if not decisions:
                problems.append(_refusal(by, msg("review.nothing_to_recognise", body=by, year=year)))
            for decision in decisions:  # after the grading (HD 43 §4: the same window)
                if on < decision.on_date:
                    before = msg("review.date_before", on=on.isoformat(), before=decision.on_date.isoformat())
                    problems.append(_refusal(decision.subject, before))
            if problems:
                raise ReviewError(problems)
            written = []
            for decision in decisions:
                current = self._latest(decision.subject, year, _DECIDED) or decision
                four_good = bool(current.four_good) and current.grade in (Grade.GOOD.value, Grade.EXCELLENT.value)
                values = {
                    name: getattr(current, name)
                    for name in (
                        "subject",
                        "kind",
                        "year",
                        "grade",
                        "evaluated",
                        "score",
                        "input",
                        "listed_under",
                        "framework_name",
                        "framework_version",
                        "framework_hash",
                        "evidence",
                    )
                }
                written.append(
                    batch.add(
                        **values,
                        stage="recognition",
                        body=by,
                        on_date=on,
                        four_good=four_good,
                        corrects=None,
                        exception=exception,
                        reason=None,
                        library_version=library_version(),
                    )
                )
        return [r for r in (self.store.record(i) for i in written) if r is not None]

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


def subject_tree(subject: Subject) -> Iterator[Subject]:
    yield subject
    for child in subject.children:
        yield from subject_tree(child)


def _check_order(
    tree: Organisation, subject: str, assessed: set[str], decided: set[str], problems: list[Problem]
) -> None:
    """Lower levels before higher, a collective before its members (366 Art. 7; HD 43 §2)."""
    body = tree[subject]
    if body.level is Level.MEMBER:
        cell = tree.parent(subject)
        if cell is not None and cell.id in assessed and cell.id not in decided:
            problems.append(_refusal(subject, msg("review.collective_first", subject=subject, cell=cell.id)))
        return
    waiting = sorted(
        below.id for below in _organisations_below(tree, subject) if below.id in assessed and below.id not in decided
    )
    if waiting:
        problems.append(_refusal(subject, msg("review.lower_first", subject=subject, waiting=", ".join(waiting))))


def _task_score(stage: Record) -> float | None:
    value = stage.input.get("facts", {}).get("score_tasks")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _organisations_below(tree: Organisation, body_id: str) -> Iterator[Body]:
    """The organisations under ``body_id`` (not members), through intermediate committees."""
    for child in tree.children(body_id):
        if child.level is Level.MEMBER:
            continue
        yield child
        if child.level is Level.INTERMEDIATE_COMMITTEE:
            yield from _organisations_below(tree, child.id)


def _depth(tree: Organisation, body_id: str) -> int:
    return sum(1 for _ in tree.ancestors(body_id))


def _lower_first(tree: Organisation, subjects: Iterable[str]) -> list[str]:
    """Organisations deepest first, then members after every organisation, each by id."""

    def key(subject: str) -> tuple[int, int, str]:
        member = tree[subject].level is Level.MEMBER
        return (1 if member else 0, -_depth(tree, subject), subject)

    return sorted(subjects, key=key)


def _changes_document(data: Any, stage: str, problems: list[Problem]) -> list[tuple[int, Mapping[str, Any]]]:
    """The items of an appraisal or re-verification file, each checked for its fields."""
    label = "appraisals" if stage == "appraisal" else "reverifications"
    if not isinstance(data, Mapping):
        problems.append(Problem(msg("doc.not_a_mapping", given=describe(data))))
        return []
    extra = sorted(map(str, set(data) - {"period", label}))
    if extra:
        problems.append(Problem(msg("doc.unknown_fields", fields=", ".join(extra))))
    period = data.get("period")
    if isinstance(period, bool) or not isinstance(period, int):
        problems.append(
            Problem(msg("value.expected", expected=msg("expect.year"), given=describe(period)), ("period",))
        )
    items = data.get(label)
    if not isinstance(items, list) or not items:
        problems.append(Problem(msg("review.expect_changes", label=label), (label,)))
        return []
    fields = {"subject", "facts", "grade", "reason"} | ({"grounds"} if stage == "reverification" else set())
    found = []
    for index, item in enumerate(items):
        loc: Loc = (label, index)
        if not isinstance(item, Mapping):
            problems.append(Problem(msg("value.expected", expected=msg("expect.mapping"), given=describe(item)), loc))
            continue
        count = len(problems)
        extra = sorted(map(str, set(item) - fields))
        if extra:
            problems.append(Problem(msg("doc.unknown_fields", fields=", ".join(extra)), loc))
        if not isinstance(item.get("subject"), str) or not item["subject"]:
            problems.append(
                Problem(
                    msg("value.expected", expected=msg("expect.text"), given=describe(item.get("subject"))),
                    (*loc, "subject"),
                )
            )
        if item.get("facts") is not None and not isinstance(item["facts"], Mapping):
            problems.append(
                Problem(
                    msg("value.expected", expected=msg("expect.facts_mapping"), given=describe(item["facts"])),
                    (*loc, "facts"),
                )
            )
        grade = item.get("grade")
        if grade is not None and grade not in {g.value for g in Grade}:
            known = ", ".join(g.value for g in Grade)
            problems.append(
                Problem(msg("review.unknown_grade_known", given=describe(grade), known=known), (*loc, "grade"))
            )
        reason = item.get("reason")
        if reason is not None and not isinstance(reason, str):
            problems.append(
                Problem(msg("value.expected", expected=msg("expect.text"), given=describe(reason)), (*loc, "reason"))
            )
        if stage == "reverification" and item.get("grounds") not in GROUNDS:
            problems.append(
                Problem(
                    msg("review.grounds", given=describe(item.get("grounds")), known=", ".join(GROUNDS)),
                    (*loc, "grounds"),
                )
            )
        if item.get("facts") is None and grade is None:
            problems.append(Problem(msg("review.nothing_changed"), loc))
        if len(problems) == count:
            found.append((index, item))
    return found
