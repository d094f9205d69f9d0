"""The facts reference of a framework (``partyrules facts``): what a ward's file can contain."""

from __future__ import annotations

from collections.abc import Iterator

from ..facts import Derived, FactSpec
from ..frameworks import Framework
from ..limits import current_limits
from ..regimes import REGIME_FACT
from .catalogue import CATALOGUE, language, render, use_language

__all__ = ["facts_markdown"]


def _range(spec: FactSpec) -> str:
    if spec.choices:
        return ", ".join(f"`{c}`" for c in spec.choices)
    if spec.type.value == "bool":
        return "`true` / `false`"
    low = "" if spec.minimum is None else f"{spec.minimum:g}"
    high = "" if spec.maximum is None else f"{spec.maximum:g}"
    if low and high:
        return f"{low} – {high}"
    if low:
        return f"≥ {low}"
    if high:
        return f"≤ {high}"
    return render("facts.any")


def _unit(unit: str) -> str:
    return render(f"unit.{unit}") if f"unit.{unit}" in CATALOGUE else unit


def facts_markdown(framework: Framework, lang: str | None = None) -> str:
    """A Markdown page listing, per kind of subject, every fact with its type, unit, range and
    direction, the derived facts with their formula, and the consistency constraints; in
    ``lang`` (default: the language in use)."""
    with use_language(lang or language()):
        return "\n".join(_lines(framework))


def _lines(framework: Framework) -> Iterator[str]:
    limits = current_limits()
    vietnamese = language() == "vi"
    yield render("facts.title", None, {"name": framework.name, "version": framework.version})
    yield ""
    yield from (render(key) for key in ("facts.generated", "facts.direction", "facts.unknown"))
    digits, string = limits.integer_digits, f"{limits.string:,}".replace(",", "." if vietnamese else ",")
    yield render(
        "facts.limits", None, {"low": limits.period_min, "high": limits.period_max, "digits": digits, "string": string}
    )
    yield render("facts.parts")
    yield ""
    for kind in framework.kinds:
        view = framework.view(kind)
        read = {name for rule in view.rules for name in rule.facts()} | set(view.grading.facts)
        for item in view.schema.derived:  # inputs of a derived fact that is read are read too
            if item.name in read:
                read.update(item.inputs)
        yield from (render("facts.kind", None, {"title": render(f"facts.kind.{kind.value}"), "kind": kind.value}), "")
        yield from (render("facts.header"), "|---|---|---|---|---|---|")
        for spec in view.schema.facts:
            if spec.name == REGIME_FACT:
                continue
            first, second = (spec.title_vi, spec.title_en) if vietnamese else (spec.title_en, spec.title_vi)
            title = f"{first} / {second}" if first and second else first or second
            used = "" if spec.name in read else render("facts.not_read")
            kind_of = render(f"facts.type.{spec.type.value}")
            direction = render(f"facts.direction.{spec.direction.value}")
            yield f"| `{spec.name}` | {kind_of} | {_unit(spec.unit)} | {_range(spec)} | {direction} | {title}{used} |"
        if view.schema.derived:
            yield from ("", render("facts.derived"), "")
            yield from (f"- `{item.name}` = {_formula(item)}" for item in view.schema.derived)
        if view.schema.constraints:
            yield from ("", render("facts.checked"), "")
            for constraint in view.schema.constraints:
                yield f"- {' + '.join(f'`{p}`' for p in constraint.parts)} ≤ `{constraint.total}`"
        child = kind.child
        if child is not None and child in framework.kinds:
            plural = render(f"facts.children.{child.plural}")
            yield ""
            yield from render("facts.children", None, {"plural": plural, "prefix": child.plural}).splitlines()
        yield ""


def _formula(item: Derived) -> str:
    return item.formula or ", ".join(item.inputs)
