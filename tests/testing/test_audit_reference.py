"""The reference framework passes the audit, each property on every kind.

Examples per search follow the hypothesis profile (tests/conftest.py): half its ``max_examples``,
so 30 locally (the fast profile) and 200 in CI (the thorough one).  Where the regulation as
encoded is not sound by the audit's standards, the framework names an exemption, with its
reason, and the how-to documents it; nothing else is accepted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from partyrules import Framework, Registry
from partyrules.testing.audit import PROPERTIES, audit, render_report

EXAMPLES = max(10, settings.default.max_examples // 2)
HOWTO = Path(__file__).parents[2] / "docs" / "howto" / "audit.md"


@pytest.fixture(scope="module")
def fourgood() -> Framework:
    return Registry().framework("fourgood")


@pytest.mark.parametrize("prop", list(PROPERTIES))
def test_the_reference_passes(fourgood: Framework, prop: str) -> None:
    """The audit of the reference framework passes, and every finding it accepts is one of the
    framework's exemptions: the same rule, for the same property."""
    report = audit(fourgood, examples=EXAMPLES, seed=0, properties=[prop])
    assert report.ok, render_report(report)
    exemptions = {(e.rule_id, e.property) for e in fourgood.exemptions}
    accepted = {(v.rule_id, v.property) for v in report.violations}
    assert set() == accepted - exemptions


def test_the_exemptions_are_documented(fourgood: Framework) -> None:
    """The how-to names each rule the reference framework exempts, and each exemption gives
    its reason."""
    page = HOWTO.read_text(encoding="utf-8")
    assert [] == [e.rule_id for e in fourgood.exemptions if f"`{e.rule_id}`" not in page]
    assert [] == [e.rule_id for e in fourgood.exemptions if len(e.reason.split()) < 10]
