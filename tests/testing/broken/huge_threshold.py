"""Broken on purpose (tests/testing/test_broken_frameworks.py): a rule the durable backend
would compile wrongly if its encoder wrote integers as plain decimal text.

durable_rules stores integers as 64-bit ``long long`` and saturates larger ones at 2**63 - 1,
so a plain encoder would turn both the threshold 10**20 and a volume of 10**21 into 2**63 - 1,
and ``volume > 10**20`` would not hold on durable where it holds in Python.  A framework file
cannot state such a threshold (its numbers stop at 10**15), so this one is built in Python.
"""

from __future__ import annotations

from partyrules import FactSpec, Framework, Grading, Ruleset, Schema, fact, rule

THRESHOLD = 10**20
MAXIMUM = 10**21

SCHEMA = Schema(
    [
        FactSpec("score_general", "float", minimum=0, maximum=30, direction="higher"),
        FactSpec("score_tasks", "float", minimum=0, maximum=70, direction="higher"),
        FactSpec("volume", "int", minimum=0, maximum=MAXIMUM, direction="lower", unit="documents"),
    ]
)

CAP = rule(
    id="huge.cap",
    dimension="annual",
    title_vi="Khối lượng vượt 10^20: tối đa hoàn thành nhiệm vụ",
    title_en="A volume above 10**20: at most COMPLETED",
    when=fact("volume") > THRESHOLD,
    cap="COMPLETED",
    source="test only",
    status="default",
)

FRAMEWORK = Framework(
    "huge-threshold",
    [Ruleset("huge.annual", "cell", "annual", [CAP], SCHEMA)],
    version="1",
    effective_from=2025,
    grading={"cell": Grading(score_facts=("score_general", "score_tasks"))},
)
