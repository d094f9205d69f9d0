"""A ward's whole review, from the command line into a SQLite file.

Run:  python benchmarks/bench_review.py

Generates (benchmarks/generate.py) the ward of Phúc Lợi's size, one grassroots committee with
3,900 members in about 97 cells, under a province, then times each ``partyrules review`` step
on it, in a fresh database: the self-assessment of every subject, the committee deciding its
cells and their members (with the quota), the province deciding the committee, the Four-Good
recognition, a cell's history with every stage, and the summary table. Prints each step's wall
time and peak memory and the database's size. Target: each step of a ward in ≤ 10 s (a ward's
staff should not wait), peak memory ≤ 300 MB.

Not a test: it asserts nothing, it prints the figures next to their targets.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from _measure import mb, measure, verdict
from generate import ward

PARTYRULES = [sys.executable, "-m", "partyrules.cli", "review"]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="partyrules-review-") as scratch:
        folder = Path(scratch)
        data = ward()
        committee = data["committees"][0]
        data["organisation"] = {"province": {"level": "province"}, committee["id"]: {"parent": "province"}}
        source = folder / "ward.json"
        source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        members = sum(len(c.get("members", [])) for c in committee["cells"])
        cell = committee["cells"][0]["id"]
        db = str(folder / "ward.sqlite")
        steps = [
            ("self-assess", ["self-assess", str(source), "--on", "2025-12-05"]),
            ("decide (committee)", ["decide", "--by", committee["id"], "--year", "2025", "--on", "2025-12-20"]),
            ("decide (province)", ["decide", "--by", "province", "--year", "2025", "--on", "2025-12-28"]),
            ("recognise", ["recognise", "--by", committee["id"], "--year", "2025", "--on", "2025-12-29"]),
            ("history --explain", ["history", cell, "--explain"]),
            ("export (xlsx)", ["export", "--by", committee["id"], "--year", "2025", "-o", str(folder / "t.xlsx")]),
        ]
        print(f"a ward of {len(committee['cells'])} cells and {members:,} members, backend auto")
        for name, args in steps:
            wall, peak = measure([*PARTYRULES, *args, "--db", db], quiet=True)
            print(f"  {name:<20} {wall:6.2f} s  {mb(peak):>8}   {verdict(wall <= 10 and peak <= 300 * 2**20)}")
        print(f"  database: {Path(db).stat().st_size / 2**20:.1f} MB")
        print("targets: each step ≤ 10 s and ≤ 300 MB")


if __name__ == "__main__":
    main()
