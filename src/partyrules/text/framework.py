"""A framework in words: its summary, and what differs from its parent (``partyrules check``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from ..conditions import Condition
from ..expressions import render as written
from ..frameworks import Framework
from ..rulesets import ANNUAL
from .catalogue import language, render
from .explain import period_text

__all__ = ["framework_summary"]


def framework_summary(framework: Framework, parent: Framework | None = None, lang: str | None = None) -> str:
    """What ``partyrules check`` prints of a valid framework: its identity, each kind's rules per
    dimension, every parameter with its status, the policy, and what differs from ``parent``;
    in ``lang`` (default: the language in use)."""
    lang = lang or language()

    def say(key: str, **args: Any) -> str:
        return render(key, lang, args)

    lines = [
        say("check.valid", name=framework.name, version=framework.version),
        say("check.title", title=(framework.title_vi if lang == "vi" else framework.title_en) or framework.title_vi),
        say("check.issuer", issuer=framework.issuer or "-", document=framework.document or "-"),
        say(
            "check.in_force",
            period=period_text(framework.in_force),
            extends=framework.extends or "-",
            hash=framework.content_hash[:12],
        ),
    ]
    for kind in framework.kinds:
        view = framework.view(kind)
        lines.append(say("check.kind", kind=kind.word.render(lang), count=len(view.rules)))
        for dimension in (*view.dimensions, ANNUAL):
            rules = [r for r in view.rules if r.dimension == dimension]
            if not rules:
                continue
            declared = framework.dimension_points.get(dimension)
            lines.append(
                say(
                    "check.dimension",
                    dimension=_dimension(framework, dimension, lang),
                    count=len(rules),
                    points=f"{sum(r.points for r in rules):g}",
                    weight=say("check.weight", weight=f"{declared:g}") if declared is not None else "",
                    sanctions=sum(1 for r in rules if r.sanction),
                )
            )
    lines.append(say("check.parameters"))
    values = framework.parameter_values
    for name, spec in sorted(framework.parameter_specs.items()):
        value = values[name]
        changed = "" if value == spec.default else say("check.parameter_default", default=repr(spec.default))
        status = render(f"status.{spec.status.value}", lang)
        lines.append(say("check.parameter", name=name, value=repr(value), changed=changed, status=status))
    policy = framework.policy
    lines.append(
        say(
            "check.policy",
            grade=render(f"grade.short.{policy.four_good_min_grade.value}", lang),
            bands=f"{policy.bands.excellent:g}/{policy.bands.good:g}/{policy.bands.average:g}",
            unknown=render(f"policy.unknown.{policy.unknown.value}", lang),
            quota=f"{policy.quota_share:g}",
        )
    )
    if parent is not None:
        lines.extend(_differences(framework, parent, say, lang))
    return "\n".join(lines)


def _dimension(framework: Framework, name: str, lang: str) -> str:
    """A dimension's title (its id where it has none); the annual grade's rules by that name."""
    if name == ANNUAL:
        return render("check.annual", lang)
    found = framework.dimension(name)
    if found is None:
        return name
    if lang == "vi":
        return found.short_vi or found.title_vi or name
    return found.short_en or found.title_en or name


def _differences(framework: Framework, parent: Framework, say: Callable[..., str], lang: str) -> list[str]:
    lines = [say("check.differences", name=parent.name, version=parent.version)]
    old_values, new_values = parent.parameter_values, framework.parameter_values
    for name in sorted(new_values):
        if name not in old_values:
            lines.append(say("check.parameter_added", name=name, value=repr(new_values[name])))
        elif old_values[name] != new_values[name]:
            lines.append(
                say("check.parameter_changed", name=name, old=repr(old_values[name]), new=repr(new_values[name]))
            )
    for kind in framework.kinds:
        kind_text = kind.word.render(lang)
        old_schema = parent.view(kind).schema if kind in parent.kinds else None
        new_schema = framework.view(kind).schema
        for spec in new_schema.facts:
            if old_schema is None or spec.name not in old_schema:
                title = (spec.title_vi if lang == "vi" else spec.title_en) or spec.title_en
                lines.append(say("check.fact_added", kind=kind_text, name=spec.name, type=spec.type.value, title=title))
        for derived in new_schema.derived:
            if old_schema is None or derived.name not in old_schema:
                formula = derived.formula or say("check.computed")
                lines.append(say("check.derived_added", kind=kind_text, name=derived.name, formula=formula))
        old = {r.id: r for r in parent.view(kind).rules} if kind in parent.kinds else {}
        new = {r.id: r for r in framework.view(kind).rules}
        for rule_id in sorted(set(new) - set(old)):
            rule = new[rule_id]
            lines.append(
                say(
                    "check.rule_added",
                    kind=kind_text,
                    id=rule_id,
                    dimension=_dimension(framework, rule.dimension, lang),
                    title=(rule.title_vi if lang == "vi" else rule.title_en) or rule.title_vi,
                    condition=_condition(rule.when),
                )
            )
        for rule_id in sorted(set(old) - set(new)):
            reason = framework.disabled.get(rule_id, "")
            lines.append(say("check.rule_disabled", kind=kind_text, id=rule_id, reason=f": {reason}" if reason else ""))
        for rule_id in sorted(set(old) & set(new)):
            if old[rule_id].points != new[rule_id].points:
                before, after = f"{old[rule_id].points:g}", f"{new[rule_id].points:g}"
                lines.append(say("check.points_changed", kind=kind_text, id=rule_id, old=before, new=after))
    old_policy, new_policy = attrs.asdict(parent.policy), attrs.asdict(framework.policy)
    for key in sorted(new_policy):
        if old_policy[key] != new_policy[key]:
            lines.append(say("check.policy_changed", name=key, old=old_policy[key], new=new_policy[key]))
    if len(lines) == 1:
        lines.append(say("check.no_difference"))
    return lines


def _condition(condition: Condition) -> str:
    """A condition as a framework file writes it (or as the Python API does, when a file cannot)."""
    try:
        return written(condition)
    except ValueError:
        return repr(condition)
