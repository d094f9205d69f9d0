"""The framework ``hoa-binh-admission``: the reference framework plus the admission criterion.

A framework factory: partyrules calls :func:`admission_framework` with its registry once every
ruleset is registered, so the framework takes its rulesets from the registry rather than from
imports.
"""

from __future__ import annotations

import attrs

from partyrules import Framework, Registry

RULESETS = ("hoa-binh.admission.cell", "hoa-binh.admission.committee")
#: The admission rule's 3 points come from the members' grades rule (12 → 9), so that
#: cadres_members still has 25 points for cells and committees alike (9 + 6 + 7 + 3).
POINTS = {"cadres.members_good_share": 9}


def admission_framework(registry: Registry) -> Framework:
    """``fourgood`` with the admission ruleset, the points moved, and this ward's title."""
    reference = registry.framework("fourgood")
    return attrs.evolve(
        reference,
        name="hoa-binh-admission",
        version="2025.1",
        rulesets=(*reference.rulesets, *(registry.ruleset(name) for name in RULESETS)),
        points={**reference.points, **POINTS},
        title_vi="Khung tiêu chí tham chiếu và tiêu chí kết nạp đảng viên của phường Hòa Bình (ví dụ)",
        title_en="The reference framework with Hòa Bình ward's new-member criterion (example)",
        issuer="Đảng ủy phường Hòa Bình (ví dụ)",
        document="Kế hoạch 12-KH/ĐU, phụ lục 3 (ví dụ)",
        effective_from=2023,
        effective_to=None,
        extends=f"{reference.name} {reference.version}",
    )
