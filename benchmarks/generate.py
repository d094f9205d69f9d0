"""Synthetic wards and countries at Phúc Lợi's proportions, for the benchmarks.

Phúc Lợi ward (2025): 98 party organisations and more than 3,900 members (docs/domain.md, "Real
figures"): about 40 members per cell, and one grassroots committee per about 4,000 members.
The facts are drawn so that every grade, both verdicts, vetoes, caps and members not graded all
occur; they are valid for the reference framework ``fourgood``.

    python benchmarks/generate.py ward -o ward.yaml                # one committee, 97 cells, 3,900 members
    python benchmarks/generate.py ward --copies 10 -o ward10.yaml  # ten of them, one YAML document each
    python benchmarks/generate.py country --members 100000 -o country.jsonl

A country is written as JSON Lines, one unit (a committee with its cells and members) per line,
straight to the file: memory does not grow with its size.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from typing import Any

MEMBERS_PER_CELL = 40
MEMBERS_PER_COMMITTEE = 3_900  # Phúc Lợi: 98 organisations, > 3,900 members
CELL_KINDS = ("residential", "agency", "school", "hospital", "enterprise", "armed_forces")
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
GIVEN = ("Văn An", "Thị Lan", "Minh Đức", "Thu Hà", "Quốc Huy", "Mai Anh", "Đức Thắng", "Thị Nga", "Công Sơn")


def _tasks(rng: random.Random) -> dict[str, Any]:
    total = rng.randint(8, 12)
    done = total if rng.random() < 0.9 else rng.randint(total // 2, total - 1)
    on_time = done if rng.random() < 0.85 else rng.randint(max(0, done - 3), done)
    flagged = rng.randint(0, 3)
    return {
        "tasks_total": total,
        "tasks_done": done,
        "tasks_done_on_time": on_time,
        "tasks_exceeded": rng.randint(0, done),
        "shortcomings_flagged": flagged,
        "shortcomings_remedied": flagged if rng.random() < 0.9 else max(0, flagged - 1),
        "score_general": float(rng.randint(20, 30)),
        "score_tasks": float(rng.randint(45, 70)),
    }


def member(rng: random.Random, member_id: str) -> dict[str, Any]:
    facts = {
        "suspended": rng.random() < 0.005,
        "months_since_admission": rng.randint(0, 400) if rng.random() < 0.99 else rng.randint(0, 5),
        **_tasks(rng),
        "degradation_concluded": rng.random() < 0.003,
        "discipline_level": 0 if rng.random() < 0.98 else rng.randint(1, 4),
        "discipline_duty_related": rng.random() < 0.5,
        "breach_prohibitions": rng.random() < 0.002,
        "rating_political_quality": rng.choice(("GOOD", "EXCELLENT", "EXCELLENT")),
        "rating_discipline": rng.choice(("GOOD", "EXCELLENT", "EXCELLENT")),
        "rating_tasks": rng.choice(("AVERAGE", "GOOD", "EXCELLENT")),
    }
    return {"id": member_id, "name": f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}", "facts": facts}


def _organisation(rng: random.Random) -> dict[str, Any]:
    return {
        **_tasks(rng),
        "key_targets_missed": rng.random() < 0.03,
        "political_system_rated_good": rng.random() < 0.9,
        "disunity_concluded": rng.random() < 0.02,
        "leadership_disciplined": rng.random() < 0.02,
        "leadership_degraded": rng.random() < 0.01,
    }


def cell(rng: random.Random, cell_id: str, members: int) -> dict[str, Any]:
    facts = {
        **_organisation(rng),
        "cell_kind": rng.choice(CELL_KINDS),
        "full_members": members - rng.randint(0, 2),
        "members_disciplined": 0 if rng.random() < 0.9 else 1,
        "members_degraded": 0,
        "regular_meetings_held": 12 if rng.random() < 0.9 else rng.randint(9, 11),
        "thematic_meetings_held": rng.randint(3, 6),
        "average_attendance": round(rng.uniform(0.8, 1.0), 2),
        "unexcused_absences": 0 if rng.random() < 0.85 else rng.randint(1, 3),
        "members_absent_over_3_consecutive": 0 if rng.random() < 0.95 else 1,
        "meetings_below_minimum_duration": 0 if rng.random() < 0.9 else 1,
        "materials_posted_late": 0 if rng.random() < 0.9 else 1,
        "resolutions_carried_out": rng.random() < 0.95,
    }
    facts["meetings_rated_good"] = rng.randint(
        max(0, facts["regular_meetings_held"] - 4), facts["regular_meetings_held"]
    )
    return {
        "id": cell_id,
        "name": f"Chi bộ {cell_id}",
        "facts": facts,
        "members": [member(rng, f"{cell_id}-m{m:02d}") for m in range(members)],
    }


def committee(rng: random.Random, committee_id: str, members: int) -> dict[str, Any]:
    """A grassroots committee and its cells of about 40 members each, ``members`` in all."""
    cells = []
    left, index = members, 0
    while left > 0:
        size = min(left, rng.randint(MEMBERS_PER_CELL - 10, MEMBERS_PER_CELL + 10))
        if 0 < left - size < 5:
            size = left  # no cell under the Charter's three full members and then some
        cells.append(cell(rng, f"{committee_id}-c{index:03d}", size))
        left -= size
        index += 1
    facts = {
        **_organisation(rng),
        "committee_meetings_held": 12,
        "cells_disciplined": 0,
        "cells_disciplined_corruption": 0,
    }
    return {"id": committee_id, "name": f"Đảng bộ {committee_id}", "facts": facts, "cells": cells}


def ward(seed: int = 1, copy: int = 0) -> dict[str, Any]:
    """One ward of Phúc Lợi's size: a committee with 3,900 members in about 97 cells (``copy``
    numbers the copies of a larger file: each has its own ids and facts)."""
    rng = random.Random(seed * 1_000 + copy)
    name = "phuc-loi" if copy == 0 else f"phuc-loi-{copy}"
    return {"period": 2025, "framework": "fourgood", "committees": [committee(rng, name, MEMBERS_PER_COMMITTEE)]}


def country(members: int, seed: int = 1) -> Iterator[dict[str, Any]]:
    """Units of a country of ``members`` members: one committee of about 3,900 per unit."""
    rng = random.Random(seed)
    index = 0
    while members > 0:
        size = min(members, MEMBERS_PER_COMMITTEE)
        yield {"period": 2025, "committees": [committee(rng, f"k{index:05d}", size)]}
        members -= size
        index += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["ward", "country"])
    parser.add_argument("--members", type=int, default=5_600_000, help="members of the country")
    parser.add_argument(
        "--copies", type=int, default=1, help="ward: this many wards, one YAML document (one unit) each"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    with open(args.output, "w", encoding="utf-8") as stream:
        if args.what == "ward":
            import yaml

            dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
            documents = (ward(args.seed, copy) for copy in range(args.copies))
            yaml.dump_all(documents, stream, allow_unicode=True, sort_keys=False, Dumper=dumper)
        else:
            for unit in country(args.members, args.seed):
                stream.write(json.dumps(unit, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
