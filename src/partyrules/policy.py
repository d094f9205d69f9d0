"""What a framework decides besides its rules: how outcomes become verdicts (:class:`Policy`,
:class:`Bands`), its dimensions' titles (:class:`Dimension`), and the audit findings it accepts
(:class:`Exemption`)."""

from __future__ import annotations

import attrs

from .errors import FrameworkError
from .model import Grade, Rating, UnknownPolicy, coerce

__all__ = ["Bands", "Dimension", "Exemption", "Policy"]


@attrs.frozen
class Bands:
    """Shares of a dimension's maximum for each rating: at least ``good`` is Tốt, and so on.

    The defaults (0.9 / 0.8 / 0.5) are not in any regulation found (domain.md: **default**).
    """

    excellent: float = 0.9
    good: float = 0.8
    average: float = 0.5

    def rating(self, share: float) -> Rating:
        if share >= self.excellent:
            return Rating.EXCELLENT
        if share >= self.good:
            return Rating.GOOD
        if share >= self.average:
            return Rating.AVERAGE
        return Rating.POOR

    def threshold(self, rating: Rating) -> float:
        return {
            Rating.EXCELLENT: self.excellent,
            Rating.GOOD: self.good,
            Rating.AVERAGE: self.average,
            Rating.POOR: 0.0,
        }[rating]


def _grade(value: Grade | str) -> Grade:
    return coerce(Grade, value, error=FrameworkError, loc=("policy", "four_good_min_grade"))


def _unknown(value: UnknownPolicy | str) -> UnknownPolicy:
    return coerce(UnknownPolicy, value, error=FrameworkError, loc=("policy", "unknown"))


@attrs.frozen
class Policy:
    """How outcomes become verdicts.

    ``four_good_min_grade``: the lowest annual grade compatible with Four-Good (**default**
    GOOD); ``unknown``: what an unknown rule counts as; ``quota_share``: the most EXCELLENT
    grades as a share of GOOD ones among comparable subjects (20%, Quy định 124 and 366;
    **confirmed**); ``excellent_requires_good_dimensions``: an organisation with a dimension that
    is not good is at most GOOD (**default**; under regime 124 it follows from the criteria).
    """

    bands: Bands = Bands()
    four_good_min_grade: Grade = attrs.field(default=Grade.GOOD, converter=_grade)
    unknown: UnknownPolicy = attrs.field(default=UnknownPolicy.WORST, converter=_unknown)
    quota_share: float = 0.2
    excellent_requires_good_dimensions: bool = True


@attrs.frozen
class Dimension:
    """A dimension's titles: the full title (the Four-Good wording) and a short one for
    sentences ("meeting quality").  Dimension titles are framework data: a local framework's
    own dimension prints with its own titles."""

    name: str
    title_vi: str
    title_en: str
    short_vi: str = ""
    short_en: str = ""


@attrs.frozen
class Exemption:
    """A named, documented exemption from an audit property for one rule (see the audit how-to);
    ``reason`` says why, and ``reason_vi`` in Vietnamese where it is given (else ``reason``
    stands for both languages)."""

    rule_id: str
    property: str
    reason: str
    reason_vi: str = ""
