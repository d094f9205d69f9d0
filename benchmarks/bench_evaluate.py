"""Throughput and memory of evaluation: N generated cells against a 40-rule framework.

Run:  python benchmarks/bench_evaluate.py [--cells 200000] [--backend durable python]

Prints, per backend, cells per second (results streamed, not kept; the trace stays available
on demand) and the peak resident memory at checkpoints, so a growth with the number of cells
would show.  Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import time
from collections.abc import Iterator

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

DIMENSIONS = ("political_tasks", "meetings", "unity_discipline", "cadres_members")
N_FACTS = 20


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


def run_pool(framework: Framework, backend: str, count: int, workers: int) -> None:
    """The same, with ``evaluate_many`` over a process pool of ``workers`` processes."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers) as pool, Evaluator(framework, backend=backend) as evaluator:
        list(evaluator.evaluate_many(cells(2000), executor=pool, chunksize=500))  # warm-up
        start = time.perf_counter()
        results = evaluator.evaluate_many(cells(count), executor=pool, chunksize=500)
        n, last = 0, None
        for result in results:
            n, last = n + 1, result
        elapsed = time.perf_counter() - start
        assert last is not None
        _ = evaluator.trace(last)  # rebuilt on demand from the evidence it carries
        print(f"  {backend:<8} {n:>8} cells  {n / elapsed:>9,.0f} cells/s  with {workers} worker processes")


def run(framework: Framework, backend: str, count: int) -> None:
    with Evaluator(framework, backend=backend) as evaluator:
        for subject in cells(2000):  # warm-up: compile, caches
            evaluator.evaluate(subject)
        gc.collect()
        checkpoints = {count // 10, count // 2, count}
        grades: dict[str, int] = {}
        start = time.perf_counter()
        last = None
        for n, subject in enumerate(cells(count), 1):
            last = evaluator.evaluate(subject)
            key = last.grade.value if last.grade else "-"
            grades[key] = grades.get(key, 0) + 1
            if n in checkpoints:
                elapsed = time.perf_counter() - start
                print(f"  {backend:<8} {n:>8} cells  {n / elapsed:>9,.0f} cells/s  peak RSS {peak_mib():7.1f} MiB")
        assert last is not None
        trace = evaluator.trace(last)  # the trace of any result is rebuilt on demand from its evidence
        print(f"  {backend:<8} grades: {dict(sorted(grades.items()))}; last trace has {len(trace.rules)} rule steps")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", type=int, default=200_000)
    parser.add_argument("--backend", nargs="+", default=["durable", "python"])
    parser.add_argument("--workers", type=int, default=0, help="also run with a process pool of this size")
    args = parser.parse_args()
    framework = build_framework()
    rules = sum(len(r.rules) for r in framework.rulesets)
    print(f"{args.cells:,} cells, {rules} rules, {N_FACTS} facts per cell")
    for backend in args.backend:
        run(framework, backend, args.cells)
        if args.workers:
            run_pool(framework, backend, args.cells, args.workers)


if __name__ == "__main__":
    main()
