"""When a year's review is decided: Hướng dẫn 43-HD/BTCTW §4.

Reviews finish before 31 December of the year (schools too); bodies on a special cycle by
15 January of the next year; the files go to the Central Organisation Commission before
1 February.  Read here, as the text says: a decision for year Y may be dated from 1 January of
Y up to 30 December of Y ("before 31 December"), or up to 15 January of Y + 1 for a body on a
special cycle ("by 15 January").  A later decision is refused, or recorded as an exception with
its reason where the body's rules allow late decisions (its files are then late too: the
message says so after 31 January).  Four-Good recognition follows the grading in the same window
(**default**).  Corrections (re-grading, 366 Art. 13, 15) may come at any later date.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ..errors import PartyrulesError
from ..text.catalogue import msg

__all__ = ["ReviewWindow", "WindowError"]


class WindowError(PartyrulesError):
    """A decision dated outside its year's review window."""


@attrs.frozen
class ReviewWindow:
    """The dates of one year's review."""

    year: int

    @property
    def opens(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    def closes(self, special_cycle: bool = False) -> dt.date:
        """The last day of the window: 30 December ("before 31 December"), or 15 January of
        the next year on a special cycle."""
        return dt.date(self.year + 1, 1, 15) if special_cycle else dt.date(self.year, 12, 30)

    @property
    def files_by(self) -> dt.date:
        """The last day the year's files can go up (before 1 February of the next year)."""
        return dt.date(self.year + 1, 1, 31)

    def check(
        self,
        on: dt.date,
        *,
        body: str,
        special_cycle: bool = False,
        late_allowed: bool = False,
        late_reason: str | None = None,
    ) -> str | None:
        """``None`` when ``on`` is in the window; the exception's reason when it is late but
        allowed; else :class:`WindowError`."""
        closes = self.closes(special_cycle)
        if on < self.opens:
            raise WindowError(msg("review.too_early", on=on.isoformat(), year=self.year))
        if on <= closes:
            return None
        if not late_allowed:
            raise WindowError(msg("review.late_refused", on=on.isoformat(), closes=closes.isoformat(), body=body))
        if not late_reason or not late_reason.strip():
            raise WindowError(msg("review.late_needs_reason", on=on.isoformat(), closes=closes.isoformat()))
        if on > self.files_by:  # recorded; the record says the files go up late too
            files = msg("review.after_files", on=on.isoformat(), year=self.year, files_by=self.files_by.isoformat())
            return f"{late_reason.strip()} ({files})"
        return late_reason.strip()
