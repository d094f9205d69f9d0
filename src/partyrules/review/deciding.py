"""Stage 4 and 5: the decision by the competent body (authority, window, order, quota) and
Four-Good recognition."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from .._version import library_version
from ..errors import PartyrulesError
from ..model import Grade, Kind
from ..problems import Problem
from ..quota import Candidate, QuotaRule, apply_quota
from ..records import record as evaluation_record
from ..text.catalogue import msg
from .authority import AuthorityError, authority, check_decider
from .base import ReviewBase
from .common import _BEFORE_DECISION, _DECIDED, ReviewError, _check_order, _lower_first, _refusal, _task_score
from .organisation import Body, Organisation
from .store import Record
from .window import ReviewWindow


class Deciding(ReviewBase):
    """Decisions and recognitions (see :class:`~partyrules.review.Review`)."""

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
