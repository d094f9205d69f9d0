"""A ward stays instant; a ward ten times larger uses two cores.

Run:  python benchmarks/bench_ward.py [--rounds 3]

Generates (benchmarks/generate.py) the ward of Phúc Lợi's size, one committee with 3,900
members in about 97 cells, as YAML, and a file of ten such wards (39,000 members, one YAML
document each), then times ``partyrules evaluate`` on them, each command run ``--rounds``
times (the fastest run counts; peak memory is the largest seen):

- the ward, ``--format json``: targets ≤ 3 s and ≤ 150 MB;
- the ten wards, ``--format json``, in one process and with ``--workers 2``: target ≥ 1.6×.

Not a test: it asserts nothing, it prints the figures next to their targets.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _measure import mb, measure, verdict

HERE = Path(__file__).parent
PARTYRULES = [sys.executable, "-m", "partyrules.cli"]


def best(command: list[str], rounds: int) -> tuple[float, int]:
    runs = [measure(command) for _ in range(rounds)]
    return min(wall for wall, _ in runs), max(peak for _, peak in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--backend", default="auto", choices=["auto", "durable", "python"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="partyrules-ward-") as scratch:
        folder = Path(scratch)
        ward, wards = folder / "ward.yaml", folder / "ward10.yaml"
        generate = [sys.executable, str(HERE / "generate.py"), "ward"]
        measure([*generate, "-o", str(ward)])
        measure([*generate, "--copies", "10", "-o", str(wards)])
        options = ["--format", "json", "--backend", args.backend]

        wall, peak = best([*PARTYRULES, "evaluate", str(ward), *options, "-o", str(folder / "ward.json")], args.rounds)
        size = (folder / "ward.json").stat().st_size
        print(f"ward, 3,900 members from YAML, --format json ({args.backend}):")
        print(f"  wall      {wall:6.2f} s    target ≤ 3 s       {verdict(wall <= 3)}")
        print(f"  peak      {mb(peak):>9}   target ≤ 150 MB    {verdict(peak <= 150 * 2**20)}")
        print(f"  output    {size / 3900:,.0f} bytes per member")

        one, peak_one = best(
            [*PARTYRULES, "evaluate", str(wards), *options, "-o", str(folder / "one.json")], args.rounds
        )
        two, peak_two = best(
            [*PARTYRULES, "evaluate", str(wards), *options, "--workers", "2", "-o", str(folder / "two.json")],
            args.rounds,
        )
        same = (folder / "one.json").read_bytes() == (folder / "two.json").read_bytes()
        print(f"ten wards, 39,000 members, --format json ({args.backend}):")
        print(f"  one process   {one:6.2f} s   {mb(peak_one)}")
        print(f"  --workers 2   {two:6.2f} s   {mb(peak_two)}   output identical: {same}")
        print(f"  speed-up      {one / two:6.2f}×   target ≥ 1.6×     {verdict(one / two >= 1.6)}")


if __name__ == "__main__":
    main()
