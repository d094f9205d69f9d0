"""A framework in words: its summary, and what differs from its parent (``partyrules check``)."""

from __future__ import annotations

import attrs

from ..conditions import Condition
from ..expressions import render
from ..frameworks import Framework
from ..rulesets import ANNUAL
from .explain import period_text

__all__ = ["framework_summary"]


def framework_summary(framework: Framework, parent: Framework | None = None) -> str:
    """What ``partyrules check`` prints of a valid framework: its identity, each kind's rules per
    dimension, every parameter with its status, the policy, and what differs from ``parent``."""
    lines = [
        f"framework {framework.name} {framework.version}: valid",
        f"  title: {framework.title_vi or framework.title_en}",
        f"  issuer: {framework.issuer or '-'}; document: {framework.document or '-'}",
        f"  in force: {period_text(framework.in_force)}; "
        f"extends: {framework.extends or '-'}; sha256 {framework.content_hash[:12]}",
    ]
    for kind in framework.kinds:
        view = framework.view(kind)
        lines.append(f"  {kind.value}: {len(view.rules)} rules")
        for dimension in (*view.dimensions, ANNUAL):
            rules = [r for r in view.rules if r.dimension == dimension]
            if not rules:
                continue
            points = sum(r.points for r in rules)
            sanctions = sum(1 for r in rules if r.sanction)
            declared = framework.dimension_points.get(dimension)
            weight = f" (weight {declared:g})" if declared is not None else ""
            lines.append(
                f"    {dimension:<17} {len(rules):>3} rules, {points:g} points{weight}, {sanctions} vetoes/caps/blocks"
            )
    lines.append("  parameters:")
    values = framework.parameter_values
    for name, spec in sorted(framework.parameter_specs.items()):
        value = values[name]
        mark = "" if value == spec.default else f" (default {spec.default!r})"
        lines.append(f"    {name} = {value!r}{mark}  [{spec.status.value}]")
    policy = framework.policy
    lines.append(
        f"  policy: Four-Good needs at least {policy.four_good_min_grade.value}; bands "
        f"{policy.bands.excellent:g}/{policy.bands.good:g}/{policy.bands.average:g}; unknown facts count as "
        f"{policy.unknown.value}; quota {policy.quota_share:g}"
    )
    if parent is not None:
        lines.extend(_differences(framework, parent))
    return "\n".join(lines)


def _differences(framework: Framework, parent: Framework) -> list[str]:
    lines = [f"  differences from {parent.name} {parent.version}:"]
    changed = False
    old_values, new_values = parent.parameter_values, framework.parameter_values
    for name in sorted(new_values):
        if name not in old_values:
            lines.append(f"    parameter added: {name} = {new_values[name]!r}")
            changed = True
        elif old_values[name] != new_values[name]:
            lines.append(f"    parameter {name}: {old_values[name]!r} → {new_values[name]!r}")
            changed = True
    for kind in framework.kinds:
        old_schema = parent.view(kind).schema if kind in parent.kinds else None
        new_schema = framework.view(kind).schema
        for spec in new_schema.facts:
            if old_schema is None or spec.name not in old_schema:
                lines.append(f"    fact added ({kind.value}): {spec.name} ({spec.type.value}) {spec.title_en}")
                changed = True
        for derived in new_schema.derived:
            if old_schema is None or derived.name not in old_schema:
                lines.append(f"    fact added ({kind.value}): {derived.name} = {derived.formula or 'computed'}")
                changed = True
        old = {r.id: r for r in parent.view(kind).rules} if kind in parent.kinds else {}
        new = {r.id: r for r in framework.view(kind).rules}
        for rule_id in sorted(set(new) - set(old)):
            rule = new[rule_id]
            lines.append(
                f"    added ({kind.value}): {rule_id} [{rule.dimension}] {rule.title_vi}: {_condition(rule.when)}"
            )
            changed = True
        for rule_id in sorted(set(old) - set(new)):
            reason = framework.disabled.get(rule_id, "")
            lines.append(f"    disabled ({kind.value}): {rule_id}" + (f": {reason}" if reason else ""))
            changed = True
        for rule_id in sorted(set(old) & set(new)):
            if old[rule_id].points != new[rule_id].points:
                lines.append(f"    points ({kind.value}) {rule_id}: {old[rule_id].points:g} → {new[rule_id].points:g}")
                changed = True
    old_policy, new_policy = attrs.asdict(parent.policy), attrs.asdict(framework.policy)
    for key in sorted(new_policy):
        if old_policy[key] != new_policy[key]:
            lines.append(f"    policy {key}: {old_policy[key]} → {new_policy[key]}")
            changed = True
    if not changed:
        lines.append("    none")
    return lines


def _condition(condition: Condition) -> str:
    """A condition as a framework file writes it (or as the Python API does, when a file cannot)."""
    try:
        return render(condition)
    except ValueError:
        return repr(condition)
