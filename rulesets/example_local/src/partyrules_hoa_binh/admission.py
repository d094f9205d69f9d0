"""A criterion a framework file cannot write: the rate of new members admitted in the year.

The rate is computed by a Python function, :func:`admission_rate`, from two facts the cell (or
the committee) reports: the members admitted this year and the members at the end of the year.
A framework file compares a fact with a value or a parameter; it cannot do arithmetic on facts.
Once this ruleset declares the derived fact ``admission_rate``, framework files that extend a
framework with this ruleset can read it (and ``members_admitted``) like any other fact.

Invented example: the document cited is not a real one.
"""

from __future__ import annotations

from partyrules import (
    Derived,
    Direction,
    FactSpec,
    FactType,
    Kind,
    ParamSpec,
    Ruleset,
    Schema,
    at_most,
    fact,
    param,
    rule,
)

SOURCE = "Kế hoạch 12-KH/ĐU phường Hòa Bình, phụ lục 3 (ví dụ)"
DIMENSION = "cadres_members"


def admission_rate(admitted: int, total: int) -> float | None:
    """New members as a share of the members at the start of the year (``total - admitted``);
    undefined when every member is new."""
    start = total - admitted
    return None if start <= 0 else admitted / start


# ``members_total`` is declared exactly as the reference framework declares it: a fact shared by
# two rulesets must be declared identically (the framework checks it when it is built).
MEMBERS_TOTAL = FactSpec(
    "members_total", FactType.INT, "Số đảng viên", "Members", unit="members", minimum=0, direction=Direction.NEUTRAL
)
MEMBERS_ADMITTED = FactSpec(
    "members_admitted",
    FactType.INT,
    "Số đảng viên mới kết nạp trong năm",
    "New members admitted this year",
    unit="members",
    minimum=0,
    direction=Direction.HIGHER,
)
ADMISSION_RATE = Derived(
    FactSpec(
        "admission_rate",
        FactType.FLOAT,
        "Tỉ lệ kết nạp đảng viên mới (so với số đảng viên đầu năm)",
        "New members admitted, as a share of the members at the start of the year",
        unit="share",
        minimum=0,
        direction=Direction.HIGHER,
    ),
    ("members_admitted", "members_total"),
    admission_rate,
    formula="members_admitted / (members_total - members_admitted)",
)
SCHEMA = Schema(
    [MEMBERS_TOTAL, MEMBERS_ADMITTED],
    derived=[ADMISSION_RATE],
    constraints=[at_most("members_admitted", "members_total")],
)

PARAMETERS = [
    ParamSpec(
        "min_admission_rate",
        0.03,
        "Tỉ lệ kết nạp đảng viên mới tối thiểu",
        "New members admitted, at least (share of the members at the start of the year)",
        SOURCE,
        "default",
        unit="share",
        minimum=0,
        maximum=1,
    ),
]

ADMISSION = rule(
    id="hoa-binh.cadres.admission",
    dimension=DIMENSION,
    title_vi="Kết nạp đảng viên mới đạt tỉ lệ của phường",
    title_en="New members admitted at the ward's rate",
    when=fact("admission_rate") >= param("min_admission_rate"),
    points=3,
    source=SOURCE,
    status="default",
    note="admission_rate is computed by partyrules_hoa_binh.admission.admission_rate",
)

RULESETS = (
    Ruleset(
        "hoa-binh.admission.cell",
        Kind.CELL,
        DIMENSION,
        [ADMISSION],
        SCHEMA,
        PARAMETERS,
        title_vi="Kết nạp đảng viên mới (chi bộ)",
        title_en="New member admission (cells)",
        version="0.1.0",
    ),
    # The committees get the same rule: the points the framework moves to it are taken from a
    # rule that cells and committees share (see framework.py), so both must gain it.
    Ruleset(
        "hoa-binh.admission.committee",
        Kind.COMMITTEE,
        DIMENSION,
        [ADMISSION],
        SCHEMA,
        PARAMETERS,
        title_vi="Kết nạp đảng viên mới (đảng bộ cơ sở)",
        title_en="New member admission (grassroots committees)",
        version="0.1.0",
    ),
)
