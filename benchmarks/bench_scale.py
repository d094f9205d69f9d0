"""The whole country: a streamed, parallel run with flat memory.

Run:  python benchmarks/bench_scale.py [--members 5600000] [--backend auto] [--runs serial workers dask]

Generates a synthetic country at Phúc Lợi's proportions (about 40 members per cell, one
grassroots committee per about 3,900 members; 5.6 million members by default) straight to a
JSON Lines file (benchmarks/generate.py), then times ``partyrules evaluate --format jsonl`` on
it: in one process, with ``--workers 2``, and on a ``distributed.LocalCluster`` of two worker
processes (``--scheduler``) when Dask is installed.  For each it prints subjects per second,
wall time, peak memory (the command, its workers and the cluster's workers) and output bytes
per member, next to the targets: the whole country in ≤ 5 minutes with two workers, peak
memory ≤ 1 GB whatever the size, ≤ 1.5 KB per member.  On two cores a LocalCluster is not
expected to beat a process pool.  Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from _measure import mb, measure, verdict

HERE = Path(__file__).parent
PARTYRULES = [sys.executable, "-m", "partyrules.cli"]
COUNTRY = 5_600_000


@contextlib.contextmanager
def cluster() -> Iterator[tuple[str, list[int]] | None]:
    """A LocalCluster of two worker processes (address, worker pids), or None without Dask."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        yield None
        return
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local,
        Client(local) as client,
    ):
        pids = list(client.run(lambda: __import__("os").getpid()).values())
        yield local.scheduler_address, pids


def subjects_of(members: int) -> int:
    """Members, plus their cells (about 40 members each) and committees (one per 3,900)."""
    committees = -(-members // 3_900)
    return members + committees + round(members / 40)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=COUNTRY)
    parser.add_argument("--backend", default="auto", choices=["auto", "durable", "python"])
    parser.add_argument(
        "--runs", nargs="+", default=["serial", "workers", "dask"], choices=["serial", "workers", "dask"]
    )
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder instead of a temporary one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="partyrules-country-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        source = folder / f"country-{args.members}.jsonl"
        if not source.exists():
            started = time.perf_counter()
            measure(
                [
                    sys.executable,
                    str(HERE / "generate.py"),
                    "country",
                    "--members",
                    str(args.members),
                    "-o",
                    str(source),
                ]
            )
            print(
                f"generated {args.members:,} members ({mb(source.stat().st_size)}) in {time.perf_counter() - started:.0f} s"
            )
        subjects = subjects_of(args.members)
        share = args.members / COUNTRY
        print(f"{args.members:,} members, about {subjects:,} subjects; backend {args.backend}")
        print(f"{'run':14} {'wall':>9} {'subjects/s':>11} {'peak':>9} {'bytes/member':>13}  country at this speed")
        results: dict[str, float] = {}
        for run in args.runs:
            target = folder / f"out-{run}.jsonl"
            command = [
                *PARTYRULES,
                "evaluate",
                str(source),
                "--format",
                "jsonl",
                "--backend",
                args.backend,
                "-o",
                str(target),
            ]
            with cluster() if run == "dask" else contextlib.nullcontext(None) as local:
                if run == "dask" and local is None:
                    print("dask           (not installed: pip install 'partyrules[dask]')")
                    continue
                if run == "workers":
                    command += ["--workers", "2"]
                if local is not None:
                    command += ["--scheduler", local[0]]
                wall, peak = measure(command, also=local[1] if local is not None else ())
            results[run] = wall
            per_member = target.stat().st_size / args.members
            country = wall / share
            print(
                f"{run:14} {wall:8.1f}s {subjects / wall:11,.0f} {mb(peak):>9} {per_member:13,.0f}  {country / 60:5.1f} min"
            )
            print(f"{'':14} peak ≤ 1 GB: {verdict(peak <= 2**30)}; ≤ 1.5 KB per member: {verdict(per_member <= 1536)}")
        if "workers" in results:
            country = results["workers"] / share
            print(f"the country with --workers 2: {country / 60:.1f} min, target ≤ 5 min: {verdict(country <= 300)}")
        if "serial" in results and "workers" in results:
            print(f"--workers 2 against one process: {results['serial'] / results['workers']:.2f}×")
        if "dask" in results and "workers" in results:
            print(
                f"LocalCluster against the process pool: {results['workers'] / results['dask']:.2f}× (2 cores: not expected to win)"
            )
        outputs = [folder / f"out-{run}.jsonl" for run in results]
        if len(outputs) > 1:
            first = outputs[0].read_bytes()
            print("outputs identical:", all(path.read_bytes() == first for path in outputs[1:]))


if __name__ == "__main__":
    main()
