"""The modules of ``src/partyrules`` form layers that import one way only.

Every import (at module level, inside functions, or for type checking only) is read with
``ast``; an import of a higher layer, a cycle, or an import of the package ``__init__`` fails,
naming the modules.  The layers are described in docs/explanation/architecture.md.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "partyrules"

#: Bottom first.  A module may import modules of its own layer or of the layers below it.
LAYERS: list[tuple[str, set[str]]] = [
    (
        "catalogue: the words, as data (it imports nothing of partyrules)",
        {
            "_version",
            "text",
            "text.catalogue",
            "text._words",
            "text._rules",
            "text._input",
            "text._files",
            "text._explain",
            "text._review",
            "text._limits",
            "text._report",
            "text._help",
            "text._options",
            "text._frameworks",
            "text._facts",
            "text._parsers",
        },
    ),
    ("problems, limits and errors", {"problems", "limits", "errors"}),
    ("values: model, facts, conditions, the condition language", {"model", "facts", "conditions", "expressions"}),
    (
        "declarations: rules, rulesets, regimes, policy, frameworks, subjects",
        {"rules", "validate", "rulesets", "regimes", "policy", "checks", "frameworks", "subjects"},
    ),
    ("engine", {"engine", "engine.interpret", "engine._durable_json", "engine.durable"}),
    ("records: trace, evidence, results", {"trace", "evidence", "results", "tracing"}),
    ("evaluator", {"scoring", "compiled", "aggregate", "_source", "fastpath", "quota", "evaluator"}),
    (
        "edges: framework files, plugins, convert, io",
        {
            "frameworkfile",
            "frameworkfile._locate",
            "frameworkfile._report",
            "frameworkfile._rules",
            "frameworkfile._sections",
            "plugins",
            "convert",
            "records",
            "serialize",
            "io",
            "io.files",
            "io.read",
            "io.tables",
            "io.write",
            "io.summary",
            "io.workbook",
            "io.sheets",
            "io.template",
            "jobs",
            "batch",
            "dask",
        },
    ),
    (
        "the review: organisation, authority, window, quota, stages, history",
        {
            "review",
            "review.organisation",
            "review.authority",
            "review.window",
            "review.store",
            "review.common",
            "review.history",
            "review.base",
            "review.deciding",
            "review.procedure",
            "review.export",
        },
    ),
    ("text", {"text.explain", "text.framework", "text.facts", "text.review", "text.report"}),
    (
        "top: cli and testing",
        {"cli", "clilang", "clitools", "cli_review", "cli_example", "cli_report", "cli_frameworks"},
    ),
]
#: Modules of these packages are of the top layer.
TOP_PACKAGES = ("testing",)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(SRC.rglob("*.py"))}


def layer_of(module: str) -> int:
    for index, (_, members) in enumerate(LAYERS):
        if module in members:
            return index
    if module.split(".")[0] in TOP_PACKAGES:
        return len(LAYERS) - 1
    raise AssertionError(f"module partyrules.{module} is in no layer: add it to LAYERS (and to architecture.md)")


def imports_of(module: str) -> list[tuple[str, int]]:
    """Every partyrules module ``module`` imports, with the line: relative or absolute, at any depth."""
    path = MODULES[module]
    parts = [part for part in module.split(".") if part]
    package = parts if path.name == "__init__.py" else parts[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1] if node.level > 1 else package
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            elif node.module and (node.module == "partyrules" or node.module.startswith("partyrules.")):
                target = node.module.removeprefix("partyrules").lstrip(".")
            else:
                continue
            for alias in node.names:
                submodule = f"{target}.{alias.name}" if target else alias.name
                found.append((submodule if submodule in MODULES else target, node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "partyrules" or alias.name.startswith("partyrules."):
                    found.append((alias.name.removeprefix("partyrules").lstrip("."), node.lineno))
    return found


def test_every_module_has_a_layer() -> None:
    """Every module of src/partyrules is placed in a layer (the package __init__ is the front door)."""
    for module in MODULES:
        if module:
            layer_of(module)


@pytest.mark.parametrize("module", [m for m in MODULES if m])
def test_imports_go_one_way(module: str) -> None:
    """A module imports its own layer or those below, never the package __init__."""
    upward = []
    for target, line in imports_of(module):
        if target == "":
            upward.append(f"line {line}: imports the package __init__ (import the module that defines the name)")
        elif target in MODULES and layer_of(target) > layer_of(module):
            upward.append(
                f"line {line}: imports partyrules.{target} of the higher layer {LAYERS[layer_of(target)][0]!r}"
            )
    assert [] == upward, f"partyrules.{module} ({LAYERS[layer_of(module)][0]})"


def test_no_cycle() -> None:
    """The import graph (front door left out) has no cycle."""
    graph = {m: {t for t, _ in imports_of(m) if t and t != m} for m in MODULES if m}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target] if target in path else [node, target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert [] == cycles


def test_the_front_door_imports_only_below_the_top() -> None:
    """``import partyrules`` loads no cli, no testing and no text renderer."""
    heavy = [t for t, _ in imports_of("") if t and layer_of(t) >= layer_of("text.explain")]
    assert [] == heavy
