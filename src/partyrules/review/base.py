"""The review's state: its store, frameworks and evaluators, and a subject's latest stage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .._version import library_version
from ..errors import FrameworkMismatchError
from ..evaluator import Evaluator
from ..frameworks import Framework
from ..plugins import Registry
from ..problems import Loc
from ..quota import QuotaRule
from ..records import record as evaluation_record
from ..results import Evaluation
from .common import _BEFORE_DECISION, _body_from, subject_of
from .organisation import Organisation
from .store import Record, Store


class ReviewBase:
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
