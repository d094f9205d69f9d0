"""Speed of evaluation against a 40-rule framework, as ratios measured in one run.

Run:  python benchmarks/bench_evaluate.py [--cells 20000] [--rounds 7] [--backend durable python]

For each backend, in interleaved rounds over the same generated cells, it times:

- **plain predicates**: the 40 conditions written as plain Python lambdas over a dict of facts
  (what a hand-written program would do, with no validation, scoring or result);
- **the compiled engine alone**: the backend's compiled conditions, called the way the evaluator
  calls them (the interpreter's ``fired``; durable's ``fired_mask``), with nothing around them;
- **the evaluator**: ``Evaluator.evaluate`` on each cell (facts validated, every rule, the
  dimensions, the grade, the verdict, the evidence; results streamed, not kept).

and prints the median of each round's ratios next to the targets of issue 9: the python backend
at ≥ 0.5× the plain predicates, the durable backend at ≥ 0.8× its compiled engine alone (the
durable_rules calls are the floor).  Then cells per second and peak memory over ``--cells``,
checked at three points, so a growth with the number of cells would show.  Not a test: it
asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import time
from collections.abc import Callable, Iterator

from partyrules import (
    ANNUAL,
    Evaluator,
    FactSpec,
    Framework,
    Grading,
    ParamSpec,
    Ruleset,
    Schema,
    Subject,
    all_of,
    any_of,
    fact,
    param,
    rule,
)
from partyrules.conditions import Compare, Condition, In, fold, negation_normal_form, resolve
from partyrules.engine import compile_rules

DIMENSIONS = ("political_tasks", "meetings", "unity_discipline", "cadres_members")
N_FACTS = 20
TARGETS = {"python": ("plain predicates", 0.5), "durable": ("its compiled engine alone", 0.8)}


def build_framework() -> Framework:
    """4 dimensions × 9 scoring rules + 4 annual caps/vetoes = 40 rules over 20 facts."""
    facts = [FactSpec(f"n{i}", "int", minimum=0, maximum=100, direction="higher") for i in range(N_FACTS - 4)]
    facts += [FactSpec(f"b{i}", "bool", direction="lower") for i in range(3)]
    facts += [FactSpec("kind", "str", choices=("residential", "school", "enterprise"))]
    facts += [FactSpec("score", "float", minimum=0, maximum=100, direction="higher")]
    schema = Schema(facts)
    params = [ParamSpec("threshold", 50, "Ngưỡng", "Threshold", "benchmark", "default")]
    rulesets = []
    for d, dim in enumerate(DIMENSIONS):
        rules = []
        for k in range(9):
            i = (d * 9 + k) % (N_FACTS - 4)
            if k % 3 == 0:
                when = fact(f"n{i}") >= param("threshold")
            elif k % 3 == 1:
                when = all_of(fact(f"n{i}") > 20, fact(f"n{(i + 1) % 16}") < 90)
            else:
                when = any_of(fact(f"n{i}") >= 70, fact("kind").is_in("school", "enterprise"))
            rules.append(
                rule(
                    id=f"{dim}.r{k}",
                    dimension=dim,
                    title_vi=f"Tiêu chí {k}",
                    title_en=f"Criterion {k}",
                    when=when,
                    points=3 if k else 4,
                    required=k == 0,
                    source="benchmark",
                    status="default",
                )
            )
        rulesets.append(Ruleset(f"bench.{dim}", "cell", dim, rules, schema, params))
    sanctions = [
        rule(
            id="annual.veto0",
            dimension=ANNUAL,
            title_vi="Phủ quyết",
            title_en="Veto",
            when=fact("b0").is_true(),
            veto="NOT_COMPLETED",
            source="benchmark",
            status="default",
        ),
        rule(
            id="annual.cap1",
            dimension=ANNUAL,
            title_vi="Giới hạn",
            title_en="Cap",
            when=fact("b1").is_true(),
            cap="COMPLETED",
            source="benchmark",
            status="default",
        ),
        rule(
            id="annual.cap2",
            dimension=ANNUAL,
            title_vi="Giới hạn",
            title_en="Cap",
            when=fact("n3") < 10,
            cap="GOOD",
            source="benchmark",
            status="default",
        ),
        rule(
            id="annual.block",
            dimension=ANNUAL,
            title_vi="Chặn",
            title_en="Block",
            when=fact("b2").is_true(),
            blocks_four_good=True,
            source="benchmark",
            status="default",
        ),
    ]
    rulesets.append(Ruleset("bench.annual", "cell", ANNUAL, sanctions, schema))
    return Framework("bench", rulesets, grading={"cell": Grading(score_facts=("score",))})


def cells(count: int, seed: int = 1) -> Iterator[Subject]:
    """``count`` cells, generated on the fly from a pool of 1,000 distinct ones."""
    rng = random.Random(seed)
    pool = []
    for j in range(1000):
        facts: dict[str, object] = {f"n{i}": rng.randint(0, 100) for i in range(N_FACTS - 4)}
        facts.update({f"b{i}": rng.random() < 0.05 for i in range(3)})
        facts["kind"] = rng.choice(("residential", "school", "enterprise"))
        facts["score"] = round(rng.uniform(40, 100), 1)
        pool.append(Subject(f"cell-{j}", "cell", 2025, facts))
    for n in range(count):
        yield pool[n % 1000]


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def plain(condition: Condition) -> Callable[[dict[str, object]], bool]:
    """A condition as the one-line lambda a programmer would write for it
    (``lambda f: f["n1"] > 20 and f["n2"] < 90``): no type checks, no missing facts.  The
    benchmark writes it from its own framework's conditions, whose names and values it made."""

    def leaf(node: Compare | In) -> str:
        if isinstance(node, In):
            return f"f[{node.fact!r}] in {frozenset(node.values)!r}"
        return f"f[{node.fact!r}] {node.op} {node.value!r}"

    source = fold(
        condition,
        leaf=leaf,
        all_=lambda items: "(" + " and ".join(items) + ")",
        any_=lambda items: "(" + " or ".join(items) + ")",
        not_=lambda item: f"(not {item})",
    )
    return eval(f"lambda f: {source}")  # type: ignore[no-any-return]


def per_subject(work: Callable[[], object], count: int) -> float:
    """Seconds per subject of one call of ``work`` over ``count`` subjects."""
    gc.collect()
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) / count


def ratios(framework: Framework, backend: str, rounds: int, count: int) -> None:
    """Time the plain predicates, the engine alone and the evaluator, interleaved."""
    view = framework.view("cell")
    conditions = [(r.id, resolve(r.when, view.params)) for r in view.rules]
    predicates = [plain(c) for _, c in conditions]
    types = {name: spec.type.value for name in view.schema.names if (spec := view.schema.spec(name))}
    engine = compile_rules([(i, negation_normal_form(c)) for i, c in conditions], backend=backend, types=types)
    subjects = list(cells(count))
    facts = [dict(s.facts) for s in subjects]
    if backend == "durable":
        table = engine.mask_table({name: 1 << i for i, (name, _) in enumerate(conditions)})  # type: ignore[attr-defined]
        fire = engine.fired_mask  # type: ignore[attr-defined]

        def alone() -> object:
            return [fire(f, table) for f in facts]
    else:

        def alone() -> object:
            return [engine.fired(f) for f in facts]

    with Evaluator(framework, backend=backend) as evaluator:
        evaluate = evaluator.evaluate

        def full() -> object:
            for subject in subjects:
                evaluate(subject)
            return None

        def predicates_only() -> object:
            return [[p(f) for p in predicates] for f in facts]

        full()  # warm-up: compile, caches
        times: dict[str, list[float]] = {"plain": [], "engine": [], "evaluator": []}
        for _ in range(rounds):
            times["plain"].append(per_subject(predicates_only, count))
            times["engine"].append(per_subject(alone, count))
            times["evaluator"].append(per_subject(full, count))
    engine.close()
    to_plain = statistics.median(p / e for p, e in zip(times["plain"], times["evaluator"], strict=True))
    to_engine = statistics.median(a / e for a, e in zip(times["engine"], times["evaluator"], strict=True))
    micro = {k: statistics.median(v) * 1e6 for k, v in times.items()}
    print(
        f"  {backend:<8} per cell: plain predicates {micro['plain']:6.2f} µs, engine alone {micro['engine']:6.2f} µs, "
        f"evaluator {micro['evaluator']:6.2f} µs"
    )
    what, target = TARGETS[backend]
    got = to_plain if backend == "python" else to_engine
    print(
        f"  {backend:<8} evaluator at {to_plain:.2f}× the plain predicates and {to_engine:.2f}× the engine alone; "
        f"target ≥ {target}× {what}: {'met' if got >= target else 'NOT met'} ({got:.2f}×)"
    )


def throughput(framework: Framework, backend: str, count: int) -> None:
    with Evaluator(framework, backend=backend) as evaluator:
        for subject in cells(2000):  # warm-up: compile, caches
            evaluator.evaluate(subject)
        gc.collect()
        checkpoints = {count // 10, count // 2, count}
        start = time.perf_counter()
        last = None
        for n, subject in enumerate(cells(count), 1):
            last = evaluator.evaluate(subject)
            if n in checkpoints:
                elapsed = time.perf_counter() - start
                print(f"  {backend:<8} {n:>8} cells  {n / elapsed:>9,.0f} cells/s  peak RSS {peak_mib():7.1f} MiB")
        assert last is not None
        trace = evaluator.trace(last)  # the trace of any result is rebuilt on demand from its evidence
        print(f"  {backend:<8} the last cell's trace, rebuilt from its evidence: {len(trace.rules)} rule steps")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", type=int, default=200_000, help="cells for the throughput run")
    parser.add_argument("--sample", type=int, default=5_000, help="cells per round of the ratios")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--backend", nargs="+", default=["python", "durable"])
    args = parser.parse_args()
    framework = build_framework()
    rules = sum(len(r.rules) for r in framework.rulesets)
    print(f"{rules} rules, {N_FACTS} facts per cell; ratios: median of {args.rounds} interleaved rounds")
    for backend in args.backend:
        ratios(framework, backend, args.rounds, args.sample)
    print(f"throughput over {args.cells:,} cells, results streamed:")
    for backend in args.backend:
        throughput(framework, backend, args.cells)


if __name__ == "__main__":
    main()
