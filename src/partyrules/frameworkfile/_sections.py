"""The readers of a framework file's sections: ``[framework]``'s years, ``[parameters]``,
``[points]``, ``[dimension_points]``, ``[disabled]``, ``[policy]``, ``[[exemptions]]`` and
``[dimensions]``.  Each reports its problems at their lines and returns what it could read."""

from __future__ import annotations

import math
from typing import Any

import attrs

from ..frameworks import Framework
from ..model import Grade, UnknownPolicy
from ..policy import Dimension, Exemption, Policy
from ..problems import describe, suggest
from ..text.catalogue import msg
from ._report import Report

__all__ = ["BAND_KEYS", "CELLS_SHARE_PARAMETER", "FRAMEWORK_KEYS", "POLICY_KEYS", "SECTIONS", "Sections"]

SECTIONS = {
    "framework", "parameters", "points", "disabled", "policy", "dimension_points", "rules", "exemptions", "dimensions",
}  # fmt: skip
FRAMEWORK_KEYS = {
    "name", "version", "title_vi", "title_en", "issuer", "document",
    "effective_from", "effective_to", "extends", "extends_version",
}  # fmt: skip
POLICY_KEYS = {
    "four_good_min_grade",
    "unknown",
    "quota_share",
    "excellent_requires_good_dimensions",
    "bands",
    "four_good_cells_share",
}
BAND_KEYS = {"excellent", "good", "average"}
DIMENSION_KEYS = {"title_vi", "title_en", "short_vi", "short_en"}
#: The policy key that sets the committee's share of Four-Good cells (a parameter of the framework).
CELLS_SHARE_PARAMETER = "min_four_good_cells_share"


def _share(value: object, low_open: bool = False) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return (0 < value <= 1) if low_open else (0 <= value <= 1)


class Sections:
    """Reads the sections of one file into values for its :class:`~partyrules.Framework`."""

    def __init__(self, report: Report) -> None:
        self.report = report

    def year(self, table: dict[str, Any], key: str) -> int | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
            self.report.problem("framework", key, msg("file.year", key=key, given=describe(value)))
            return None
        return value

    def parameters(self, parent: Framework) -> dict[str, Any]:
        specs = parent.parameter_specs
        result = {}
        for key, value in self.report.table("parameters").items():
            spec = specs.get(key)
            if spec is None:
                message = msg("file.unknown_param", name=repr(key))
                self.report.problem("parameters", key, message, suggest(key, specs))
                continue
            error = spec.check(value)
            if error:
                self.report.problem("parameters", key, msg("file.keyed", key=key, message=error))
                continue
            result[key] = value
        return result

    def numbers(self, section: str, *, minimum: float) -> dict[str, float]:
        result = {}
        for key, value in self.report.table(section).items():
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
                or value < minimum
            ):
                self.report.problem(
                    section, key, msg("file.number_at_least", key=key, low=f"{minimum:g}", given=describe(value))
                )
                continue
            result[key] = value
        return result

    def disabled(self) -> dict[str, str]:
        result = {}
        for key, value in self.report.table("disabled").items():
            if not isinstance(value, str) or not value.strip():
                self.report.problem("disabled", key, msg("file.disabled_reason", key=key), msg("file.disabled_hint"))
                continue
            result[key] = value
        return result

    def policy(self, parent: Policy) -> tuple[Policy, float | None]:
        report = self.report
        given = report.table("policy")
        report.unknown_keys("policy", given, POLICY_KEYS)
        changes: dict[str, Any] = {}
        if "four_good_min_grade" in given:
            value = given["four_good_min_grade"]
            try:
                changes["four_good_min_grade"] = Grade(value)
            except ValueError:
                grades = ", ".join(g.value for g in Grade)
                report.problem(
                    "policy",
                    "four_good_min_grade",
                    msg("file.one_of", key="four_good_min_grade", values=grades, given=describe(value)),
                )
        if "unknown" in given:
            value = given["unknown"]
            try:
                changes["unknown"] = UnknownPolicy(value)
            except ValueError:
                values = ", ".join(p.value for p in UnknownPolicy)
                report.problem(
                    "policy", "unknown", msg("file.one_of", key="unknown", values=values, given=describe(value))
                )
        if "quota_share" in given:
            value = given["quota_share"]
            if not _share(value, low_open=True):
                report.problem(
                    "policy", "quota_share", msg("file.share_open", key="quota_share", given=describe(value))
                )
            else:
                changes["quota_share"] = float(value)
        if "excellent_requires_good_dimensions" in given:
            value = given["excellent_requires_good_dimensions"]
            if not isinstance(value, bool):
                key = "excellent_requires_good_dimensions"
                report.problem("policy", key, msg("file.flag", key=key, given=describe(value)))
            else:
                changes["excellent_requires_good_dimensions"] = value
        if "bands" in given:
            bands = given["bands"]
            if not isinstance(bands, dict):
                report.problem("policy", "bands", msg("file.bands_table", given=describe(bands)))
            else:
                report.unknown_keys("policy.bands", bands, BAND_KEYS)
                shares: dict[str, float] = {}
                for key in BAND_KEYS & set(bands):
                    value = bands[key]
                    if not _share(value):
                        report.problem("policy.bands", key, msg("file.share", key=key, given=describe(value)))
                    else:
                        shares[key] = float(value)
                changes["bands"] = attrs.evolve(parent.bands, **shares)
        share = None
        if "four_good_cells_share" in given:
            value = given["four_good_cells_share"]
            if not _share(value):
                report.problem(
                    "policy",
                    "four_good_cells_share",
                    msg("file.share", key="four_good_cells_share", given=describe(value)),
                )
            else:
                share = float(value)
        return attrs.evolve(parent, **changes), share

    def exemptions(self) -> list[Exemption]:
        report = self.report
        items = report.data.get("exemptions", [])
        if not isinstance(items, list):
            report.problem(None, "exemptions", msg("file.exemptions_tables"))
            return []
        result = []
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            report.unknown_keys("exemptions", item, {"rule", "property", "reason", "reason_vi"}, index)
            rule_id = report.text(item, "exemptions", "rule", required=True, index=index)
            prop = report.text(item, "exemptions", "property", required=True, index=index)
            reason = report.text(item, "exemptions", "reason", required=True, index=index)
            reason_vi = report.text(item, "exemptions", "reason_vi", index=index)
            if rule_id and prop and reason:
                result.append(Exemption(rule_id, prop, reason, reason_vi))
        return result

    def dimensions(self, parent: Framework) -> tuple[Dimension, ...]:
        """The parent's dimension titles, with this file's ``[dimensions.NAME]`` tables over them."""
        report = self.report
        given = report.table("dimensions")
        declared = {d.name: d for d in parent.dimensions}
        names = {name for kind in parent.kinds for name in parent.view(kind).dimensions}
        for name, titles in given.items():
            if name not in names:
                message = msg("file.unknown_dimension", name=repr(name))
                report.table_problem(f"dimensions.{name}", message, suggest(name, names))
                continue
            if not isinstance(titles, dict):
                report.problem("dimensions", name, msg("file.dimension_table", name=name, given=describe(titles)))
                continue
            report.unknown_keys(f"dimensions.{name}", titles, DIMENSION_KEYS)
            held = declared.get(name, Dimension(name, "", ""))
            changes = {}
            for key in DIMENSION_KEYS & set(titles):
                value = titles[key]
                if not isinstance(value, str) or not value.strip():
                    report.problem(f"dimensions.{name}", key, msg("file.expected_text", key=key, given=describe(value)))
                else:
                    changes[key] = value
            declared[name] = attrs.evolve(held, **changes)
        return tuple(declared.values())
